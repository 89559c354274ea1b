/** Plain-text tables of QA evaluation runs, for people (the CLI prints them; `--json` gives the numbers). */
import { QUESTION_CLASSES } from './gold.js';
import type { ClassMetrics, QaMetrics } from './metrics.js';
import type { QaRun } from './run.js';

const METRIC_ROWS: [keyof QaMetrics, string][] = [
  ['answerAccuracy', 'answer accuracy'],
  ['abstentionAccuracy', 'abstention accuracy'],
  ['abstainRecall', 'abstained when unanswerable'],
  ['answerRate', 'answered when answerable'],
  ['evidenceHitAt1', 'evidence hit@1'],
  ['evidenceHitAt5', 'evidence hit@5'],
  ['mrr', 'MRR'],
  ['citationPrecision', 'citation precision'],
  ['latencyP50Ms', 'latency p50 (ms)'],
  ['latencyP95Ms', 'latency p95 (ms)'],
];

/** Aligns rows of cells into columns. */
function formatTable(head: string[], rows: string[][]): string {
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => [...(r[i] ?? '')].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The metrics table: one column per run (hybrid first, then ablations). */
export function formatQaTable(runs: QaRun[]): string {
  const head = ['metric', ...runs.map((r) => `${r.searchMode}${r.mode !== 'extractive' ? `/${r.mode}` : ''}`)];
  const rows = METRIC_ROWS.map(([k, label]) => [label, ...runs.map((r) => String(r.metrics[k]))]);
  rows.unshift(['items (answerable/unanswerable)', ...runs.map((r) => `${r.metrics.items} (${r.metrics.answerable}/${r.metrics.unanswerable})`)]);
  return formatTable(head, rows);
}

/** Classes in the gold's order of classes, then the groups (follow-ups, unanswerable). */
export function sortClasses(classes: ClassMetrics[]): ClassMetrics[] {
  const rank = (name: string) => {
    const i = (QUESTION_CLASSES as readonly string[]).indexOf(name);
    return i >= 0 ? i : QUESTION_CLASSES.length + (name.startsWith('(') ? 1 : 0);
  };
  return [...classes].sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

/** Accuracy per question class. */
export function formatClassTable(classes: ClassMetrics[]): string {
  const rows = sortClasses(classes).map((c) => [
    c.name,
    String(c.items),
    c.answerAccuracy === null ? '–' : c.answerAccuracy.toFixed(3),
    c.abstentionAccuracy.toFixed(3),
  ]);
  return formatTable(['class', 'items', 'answer accuracy', 'abstention accuracy'], rows);
}
