/** `policy eval`: answer accuracy and retrieval quality on a gold set; `--align` scores alignment. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readGold } from '../../evals/qa/gold.js';
import { resultsForJson, runQaEval, type AskFn, type QaRun } from '../../evals/qa/run.js';
import type { QaMetrics } from '../../evals/qa/metrics.js';
import { formatAlignEvalTable, runAlignmentEval } from '../../evals/align/index.js';
import type { SearchMode } from '../../retrieval/types.js';
import { createWorkspace } from '../../workspace/workspace.js';
import { REQUESTED_MODES } from '../../answer/types.js';
import { choiceFlag, configFromFlags, defineCommand } from '../command.js';
import { printJson } from '../output.js';

export const DEFAULT_QA_GOLD = 'evals/qa-gold.jsonl';

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

/** A readable table: one column per run (hybrid first, then ablations). */
export function formatQaTable(runs: QaRun[]): string {
  const head = ['metric', ...runs.map((r) => `${r.searchMode}${r.mode !== 'extractive' ? `/${r.mode}` : ''}`)];
  const rows = METRIC_ROWS.map(([k, label]) => [label, ...runs.map((r) => String(r.metrics[k]))]);
  rows.unshift(['items (answerable/unanswerable)', ...runs.map((r) => `${r.metrics.items} (${r.metrics.answerable}/${r.metrics.unanswerable})`)]);
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => [...r[i]].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return null;
  }
}

export const evalCommand = defineCommand({
  summary: 'Evaluate answers (default gold evals/qa-gold.jsonl) or, with --align, alignment',
  usage: 'policy eval [--qa FILE] [--mode extractive|llm|auto] [--no-ablations] [--align] [--save] [--json]',
  options: {
    qa: { type: 'string' },
    mode: { type: 'string' },
    'no-ablations': { type: 'boolean' },
    align: { type: 'boolean' },
    save: { type: 'boolean' },
  },
  async run({ values, ctx }) {
    const config = configFromFlags(values);
    const ws = await createWorkspace(config);
    await ws.ensureIndex();
    const commit = gitCommit();
    const embedder = ws.status().embedder?.id ?? null;

    if (values.align) {
      const report = await runAlignmentEval({ workspace: ws });
      if (ctx.json) printJson({ embedder, commit, ...report });
      else ctx.say(formatAlignEvalTable(report));
      return;
    }

    const mode = choiceFlag(values.mode, REQUESTED_MODES, 'mode') ?? 'extractive';
    const goldPath = values.qa ?? DEFAULT_QA_GOLD;
    const gold = readGold(goldPath);
    const originals = new Map(ws.listDocuments().map((d) => [d.id, ws.getDocument(d.id).originalText]));
    const ask: AskFn = (q, o) => ws.ask(q, { session: o.session, searchMode: o.searchMode, mode: o.mode });
    const modes: SearchMode[] = values['no-ablations'] ? ['hybrid'] : ['hybrid', 'lexical', 'dense'];
    const runs: QaRun[] = [];
    for (const searchMode of modes) runs.push(await runQaEval(gold, ask, originals, { searchMode, mode }));
    const main = runs[0];
    const out = {
      embedder,
      mode,
      commit,
      gold: goldPath,
      results: resultsForJson(main),
      metrics: main.metrics,
      ablations: Object.fromEntries(runs.map((r) => [r.searchMode, r.metrics])),
    };
    if (values.save) {
      mkdirSync('evals/results', { recursive: true });
      const file = join(
        'evals/results',
        `${new Date().toISOString().replace(/[:.]/g, '-')}-${(embedder ?? 'none').split(':').slice(0, 2).join('-')}-${mode}-${commit ?? 'nocommit'}.json`,
      );
      writeFileSync(file, JSON.stringify(out, null, 2));
      ctx.log(`saved ${file}`);
    }
    if (ctx.json) {
      printJson(out);
      return;
    }
    ctx.say(`gold ${out.gold}, embedder ${embedder}, mode ${mode}, commit ${commit ?? '—'}`);
    ctx.say(formatQaTable(runs));
    const wrong = main.results.filter((r) => (r.item.unanswerable ? !r.answer.abstained : r.answer.abstained || !r.answer.answer));
    if (wrong.length) ctx.say(`\n${wrong.length} item(s) with the wrong abstention decision: ${wrong.map((r) => r.item.id).join(', ')}`);
  },
});
