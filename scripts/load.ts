/**
 * Load test of the API: starts the server in a child process on 127.0.0.1, port 0 (so it
 * measures the server's own memory, not autocannon's), then drives `POST /v1/search` and
 * `POST /v1/ask` with autocannon for a bounded time each and prints requests/s, p50/p95/p99
 * latency, errors and the server's RSS before and after.
 *
 * Usage: npx tsx scripts/load.ts [--duration 10] [--connections 10] [--fake]
 *   --fake   use the in-memory test workspace instead of the real index (no index needed)
 * The real workspace builds the index from POLICY_CORPUS_DIR (default corpus/) when none exists.
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

const QUESTIONS = ['谁牵头召开协调会议？', '进展情况什么时候报送？', '水土保持率目标是多少？', '生态清洁小流域建设', '严禁在崩塌滑坡危险区取土', '河长制考核'];

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/** Child mode: run the server and answer RSS queries over IPC. */
async function serve(): Promise<void> {
  const { loadConfig } = await import('../src/config.js');
  // Loopback only; the limiter is lifted so it does not turn the measurement into 429s.
  const config = loadConfig(process.env, { host: '127.0.0.1', port: 0, rateLimitPerMinute: 100_000_000, logLevel: 'warn' });
  const workspace = process.argv.includes('--fake') ? (await import('../src/api/test-helpers.js')).createFakeWorkspace(config) : undefined;
  const { startServer } = await import('../src/api/server.js');
  const server = await startServer(config, { workspace, logger: false });
  const send = (m: object) => process.send?.(m);
  process.on('message', (m) => {
    if (m === 'rss') send({ type: 'rss', rss: process.memoryUsage().rss });
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

async function main(): Promise<void> {
  const duration = flag('duration', 10);
  const connections = flag('connections', 10);
  const childArgs = ['--serve', ...(process.argv.includes('--fake') ? ['--fake'] : [])];
  const child = fork(fileURLToPath(import.meta.url), childArgs, { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const ready = await Promise.race([request<{ url: string }>(child, '', 'ready'), exited.then((code) => Promise.reject(new Error(`server exited with ${code}`)))]);
  const before = (await request<{ rss: number }>(child, 'rss', 'rss')).rss;
  console.log(`server ${ready.url} (${childArgs.includes('--fake') ? 'fake' : 'real'} workspace), ${connections} connections, ${duration} s per route; RSS ${mb(before)}`);
  const rows = [];
  for (const [path, field] of [
    ['/v1/search', 'query'],
    ['/v1/ask', 'question'],
  ]) {
    rows.push({ ...(await measure(ready.url, path, field, duration, connections)), 'RSS after': mb((await request<{ rss: number }>(child, 'rss', 'rss')).rss) });
  }
  console.table(rows);
  const after = (await request<{ rss: number }>(child, 'rss', 'rss')).rss;
  console.log(`RSS before ${mb(before)}, after ${mb(after)} (${after >= before ? '+' : ''}${mb(after - before)})`);
  child.send('stop');
  await exited;
  if (rows.some((r) => r.errors > 0)) process.exitCode = 1;
}

await (process.argv.includes('--serve') ? serve() : main());
