/**
 * Queries while the server is busy: a real server (its own process, worker threads on) over a
 * temp corpus of the five documents plus numbered copies, and 10 closed-loop clients on
 * `/v1/ask` beside 10 on `/healthz`, measured
 *
 *   idle        — nothing else running (the baseline);
 *   re-index    — `POST /v1/reindex` after every copy changed (a full rebuild: decode, parse,
 *                 embed and write every document);
 *   upload      — a 300 KB plan uploaded and ingested;
 *   alignment   — alignments of a 290 KB single-line plan and of 2,500 near-identical clauses
 *                 (the inputs that froze the server in issue 11) against the provincial plan.
 *
 * Prints p50/p95/p99/max of both routes per phase, the background job's own time, errors, and
 * the server's peak RSS. Targets (issue 11): /healthz p95 < 50 ms, /v1/ask p95 < 100 ms.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { mb, multipart, percentile, runClients, sampleRss, startServerChild, type ClientRun, type ServerHandle } from './harness.js';
import { oneLineText, repeatedClauses } from '../../src/testing/hostile.js';

const CORPUS = fileURLToPath(new URL('../../corpus/', import.meta.url));
const PARENT = '004_01ad0f74c71dd3d5.txt';
const QUESTIONS = ['山西省2035年的水土保持率目标是多少？', '谁牵头召开协调会议？', '进展情况什么时候报送？', '宁武县淤地坝安全运用的主体责任由谁落实？'];

export interface BusyOptions {
  /** Numbered copies of each corpus document (more copies, longer re-index). */
  copies: number;
  /** Closed-loop clients on /v1/ask. */
  clients: number;
  /** Closed-loop clients on /healthz (a monitor's probes). */
  probes: number;
  /** Seconds of the idle baseline. */
  idleSeconds: number;
}

/** Writes copy `k` of every corpus document, marked `round` so a new round changes every file. */
function writeCopies(dir: string, copies: number, round: number): void {
  for (const f of readdirSync(CORPUS)) {
    const text = readFileSync(join(CORPUS, f), 'utf8');
    // Round 2 changes the originals too, so a re-index rebuilds every document.
    if (round > 1) writeFileSync(join(dir, f), `${text}\n（第${round}版）\n`);
    for (let k = 1; k <= copies; k++) writeFileSync(join(dir, f.replace(/\.txt$/, `-copy${k}.txt`)), `${text}\n（副本${k}，第${round}版）\n`);
  }
}

interface PhaseRow {
  phase: string;
  /** What the background job's requests answered (status, or status and code). */
  job: string;
  'job s': number;
  'healthz p50': number;
  'healthz p95': number;
  'healthz p99': number;
  'healthz max': number;
  'ask p50': number;
  'ask p95': number;
  'ask p99': number;
  'ask max': number;
  requests: number;
  errors: number;
  'peak RSS': string;
}

const r1 = (x: number) => Math.round(x * 10) / 10;

/** Runs `job` while the clients run; returns the figures of that window. */
async function phase(server: ServerHandle, name: string, options: BusyOptions, job: () => Promise<string[]>): Promise<PhaseRow> {
  const ask = runClients(
    server.url,
    {
      path: '/v1/ask',
      init: () => ({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: QUESTIONS[Math.floor(Math.random() * QUESTIONS.length)] }),
      }),
    },
    options.clients,
  );
  const health = runClients(server.url, { path: '/healthz' }, options.probes);
  const rss = sampleRss(server.pid);
  const t0 = performance.now();
  const outcomes = await job();
  const seconds = (performance.now() - t0) / 1000;
  const [a, h]: ClientRun[] = await Promise.all([ask.stop(), health.stop()]);
  return {
    phase: name,
    job: outcomes.join(', ') || '—',
    'job s': r1(seconds),
    'healthz p50': r1(percentile(h.latencies, 50)),
    'healthz p95': r1(percentile(h.latencies, 95)),
    'healthz p99': r1(percentile(h.latencies, 99)),
    'healthz max': r1(Math.max(...h.latencies)),
    'ask p50': r1(percentile(a.latencies, 50)),
    'ask p95': r1(percentile(a.latencies, 95)),
    'ask p99': r1(percentile(a.latencies, 99)),
    'ask max': r1(Math.max(...a.latencies)),
    requests: a.latencies.length + h.latencies.length,
    errors: a.errors + h.errors,
    'peak RSS': mb(rss.stop()),
  };
}

/** A background request's outcome: its status, with the error code when it failed (WORK_TIMEOUT is a legitimate one). */
async function outcome(res: Response): Promise<string> {
  const body = (await res.json()) as { code?: string };
  return res.ok ? String(res.status) : `${res.status} ${body.code}`;
}

/** The busy-server scenario (see the module comment). Returns the rows it printed. */
export async function runBusy(options: BusyOptions): Promise<PhaseRow[]> {
  const root = mkdtempSync(join(tmpdir(), 'policy-load-'));
  const corpus = join(root, 'corpus');
  mkdirSync(corpus);
  cpSync(CORPUS, corpus, { recursive: true });
  writeCopies(corpus, options.copies, 1);
  const env = { POLICY_CORPUS_DIR: corpus, POLICY_INDEX_DIR: join(root, 'index'), POLICY_DATA_DIR: join(root, 'data') };
  const built = performance.now();
  const server = await startServerChild(env);
  const docs = readdirSync(corpus).length;
  console.log(
    `server ${server.url} (pid ${server.pid}): ${docs} documents indexed in ${r1((performance.now() - built) / 1000)} s; ${options.clients} clients on /v1/ask, ${options.probes} on /healthz`,
  );
  const rows: PhaseRow[] = [];
  try {
    // Warm-up: first-use costs (worker start, lazy loads, JIT) are not the figures.
    const sleep = (ms: number) => new Promise<string[]>((resolve) => setTimeout(() => resolve([]), ms));
    await phase(server, 'warm-up', options, () => sleep(3000));
    rows.push(await phase(server, 'idle', options, () => sleep(options.idleSeconds * 1000)));
    rows.push(
      await phase(server, `re-index (${docs} docs changed)`, options, async () => {
        writeCopies(corpus, options.copies, 2);
        return [await outcome(await fetch(`${server.url}/v1/reindex`, { method: 'POST' }))];
      }),
    );
    const big = Buffer.from(
      repeatedClauses(1).toString() +
        readFileSync(join(CORPUS, PARENT), 'utf8')
          .repeat(18)
          .replace(/山西省/g, '某省'),
    );
    rows.push(
      await phase(server, `upload (${Math.round(big.length / 1024)} KB plan)`, options, async () => {
        return [await outcome(await fetch(`${server.url}/v1/documents`, { method: 'POST', body: multipart('big-plan.txt', big) }))];
      }),
    );
    rows.push(
      await phase(server, 'alignment (290 KB line, 2,500 clauses)', options, async () => {
        const out: string[] = [];
        for (const [name, bytes] of [
          ['line-290k.txt', oneLineText(290 * 1024)],
          ['clauses.txt', repeatedClauses(2500)],
        ] as const) {
          out.push(await outcome(await fetch(`${server.url}/v1/align`, { method: 'POST', body: multipart(name, bytes, { parent: PARENT }) })));
        }
        return out;
      }),
    );
    const m = await server.memory();
    console.table(rows);
    console.log(`server peak RSS over the whole run (VmHWM): ${mb(m.peak)}; now ${mb(m.rss)}, heap after GC ${mb(m.heap)}`);
    return rows;
  } finally {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
}
