/**
 * Cleaning: from the original text of a document to the text every later stage reads, with a
 * map back to the original so any quote can be checked against the file the user gave us.
 *
 * What it does, line by line:
 * - drops web chrome (site banners, 当前位置 bars, 字体大小 toggles, 打印/关闭本页 links);
 * - NFKC-normalises each character (full-width punctuation and digits become ASCII);
 * - removes spaces next to CJK text (PDF extraction sprinkles them: "到 2025 年"), keeps one
 *   space between two ASCII alphanumerics, turns wide gaps (3+ spaces) and tabs into a tab
 *   (table cells and "signature    date" lines stay separable);
 * - drops blank lines and rejoins sentences that a page break split in two.
 */
import { opensClause } from '../zh/clause-markers.js';
import { ISSUER_LINE } from '../zh/organisations.js';
import { DATE_TOKEN } from './metadata/dates.js';
import type { CleanText } from './types.js';

/** Lines that are navigation, toolbars or banners of government web pages, never content. */
const CHROME_PATTERNS: RegExp[] = [
  /^(当前位置|您当前的位置|您的位置|你的位置|所在位置)/,
  /^(字体大小|字号|字体)[:：]?\s*[【[]?[大中小]/,
  /[【[]\s*大\s*[】\]]\s*[【[]\s*中\s*[】\]]\s*[【[]\s*小\s*[】\]]/,
  /(^|\s)大\s+中\s+小(\s|$)/,
  /^(打印|关闭|保存|收藏|分享|返回顶部|【打印】|【关闭】)/,
  /(打印本页|关闭本页|关闭窗口|打印此页|【打印本页】|【关闭窗口】|保存为word)/i,
  /^(今天是|热点查询|热门搜索|扫一扫|网站地图|联系我们|无障碍|English\b)/,
  /^\S*政府网\s*[|丨｜]?\s*\S*(政府|政府网)(\s*[|丨｜]?\s*\S*(政府|政府网))*\s*$/,
  /^(中国政府网|中华人民共和国中央人民政府)(\s+[|丨｜]?\s*\S+)+$/,
  /^(版权所有|主办单位|承办单位|网站标识码|ICP备|技术支持)/,
];

const CJK_OR_WIDE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’《》〈〉【】〔〕、。，；：？！（）…—·]/u;
const ASCII_ALNUM = /[A-Za-z0-9]/;
const TERMINAL = /[。！？；：!?;:]["”’)）」』]*$/;
/** Labelled fields of web-page metadata blocks (索引号, 发文机关, …): each stands on its own line. */
const FIELD_START = /^(索引号|发文字号|文号|发文时间|成文日期|发文机关|发布机构|主题词|主题分类|标题|发布日期|原文链接|来源|时间|信息来源|访问量)/;
/** Lines that end a title or a form field, which look unfinished but are complete. */
const TITLE_END = /(通知|方案|机制|意见|办法|规定|细则|要点|规划|解读|分工表|分解表|文件|决定|批复|函)$/;

/**
 * Longest line that can be web chrome. Banners and 当前位置 bars are short; a longer line is
 * content (a page pasted as one line must not be dropped whole because it mentions 打印本页).
 */
const MAX_CHROME_CHARS = 200;

/** The font-size widget of a web page (大 中 小), which may share a line with the page's fields. */
const FONT_WIDGET = /(?:^|\s)大\s+中\s+小(?:\s|$)/;
/** A field label anywhere in a line (来源:, 发布时间:). */
const FIELD_ANYWHERE = /(索引号|发文字号|发文时间|成文日期|发文机关|发布机构|发布日期|发布时间|来源|信息来源|时间)\s*[:：]/;

/** True when a line (after trimming) is web chrome that should never reach the index. */
export function isChromeLine(line: string): boolean {
  const t = line.trim();
  if (!t || t.length > MAX_CHROME_CHARS) return false;
  return CHROME_PATTERNS.some((re) => re.test(t));
}

interface Line {
  chars: string[];
  offs: number[];
}

/** NFKC-normalise one original line into characters with their original offsets, fixing spacing. */
function normaliseLine(src: string, base: number): Line {
  const chars: string[] = [];
  const offs: number[] = [];
  let i = 0;
  for (const cp of src) {
    const c = cp.charCodeAt(0);
    // Printable ASCII and CJK unified ideographs are their own NFKC form: most of every line.
    if ((c >= 0x20 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff)) {
      chars.push(cp);
      offs.push(base + i);
      i += 1;
      continue;
    }
    const norm = cp.normalize('NFKC');
    for (const ch of norm) {
      chars.push(ch === '\u00a0' || ch === '\u3000' ? ' ' : ch);
      offs.push(base + i);
    }
    i += cp.length;
  }
  // Collapse whitespace runs: drop at the ends, next to CJK; keep one space between ASCII alnums; wide gaps become a tab.
  const outC: string[] = [];
  const outO: number[] = [];
  let k = 0;
  while (k < chars.length) {
    if (!/\s/.test(chars[k])) {
      outC.push(chars[k]);
      outO.push(offs[k]);
      k++;
      continue;
    }
    let j = k;
    let hasTab = false;
    while (j < chars.length && /\s/.test(chars[j])) {
      if (chars[j] === '\t') hasTab = true;
      j++;
    }
    const prev = outC.length ? outC[outC.length - 1] : '';
    const next = j < chars.length ? chars[j] : '';
    if (hasTab || (j - k >= 3 && prev && next)) {
      // A cell separator. Leading tabs matter in tables (an empty first cell), so keep them.
      if (hasTab || prev) {
        outC.push('\t');
        outO.push(offs[k]);
      }
    } else if (prev && next && ASCII_ALNUM.test(prev) && ASCII_ALNUM.test(next)) {
      outC.push(' ');
      outO.push(offs[k]);
    } else if (prev && next && !CJK_OR_WIDE.test(prev) && !CJK_OR_WIDE.test(next) && !/[.,%]/.test(prev + next)) {
      outC.push(' ');
      outO.push(offs[k]);
    }
    k = j;
  }
  // Trailing tabs carry nothing.
  while (outC.length && outC[outC.length - 1] === '\t') {
    outC.pop();
    outO.pop();
  }
  return { chars: outC, offs: outO };
}

/**
 * Should line `b` continue line `a` (a sentence split by a page break or a hard wrap)?
 * Long unfinished lines continue unless the next line opens a new clause; short headings
 * and titles stand alone.
 */
export function shouldJoinLines(a: string, b: string): boolean {
  if (!a || !b) return false;
  return joinsParagraph(startParagraph(a), b);
}

/**
 * What the join rule reads of the paragraph built so far — its start, its end, whether it has a
 * tab, its length, whether it is a signature line — kept up to date as lines join, so deciding
 * one join costs the same however long the paragraph already is (thousands of wrapped lines
 * joining into one paragraph must not cost the square of their number).
 */
interface Paragraph {
  head: string;
  tail: string;
  hasTab: boolean;
  codePoints: number;
  /** The whole text while it is short enough to be a signature line; null once longer. */
  short: string | null;
}

/** Characters of the start and end kept: more than any pattern of the join rule reads. */
const WINDOW = 64;
/** Longest paragraph that can still be a signature line (an issuer is at most ~40 characters, a date ~15). */
const MAX_SIGNATURE_CHARS = 80;

const countCodePoints = (s: string) => s.length - (s.match(/[\ud800-\udbff][\udc00-\udfff]/g)?.length ?? 0);

function startParagraph(text: string): Paragraph {
  const codePoints = countCodePoints(text);
  return {
    head: text.slice(0, WINDOW),
    tail: text.slice(-WINDOW),
    hasTab: text.includes('\t'),
    codePoints,
    short: codePoints <= MAX_SIGNATURE_CHARS ? text : null,
  };
}

function extendParagraph(p: Paragraph, text: string): Paragraph {
  const codePoints = p.codePoints + countCodePoints(text);
  const head = p.head.length < WINDOW ? (p.head + text).slice(0, WINDOW) : p.head;
  const short = p.short !== null && codePoints <= MAX_SIGNATURE_CHARS ? p.short + text : null;
  return { head, tail: (p.tail + text).slice(-WINDOW), hasTab: p.hasTab || text.includes('\t'), codePoints, short };
}

/**
 * For each line, whether it continues the paragraph of the lines before it (the first line
 * never does). Linear: each decision reads a bounded summary of the paragraph so far.
 */
export function joinDecisions(lines: string[]): boolean[] {
  const out: boolean[] = [];
  let current: Paragraph | null = null;
  for (const text of lines) {
    const join: boolean = current !== null && joinsParagraph(current, text);
    out.push(join);
    current = join && current ? extendParagraph(current, text) : startParagraph(text);
  }
  return out;
}

/** The join rule of {@link shouldJoinLines} on a paragraph summary. */
function joinsParagraph(a: Paragraph, b: string): boolean {
  if (!a.codePoints || !b) return false;
  if (a.hasTab || b.includes('\t')) return false;
  if (TERMINAL.test(a.tail) || /[)）号]$/.test(a.tail)) return false;
  if (opensClause(b)) return false;
  if (FIELD_START.test(a.head) || FIELD_START.test(b)) return false;
  // A signature stands on its own lines: the issuer, the date, (此件公开发布).
  if ((a.short !== null && isSignatureLine(a.short)) || isSignatureLine(b)) return false;
  if (/^[，、。；：）”》,;:)]/.test(b)) return true;
  if (/[，、（“《(,]$/.test(a.tail)) return true;
  if (TITLE_END.test(a.tail)) return false;
  // A heading line without any sentence punctuation is complete unless it is long (a wrapped heading sentence).
  return a.codePoints >= 20;
}

const DATE_LINE = new RegExp(`^\\s*${DATE_TOKEN}\\s*(?:印发)?\\s*$`, 'u');
const PUBLICITY_LINE = /^\s*[(（]?此件(?:公开发布|不公开|依申请公开)[)）]?\s*$/;

/** A line of a notice's signature block: an issuing body alone, a date alone, or the publicity note. */
export function isSignatureLine(line: string): boolean {
  const t = line.trim();
  return ISSUER_LINE.test(t.replace(/\s+/g, '')) || DATE_LINE.test(t) || PUBLICITY_LINE.test(t);
}

/** Cleans an original text into {@link CleanText}. Pure and deterministic. */
export function cleanText(original: string): CleanText {
  const lines: Line[] = [];
  const re = /\r\n|\n|\r|\u2028|\u2029|\f/g;
  let pos = 0;
  const pushLine = (start: number, end: number) => {
    const src = original.slice(start, end);
    if (isChromeLine(src)) {
      // A page's field line may carry a font-size widget (时间:… 大 中 小 来源:…): keep its fields.
      const widget = FONT_WIDGET.exec(src);
      if (widget && FIELD_ANYWHERE.test(src)) {
        pushLine(start, start + widget.index);
        pushLine(start + widget.index + widget[0].length, end);
      }
      return;
    }
    const line = normaliseLine(src, start);
    if (line.chars.some((c) => c !== '\t')) lines.push(line);
  };
  for (let m = re.exec(original); m; m = re.exec(original)) {
    pushLine(pos, m.index);
    pos = m.index + m[0].length;
  }
  pushLine(pos, original.length);
  // Strip a BOM that survived decoding.
  if (lines.length && lines[0].chars[0] === '\ufeff') {
    lines[0].chars.shift();
    lines[0].offs.shift();
  }

  const outC: string[] = [];
  const outO: number[] = [];
  const joins = joinDecisions(lines.map((l) => l.chars.join('')));
  lines.forEach((line, idx) => {
    if (idx > 0 && !joins[idx]) {
      // The newline maps to the end of the previous line in the original.
      const prevOffs = lines[idx - 1].offs;
      outC.push('\n');
      outO.push(prevOffs[prevOffs.length - 1] + 1);
    }
    for (let i = 0; i < line.chars.length; i++) {
      outC.push(line.chars[i]);
      outO.push(line.offs[i]);
    }
  });
  const text = outC.join('');
  const offsets = new Int32Array(outO.length + 1);
  offsets.set(outO);
  offsets[outO.length] = outO.length ? endOfChar(original, outO[outO.length - 1]) : 0;
  return { text, offsets };
}

/** Original index one past the code point that starts at `i`. */
function endOfChar(original: string, i: number): number {
  const cp = original.codePointAt(i);
  return i + (cp !== undefined && cp > 0xffff ? 2 : 1);
}

/**
 * Maps a clean range [cleanStart, cleanEnd) to the original range that produced it. The
 * original slice is the verbatim quote (it may contain the page break a sentence spanned).
 */
export function toOriginalRange(clean: CleanText, original: string, cleanStart: number, cleanEnd: number): { start: number; end: number } {
  const n = clean.text.length;
  const cs = Math.max(0, Math.min(cleanStart, n));
  const ce = Math.max(cs, Math.min(cleanEnd, n));
  if (ce === cs) return { start: clean.offsets[cs], end: clean.offsets[cs] };
  return { start: clean.offsets[cs], end: endOfChar(original, clean.offsets[ce - 1]) };
}

/** The clean index of the first clean character at or after original offset `orig`. */
export function toCleanOffset(clean: CleanText, orig: number): number {
  const o = clean.offsets;
  let lo = 0;
  let hi = clean.text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (o[mid] < orig) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
