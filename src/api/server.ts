/**
 * `startServer(config)`: what `policy serve` / `npm start` runs. It opens the workspace, builds
 * the index from the corpus when none exists, resumes the uploads a previous run had not
 * finished, serves the API and the UI on config.host:port with fastify's logger (on stderr),
 * warns when it is reachable beyond this machine, and shuts down cleanly on SIGINT/SIGTERM
 * (in-flight requests finish, then the workspace closes). A port in use is PORT_IN_USE.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../core/config.js';
import { AppError } from '../core/errors.js';
import type { Workspace } from '../workspace/types.js';
import { buildApp } from './app.js';
import { exposureWarnings } from './guard.js';

export interface StartServerOptions {
  /** Use this workspace instead of creating one (tests, the load script). It is still closed on shutdown. */
  workspace?: Workspace;
  /** Install SIGINT/SIGTERM handlers. Default true. */
  handleSignals?: boolean;
  /** fastify logger options. Default: pretty-less JSON logs at config.logLevel on stderr (stdout is the CLI's). */
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
  const logger = options.logger ?? { level: config.logLevel, stream: process.stderr };
  let app: FastifyInstance | null = null;
  try {
    await workspace.ensureIndex();
    app = await buildApp({ workspace, config, logger });
    const url = await listen(app, config);
    workspace.resumeUploads();
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
    for (const warning of exposureWarnings(config)) app.log.warn(warning);
    app.log.info(`UI at ${url}/ · OpenAPI at ${url}/docs`);
    return running;
  } catch (err) {
    await app?.close().catch(() => undefined);
    await workspace.close().catch(() => undefined);
    throw err;
  }
}

/** Listens on config.host:port; a port taken by another program is PORT_IN_USE, not INTERNAL. */
async function listen(app: FastifyInstance, config: Config): Promise<string> {
  try {
    return await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new AppError(
        'PORT_IN_USE',
        `Port ${config.port} on ${config.host} is already in use; stop the other server or choose another port (--port or PORT)`,
        {
          cause: err,
          details: { host: config.host, port: config.port },
        },
      );
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      throw new AppError('CONFIG_INVALID', `Cannot listen on ${config.host}: no such address on this machine (HOST or --host)`, { cause: err });
    }
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
