/**
 * The server under test, in its own process (so what is measured is the server's memory and
 * event loop, not the load generator's): the real `startServer` on 127.0.0.1, port 0, with the
 * rate limit lifted. Its folders come from the environment (POLICY_CORPUS_DIR, …). Answers IPC
 * messages: `mem` → its RSS, heap and peak RSS (VmHWM); `stop` → closes and exits.
 */
import { readFileSync } from 'node:fs';
import { loadConfig } from '../../src/core/config.js';
import { startServer } from '../../src/api/server.js';

/** Peak resident set size of this process so far (Linux), in bytes; the current RSS elsewhere. */
export function peakRss(): number {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // Not Linux.
  }
  return process.memoryUsage().rss;
}

const config = loadConfig(process.env, { host: '127.0.0.1', port: 0, rateLimitPerMinute: 100_000_000, logLevel: 'warn' });
const server = await startServer(config, { logger: false });
const send = (m: object) => process.send?.(m);
process.on('message', (m) => {
  if (m === 'mem') {
    (globalThis as { gc?: () => void }).gc?.();
    const usage = process.memoryUsage();
    send({ type: 'mem', rss: usage.rss, heap: usage.heapUsed, peak: peakRss() });
  }
  if (m === 'stop') void server.close().then(() => process.exit(0));
});
send({ type: 'ready', url: server.url, pid: process.pid });
