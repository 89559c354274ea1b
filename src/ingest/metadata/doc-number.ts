/**
 * 文号 (document numbers) such as `晋政办发〔2023〕36号`: finding them in text and reducing
 * every bracket variant (〔〕 [] （） () 【】 ［］ ﹝﹞ 〖〗) to the canonical 〔〕 form.
 *
 * Extraction damage is common: `晋政办发〔202195号` (the 〕 lost) and `晋自然资发〔20229)` (the
 * 〕 and 号 lost). When only non-digit characters are missing, the digits still split
 * unambiguously into a four-digit year and the serial, so the number is recovered; when digits
 * may be missing (no serial at all, or digits on both sides of a bracket that do not fit),
 * `normalized` stays null. Nothing is ever invented.
 */
import type { DocNumber } from '../types.js';

const OPEN = '〔\\[(（【［﹝〖';
const CLOSE = '〕\\])）】］﹞〗';

/**
 * A candidate: Han prefix, an opening bracket, 4–8 digits starting 19/20, an optional closing
 * bracket, an optional serial and an optional 号. Validated by {@link parseMatch}.
 */
const CANDIDATE = new RegExp(`(\\p{Script=Han}{1,14})\\s*([${OPEN}])\\s*((?:19|20)\\d{2,6})(?!\\d)\\s*([${CLOSE}]?)\\s*(\\d{0,4})(?!\\d)\\s*(号?)`, 'gu');

/** Words that end up in front of a prefix in running text ("根据晋政办发…"). */
const LEADING_WORDS = /^(?:根据|按照|依据|依照|参照|对照|贯彻落实|贯彻|落实|执行|结合|转发|印发|详见|见|和|与|及|以及|或|的|为|精神|文件|通知|意见|要求|同时)/u;
/** Last characters of real 文号 prefixes (…发, …函, …字, …规, …办, …令, …电, …文, …通). */
const PREFIX_END = /[发函字规办令电文通复]$/u;

/** The 文号 prefix without running-text words in front of it. */
function trimPrefix(prefix: string): string {
  let p = prefix;
  for (let i = 0; i < 4 && p.length > 2; i++) {
    const m = LEADING_WORDS.exec(p);
    if (!m || p.length - m[0].length < 2) break;
    p = p.slice(m[0].length);
  }
  return p;
}

interface Parts {
  prefix: string;
  digits: string;
  close: string;
  serial: string;
  hao: string;
}

/** Turns the parts of a candidate into a DocNumber, or null when it is no 文号 at all. */
function build(raw: string, parts: Parts, next: string): DocNumber | null {
  const { prefix, digits, close, serial, hao } = parts;
  // "(2016—2030年)", "(2022年)": a year range or a year, not a 文号.
  if (/^[年月-]/.test(next) && !hao) return null;
  const complete = digits.length === 4 && close && serial && hao;
  if (!complete && !hao && !PREFIX_END.test(prefix)) return null;
  const year = Number(digits.slice(0, 4));
  if (year < 1949 || year > 2100) return null;
  let serialNum: number | null = null;
  if (digits.length === 4) {
    serialNum = serial ? Number(serial) : null;
  } else if (!serial) {
    // The closing bracket was lost: the digits after the year are the serial.
    serialNum = Number(digits.slice(4));
  }
  if (serialNum === 0) serialNum = null;
  const normalized = serialNum !== null ? `${prefix}〔${year}〕${serialNum}号` : null;
  return { raw, normalized, prefix, year, serial: serialNum };
}

/**
 * Parses one 文号 as written. Always returns a DocNumber: fields that cannot be recovered
 * are null (`normalized` is null unless prefix, year and serial are all certain).
 *
 * @example normalizeDocNumber('晋政办发[2023]36号').normalized === '晋政办发〔2023〕36号'
 * @example normalizeDocNumber('晋自然资发〔20229)').normalized === '晋自然资发〔2022〕9号'
 */
export function normalizeDocNumber(raw: string): DocNumber {
  const text = raw.normalize('NFKC').trim();
  const re = new RegExp(CANDIDATE.source, 'u');
  const m = re.exec(text);
  if (m) {
    const prefix = trimPrefix(m[1]);
    const parsed = build(raw.trim(), { prefix, digits: m[3], close: m[4], serial: m[5], hao: m[6] }, text.slice(m.index + m[0].length));
    if (parsed) return parsed;
  }
  return { raw: raw.trim(), normalized: null, prefix: null, year: null, serial: null };
}

/** A 文号 found in text, with its offsets. */
export interface FoundDocNumber {
  docNumber: DocNumber;
  start: number;
  end: number;
}

/** Every 文号 in `text` (intact or damaged), in order, with offsets into `text`. */
export function findDocNumbers(text: string): FoundDocNumber[] {
  const out: FoundDocNumber[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const prefix = trimPrefix(m[1]);
    const start = m.index + m[1].length - prefix.length;
    let end = m.index + m[0].length;
    // Do not swallow trailing spaces the optional groups matched.
    while (end > start && /\s/.test(text[end - 1])) end--;
    const raw = text.slice(start, end);
    const parsed = build(raw, { prefix, digits: m[3], close: m[4], serial: m[5], hao: m[6] }, text.slice(end, end + 1));
    if (parsed) out.push({ docNumber: parsed, start, end });
  }
  return out;
}
