/**
 * One scenario in its own process (started by scripts/bench.ts with `fork`), so each gets a
 * clean heap and its own peak RSS. Arguments: one JSON object (ChildArgs) as argv[2]; the
 * ScenarioResult goes back over the IPC channel; progress goes to stderr.
 */
import { mkdirSync } from 'node:fs';
import { chunkCorpus, querySources, readCorpus, readGold, syntheticCorpus } from './corpus.js';
import { makeQueries } from './queries.js';
import { runScenario } from './scenario.js';

/** What the parent passes. */
export interface ChildArgs {
  kind: 'corpus' | 'synthetic';
  corpusDir: string;
  goldPath: string;
  chunks: number;
  queries: number;
  dir: string;
  keep: boolean;
  minisearch: boolean;
  /** Budget per slow baseline, seconds (0 = none). */
  baselineSeconds: number;
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as ChildArgs;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const parsed = await readCorpus(args.corpusDir);
  const gold = readGold(args.goldPath);
  const { chunks, docs } = args.kind === 'corpus' ? chunkCorpus(parsed) : syntheticCorpus(parsed, args.chunks);
  const regions = args.kind === 'synthetic' ? [...new Set(docs.map((d) => d.region.name).filter((r): r is string => !!r))] : null;
  const queries = makeQueries(
    gold.map((g) => g.question),
    querySources(parsed),
    args.queries,
    { regions },
  );
  mkdirSync(args.dir, { recursive: true });
  const result = await runScenario({
    name: args.kind === 'corpus' ? 'corpus/' : `synthetic ${args.chunks.toLocaleString('en-US')}`,
    chunks,
    docs,
    queries,
    // Gold evidence lives in the real documents only.
    gold: args.kind === 'corpus' ? gold : [],
    goldQuestions: new Set(gold.map((g) => g.question)),
    dir: args.dir,
    keep: args.keep,
    minisearch: args.minisearch,
    baselineBudgetMs: args.baselineSeconds > 0 ? args.baselineSeconds * 1000 : Number.POSITIVE_INFINITY,
    k: 10,
    log,
  });
  await new Promise<void>((resolve, reject) => process.send!({ ok: true, result }, (err: Error | null) => (err ? reject(err) : resolve())));
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err);
  process.stderr.write(`bench child failed: ${message}\n`);
  process.send?.({ ok: false, error: err instanceof Error ? err.message : String(err) }, () => process.exit(1));
});
