/**
 * TEST ONLY. The API tests run on the REAL workspace (`createWorkspace`) over copies of real
 * corpus files, each app in its own temp folders (corpus, index, data), so no test touches the
 * repository's `.index` or `.data`.
 *
 * Speed: the index of a document set is built once per test RUN into a template folder named
 * after the vitest process (the parent of every test fork), and every app gets a copy of it —
 * copying a few hundred KB takes milliseconds, an ingest about a second, and on a 2-core
 * machine vitest runs the files one after another. Templates of finished runs are removed by
 * the next run; a run never sees another run's index.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { configSchema, type Config } from '../core/config.js';
import { createWorkspace } from '../workspace/workspace.js';
import type { Workspace } from '../workspace/types.js';
import { buildApp } from '../api/app.js';
import { CHILD_ID, PARENT_ID, corpusPath } from './corpus.js';

export interface TestWorkspaceOptions {
  /** Corpus file names to index. Default: 宁武县 (002) and 山西省 (004). */
  docs?: string[];
}

/** A config for tests: temp folders under `dir`, loopback host, quiet logs, defaults otherwise. */
export function testConfig(overrides: Partial<Config> = {}, dir: string = mkdtempSync(join(tmpdir(), 'policy-api-'))): Config {
  return configSchema.parse({ corpusDir: join(dir, 'corpus'), indexDir: join(dir, 'index'), dataDir: join(dir, 'data'), logLevel: 'silent', ...overrides });
}

/** Template indexes of this process, by document set. */
const templates = new Map<string, Promise<{ indexDir: string }>>();
const TEMPLATE_PREFIX = 'policy-api-template-';

/** When process `pid` started (clock ticks since boot, from /proc), or '' where /proc is absent. */
function startTimeOf(pid: number): string | null {
  try {
    // Field 22 of /proc/<pid>/stat; the command name (field 2) may contain spaces, so count from its ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return existsSync('/proc/self/stat') ? null : '';
  }
}

/**
 * The test run this process belongs to: in a vitest fork (it has an IPC channel), the vitest
 * process that forked it; otherwise this process alone. Pid plus start time, so a recycled pid
 * is never taken for an old run.
 */
function currentRun(): string {
  const pid = typeof process.send === 'function' ? process.ppid : process.pid;
  return `${pid}.${startTimeOf(pid) ?? ''}`;
}
const RUN_ID = currentRun();
// Outside vitest forks the run is this process: its templates go with it.
if (typeof process.send !== 'function') {
  process.once('exit', () => {
    for (const name of readdirSync(tmpdir()))
      if (name.startsWith(`${TEMPLATE_PREFIX}${RUN_ID}-`)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  });
}

/** Removes the templates of runs that have ended. */
function pruneOldTemplates(): void {
  for (const name of readdirSync(tmpdir())) {
    const m = new RegExp(`^${TEMPLATE_PREFIX}(\\d+)\\.(\\d*)-`).exec(name);
    if (!m || `${m[1]}.${m[2]}` === RUN_ID) continue;
    if (startTimeOf(Number(m[1])) !== m[2]) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

/** Copies the corpus files `docs` into `dir`. */
function copyCorpus(docs: string[], dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const id of docs) copyFileSync(corpusPath(id), join(dir, id));
}

/**
 * The index of `docs`, built with the real ingest once per test run: the first fork that needs
 * it builds it beside the final folder and renames it into place (atomic), later forks reuse it.
 */
function templateIndex(docs: string[]): Promise<{ indexDir: string }> {
  const key = [...docs].sort().join('|');
  let template = templates.get(key);
  if (!template) {
    template = (async () => {
      const final = join(tmpdir(), `${TEMPLATE_PREFIX}${RUN_ID}-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`);
      const indexDir = join(final, 'index');
      if (existsSync(final)) return { indexDir };
      pruneOldTemplates();
      const root = mkdtempSync(join(tmpdir(), `${TEMPLATE_PREFIX}${RUN_ID}-building-`));
      try {
        const config = testConfig({}, root);
        copyCorpus(docs, config.corpusDir);
        const ws = await createWorkspace(config);
        await ws.ensureIndex();
        await ws.close();
        // Another fork may have finished first: its template is as good as ours.
        if (!existsSync(final)) renameSync(root, final);
      } catch (err) {
        if (!existsSync(final)) throw err;
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
      return { indexDir };
    })();
    templates.set(key, template);
  }
  return template;
}

/**
 * The real workspace over copies of corpus files (`config.corpusDir`) with a ready index (a
 * copy of the template index in `config.indexDir`). Incremental ingest sees the copied files
 * as unchanged, so a re-index of the corpus folder is a no-op, as on a real install.
 */
export async function createTestWorkspace(config: Config, options: TestWorkspaceOptions = {}): Promise<Workspace> {
  const docs = options.docs ?? [CHILD_ID, PARENT_ID];
  copyCorpus(docs, config.corpusDir);
  const { indexDir } = await templateIndex(docs);
  cpSync(indexDir, config.indexDir, { recursive: true });
  return createWorkspace(config);
}

/**
 * Makes `ask` stream one token and then throw `error`. The only scripted behaviour left in the
 * API tests, for failures no real input can cause: an unexpected internal error (whose message
 * must never reach the client) thrown after a stream has started. LLM failures are produced for
 * real with the fake LLM server instead.
 */
export function failAsk(workspace: Workspace, error: Error): Workspace {
  workspace.ask = async (_question, opts = {}) => {
    opts.onToken?.('…');
    throw error;
  };
  return workspace;
}

export interface TestApp {
  app: FastifyInstance;
  workspace: Workspace;
  config: Config;
  /** The app's temp folder (corpus/, index/, data/). */
  root: string;
  close(): Promise<void>;
}

/** An app over a real test workspace, ready for `app.inject()`; `close()` also removes the temp folders. */
export async function createTestApp(overrides: Partial<Config> = {}, options: TestWorkspaceOptions = {}): Promise<TestApp> {
  const root = mkdtempSync(join(tmpdir(), 'policy-api-'));
  const config = testConfig(overrides, root);
  const workspace = await createTestWorkspace(config, options);
  await workspace.ensureIndex();
  const app = await buildApp({ workspace, config });
  await app.ready();
  return {
    app,
    workspace,
    config,
    root,
    async close() {
      await app.close();
      await workspace.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A multipart/form-data body for `app.inject` (or fetch): one file part plus text fields. */
export function multipartBody(
  file: { name: string; bytes: Buffer; type?: string; field?: string } | null,
  fields: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----policy-test-${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
    );
    parts.push(file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
