/**
 * The task register (任务分工表) of a document, as rows for the UI table and as CSV for Excel.
 * A thin adapter over the analysis stage: the rows are `toTaskRegister` of the obligations
 * `extractObligations` found — the same extraction that answers questions — so the API never
 * re-derives frames; this module only chooses Chinese column headers and formats cells.
 */
import { toTaskRegister, type Obligation, type TaskRow } from '../analysis/index.js';

/** A register: Chinese column headers, one row of strings per obligation, and the typed rows behind them. */
export interface Register {
  columns: string[];
  rows: string[][];
  tasks: TaskRow[];
}

const names = (xs: string[]) => xs.join('、');

/** Columns in order after 序号: header and the cell of a task row. Fixed, so every export has the same layout. */
export const REGISTER_COLUMNS: { header: string; cell: (t: TaskRow) => string }[] = [
  { header: '条款', cell: (t) => t.clause },
  { header: '章节', cell: (t) => t.heading },
  { header: '任务', cell: (t) => t.task },
  { header: '牵头单位', cell: (t) => names(t.lead) },
  { header: '配合单位', cell: (t) => names(t.cooperating) },
  { header: '约束强度', cell: (t) => t.modality },
  { header: '目标', cell: (t) => t.target ?? '' },
  { header: '时限', cell: (t) => t.deadline ?? '' },
  { header: '报送频次', cell: (t) => t.frequency ?? '' },
  { header: '原文', cell: (t) => t.quote },
];

/** Builds the register of a document's obligations (from `extractObligations`), in document order. */
export function buildRegister(obligations: readonly Obligation[]): Register {
  const tasks = toTaskRegister([...obligations]);
  return {
    columns: ['序号', ...REGISTER_COLUMNS.map((c) => c.header)],
    rows: tasks.map((t, i) => [String(i + 1), ...REGISTER_COLUMNS.map((c) => c.cell(t))]),
    tasks,
  };
}

/** Quotes a CSV field when needed (RFC 4180), and defuses spreadsheet formulas. */
export function csvField(value: string): string {
  // A cell starting with = + - @ is run as a formula by Excel; a leading apostrophe keeps it text.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV with a UTF-8 BOM (so Excel opens it as UTF-8 Chinese) and CRLF line ends. */
export function registerToCsv(register: Pick<Register, 'columns' | 'rows'>): string {
  const lines = [register.columns, ...register.rows].map((row) => row.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
