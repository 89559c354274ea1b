/**
 * What a server killed with kill -9 leaves behind, and the next start: an upload accepted or in
 * the middle of its ingest (its job says so, its bytes are staged), the ingest lock of the dead
 * process, a half-written generation. The next workspace serves the old generation, runs the
 * upload again, and ends with it indexed and stored. (`npm run fuzz` kills a real server.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorkspace, testConfig } from '../testing/api.js';
import { createUploadStore, type UploadJob } from './uploads.js';
import type { Workspace } from './types.js';

const roots: string[] = [];
const open: Workspace[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((w) => w.close()));
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

async function setup() {
  const root = mkdtempSync(join(tmpdir(), 'policy-restart-'));
  roots.push(root);
  // The restart logic is the same on any thread; ingesting here keeps the test fast.
  const config = testConfig({ workerThreads: 0 }, root);
  const first = await createTestWorkspace(config);
  await first.close();
  return config;
}

/** The pid of a process that has exited (what a lock of a killed server names). */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout.trim());
}

async function waitFor(ws: Workspace, id: string): Promise<UploadJob> {
  for (let i = 0; i < 600; i++) {
    const job = ws.getUpload(id);
    if (job.status === 'indexed' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the resumed upload did not finish');
}

const PLAN = Buffer.from('一、总则\n县水务局牵头，每半年向县政府报告河湖长制落实情况。\n');

describe('a restart after kill -9', () => {
  it('runs an upload that was being ingested again, over a stale lock and a half-written generation', async () => {
    const config = await setup();
    const store = createUploadStore(join(config.dataDir, 'upload-queue'));
    const job = store.accept({ docId: '河湖长制.txt', format: 'txt', bytes: PLAN, replace: false });
    store.save({ ...job, status: 'indexing', startedAt: new Date().toISOString() });
    writeFileSync(join(config.indexDir, 'ingest.lock'), String(deadPid()));
    const half = join(config.indexDir, 'gen-2099-01-01T00-00-00-000Z-dead00');
    mkdirSync(half);
    writeFileSync(join(half, 'documents.json'), '[{"id":');

    const ws = await createTestWorkspaceOver(config);
    const generation = ws.status().generation;
    expect(ws.status()).toMatchObject({ ready: true, documents: 2 });
    expect(ws.getUpload(job.id).status).toBe('indexing');
    ws.resumeUploads();
    const done = await waitFor(ws, job.id);
    expect(done).toMatchObject({ status: 'indexed', error: null });
    expect(done.result?.added).toEqual(['河湖长制.txt']);
    expect(ws.status()).toMatchObject({ documents: 3, uploadsPending: 0 });
    expect(ws.status().generation).not.toBe(generation);
    expect(readFileSync(join(config.dataDir, 'uploads', '河湖长制.txt'))).toEqual(PLAN);
    expect(existsSync(half)).toBe(false);
    expect(readdirSync(join(config.dataDir, 'upload-queue')).filter((f) => f.endsWith('.part'))).toEqual([]);
  }, 60_000);

  it('finishes an upload killed after its generation was swapped in but before its file was stored', async () => {
    const config = await setup();
    const ws1 = await createTestWorkspaceOver(config);
    await ws1.addDocument('河湖长制.txt', PLAN);
    await ws1.close();
    // As if the process died between the swap and the rename: the job is still indexing, the bytes still staged.
    const stored = join(config.dataDir, 'uploads', '河湖长制.txt');
    rmSync(stored);
    const store = createUploadStore(join(config.dataDir, 'upload-queue'));
    const job = store.accept({ docId: '河湖长制.txt', format: 'txt', bytes: PLAN, replace: false });
    store.save({ ...job, status: 'indexing' });

    const ws = await createTestWorkspaceOver(config);
    ws.resumeUploads();
    const done = await waitFor(ws, job.id);
    expect(done.status).toBe('indexed');
    expect(done.result?.unchanged).toEqual(['河湖长制.txt']);
    expect(readFileSync(stored)).toEqual(PLAN);
  }, 60_000);

  it('marks a job whose staged bytes are gone as failed with UPLOAD_INTERRUPTED', async () => {
    const config = await setup();
    const store = createUploadStore(join(config.dataDir, 'upload-queue'));
    const job = store.accept({ docId: 'gone.txt', format: 'txt', bytes: PLAN, replace: false });
    rmSync(store.stagedPath(job.id));
    const ws = await createTestWorkspaceOver(config);
    ws.resumeUploads();
    expect(ws.getUpload(job.id)).toMatchObject({ status: 'failed', error: { code: 'UPLOAD_INTERRUPTED' } });
  });
});

/** A workspace over the existing folders of `config` (no corpus copy, no new index). */
async function createTestWorkspaceOver(config: ReturnType<typeof testConfig>): Promise<Workspace> {
  const { createWorkspace } = await import('./workspace.js');
  const ws = await createWorkspace(config);
  open.push(ws);
  await ws.ensureIndex();
  return ws;
}
