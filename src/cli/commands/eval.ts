/** `policy eval`: answer accuracy and retrieval quality on a gold set; `--align` scores alignment. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkGoldEvidence, readGold } from '../../evals/qa/gold.js';
import { resultsForJson, runQaEval, type AskFn, type QaRun } from '../../evals/qa/run.js';
import { computeClassMetrics } from '../../evals/qa/metrics.js';
import { formatClassTable, formatQaTable } from '../../evals/qa/report.js';
import { formatAlignEvalTable, runAlignmentEval } from '../../evals/align/index.js';
import type { SearchMode } from '../../retrieval/types.js';
import { createWorkspace } from '../../workspace/workspace.js';
import { REQUESTED_MODES } from '../../answer/types.js';
import { choiceFlag, configFromFlags, defineCommand } from '../command.js';
import { printJson, UsageError } from '../output.js';

/** The project's gold: the test split (written blind, never tuned on) and the dev split. */
export const DEFAULT_QA_GOLD = ['evals/qa/test.jsonl', 'evals/qa/dev.jsonl'];

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
  summary: 'Evaluate answers (default: the test and dev splits of evals/qa/) per question class, or, with --align, alignment',
  usage: 'policy eval [--qa FILE]... [--mode extractive|llm|auto] [--no-ablations] [--align [--children DIR]] [--save] [--json]',
  options: {
    // A folder of the user's own hand-written children (child-*.txt) with their gold (gold-*.json beside them).
    children: { type: 'string' },
    qa: { type: 'string', multiple: true },
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
      if (values.children && !existsSync(values.children)) throw new UsageError(`--children: no folder ${values.children}`);
      const report = await runAlignmentEval({ workspace: ws, ...(values.children ? { childrenDir: values.children } : {}) });
      if (ctx.json) printJson({ embedder, commit, ...report });
      else ctx.say(formatAlignEvalTable(report));
      return;
    }

    const mode = choiceFlag(values.mode, REQUESTED_MODES, 'mode') ?? 'extractive';
    const goldPaths = values.qa?.length ? values.qa : DEFAULT_QA_GOLD;
    const originals = new Map(ws.listDocuments().map((d) => [d.id, ws.getDocument(d.id).originalText]));
    const ask: AskFn = (q, o) => ws.ask(q, { session: o.session, searchMode: o.searchMode, mode: o.mode });
    const modes: SearchMode[] = values['no-ablations'] ? ['hybrid'] : ['hybrid', 'lexical', 'dense'];
    const reports = [];
    for (const goldPath of goldPaths) {
      const gold = readGold(goldPath);
      for (const p of checkGoldEvidence(gold, originals)) ctx.log(`gold ${goldPath}: ${p}`);
      const runs: QaRun[] = [];
      for (const searchMode of modes) runs.push(await runQaEval(gold, ask, originals, { searchMode, mode }));
      const main = runs[0];
      const classes = computeClassMetrics(main.results);
      reports.push({ gold: goldPath, runs, main, classes });
      if (!ctx.json) {
        ctx.say(`\ngold ${goldPath}, embedder ${embedder}, mode ${mode}, commit ${commit ?? '—'}`);
        ctx.say(formatQaTable(runs));
        ctx.say(`\n${formatClassTable(classes)}`);
        const wrong = main.results.filter((r) => (r.item.unanswerable ? !r.answer.abstained : r.answer.abstained || !r.answer.answer));
        if (wrong.length) ctx.say(`\n${wrong.length} item(s) with the wrong abstention decision: ${wrong.map((r) => r.item.id).join(', ')}`);
      }
    }
    const out = {
      embedder,
      mode,
      commit,
      golds: reports.map((r) => ({
        gold: r.gold,
        metrics: r.main.metrics,
        classes: r.classes,
        ablations: Object.fromEntries(r.runs.map((x) => [x.searchMode, x.metrics])),
        results: resultsForJson(r.main),
      })),
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
    if (ctx.json) printJson(out);
  },
});
