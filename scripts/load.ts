/**
 * Load test of the API: starts the real server (real workspace and index) in a child process on
 * 127.0.0.1, port 0 (so it measures the server's own memory, not autocannon's), warms it up,
 * then drives `POST /v1/search` and `POST /v1/ask` with autocannon for a bounded time each and
 * prints requests/s, p50/p95/p99 latency, errors and the server's RSS before and after. Exits
 * non-zero on any error or non-2xx reply, and gives up if the whole run overruns its budget.
 *
 * Memory: RSS and the V8 heap after a full GC (the server runs with --expose-gc) after the
 * warm-up and after each round; with `--rounds N` the routes are measured N times, so a leak
 * shows as a heap that keeps growing from round to round.
 *
 * Usage: npx tsx scripts/load.ts [--duration 10] [--connections 10] [--rounds 1]
 * The index is the configured one (POLICY_INDEX_DIR, default .index/), built from
 * POLICY_CORPUS_DIR (default corpus/) when none exists, as `npm start` does.
 *
 * `npm run load -- --busy [--copies 0] [--clients 10] [--probes 1] [--idle 5]`: queries while the server
 * re-indexes, ingests an upload and aligns hostile inputs, on a temp corpus (see load/busy.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
type Instance = Promise<AutocannonResult> & { on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void };
const autocannon = createRequire(import.meta.url)('autocannon') as (options: Record<string, unknown>) => Instance;

/** The questions staff ask (issue 3) and a few searches; each request takes the next one. */
const QUESTIONS = [
  '山西省2035年的水土保持率目标是多少？',
  '宁武县淤地坝安全运用的主体责任由谁落实？',
  '印台区青山保卫战的宣传引导由哪些部门负责？',
  '长子县领导组办公室对完成情况怎么跟踪评估？',
  '谁牵头召开协调会议？',
  '进展情况什么时候报送？',
  '生态清洁小流域建设',
  '严禁在崩塌滑坡危险区取土',
];

function flag(name: string, fallback: number, zero = false): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && (v > 0 || (zero && v === 0)) ? v : fallback;
}

interface Memory {
  rss: number;
  /** V8 heap used after a full GC (when gc is exposed), else as is. */
  heap: number;
}

/** Child mode: run the server and answer memory queries over IPC. */
async function serve(): Promise<void> {
  const { loadConfig } = await import('../src/core/config.js');
  // Loopback only; the limiter is lifted so it does not turn the measurement into 429s.
  const config = loadConfig(process.env, { host: '127.0.0.1', port: 0, rateLimitPerMinute: 100_000_000, logLevel: 'warn' });
  const { startServer } = await import('../src/api/server.js');
  const server = await startServer(config, { logger: false });
  const send = (m: object) => process.send?.(m);
  process.on('message', (m) => {
    if (m === 'mem') {
      (globalThis as { gc?: () => void }).gc?.();
      const usage = process.memoryUsage();
      send({ type: 'mem', rss: usage.rss, heap: usage.heapUsed });
    }
    if (m === 'stop') void server.close().then(() => process.exit(0));
  });
  send({ type: 'ready', url: server.url });
}

function request<T>(child: ChildProcess, message: string, type: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { type: string } & T) => {
      if (m.type !== type) return;
      child.off('message', on);
      resolve(m);
    };
    child.on('message', on);
    if (message) child.send(message);
  });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(url: string, path: string, field: string, duration: number, connections: number) {
  const samples: number[] = [];
  const instance = autocannon({
    url: `${url}${path}`,
    connections,
    duration,
    timeout: 30,
    requests: QUESTIONS.map((q) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ [field]: q }) })),
  });
  instance.on('response', (_client, _status, _bytes, ms) => samples.push(ms));
  const result = await instance;
  samples.sort((a, b) => a - b);
  return {
    route: `POST ${path}`,
    'req/s': Number(result.requests.average.toFixed(1)),
    requests: result.requests.total,
    'p50 ms': Number(percentile(samples, 50).toFixed(1)),
    'p95 ms': Number(percentile(samples, 95).toFixed(1)),
    'p99 ms': Number(percentile(samples, 99).toFixed(1)),
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/** A few sequential requests per route so first-use costs (lazy loads, JIT) are not measured. */
async function warmUp(url: string): Promise<void> {
  for (const [path, field] of ROUTES) {
    for (const q of QUESTIONS) {
      const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ [field]: q }) });
      if (!res.ok) throw new Error(`warm-up ${path} failed with ${res.status}: ${await res.text()}`);
    }
  }
}

const ROUTES: [string, string][] = [
  ['/v1/search', 'query'],
  ['/v1/ask', 'question'],
];

async function main(): Promise<void> {
  const duration = flag('duration', 10);
  const connections = flag('connections', 10);
  const rounds = flag('rounds', 1);
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], {
    execArgv: [...process.execArgv, '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // Bounded: start-up (which may build the index) plus the measured time, with room to spare.
  const budget = setTimeout(
    () => {
      console.error('load test overran its time budget; stopping the server');
      child.kill('SIGKILL');
      process.exit(2);
    },
    (120 + rounds * ROUTES.length * (duration + 30)) * 1000,
  );
  budget.unref();
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const ready = await Promise.race([
    request<{ url: string }>(child, '', 'ready'),
    exited.then((code) => Promise.reject(new Error(`server exited with ${code}`))),
  ]);
  await warmUp(ready.url);
  const memory = () => request<Memory>(child, 'mem', 'mem');
  const before = await memory();
  console.log(
    `server ${ready.url} (real workspace), ${connections} connections, ${duration} s per route, ${rounds} round(s); after warm-up: RSS ${mb(before.rss)}, heap ${mb(before.heap)}`,
  );
  const rows = [];
  for (let round = 1; round <= rounds; round++) {
    for (const [path, field] of ROUTES) {
      const row = await measure(ready.url, path, field, duration, connections);
      const m = await memory();
      rows.push({ round, ...row, 'RSS after': mb(m.rss), 'heap after GC': mb(m.heap) });
    }
  }
  console.table(rows);
  const after = await memory();
  const delta = (a: number, b: number) => `${a >= b ? '+' : ''}${mb(a - b)}`;
  console.log(
    `RSS ${mb(before.rss)} → ${mb(after.rss)} (${delta(after.rss, before.rss)}); heap after GC ${mb(before.heap)} → ${mb(after.heap)} (${delta(after.heap, before.heap)})`,
  );
  child.send('stop');
  await exited;
  clearTimeout(budget);
  if (rows.some((r) => r.errors > 0)) process.exitCode = 1;
}

if (process.argv.includes('--serve')) await serve();
else if (process.argv.includes('--busy')) {
  const { runBusy } = await import('./load/busy.js');
  const rows = await runBusy({ copies: flag('copies', 0, true), clients: flag('clients', 10), probes: flag('probes', 1), idleSeconds: flag('idle', 5) });
  if (rows.some((r) => r.errors > 0)) process.exitCode = 1;
} else await main();
