/**
 * Tables: rows of tab-separated lines (the cleaner turns table cells into `\t`), each row
 * retrievable on its own with its header — "忻州市 2025年 63.56 2035年 66.22" answers
 * "忻州市2025年水土保持率目标是多少" where the bare line "忻州市 63.56 66.22" cannot.
 */
import { splitLines } from './structure.js';
import type { CleanText, Section, TableRow } from './types.js';

/** Options of {@link findTables}. */
export interface TableOptions {
  /** Most header lines read above the first data row. Default 3. */
  maxHeaderLines: number;
  /** Longest caption line looked for above a table. Default 40 characters. */
  maxCaptionChars: number;
}

/** Documented defaults of {@link TableOptions}. */
export const defaultTableOptions: TableOptions = { maxHeaderLines: 3, maxCaptionChars: 40 };

/** A whole table: its rows plus what only the table as a whole knows. */
export interface TableBlock {
  /** Name: the enclosing attachment path (`附件2`) or `表N`. */
  table: string;
  caption: string | null;
  /** Merged header, one label per column (`["市级行政区","2025年","2035年"]`), null when none. */
  header: string[] | null;
  /** Labels of header cells that span several columns (`水土保持率目标值(%)`): the metric. */
  groups: string[];
  /** Clean offsets of the header lines (start of first, end of last), null without a header. */
  headerStart: number | null;
  headerEnd: number | null;
  rows: TableRow[];
}

/** A cell holding a value rather than a label: numbers, percentages, ranges, 序号. */
const RE_VALUE = /^[-+−]?\d+(?:[.,]\d+)*\s*(%|‰|万|亿|亩|公顷|km2|平方公里|个|座|条|处|家)?$/;

const splitCells = (line: string): string[] => line.split('\t').map((c) => c.trim());

/** True for a data row: at least one cell after the first holds a value. */
function isDataRow(cells: string[]): boolean {
  return cells.some((c, i) => i > 0 && RE_VALUE.test(c)) || (cells.length > 2 && RE_VALUE.test(cells[0]));
}

/**
 * Merges header lines column-wise. The lowest non-empty label of a column names it; a label
 * above that covers more columns than it stands over (a spanning cell) is a group label.
 */
export function mergeHeader(lines: string[][]): { header: string[]; groups: string[] } {
  const width = Math.max(...lines.map((l) => l.length));
  const header: string[] = [];
  const groups: string[] = [];
  for (let col = 0; col < width; col++) {
    let label = '';
    for (let r = lines.length - 1; r >= 0 && !label; r--) label = lines[r][col] ?? '';
    header.push(label);
  }
  for (let r = 0; r < lines.length - 1; r++) {
    lines[r].forEach((cell, col) => {
      if (cell && header[col] !== cell && !groups.includes(cell)) groups.push(cell);
    });
  }
  return { header, groups };
}

/** The table's caption: a short title line just above it (one ending in 表 preferred). */
function findCaption(lines: { text: string }[], first: number, maxChars: number): string | null {
  const near: string[] = [];
  for (let i = first - 1; i >= 0 && i >= first - 2; i--) {
    const t = lines[i].text.trim();
    if (!t || t.includes('\t') || [...t].length > maxChars || /[。；;！？!?，,]/.test(t)) break;
    near.push(t);
  }
  const titled = near.find((t) => /表$|表\(|统计|一览/.test(t));
  if (titled) return titled;
  return near.find((t) => !/^附\s*件\s*\d*\s*[:：]?$/.test(t)) ?? null;
}

/** The attachment (roots, in order) whose range holds `pos`, by binary search. */
function enclosingAttachment(attachments: Section[], pos: number): Section | undefined {
  let lo = 0;
  let hi = attachments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (attachments[mid].start <= pos) lo = mid + 1;
    else hi = mid;
  }
  const s = attachments[lo - 1];
  return s && pos < Math.max(s.end, s.start + 1) ? s : undefined;
}

/**
 * Finds the tables of a document: runs of two or more consecutive tab-separated lines with a
 * data row among them, or three or more lines of text cells.
 */
export function findTables(clean: CleanText | string, sections: Section[], options: Partial<TableOptions> = {}): TableBlock[] {
  const opts = { ...defaultTableOptions, ...options };
  const text = typeof clean === 'string' ? clean : clean.text;
  const lines = splitLines(text);
  // Attachments are always roots of the clause tree (an attachment marker closes every open section).
  const attachments = sections.filter((s) => s.path.startsWith('附件'));
  const blocks: TableBlock[] = [];
  const used = new Set<string>();
  /** Where the search for a free `…表N` name ended, per prefix (many tables in one attachment stay linear). */
  const nextSuffix = new Map<string, number>();
  let plain = 0;
  let i = 0;
  while (i < lines.length) {
    if (!lines[i].text.includes('\t')) {
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && lines[j].text.includes('\t')) j++;
    const run = lines.slice(i, j);
    const cells = run.map((l) => splitCells(l.text));
    const firstData = cells.findIndex(isDataRow);
    const plausible = run.length >= 2 && cells.every((c) => c.length >= 2) && (firstData >= 0 || run.length >= 3);
    if (plausible) {
      // Header: the label lines above the first data row; a text-only table has one header line.
      const headerSize = firstData < 0 ? 1 : firstData <= opts.maxHeaderLines ? firstData : 1;
      const headerLines = cells.slice(0, headerSize);
      const merged = headerLines.length ? mergeHeader(headerLines) : null;
      const anchor = run[0].start;
      const enclosing = enclosingAttachment(attachments, anchor);
      let name = enclosing ? enclosing.path : `表${++plain}`;
      if (used.has(name)) {
        const prefix = enclosing ? enclosing.path : '';
        let k = nextSuffix.get(prefix) ?? 2;
        do name = `${prefix}表${k++}`;
        while (used.has(name));
        nextSuffix.set(prefix, k);
      }
      used.add(name);
      const caption = findCaption(lines, i, opts.maxCaptionChars);
      const dataFrom = headerSize;
      const rows: TableRow[] = run.slice(dataFrom).map((l, idx) => ({
        table: name,
        caption,
        index: idx,
        header: merged ? merged.header : null,
        cells: splitCells(l.text),
        start: l.start,
        end: l.end,
      }));
      blocks.push({
        table: name,
        caption,
        header: merged ? merged.header : null,
        groups: merged ? merged.groups : [],
        headerStart: dataFrom ? run[0].start : null,
        headerEnd: dataFrom ? run[dataFrom - 1].end : null,
        rows,
      });
    }
    i = j;
  }
  return blocks;
}

/** Every table row of a document, in order (see {@link findTables}). */
export function extractTables(clean: CleanText | string, sections: Section[], options: Partial<TableOptions> = {}): TableRow[] {
  return findTables(clean, sections, options).flatMap((b) => b.rows);
}

/**
 * Renders a row so it is retrievable on its own: the first cell (the row's label), then each
 * further cell preceded by its column label — `忻州市 2025年 63.56 2035年 66.22`.
 */
export function formatTableRow(row: TableRow): string {
  const parts: string[] = [];
  row.cells.forEach((cell, i) => {
    if (!cell) return;
    const label = row.header?.[i];
    parts.push(i > 0 && label ? `${label} ${cell}` : cell);
  });
  return parts.join(' ');
}
