/**
 * The CLI as a user runs it (a real process): `--json` prints exactly one JSON document on
 * stdout, a mistyped `--index` is an error instead of a new index, and a port in use is
 * PORT_IN_USE.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, testConfig } from '../testing/api.js';
import { PARENT_ID } from '../testing/corpus.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(ROOT, 'src/cli/main.ts');
let root: string;
let indexDir: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'policy-cli-'));
  const config = testConfig({ workerThreads: 0 }, root);
  const ws = await createTestWorkspace(config);
  await ws.close();
  indexDir = config.indexDir;
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs the CLI; its environment points every folder into the test's temp folder. */
function cli(args: string[]) {
  const env = { ...process.env, POLICY_CORPUS_DIR: join(root, 'corpus'), POLICY_DATA_DIR: join(root, 'data'), POLICY_INDEX_DIR: indexDir, LOG_LEVEL: 'warn' };
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** stdout must be one JSON document and nothing else. */
const oneJson = (stdout: string) => JSON.parse(stdout);

describe('--json prints exactly one JSON document', () => {
  it('obligations --format md --json: the Markdown travels inside the document', () => {
    const r = cli(['obligations', '--doc', PARENT_ID, '--format', 'md', '--json', '--index', indexDir]);
    expect(r.code, r.stderr).toBe(0);
    const doc = oneJson(r.stdout);
    expect(doc).toMatchObject({ doc: PARENT_ID, format: 'md' });
    expect(doc.content).toContain('## 任务分工表');
    expect(doc.register).toBeGreaterThan(0);
  }, 60_000);

  it('serve --json: one document with the URL; logs go to stderr', async () => {
    const env = { ...process.env, POLICY_CORPUS_DIR: join(root, 'corpus'), POLICY_DATA_DIR: join(root, 'data'), LOG_LEVEL: 'info', POLICY_WORKER_THREADS: '1' };
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'serve', '--json', '--port', '0', '--index', indexDir], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    try {
      for (let i = 0; i < 600 && !stdout.includes('\n}'); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      const doc = oneJson(stdout);
      expect(doc.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${doc.url}/healthz`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    expect(oneJson(stdout).port).toBeGreaterThan(0);
    expect(stderr).toContain('UI at');
  }, 60_000);
});

describe('errors a user can fix', () => {
  let blocker: Server;
  beforeAll(() => new Promise<void>((resolve) => (blocker = createServer().listen(0, '127.0.0.1', () => resolve()))));
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it('a port in use is PORT_IN_USE (exit 3), as one JSON document', () => {
    const port = (blocker.address() as { port: number }).port;
    const r = cli(['serve', '--port', String(port), '--json', '--index', indexDir]);
    expect(r.code).toBe(3);
    expect(oneJson(r.stdout).error).toMatchObject({ code: 'PORT_IN_USE' });
  }, 60_000);

  it('--index naming a folder that is not an index is an error, and builds nothing', () => {
    const typo = join(root, 'indx');
    const r = cli(['docs', '--json', '--index', typo]);
    expect(r.code).toBe(3);
    expect(oneJson(r.stdout).error.code).toBe('INDEX_NOT_FOUND');
    expect(existsSync(typo)).toBe(false);
    const other = join(root, 'notes');
    mkdirSync(other);
    writeFileSync(join(other, 'todo.txt'), 'x');
    for (const command of ['docs', 'ingest']) {
      const res = cli([command, '--json', '--index', other]);
      expect(res.code, command).toBe(3);
      expect(oneJson(res.stdout).error.code).toBe('NOT_AN_INDEX');
    }
  }, 60_000);

  it('eval --align --children naming no folder is a usage error (exit 2)', () => {
    const r = cli(['eval', '--align', '--children', join(root, 'no-such-children'), '--json']);
    expect(r.code).toBe(2);
    expect(oneJson(r.stdout).error.code).toBe('USAGE');
  }, 60_000);

  it('ingest may create an index in a new folder', () => {
    const fresh = join(root, 'fresh-index');
    const r = cli(['ingest', join(root, 'corpus'), '--json', '--index', fresh]);
    expect(r.code, r.stderr).toBe(0);
    expect(oneJson(r.stdout)).toMatchObject({ changed: true, documents: 2 });
  }, 60_000);
});
