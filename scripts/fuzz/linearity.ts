/**
 * Parse time of hostile shapes at a size and at four times that size: a linear stage takes
 * about four times as long, a quadratic one sixteen. The shapes are the ones that were
 * quadratic before issue 11 (thousands of wrapped lines joining into one paragraph, one clause
 * marker repeated, many tables in one attachment) and the long-line cases.
 */
import { performance } from 'node:perf_hooks';
import { chunkDocument } from '../../src/ingest/chunk.js';
import { parseDocument } from '../../src/ingest/parse.js';
import type { RawDocument } from '../../src/ingest/types.js';

const SHAPES: [string, (n: number) => string][] = [
  ['wrapped lines → one paragraph', (n) => Array.from({ length: n }, () => '县水利局牵头负责全县水土保持工作的组织协调和监督检查').join('\n')],
  ['one marker repeated on every line', (n) => `一、总则\n${Array.from({ length: n }, () => '（一）县水利局牵头。').join('\n')}`],
  ['tables in one attachment', (n) => `附件1\n${Array.from({ length: n }, (_, i) => `表${i}\n单位\t2025年\n甲镇\t60.1\n说明文字。`).join('\n')}`],
  ['numbered clauses with table rows', (n) => Array.from({ length: n }, (_, i) => `第${i + 1}条 内容。\n单位\t2025年\n甲镇\t${i}.5`).join('\n')],
  ['one line of prose', (n) => '到2025年，全县水土保持率达到56.04%，县水利局牵头。'.repeat(n / 2)],
];

const raw = (text: string): RawDocument => ({ id: 'x.txt', format: 'txt', encoding: 'utf-8', text, sha256: '', bytes: text.length });

/** Milliseconds to parse and chunk `text` (best of three runs: the first warms the JIT). */
function timeParse(text: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    chunkDocument(parseDocument(raw(text)));
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** One row per shape: sizes, times, and the ratio (≈4 when linear). */
export async function linearityTable(n = 2000): Promise<Record<string, string | number>[]> {
  return SHAPES.map(([shape, make]) => {
    const small = make(n);
    const large = make(4 * n);
    const a = timeParse(small);
    const b = timeParse(large);
    return {
      shape,
      'chars (n)': small.length,
      'ms (n)': Math.round(a),
      'chars (4n)': large.length,
      'ms (4n)': Math.round(b),
      ratio: Math.round((b / a) * 10) / 10,
    };
  });
}
