/**
 * Paged text → the document's original text and its page map. A printed page breaks every
 * paragraph into visual lines and every long paragraph across pages; a reader sees the
 * paragraph, and so must the cleaner, the clause parser and the quotes. Lines are rejoined
 * where the layout says the text wrapped — the line runs to the right margin and the next one
 * is not indented — unless the next line opens a clause (`（三）`, `2.`, `第五条`); where the
 * layout cannot tell (a centred title over two lines, a ragged OCR margin) the cleaner's own
 * rule for page-broken sentences decides (`shouldJoinLines`). Running headers, footers and page
 * numbers are dropped first (page-chrome.ts), table lines keep their cells as tabs.
 */
import { opensClause } from '../../zh/clause-markers.js';
import { shouldJoinLines } from '../clean.js';
import type { PageSpan } from '../types.js';
import { alignTableColumns, joinText, type LayoutLine, type LayoutPage } from './layout-lines.js';
import { stripPageChrome, type PageChromeOptions } from './page-chrome.js';

/** Options of {@link assemblePages}. Lengths are in font sizes (em) of the line concerned. */
export interface AssembleOptions {
  /** A line starting this far right of the left margin is indented (a new paragraph). Default 0.8. */
  indent: number;
  /** A line ending within this distance of the right margin is full (its text wrapped). Default 1.5. */
  fullSlack: number;
  /** A line ending within this distance is nearly full: the cleaner's rule decides. Default 4. */
  nearFullSlack: number;
  /** A vertical step this many times the usual line step separates paragraphs. Default 1.6. */
  paragraphGap: number;
  /** Header and footer detection. */
  chrome?: Partial<PageChromeOptions>;
}

/** Documented defaults of {@link AssembleOptions}. */
export const defaultAssembleOptions: AssembleOptions = { indent: 0.8, fullSlack: 1.5, nearFullSlack: 4, paragraphGap: 1.6 };

/** The assembled text and, for page `i + 1`, its range in it. */
export interface AssembledText {
  text: string;
  pages: PageSpan[];
}

interface Margins {
  left: number;
  right: number;
  step: number;
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/**
 * The leftmost (or rightmost) edge that at least two lines share within `tolerance`: a margin
 * is where lines line up, not where one stray line happens to start or end. NaN when no two
 * lines agree.
 */
function sharedEdge(values: number[], tolerance: number, side: 'left' | 'right'): number {
  const s = [...values].sort((a, b) => a - b);
  if (side === 'left') {
    for (let i = 0, j = 0; i < s.length; i++) {
      while (j < s.length && s[j] - s[i] <= tolerance) j++;
      if (j - i >= 2) return s[i];
    }
  } else {
    for (let i = s.length - 1, j = s.length - 1; i >= 0; i--) {
      while (j >= 0 && s[i] - s[j] <= tolerance) j--;
      if (i - j >= 2) return s[i];
    }
  }
  return Number.NaN;
}

/** Text margins and line step of a group of pages set the same way (same size, same source). */
function measureMargins(pages: LayoutPage[]): Margins {
  const body = pages.flatMap((p) => p.lines.filter((l) => l.cells.length === 1));
  const em = median(body.map((l) => l.size)) || 1;
  const steps: number[] = [];
  for (const p of pages) {
    for (let i = 1; i < p.lines.length; i++) {
      const d = p.lines[i].y - p.lines[i - 1].y;
      if (d > 0 && d < 3 * p.lines[i].size) steps.push(d);
    }
  }
  const x0s = body.map((l) => l.x0);
  // Few lines: the leftmost start is the margin (a lone continuation line proves it). Many:
  // the leftmost start two lines share, so one stray line cannot move it.
  const min = Math.min(...x0s);
  const shared = x0s.length >= 20 ? sharedEdge(x0s, 0.5 * em, 'left') : Number.NaN;
  const left = Number.isNaN(shared) ? min : shared;
  // No two lines end together (a page or two of short text). When the starts differ (an
  // indented first line and its continuation), assume a right margin as wide as the left one;
  // when they all agree, every line may be indented and no margin can be told: no geometric joins.
  const starts = x0s.length > 1 && Math.max(...x0s) - min > 0.5 * em;
  const consensus = sharedEdge(
    body.map((l) => l.x1),
    0.5 * em,
    'right',
  );
  const right = Number.isNaN(consensus) && starts ? (pages[0]?.width ?? 0) - left : consensus;
  return { left, right, step: median(steps) };
}

/** Should line `b` continue the paragraph that line `a` ends? `samePage` enables the spacing test. */
function continues(a: LayoutLine, b: LayoutLine, m: Margins, samePage: boolean, opts: AssembleOptions): boolean {
  if (a.cells.length > 1 || b.cells.length > 1) return false;
  if (samePage && m.step > 0 && b.y - a.y > opts.paragraphGap * m.step) return false;
  const em = Math.max(a.size, b.size);
  const indented = b.x0 - m.left >= opts.indent * em;
  // NaN (no right margin known) compares false below: only the centred-title rule can join.
  const gapRight = m.right - a.x1;
  // Centred: clear of both margins by about the same amount (an indented first line is clear of the left one only).
  const centred = (l: LayoutLine) => l.x0 - m.left >= em && m.right - l.x1 >= em && Math.abs(l.x0 - m.left - (m.right - l.x1)) <= 2 * em;
  if (!indented && gapRight <= opts.fullSlack * em) return !opensClause(b.text);
  if (!indented && gapRight <= opts.nearFullSlack * em) return shouldJoinLines(a.text, b.text);
  if (centred(a) && centred(b)) return shouldJoinLines(a.text, b.text);
  return false;
}

/**
 * Assembles pages of lines into one text: running headers/footers/page numbers dropped, table
 * lines with aligned tab-separated cells, wrapped lines rejoined into paragraphs (one per
 * line). Returns the text and each page's range in it. Pure.
 */
export function assemblePages(pages: LayoutPage[], options: Partial<AssembleOptions> = {}): AssembledText {
  const opts = { ...defaultAssembleOptions, ...options };
  const stripped = stripPageChrome(pages, opts.chrome).map((p) => ({ ...p, lines: alignTables(p.lines) }));
  const groups = new Map<string, LayoutPage[]>();
  const keyOf = (p: LayoutPage) => `${p.ocr ? 'ocr' : 'text'}:${Math.round(p.width)}x${Math.round(p.height)}`;
  for (const p of stripped) groups.set(keyOf(p), [...(groups.get(keyOf(p)) ?? []), p]);
  const margins = new Map([...groups].map(([k, ps]) => [k, measureMargins(ps)]));

  const parts: string[] = [];
  let length = 0;
  /** The open paragraph and where it will start in the output (stable while it is open). */
  let para = '';
  let paraBase = 0;
  let prev: { line: LayoutLine; page: number } | null = null;
  const spans: (PageSpan | null)[] = [];
  stripped.forEach((page, k) => {
    const m = margins.get(keyOf(page))!;
    let start = -1;
    for (const line of page.lines) {
      let lineStart: number;
      if (prev !== null && continues(prev.line, line, m, prev.page === k, opts)) {
        para = joinText(para, line.text);
        lineStart = paraBase + para.length - line.text.length;
      } else {
        if (para) {
          if (parts.length) parts.push('\n');
          parts.push(para);
          length = paraBase + para.length;
        }
        paraBase = length + (parts.length ? 1 : 0);
        para = line.text;
        lineStart = paraBase;
      }
      if (start < 0) start = lineStart;
      prev = { line, page: k };
    }
    const mark = page.ocr ? { ocr: true } : {};
    spans.push(start < 0 ? null : { start, end: paraBase + para.length, ...mark });
  });
  if (para) {
    if (parts.length) parts.push('\n');
    parts.push(para);
  }
  const text = parts.join('');
  // A page without text is an empty range where the next page's text starts.
  const out: PageSpan[] = [];
  for (let i = spans.length - 1; i >= 0; i--) {
    const s = spans[i];
    const at = out.length ? out[0].start : text.length;
    out.unshift(s ?? { start: at, end: at, ...(stripped[i].ocr ? { ocr: true } : {}) });
  }
  return { text, pages: out };
}

/** Aligns the columns of each block of consecutive table lines of a page. */
function alignTables(lines: LayoutLine[]): LayoutLine[] {
  const out: LayoutLine[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i].cells.length < 2) {
      out.push(lines[i++]);
      continue;
    }
    let j = i;
    while (j < lines.length && lines[j].cells.length > 1) j++;
    out.push(...alignTableColumns(lines.slice(i, j)));
    i = j;
  }
  return out;
}
