/**
 * Tables as data: a question names a row (a city, 全省) and a column (a year, a measure) in its
 * own words; the cell is looked up by row label and column header, whatever word the question
 * uses for the value (指标, 目标值, 定了多少), with the unit the table states once. Also
 * superlatives over a column ("2025年目标最高的是哪个市？"). Pure over parsed table rows.
 */
import { statedYears } from '../zh/years.js';
import type { ParsedDocument, TableRow } from '../ingest/types.js';
import { getJieba } from '../zh/tokenize.js';
import { expandAbbreviations } from './expand.js';
import { hanBigrams } from '../zh/bigrams.js';

export type Extreme = 'max' | 'min';

/** Does the question ask for the highest or lowest? */
export function askedExtreme(question: string): Extreme | null {
  if (/最高|最大|最多|最快/.test(question)) return 'max';
  if (/最低|最小|最少|最慢/.test(question)) return 'min';
  return null;
}

/** A row that sums up the others (全省, 合计, 总计). */
const TOTAL = /^(全|合计|总计|小计|总体)/;

const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/** The label of a row (its first cell, whitespace removed: `全 省` → 全省). */
export function rowLabel(row: TableRow): string {
  return squash(row.cells[0] ?? '');
}

/** Names a question may use for a row label: the label, and without its 市/县/区/省 suffix (运城市 → 运城). */
function labelForms(label: string): string[] {
  const short = label.replace(/(市|县|区|省|自治州|盟)$/, '');
  return short.length >= 2 && short !== label ? [label, short] : [label];
}

/** Years a question names, with two-digit ones read as 20xx (`25年` → 2025). */
export function questionYears(question: string): number[] {
  return statedYears(question, { twoDigit: true });
}

/** A row of a table the question names, with where it names it. */
export interface RowMention {
  doc: ParsedDocument;
  row: TableRow;
  label: string;
  /** Offset of the mention in the question. */
  at: number;
}

/** How much of a table's caption and header the question shares (水保率目标 ↔ 水土保持率目标值分解表). */
export function captionOverlap(question: string, row: TableRow): number {
  const caption = hanBigrams(`${row.caption ?? ''}${(row.header ?? []).slice(1).join('')}`);
  const q = hanBigrams(expandAbbreviations(question));
  let n = 0;
  for (const g of q) if (caption.has(g)) n++;
  return n;
}

/** Words of a question that ask, not say what about (多少, 要达到, 是): left out of the table test. */
const ASKING = /附件\d*|表|多少|几|是|要|达到|达|定的|定了|分到|分解|按|到|年|那一行|一行|行|那栏|一栏|栏|列|数|值|目标|指标|呢|吗|请问|的|了|那|这|里|上/g;

/**
 * Whether the question's own words (without the row label, years and asking words) are the
 * table's: most of their bigrams are in its caption or header, or there are none left.
 */
function aboutTable(question: string, row: TableRow, label: string): boolean {
  let rest = expandAbbreviations(question.normalize('NFKC'));
  for (const f of labelForms(label)) rest = rest.split(f).join(' ');
  rest = rest.replace(/\d+/g, ' ').replace(ASKING, ' ');
  const grams = [...hanBigrams(rest)].filter((g) => !/\s/.test(g));
  if (grams.length <= 1) return true;
  // A year the table has a column for, and no noun the table does not know: the question is the table's.
  const header = (row.header ?? []).join('');
  const years = questionYears(question);
  if (years.length && years.every((y) => header.includes(String(y))) && !foreignNouns(rest, row).length) return true;
  const caption = hanBigrams(`${row.caption ?? ''}${(row.header ?? []).join('')}`);
  return grams.filter((g) => caption.has(g)).length / grams.length >= 0.4;
}

/** Nouns of a text its table's caption and header do not have (专业户 in a question about a 水土保持率 table). */
function foreignNouns(text: string, row: TableRow): string[] {
  const table = `${row.caption ?? ''}${(row.header ?? []).join('')}`;
  return getJieba()
    .tag(text, true)
    .filter((t) => /^(?:n|nz|vn|nt)$/.test(t.tag) && t.word.length >= 2 && !table.includes(t.word))
    .map((t) => t.word);
}

/** Rows of the documents' tables whose labels the question names, in question order. */
export function findRowMentions(question: string, docs: Iterable<ParsedDocument>): RowMention[] {
  const q = squash(question);
  const out: RowMention[] = [];
  for (const doc of docs) {
    for (const row of doc.tables) {
      const label = rowLabel(row);
      if (label.length < 2) continue;
      const at = labelForms(label)
        .map((f) => q.indexOf(f))
        .filter((i) => i >= 0);
      if (!at.length) continue;
      // A total row (全省) is named by many questions that are not about the table: it needs the table's words too;
      // any row needs the question's other words to be the table's (全省…多少个专业户 is not this table's question).
      if (TOTAL.test(label) && captionOverlap(question, row) < 2) continue;
      if (!aboutTable(question, row, label)) continue;
      out.push({ doc, row, label, at: Math.min(...at) });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** The unit a table states once for all its cells (`水土保持率目标值(%)` in its caption or header). */
export function tableUnit(row: TableRow, doc: ParsedDocument): string {
  const first = Math.min(...doc.tables.filter((r) => r.table === row.table).map((r) => r.start));
  const head = `${row.caption ?? ''} ${(row.header ?? []).join(' ')} ${doc.clean.text.slice(Math.max(0, first - 80), first)}`;
  const m = /[(（]\s*(%|％|万亩|万元|亩|公顷|km2|平方公里|座|个|条|万人|人)\s*[)）]/.exec(head);
  return m ? m[1].replace('％', '%') : '';
}

/** Value columns of a row (those after the label) whose header names one of `years`; all of them without years. */
export function columnsFor(row: TableRow, years: number[]): number[] {
  const cols = row.cells.map((_, i) => i).filter((i) => i > 0 && row.cells[i]);
  if (!years.length || !row.header) return cols;
  const named = cols.filter((i) => years.some((y) => (row.header?.[i] ?? '').includes(String(y))));
  return named;
}

/** A cell as an answer: `运城市 2025年：77.25%`. */
export function cellText(row: TableRow, column: number, unit: string): string {
  const head = row.header?.[column] ? `${row.header[column]}：` : '';
  const value = row.cells[column];
  return `${rowLabel(row)} ${head}${value}${/^\d/.test(value) ? unit : ''}`;
}

/** The numeric value of a cell, or NaN. */
export function cellNumber(row: TableRow, column: number): number {
  return Number.parseFloat((row.cells[column] ?? '').replace(/[,%％\s]/g, ''));
}

/**
 * The row of `rows` (one table) with the extreme value in the column whose header names
 * `year` (else the first numeric column), and that column's index; null when none is numeric.
 */
export function extremeRow(rows: TableRow[], extreme: Extreme, year: number | null): { row: TableRow; column: number } | null {
  const header = rows.find((r) => r.header)?.header ?? null;
  let column = year !== null && header ? header.findIndex((h, i) => i > 0 && h.includes(String(year))) : -1;
  if (column < 1) column = rows[0]?.cells.findIndex((_, i) => i > 0 && Number.isFinite(cellNumber(rows[0], i))) ?? -1;
  if (column < 1) return null;
  let best: TableRow | null = null;
  for (const r of rows) {
    if (TOTAL.test(rowLabel(r))) continue;
    const v = cellNumber(r, column);
    if (!Number.isFinite(v)) continue;
    if (!best || (extreme === 'max' ? v > cellNumber(best, column) : v < cellNumber(best, column))) best = r;
  }
  return best ? { row: best, column } : null;
}
