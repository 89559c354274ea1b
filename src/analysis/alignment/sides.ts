/**
 * Finding sides and target decomposition: verbatim quotes of the original text for clean
 * ranges, and the parent's own breakdown of a target by region (`附件2 全省水土保持率目标值
 * 分解表`: 忻州市 2025年 63.56).
 */
import { toOriginalRange } from '../../ingest/clean.js';
import type { ParsedDocument, TableRow } from '../../ingest/types.js';
import type { Target } from '../frames/types.js';
import type { FindingSide } from './types.js';
import type { Segmented } from './segment.js';

/** A finding side for the clean range [cleanStart, cleanEnd) of a sentence of `seg`: the quote is `raw.text.slice(start, end)`. */
export function sideOf(seg: Segmented, sentence: number, cleanStart: number, cleanEnd: number): FindingSide {
  const doc = seg.doc;
  const s = seg.sentences[sentence];
  const { start, end } = toOriginalRange(doc.clean, doc.raw.text, cleanStart, cleanEnd);
  return { clause: s.clause, heading: s.heading, quote: doc.raw.text.slice(start, end), start, end };
}

/** A finding side covering phrases `first..last` (inclusive) of `seg`. */
export function phrasesSide(seg: Segmented, first: number, last: number): FindingSide {
  const a = seg.phrases[first];
  const b = seg.phrases[last];
  return sideOf(seg, a.sentence, a.start, b.end);
}

const cellText = (s: string) => s.replace(/\s+/g, '');

/** The year a header cell names (`2025年` → `2025`), or null. */
function headerYear(cell: string): string | null {
  const m = /(\d{4})\s*年?/.exec(cell);
  return m ? m[1] : null;
}

/**
 * The parent's decomposition of `target` for the child's region: a table row whose first cell
 * names the child's county or city, in a table about the target (its caption names the metric,
 * or one of its rows carries the parent's own value), in the column of the target's year.
 */
export function findDecomposition(
  parent: ParsedDocument,
  child: ParsedDocument,
  target: Target,
): { region: string; year: string; value: string; clause: string } | null {
  const regions = [child.meta.region.county, child.meta.region.city, child.meta.region.name].filter((x): x is string => !!x);
  if (!regions.length || !parent.tables.length) return null;
  const byTable = new Map<string, TableRow[]>();
  for (const r of parent.tables) byTable.set(r.table, [...(byTable.get(r.table) ?? []), r]);
  const metric = cellText(target.metric ?? '').replace(/^(全省|全市|全县|全区|全)/, '');
  for (const [table, rows] of byTable) {
    const caption = cellText(rows[0].caption ?? '');
    const about = (metric.length >= 2 && caption.includes(metric)) || rows.some((r) => r.cells.some((c) => cellText(c) === target.valueText));
    if (!about) continue;
    for (const region of regions) {
      const row = rows.find((r) => cellText(r.cells[0] ?? '') === region);
      if (!row) continue;
      const header = row.header ?? [];
      // Header cells may be one short of the row (the region column has no year); align from the right.
      const shift = row.cells.length - header.length;
      for (let k = 0; k < header.length; k++) {
        const year = headerYear(header[k]);
        if (!year || (target.year !== null && String(target.year) !== year)) continue;
        const value = row.cells[k + shift];
        if (value && /\d/.test(value)) return { region, year, value: cellText(value), clause: table };
      }
    }
  }
  return null;
}
