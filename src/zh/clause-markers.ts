/**
 * The one grammar of clause markers in Chinese plans: `一、` → `（一）` → `1.` → `（1）`,
 * `第X章/节/条`, `附件N`, and a level-1 heading whose numeral extraction lost (`、目标任务`).
 * The cleaner (a page break never joins into a marker), the structure parser (the clause tree),
 * sentence splitting (a marker opens a heading) and alignment all read markers through here.
 */
import { NUMERAL_CHARS, formatChineseNumeral, parseChineseNumeral } from './numerals.js';

/** Kinds of marker, outermost first. */
export type MarkerKind = 'attachment' | 'chapter' | 'part' | 'article' | 'l1' | 'l2' | 'l3' | 'l4';

/** Nesting rank of each kind: a heading closes every open section of equal or lower rank. */
export const MARKER_RANK: Readonly<Record<MarkerKind, number>> = { attachment: 0, chapter: 1, part: 2, article: 3, l1: 4, l2: 5, l3: 6, l4: 7 };

/** A marker recognised at the start of a line. */
export interface ClauseMarker {
  kind: MarkerKind;
  /** Normalised marker (`四`, `（三）`, `1`, `（1）`, `第五条`, `附件2`, `附件`). */
  marker: string;
  /** Length of the marker in the line (including its 、/./: punctuation). */
  length: number;
  /** The numeral was lost and must be inferred from the siblings. */
  damaged?: boolean;
}

const CN = NUMERAL_CHARS;
const L1 = `[${CN}]{1,4}\\s*[、.,](?!\\d)`;
const L2 = `[(（]\\s*[${CN}]{1,4}\\s*[)）]`;
const L3 = `\\d{1,3}\\s*[.、．](?!\\d)`;
const L4 = `[(（]\\s*\\d{1,3}\\s*[)）]`;
const ARTICLE = `第\\s*[${CN}\\d]{1,5}\\s*[章节条]`;
const ATTACHMENT = '附\\s*件\\s*\\d{0,2}\\s*[:：]?|附表';

const RE_L1 = new RegExp(`^([${CN}]{1,4})\\s*[、.,](?!\\d)`);
const RE_L2 = new RegExp(`^[(（]\\s*([${CN}]{1,4})\\s*[)）]`);
const RE_L3 = /^(\d{1,2})\s*[.、．](?!\d)/;
const RE_L4 = /^[(（]\s*(\d{1,2})\s*[)）]/;
const RE_ARTICLE = new RegExp(`^第\\s*([${CN}\\d]{1,5})\\s*(章|节|条)`);
const RE_ATTACHMENT = /^附\s*件\s*(\d{0,2})\s*[:：]?\s*/;
/** A level-1 heading whose numeral was lost in extraction: `、目标任务` alone on its line. */
export const DAMAGED_HEADING = /^、([^，。,;；:：\t]{1,20})$/;
/** Sentence ends that close a heading written as the first sentence of its paragraph. */
const RE_SENTENCE_END = /[。！？!?]/;

/**
 * Any clause marker at the start of a text, shape only (no check that the numeral is well
 * formed): what the cleaner and the sentence splitter need to know that a line opens a unit.
 */
export const MARKER_PREFIX = new RegExp(`^(?:${L1}|${L2}|${L3}|${L4}|${ARTICLE}|${ATTACHMENT})`);

/** An article marker with its trailing punctuation (`第五条：`). */
export const ARTICLE_PREFIX = new RegExp(`^${ARTICLE.replace('[章节条]', '条')}[\\s:：、.]*`);

/** True when `line` opens a structural unit: a clause marker, or a heading whose numeral was lost. */
export function opensClause(line: string): boolean {
  return MARKER_PREFIX.test(line) || DAMAGED_HEADING.test(line);
}

/**
 * The marker text at the start of `text` (`（三）`, `1.`, `附件2:`), or a lone `、` left by a
 * lost numeral; null without one.
 */
export function leadingMarker(text: string): string | null {
  const m = MARKER_PREFIX.exec(text);
  if (m) return m[0];
  return text.startsWith('、') ? '、' : null;
}

/** Recognises the heading marker at the start of a line, or returns null. */
export function matchMarker(line: string): ClauseMarker | null {
  // Table rows and "signature<TAB>date" lines are never headings.
  if (line.includes('\t')) return null;
  let m: RegExpExecArray | null;
  if ((m = RE_ATTACHMENT.exec(line))) {
    const rest = line.slice(m[0].length);
    // "附件1所列任务……。" is a sentence about an attachment, not an attachment block.
    if (RE_SENTENCE_END.test(rest) || [...rest].length > 40) return null;
    if (!m[1] && !/[:：]/.test(m[0]) && rest) return null;
    return { kind: 'attachment', marker: `附件${m[1]}`, length: m[0].length };
  }
  if ((m = RE_ARTICLE.exec(line))) {
    const kind: MarkerKind = m[2] === '章' ? 'chapter' : m[2] === '节' ? 'part' : 'article';
    const n = /^\d+$/.test(m[1]) ? formatChineseNumeral(Number(m[1])) : m[1];
    return { kind, marker: `第${n}${m[2]}`, length: m[0].length };
  }
  if ((m = RE_L1.exec(line)) && parseChineseNumeral(m[1]) !== null) return { kind: 'l1', marker: m[1], length: m[0].length };
  if ((m = RE_L2.exec(line)) && parseChineseNumeral(m[1]) !== null) return { kind: 'l2', marker: `（${m[1]}）`, length: m[0].length };
  if ((m = RE_L4.exec(line))) return { kind: 'l4', marker: `（${Number(m[1])}）`, length: m[0].length };
  if ((m = RE_L3.exec(line)) && Number(m[1]) > 0) return { kind: 'l3', marker: String(Number(m[1])), length: m[0].length };
  if (DAMAGED_HEADING.test(line)) return { kind: 'l1', marker: '', length: 1, damaged: true };
  return null;
}

const CHAPTER = new RegExp(`^(附件\\s*\\d*|第[${CN}\\d]+[章条]|[${CN}]+|\\d+)`);

/** The top-level part of a clause path (`四（三）` → `四`, `附件2` → `附件2`, `第五条` → `第五条`). */
export function chapterOf(path: string): string {
  if (!path) return '';
  const m = CHAPTER.exec(path);
  return m ? m[1] : path;
}
