/** `policy serve`: the HTTP API and browser UI (what `npm start` runs). */
import { configFromFlags, defineCommand } from '../command.js';
import { printJson, UsageError } from '../output.js';

/** `--port`: 0 to 65535 (0 picks a free port), or `fallback` when absent. */
export function portFlag(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port takes a port number (0–65535), not "${value}"`);
  return n;
}

export const serveCommand = defineCommand({
  summary: 'Serve the HTTP API and browser UI (builds the index from corpus/ when none exists)',
  usage: 'policy serve [--host HOST] [--port PORT] [--index DIR] [--embedder KIND] [--json]',
  options: { host: { type: 'string' }, port: { type: 'string' } },
  async run({ values, ctx }) {
    // The server runs heavy work in worker threads (POLICY_WORKER_THREADS), unlike other commands.
    const threads = { workerThreads: undefined, queryThreads: undefined };
    const base = configFromFlags(values, threads);
    const config = configFromFlags(values, { ...threads, host: values.host ?? base.host, port: portFlag(values.port, base.port) });
    // fastify and its plugins load only for this command, not for every CLI call.
    const { startServer } = await import('../../api/server.js');
    const server = await startServer(config);
    // Logs go to stderr; stdout gets one line (or, with --json, one JSON document) saying where to go.
    if (ctx.json) printJson({ url: server.url, host: config.host, port: Number(new URL(server.url).port), pid: process.pid });
    else process.stdout.write(`Serving the API and UI at ${server.url}/\n`);
  },
});
