/**
 * `npm run bench`: ingest throughput, index size, peak RSS, search latency, HNSW recall and the
 * MiniSearch and brute-force baselines, on corpus/ and on a synthetic corpus recombined from it
 * (issue 2, "Benchmark"). Each scenario runs in a child process of its own (clean heap, its own
 * peak RSS). Prints a table, or with --json one JSON document on stdout; progress on stderr.
 *
 *   npm run bench -- [--chunks 100000] [--queries 1000] [--json] [--out DIR] [--no-minisearch] [--baseline-seconds 30]
 *
 * No timing is asserted anywhere; targets are reported as met or not. A default run takes about
 * 10 minutes on the 2-core machine: the HNSW build of 100k 1,024-d vectors (~190 s at M=48,
 * efConstruction=300) and MiniSearch's indexing of the same terms (~170 s) are most of it;
 * `--no-minisearch` or a smaller `--chunks` make it shorter.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBenchArgs, USAGE, type BenchOptions } from './bench/args.js';
import type { ChildArgs } from './bench/child.js';
import { checkTargets, formatReport } from './bench/report.js';
import type { ScenarioResult } from './bench/scenario.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHILD = fileURLToPath(new URL('./bench/child.ts', import.meta.url));

/** Runs one scenario in a child process and returns its result. */
function runChild(args: ChildArgs): Promise<ScenarioResult> {
  return new Promise((resolvePromise, reject) => {
    const child = fork(CHILD, [JSON.stringify(args)], {
      // --expose-gc: MiniSearch's heap is measured between two collections. The heap limit is
      // raised because 100k chunks of term lists live in the JS heap during ingest.
      execArgv: [...process.execArgv, '--expose-gc', '--max-old-space-size=12288'],
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    child.stdout!.pipe(process.stderr);
    let result: ScenarioResult | null = null;
    let error: string | null = null;
    child.on('message', (m: { ok: boolean; result?: ScenarioResult; error?: string }) => {
      if (m.ok) result = m.result!;
      else error = m.error ?? 'unknown error';
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (result) resolvePromise(result);
      else reject(new Error(`the ${args.kind} scenario failed: ${error ?? `exit ${code ?? signal}`}`));
    });
  });
}

async function main(options: BenchOptions): Promise<void> {
  const t0 = performance.now();
  const base = options.out ? resolve(options.out) : mkdtempSync(join(tmpdir(), 'policy-bench-'));
  const common = {
    corpusDir: join(ROOT, 'corpus'),
    goldPath: join(ROOT, 'evals', 'qa', 'dev.jsonl'),
    queries: options.queries,
    keep: options.out !== null,
    minisearch: !options.noMinisearch,
    baselineSeconds: options.baselineSeconds,
  };
  const scenarios: ScenarioResult[] = [];
  try {
    scenarios.push(await runChild({ ...common, kind: 'corpus', chunks: 0, dir: join(base, 'corpus') }));
    if (options.chunks > 0) {
      scenarios.push(await runChild({ ...common, kind: 'synthetic', chunks: options.chunks, dir: join(base, `synthetic-${options.chunks}`) }));
    }
  } finally {
    if (!options.out) rmSync(base, { recursive: true, force: true });
  }
  const seconds = (performance.now() - t0) / 1000;
  const machine = { seconds, node: process.version, cpus: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}` };
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ machine, options, scenarios, targets: checkTargets(scenarios) }, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatReport(scenarios, machine)}\n`);
  }
}

let options: BenchOptions | null;
try {
  options = parseBenchArgs(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
  process.exit(2);
}
if (!options) {
  process.stdout.write(`${USAGE}\n`);
} else {
  main(options).catch((err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
