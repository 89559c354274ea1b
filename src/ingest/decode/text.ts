/**
 * Text decoding: which encoding a file is in, detected from its bytes (never from its name).
 *
 * Order: a BOM decides; otherwise strict UTF-8 (a GB18030 file is almost never valid UTF-8,
 * so validity is a reliable test — for short texts it is checked for plausibility too);
 * otherwise GB18030 (a superset of GBK and GB2312) and then
 * Big5, each accepted only when the decoded text looks like Chinese prose: no replacement
 * characters, hardly any characters outside CJK/ASCII/punctuation, and enough of the most
 * common Han characters. The last test matters because Big5 bytes decode as GB18030 without
 * a single error, into text no one can read.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';

/** Decoded text with the encoding it was read in. */
export interface DecodedText {
  text: string;
  /** `utf-8`, `utf-16le`, `utf-16be`, `gb18030` or `big5`. */
  encoding: string;
  /** True when the bytes began with a byte-order mark (not part of `text`). */
  bom: boolean;
}

/**
 * True when the bytes are not text: a NUL byte, or more than 1% control characters (other
 * than tab, line feed, carriage return, form feed, vertical tab and ESC) in the first 64 KB.
 * UTF-16 with a BOM has NULs by design and is not binary.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  if (hasUtf16Bom(bytes)) return false;
  const n = Math.min(bytes.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x0b && b !== 0x1b) control++;
  }
  return n > 0 && control / n > 0.01;
}

function hasUtf16Bom(b: Uint8Array): boolean {
  return b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff));
}

/** The 200-odd most frequent Han characters of modern (and administrative) Chinese. */
const COMMON_HAN = new Set([
  ...'的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律且究观越织装影算低持音众书布复容须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往历市克何除消构府称太准精值号率族维划选标写存候亲快效院查江型按格养易置派层片始专状育京识适属包火住调满县局照参红细引听该铁价严',
]);

const HAN = /\p{Script=Han}/u;
/** Characters a Chinese document plausibly contains besides Han: ASCII, Latin-1, punctuation, CJK symbols, full-width forms, box drawing, Greek and Cyrillic letters, circled numbers. */
const PLAUSIBLE_OTHER =
  /[\u0009-\u000d\u0020-\u007e\u00a0-\u00ff\u0391-\u03c9\u0401-\u0451\u2000-\u206f\u2100-\u218f\u2190-\u21ff\u2200-\u22ff\u2460-\u24ff\u2500-\u257f\u25a0-\u25ff\u2600-\u26ff\u3000-\u303f\u3200-\u32ff\u3300-\u33ff\ufe30-\ufe4f\uff00-\uffef]/u;

/** How Chinese-like a decoded text is. Pure: used to accept or reject a candidate encoding. */
export function textPlausibility(text: string): { replacement: number; implausible: number; han: number; commonHan: number; total: number } {
  let replacement = 0;
  let implausible = 0;
  let han = 0;
  let commonHan = 0;
  let total = 0;
  for (const ch of text) {
    total++;
    if (ch === '\ufffd') replacement++;
    else if (HAN.test(ch)) {
      han++;
      if (COMMON_HAN.has(ch)) commonHan++;
    } else if (!PLAUSIBLE_OTHER.test(ch)) implausible++;
  }
  return { replacement, implausible, han, commonHan, total };
}

/**
 * True when `text` reads as Chinese (or plain ASCII) prose: no U+FFFD, at most 1% characters
 * outside the plausible set, and — when there are 20+ Han characters — at least 15% of them
 * among the most common ones (real Chinese text scores 40–60%, mojibake under 10%).
 */
export function isPlausibleText(text: string): boolean {
  const p = textPlausibility(text);
  if (p.total === 0) return true;
  if (p.replacement > 0) return false;
  if (p.implausible / p.total > 0.01) return false;
  if (p.han >= 20 && p.commonHan / p.han < 0.15) return false;
  return true;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Strict UTF-8 decode, or null when the bytes are not valid UTF-8. */
export function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Decodes text bytes, detecting the encoding. Returns null when no candidate encoding gives
 * plausible text (the caller raises FILE_UNDECODABLE). `hint` is an encoding a container
 * declared (an HTML `<meta charset>`): it is tried first among the legacy encodings.
 */
export function decodeText(bytes: Uint8Array, hint?: string | null): DecodedText | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = tryUtf8(bytes.subarray(3));
    return text === null ? null : { text, encoding: 'utf-8', bom: true };
  }
  if (hasUtf16Bom(bytes)) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    const text = iconv.decode(Buffer.from(bytes.subarray(2)), encoding);
    return isPlausibleText(text) ? { text, encoding, bom: true } : null;
  }
  const asUtf8 = tryUtf8(bytes);
  // Valid UTF-8 wins unless it reads as nonsense: a short GBK text can be valid UTF-8 by
  // chance ("全" is C8 AB, which is also UTF-8 for "ȫ").
  if (asUtf8 !== null && isPlausibleText(asUtf8)) return { text: asUtf8, encoding: 'utf-8', bom: false };
  // Every plausible legacy reading competes on how common its Han characters are: GBK bytes
  // read as Big5 (or the reverse) stay "plausible" on short texts but use rare characters.
  let best: { text: string; encoding: string; score: number } | null = null;
  for (const encoding of legacyCandidates(bytes, hint)) {
    const text = iconv.decode(Buffer.from(bytes), encoding);
    if (!isPlausibleText(text)) continue;
    const p = textPlausibility(text);
    const score = p.han ? p.commonHan / p.han : 0;
    // Overriding valid UTF-8 needs clearly Chinese text (many common Han characters), or
    // UTF-8 that is mostly nonsense (a lone combining mark is what "态" in GBK reads as).
    if (asUtf8 !== null) {
      const u = textPlausibility(asUtf8);
      if (p.han === 0 || (score < 0.3 && u.implausible / u.total < 0.5)) continue;
    }
    if (!best || score > best.score) best = { text, encoding, score };
  }
  if (best) return { text: best.text, encoding: best.encoding, bom: false };
  return asUtf8 === null ? null : { text: asUtf8, encoding: 'utf-8', bom: false };
}

/** Legacy encodings to try, most likely first (first wins a tie): the declared one, chardet's guess, GB18030, Big5. */
function legacyCandidates(bytes: Uint8Array, hint?: string | null): string[] {
  const out: string[] = [];
  const add = (name: string | null | undefined) => {
    const e = canonicalEncoding(name);
    if (e && !out.includes(e)) out.push(e);
  };
  add(hint);
  // chardet only reorders the two Chinese encodings; it is unreliable on short texts.
  const guess = chardet.analyse(bytes.subarray(0, 65536)).find((m) => m.name === 'GB18030' || m.name === 'Big5');
  if (guess && guess.confidence >= 50) add(guess.name);
  add('gb18030');
  add('big5');
  return out;
}

/** Maps declared charset names onto the ones we decode, or null for anything else. */
export function canonicalEncoding(name: string | null | undefined): string | null {
  const n = (name ?? '').trim().toLowerCase().replace(/_/g, '-');
  if (/^(gb18030|gbk|gb2312|gb-2312|x-gbk|cp936|euc-cn|hz-gb-2312|chinese)$/.test(n)) return 'gb18030';
  if (/^(big5|big5-hkscs|cp950|x-x-big5)$/.test(n)) return 'big5';
  return null;
}
