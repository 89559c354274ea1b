/**
 * Clause structure: the heading tree of a plan (`一、` → `（一）` → `1.` → `（1）`, `第X章/条`,
 * `附件N`), where the plan body starts (after the covering 通知) and where it ends (before the
 * 抄送/印发 colophon). Works on the cleaned text (one paragraph per line, NFKC punctuation).
 *
 * Paths are the stable clause addresses the product cites: the parent's path followed by the
 * marker, with full-width brackets (`四（三）`, `二（一）2`, `七（二十七）`, `附件2`). `第X条` and
 * `附件N` stand alone; a digit marker after a path ending in a digit gets a `·` (`附件1·2`, not
 * `附件12`); a real collision gets `#2`. `level` is the depth in the tree (1 = root), which is
 * the marker level of the types (`一、` 1, `（一）` 2, `1.` 3, `（1）` 4) for well-formed plans.
 */
import { MARKER_RANK, matchMarker } from '../zh/clause-markers.js';
import { endsWithIssuer } from '../zh/organisations.js';
import { formatChineseNumeral, parseChineseNumeral } from '../zh/numerals.js';
import type { CleanText, Section } from './types.js';

/** Sentence ends that close a heading written as the first sentence of its paragraph. */
const RE_SENTENCE_END = /[。！？!?]/;

/** Options of {@link parseStructure}. */
export interface StructureOptions {
  /** Give a heading that lost its numeral (`、目标任务`) the numeral its siblings imply. Default true. */
  inferMissingNumerals: boolean;
  /** Longest heading kept; longer first sentences are cut at a comma or at this length. Default 40. */
  maxHeadingChars: number;
}

/** Documented defaults of {@link StructureOptions}. */
export const defaultStructureOptions: StructureOptions = { inferMissingNumerals: true, maxHeadingChars: 40 };

/** Result of {@link parseStructure}. */
export interface ParsedStructure {
  /** Roots of the clause tree, in order. */
  sections: Section[];
  /** Clean offset of the plan's own title line (after the covering notice); 0 without a notice. */
  bodyStart: number;
  /** Clean offset where the body ends: the start of a trailing 抄送/印发/signature block, else the text length. */
  bodyEnd: number;
}

interface Line {
  text: string;
  start: number;
  end: number;
}

/** Splits the clean text into lines with their offsets. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let pos = 0;
  for (const t of text.split('\n')) {
    lines.push({ text: t, start: pos, end: pos + t.length });
    pos += t.length + 1;
  }
  return lines;
}

/** Endings of a plan's own title (never `通知`: that is the covering notice). */
const RE_PLAN_TITLE = /(方案|机制|意见|办法|规定|细则|要点|规划|解读|计划|措施|制度|清单|纲要|条例|规则|指南|安排|任务)(\((试行|暂行|修订|征求意见稿)\))?$/;
const RE_DATE_LINE = /^\d{4}年\d{1,2}月(\d{1,2}日?)?$/;

/** True for a line that can be the plan's own title line. */
function isPlanTitle(t: string): boolean {
  const n = [...t].length;
  return n >= 4 && n <= 80 && !/[\t。；;！？!?:：,，]/.test(t) && !t.includes('关于印发') && RE_PLAN_TITLE.test(t);
}

/** Index of the line where the body starts: the plan title after a covering notice, else 0. */
function findBodyStartLine(lines: Line[], firstHeading: number): number {
  // A covering notice may number its own instructions (一、…): then the plan title follows its signature.
  const notice = lines.slice(0, 8).findIndex((l) => /通知$/.test(l.text) && !/[。；;]/.test(l.text));
  if (notice >= 0 && notice < firstHeading) {
    for (let i = notice + 1; i < lines.length && i < notice + 60; i++) {
      if (!/此件公开发布/.test(lines[i].text) && !RE_DATE_LINE.test(lines[i].text)) continue;
      for (let j = i + 1; j <= i + 2 && j < lines.length; j++) if (isPlanTitle(lines[j].text)) return j;
      break;
    }
  }
  for (let i = firstHeading - 1; i >= 0; i--) if (isPlanTitle(lines[i].text)) return i;
  // No title line: the body starts after the notice's signature (date or 此件公开发布), when present.
  for (let i = firstHeading - 1; i >= 0; i--) {
    // A signature on the last line leaves no body after it: the whole text is the body then.
    if (/此件公开发布/.test(lines[i].text) || RE_DATE_LINE.test(lines[i].text)) return i + 1 < lines.length ? i + 1 : 0;
  }
  return 0;
}

/** True for a colophon line: 印发 lines, a bare date, or an issuer's signature. */
function isTrailerLine(t: string, accepted: boolean): boolean {
  if (/^(抄送|抄报|印发)/.test(t) || /\d{4}年\d{1,2}月\d{1,2}日?印发$/.test(t) || (/印发$/.test(t) && t.includes('\t'))) return true;
  if (RE_DATE_LINE.test(t)) return true;
  const n = [...t].length;
  // A signature line only counts when a date/印发 line follows it (already accepted below it).
  return accepted && n <= 30 && !/[。，,；;:：]/.test(t) && endsWithIssuer(t.replace(/\t.*$/, ''));
}

/** Index of the first line of the trailing colophon (抄送, 印发, signature + date), or lines.length. */
function findBodyEndLine(lines: Line[], from: number): number {
  let end = lines.length;
  while (end > from + 1 && end > lines.length - 8 && !matchMarker(lines[end - 1].text) && isTrailerLine(lines[end - 1].text, end < lines.length)) end--;
  // 抄送 lists wrap onto following lines ("…各新闻单位。\n各民主党派山西省委。").
  for (let i = Math.max(from + 1, lines.length - 6); i < end; i++) {
    if (/^(抄送|抄报)/.test(lines[i].text) && lines.slice(i + 1).every((l) => [...l.text].length <= 40)) return i;
  }
  return end;
}

/** First sentence (or short line) after the marker, and where the body after it starts. */
function readHeading(line: Line, markerLength: number, maxChars: number): { heading: string; bodyStart: number } {
  let rest = line.text.slice(markerLength);
  const lead = rest.length - rest.replace(/^[\s:：、.,]+/, '').length;
  rest = rest.slice(lead);
  const restStart = line.start + markerLength + lead;
  const stop = rest.search(RE_SENTENCE_END);
  if (stop >= 0 && stop <= maxChars) {
    const after = restStart + stop + 1;
    return { heading: rest.slice(0, stop), bodyStart: after >= line.end ? line.end + 1 : after };
  }
  if (stop < 0 && [...rest].length <= maxChars) return { heading: rest, bodyStart: line.end + 1 };
  // A long first sentence: name the clause by its first phrase; the body starts right after the marker.
  const comma = rest.search(/[，,；;：:]/);
  const heading = comma > 0 && comma <= maxChars ? rest.slice(0, comma) : [...rest].slice(0, maxChars).join('');
  return { heading, bodyStart: restStart };
}

/** A section under construction with its nesting rank. */
interface Open {
  section: Section;
  rank: number;
}

/**
 * Parses the clause tree of a cleaned document.
 *
 * Only lines between the plan title and the trailing colophon are read, so the covering notice
 * never yields headings. A heading closes the open sections of the same or lower rank; its path
 * is its parent's path + its marker (`第X条` stands alone: articles are numbered document-wide).
 */
export function parseStructure(clean: CleanText | string, options: Partial<StructureOptions> = {}): ParsedStructure {
  const opts = { ...defaultStructureOptions, ...options };
  const text = typeof clean === 'string' ? clean : clean.text;
  const lines = splitLines(text);
  const firstHeading = lines.findIndex((l) => matchMarker(l.text) !== null);
  const startLine = findBodyStartLine(lines, firstHeading < 0 ? lines.length : firstHeading);
  const endLine = findBodyEndLine(lines, startLine);
  const bodyStart = startLine > 0 ? lines[startLine].start : 0;
  const bodyEnd = endLine < lines.length ? lines[endLine].start : text.length;

  const roots: Section[] = [];
  const stack: Open[] = [];
  const used = new Set<string>();
  const nextSuffix = new Map<string, number>();
  let lastL1: number | null = null;
  let inAttachmentList = false;
  let skipLine = -1;

  for (let i = startLine; i < endLine; i++) {
    const line = lines[i];
    const mk = i === skipLine ? null : matchMarker(line.text);
    // Items of an attachment list ("附件:1.分工表" / "2.分解表") are not clauses.
    if (mk && inAttachmentList && mk.kind === 'l3' && !RE_SENTENCE_END.test(line.text)) continue;
    inAttachmentList = false;
    if (!mk) continue;
    let marker = mk.marker;
    if (mk.kind === 'l1') {
      if (mk.damaged) {
        if (!opts.inferMissingNumerals) continue;
        marker = formatChineseNumeral(lastL1 === null ? 1 : lastL1 + 1);
      }
      lastL1 = parseChineseNumeral(marker);
    }
    let { heading, bodyStart: hb } = readHeading(line, mk.length, opts.maxHeadingChars);
    if (mk.kind === 'attachment') {
      lastL1 = null; // an attachment numbers its own chapters
      inAttachmentList = /^\d+[.、]/.test(heading);
      // A bare "附件2" line is followed by the attachment's own title.
      const next = lines[i + 1];
      if (!heading && next && i + 1 < endLine && isCaption(next.text)) {
        heading = next.text;
        hb = next.end + 1;
        skipLine = i + 1;
      }
    }
    const rank = MARKER_RANK[mk.kind];
    while (stack.length && stack[stack.length - 1].rank >= rank) stack.pop();
    const parent = stack.length ? stack[stack.length - 1].section : null;
    // Articles are numbered document-wide, so `第五条` needs no chapter prefix.
    const own = mk.kind === 'attachment' || mk.kind === 'article' || !parent;
    // `附件1` + `1` would read as 附件11: a digit after a digit gets a separator.
    const joined = parent && /\d$/.test(parent.path) && /^\d/.test(marker) ? `${parent.path}·${marker}` : parent?.path + marker;
    const path = uniquePath(own ? marker : joined, used, nextSuffix);
    const section: Section = {
      path,
      level: stack.length + 1,
      marker,
      heading,
      start: line.start,
      bodyStart: Math.min(hb, bodyEnd),
      end: bodyEnd,
      children: [],
    };
    (parent ? parent.children : roots).push(section);
    stack.push({ section, rank });
  }
  closeEnds(roots, text, bodyEnd);
  return { sections: roots, bodyStart, bodyEnd };
}

/** A line that reads as a table or attachment title: short, no sentence punctuation. */
function isCaption(t: string): boolean {
  return !!t && [...t].length <= 40 && !/[\t。；;！？!?，,]/.test(t) && matchMarker(t) === null;
}

/**
 * `path`, or `path#2`, `path#3`, … when taken. `next` remembers where each path's search ended,
 * so a marker repeated thousands of times costs the same per occurrence (the suffixes below it
 * are all taken: names are never released).
 */
function uniquePath(path: string, used: Set<string>, next: Map<string, number>): string {
  let p = path;
  if (used.has(p)) {
    let k = next.get(path) ?? 2;
    do p = `${path}#${k++}`;
    while (used.has(p));
    next.set(path, k);
  }
  used.add(p);
  return p;
}

/** Sets each section's end to the next section of the same or higher rank (trimmed of whitespace). */
function closeEnds(list: Section[], text: string, limit: number): void {
  for (let i = 0; i < list.length; i++) {
    const hardEnd = i + 1 < list.length ? list[i + 1].start : limit;
    let e = hardEnd;
    while (e > list[i].start && /\s/.test(text[e - 1])) e--;
    list[i].end = e;
    list[i].bodyStart = Math.min(list[i].bodyStart, e);
    closeEnds(list[i].children, text, hardEnd);
  }
}

/** Depth-first list of every section of a tree. */
export function flattenSections(sections: Section[]): Section[] {
  const out: Section[] = [];
  const walk = (ss: Section[]) => ss.forEach((s) => (out.push(s), walk(s.children)));
  walk(sections);
  return out;
}

/**
 * The section of `list` (siblings, in order, not overlapping) that contains clean offset `pos`,
 * by binary search: a document of thousands of clauses and table rows looks each row up in
 * log time.
 */
export function sectionAt(list: Section[], pos: number): Section | undefined {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].start <= pos) lo = mid + 1;
    else hi = mid;
  }
  const s = list[lo - 1];
  return s && pos >= s.start && pos < s.end ? s : undefined;
}

/** The chain of sections containing clean offset `pos`, outermost first (empty outside every section). */
export function sectionChainAt(sections: Section[], pos: number): Section[] {
  const chain: Section[] = [];
  let level = sections;
  for (;;) {
    const hit = sectionAt(level, pos);
    if (!hit) return chain;
    chain.push(hit);
    level = hit.children;
  }
}
