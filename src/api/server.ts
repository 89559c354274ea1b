/**
 * `startServer(config)`: what `policy serve` / `npm start` runs. It opens the workspace, builds
 * the index from the corpus when none exists, serves the API and the UI on config.host:port
 * with fastify's logger, and shuts down cleanly on SIGINT/SIGTERM (in-flight requests finish,
 * then the workspace closes).
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../core/config.js';
import type { Workspace } from '../workspace/types.js';
import { buildApp } from './app.js';

export interface StartServerOptions {
  /** Use this workspace instead of creating one (tests, the load script). It is still closed on shutdown. */
  workspace?: Workspace;
  /** Install SIGINT/SIGTERM handlers. Default true. */
  handleSignals?: boolean;
  /** fastify logger options. Default: pretty-less JSON logs at config.logLevel. */
  logger?: boolean | object;
}

export interface RunningServer {
  app: FastifyInstance;
  workspace: Workspace;
  /** e.g. `http://127.0.0.1:3000`. */
  url: string;
  /** Stops listening, waits for in-flight requests, closes the workspace. Idempotent. */
  close(): Promise<void>;
}

/** Starts the HTTP server; resolves once it listens. */
export async function startServer(config: Config, options: StartServerOptions = {}): Promise<RunningServer> {
  // Imported lazily so the API (and its tests) load without the index stack when a workspace is given.
  const workspace = options.workspace ?? (await (await import('../workspace/workspace.js')).createWorkspace(config));
  const logger = options.logger ?? { level: config.logLevel };
  let app: FastifyInstance | null = null;
  try {
    await workspace.ensureIndex();
    app = await buildApp({ workspace, config, logger });
    const url = await app.listen({ host: config.host, port: config.port });
    let closing: Promise<void> | null = null;
    const running: RunningServer = {
      app,
      workspace,
      url,
      close() {
        closing ??= (async () => {
          await app!.close();
          await workspace.close();
        })();
        return closing;
      },
    };
    if (options.handleSignals ?? true) installSignalHandlers(running);
    app.log.info(`UI at ${url}/ · OpenAPI at ${url}/docs`);
    return running;
  } catch (err) {
    await app?.close().catch(() => undefined);
    await workspace.close().catch(() => undefined);
    throw err;
  }
}

/** First signal: close gracefully (10 s at most); second signal: exit at once. */
function installSignalHandlers(server: RunningServer): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    server.app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    server.close().then(
      () => process.exit(0),
      (err) => {
        server.app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
