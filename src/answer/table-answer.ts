/**
 * Superlatives over a table ("2025年目标最高的是哪个市？"): the row whose cell in the asked
 * column is highest or lowest, total rows (全省, 合计) left out. Pure over parsed table rows.
 */
import type { TableRow } from '../ingest/types.js';

export type Extreme = 'max' | 'min';

/** Does the question ask for the highest or lowest? */
export function askedExtreme(question: string): Extreme | null {
  if (/最高|最大|最多|最快/.test(question)) return 'max';
  if (/最低|最小|最少|最慢/.test(question)) return 'min';
  return null;
}

/** A row that sums up the others (全省, 合计, 总计). */
const TOTAL = /^(全|合计|总计|小计|总体)/;

/**
 * The row of `rows` (one table) with the extreme value in the column whose header names
 * `year` (else the first numeric column), and that column's index; null when none is numeric.
 */
export function extremeRow(rows: TableRow[], extreme: Extreme, year: number | null): { row: TableRow; column: number } | null {
  const header = rows.find((r) => r.header)?.header ?? null;
  let column = year !== null && header ? header.findIndex((h, i) => i > 0 && h.includes(String(year))) : -1;
  const numeric = (r: TableRow, i: number) => Number.parseFloat((r.cells[i] ?? '').replace(/[,%％\s]/g, ''));
  if (column < 1) column = rows[0]?.cells.findIndex((_, i) => i > 0 && Number.isFinite(numeric(rows[0], i))) ?? -1;
  if (column < 1) return null;
  let best: TableRow | null = null;
  for (const r of rows) {
    if (TOTAL.test(r.cells[0].replace(/\s+/g, ''))) continue;
    const v = numeric(r, column);
    if (!Number.isFinite(v)) continue;
    if (!best || (extreme === 'max' ? v > numeric(best, column) : v < numeric(best, column))) best = r;
  }
  return best ? { row: best, column } : null;
}
