/**
 * Writes racing reads and each other, on the real workspace: queries answered from the old
 * index while a re-ingest runs (until the new generation is swapped in), and concurrent uploads
 * of the same file.
 *
 * To hold a re-ingest at its most telling moment — the new generation completely written, the
 * old one still served — the pipeline's own `beforeSwap` hook is wrapped with a gate the test
 * opens. Everything else is the real ingest.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, multipartBody, type TestApp } from '../../testing/api.js';
import { CHILD_ID, corpusPath, YICHENG_ID } from '../../testing/corpus.js';

const gate = vi.hoisted(() => ({ hold: null as Promise<void> | null, reached: null as (() => void) | null }));

vi.mock('../../indexing/pipeline.js', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../indexing/pipeline.js')>();
  return {
    ...mod,
    ingest: (options: Parameters<typeof mod.ingest>[0]) =>
      mod.ingest({
        ...options,
        beforeSwap: async () => {
          await options.beforeSwap?.();
          gate.reached?.();
          if (gate.hold) await gate.hold;
        },
      }),
  };
});

let t: TestApp;
beforeAll(async () => {
  // The gate wraps the pipeline module of this thread: ingest runs here, not in a worker thread.
  t = await createTestApp({ workerThreads: 0 });
});
afterAll(async () => t.close());

const post = (url: string, payload?: object) => t.app.inject({ method: 'POST', url, ...(payload ? { payload } : {}) });
const askChild = async () => (await post('/v1/ask', { question: '水土保持率目标是多少？', docIds: [CHILD_ID] })).json();

describe('a re-ingest while queries arrive', () => {
  it('answers from the old index until the new generation is swapped in', async () => {
    const before = (await t.app.inject({ url: '/healthz' })).json();
    expect(before).toMatchObject({ documents: 2, ingesting: false });
    expect((await askChild()).answer).toContain('56.04');

    // The corpus changes: 宁武县's 2025 target is revised and 翼城县's mechanism is added.
    const childPath = join(t.config.corpusDir, CHILD_ID);
    writeFileSync(childPath, readFileSync(childPath, 'utf8').replace('56.04%', '58.88%'));
    writeFileSync(join(t.config.corpusDir, YICHENG_ID), readFileSync(corpusPath(YICHENG_ID)));

    let open!: () => void;
    gate.hold = new Promise<void>((resolve) => (open = resolve));
    const reached = new Promise<void>((resolve) => (gate.reached = resolve));
    const reindex = post('/v1/reindex');
    await reached;
    try {
      // The new generation is on disk; the old one still serves every read.
      const during = (await t.app.inject({ url: '/healthz' })).json();
      expect(during).toMatchObject({ documents: 2, ingesting: true, generation: before.generation });
      const answers = await Promise.all([askChild(), askChild(), askChild()]);
      for (const a of answers) {
        expect(a.answer).toContain('56.04');
        for (const c of a.citations) expect(t.workspace.getDocument(c.source).originalText.slice(c.start, c.end)).toBe(c.quote);
      }
      const hits = (await post('/v1/search', { query: '协调会议 牵头部门' })).json().hits as { docId: string }[];
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.some((h) => h.docId === YICHENG_ID)).toBe(false);
      expect((await t.app.inject({ url: `/v1/documents/${YICHENG_ID}` })).statusCode).toBe(404);
    } finally {
      open();
      gate.hold = null;
      gate.reached = null;
    }

    const result = await reindex;
    expect(result.statusCode).toBe(200);
    expect(result.json()).toMatchObject({ changed: true, added: [YICHENG_ID], updated: [CHILD_ID] });
    const after = (await t.app.inject({ url: '/healthz' })).json();
    expect(after).toMatchObject({ documents: 3, ingesting: false });
    expect(after.generation).not.toBe(before.generation);
    expect((await askChild()).answer).toContain('58.88');
    const hits = (await post('/v1/search', { query: '协调会议 牵头部门' })).json().hits as { docId: string; clausePath: string }[];
    expect(hits[0]).toMatchObject({ docId: YICHENG_ID, clausePath: '四（三）' });
  });
});

describe('concurrent uploads', () => {
  it('of the same file: each succeeds, the document is ingested once', async () => {
    const bytes = iconv.encode(readFileSync(corpusPath('003_771f313df9559ae5.txt'), 'utf8'), 'gbk');
    const upload = () => t.app.inject({ method: 'POST', url: '/v1/documents', ...multipartBody({ name: '印台区行动方案.txt', bytes }) });
    const results = await Promise.all([upload(), upload(), upload()]);
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    const bodies = results.map((r) => r.json());
    expect(new Set(bodies.map((b) => b.id))).toEqual(new Set(['印台区行动方案.txt']));
    expect(bodies.filter((b) => b.result.added.length === 1)).toHaveLength(1);
    expect(bodies.filter((b) => b.result.unchanged.includes('印台区行动方案.txt'))).toHaveLength(2);
    const ids = t.workspace.listDocuments().map((d) => d.id);
    expect(ids.filter((id) => id === '印台区行动方案.txt')).toHaveLength(1);
  });

  it('of the same content under two names: one is indexed, the other is refused as a duplicate', async () => {
    const bytes = readFileSync(corpusPath('001_250f5e31d127e930.txt'));
    const upload = (name: string) => t.app.inject({ method: 'POST', url: '/v1/documents', ...multipartBody({ name, bytes }) });
    const [a, b] = await Promise.all([upload('长子县解读-甲.txt'), upload('长子县解读-乙.txt')]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect((a.statusCode === 409 ? a : b).json().code).toBe('FILE_DUPLICATE');
    const ids = t.workspace.listDocuments().map((d) => d.id);
    expect(ids.filter((id) => id.startsWith('长子县解读'))).toHaveLength(1);
  });
});
