/**
 * Ingest progress: the pipeline's events (files, the pages of a PDF, embedding, writing), the
 * same events crossing from a worker thread through the ingest lane, and an upload job showing
 * how far its ingest has got while it is indexing (and only then, and never on disk).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, type IngestProgress, type IngestResult } from '../indexing/pipeline.js';
import { testConfig } from '../testing/api.js';
import { CHILD_ID, corpusPath } from '../testing/corpus.js';
import { buildPagedPlanPdf } from '../testing/fixtures/paged-plan.js';
import { createIngestLane } from './lane.js';
import { createUploadManager } from './upload-jobs.js';

const PDF = 'plan.pdf';
let root: string;
let corpus: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'policy-progress-'));
  corpus = join(root, 'corpus');
  mkdirSync(corpus);
  writeFileSync(join(corpus, PDF), buildPagedPlanPdf());
  copyFileSync(corpusPath(CHILD_ID), join(corpus, CHILD_ID));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Checks the events of an ingest of the two files: files, the PDF's three pages, embedding, writing. */
function expectIngestEvents(events: IngestProgress[]): void {
  const reads = events.filter((e) => e.stage === 'read');
  expect(reads.filter((e) => e.file).map((e) => `${e.file} ${e.done}/${e.total}`)).toEqual([`${CHILD_ID} 0/2`, `${PDF} 1/2`]);
  expect(reads.at(-1)).toEqual({ stage: 'read', done: 2, total: 2 });
  const pages = events.filter((e) => e.stage === 'page');
  expect(pages).toEqual([1, 2, 3].map((n) => ({ stage: 'page', done: n, total: 3, file: PDF, page: n, pages: 3 })));
  expect(events.some((e) => e.stage === 'ocr')).toBe(false);
  const embed = events.filter((e) => e.stage === 'embed');
  expect(embed.at(-1)!.done).toBe(embed.at(-1)!.total);
  expect(events.at(-1)).toEqual({ stage: 'write', done: 1, total: 1 });
  // Stages come in order: every file read (its pages within it), then embedding, then writing.
  const order = ['read', 'page', 'embed', 'write'];
  const firstEmbed = events.findIndex((e) => e.stage === 'embed');
  expect(events.slice(0, firstEmbed).every((e) => e.stage === 'read' || e.stage === 'page')).toBe(true);
  expect(events.slice(firstEmbed).every((e) => order.indexOf(e.stage) >= 2)).toBe(true);
}

describe('ingest progress', () => {
  it('reports files, the pages of a PDF, embedding and writing', async () => {
    const events: IngestProgress[] = [];
    const result = await ingest({ paths: [corpus], indexDir: join(root, 'index-a'), embedder: { kind: 'builtin' }, onProgress: (e) => events.push(e) });
    expect(result.problems).toEqual([]);
    expect(result.added.sort()).toEqual([CHILD_ID, PDF].sort());
    expectIngestEvents(events);
  }, 60_000);

  it('passes the same events from the worker thread to the main thread', async () => {
    const config = testConfig({ workerThreads: 1 }, join(root, 'lane'));
    const lane = createIngestLane(config);
    try {
      const events: IngestProgress[] = [];
      const result = await lane.exclusive(() =>
        lane.ingest({ paths: [corpus], indexDir: join(root, 'index-b'), embedder: { kind: 'builtin' } }, 'ingesting', (e) => events.push(e)),
      );
      expect(result.added.sort()).toEqual([CHILD_ID, PDF].sort());
      expectIngestEvents(events);
    } finally {
      await lane.close();
    }
  }, 60_000);
});

describe('upload progress', () => {
  it('shows how far an indexing upload has got, in memory only, and drops it when the job ends', async () => {
    const config = testConfig({}, join(root, 'uploads'));
    let reached!: () => void;
    let release!: () => void;
    const started = new Promise<void>((resolve) => (reached = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const manager = createUploadManager({
      config,
      exclusive: (fn) => fn(),
      indexed: () => null,
      async ingestNow(task, _label, onProgress) {
        const file = task.inputs![0].id;
        onProgress?.({ stage: 'page', done: 2, total: 5, file, page: 2, pages: 5 });
        onProgress?.({ stage: 'ocr', done: 1, total: 3, file, page: 4, pages: 5 });
        reached();
        await gate;
        return { problems: [], added: [file] } as unknown as IngestResult;
      },
    });
    const { job, done } = manager.submit('扫描件.pdf', Buffer.from('%PDF-1.7\n'), { format: 'pdf' });
    await started;
    const expected = { stage: 'ocr', done: 1, total: 3, page: 4, pages: 5 };
    expect(manager.get(job.id)).toMatchObject({ status: 'indexing', progress: expected });
    expect(manager.list().find((j) => j.id === job.id)?.progress).toEqual(expected);
    // The job's file on disk never carries it: an event per page must not cost a write.
    const onDisk = JSON.parse(readFileSync(join(config.dataDir, 'upload-queue', `${job.id}.json`), 'utf8'));
    expect(onDisk.status).toBe('indexing');
    expect(onDisk.progress).toBeUndefined();
    release();
    const final = await done;
    expect(final.status).toBe('indexed');
    expect(manager.get(job.id).progress).toBeUndefined();
  });
});
