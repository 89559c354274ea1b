import { describe, expect, it } from 'vitest';
import { isAppError } from '../core/errors.js';
import type { Chunk } from '../ingest/types.js';
import { bigramCodes, jaccard } from './diversify.js';
import { FakeEmbedder } from '../testing/fake-embedder.js';
import { RetrievalIndex } from './hybrid.js';
import { loadCorpusChunks } from '../testing/retrieval-corpus.js';
import { tokenize } from '../zh/tokenize.js';
import type { SearchOptions } from './types.js';

const { chunks, docs } = loadCorpusChunks(400);
const embedder = new FakeEmbedder(64);
const vectors = chunks.map((c) => embedder.embedText(c.context));
const index = RetrievalIndex.build(chunks, vectors, docs);
const search = (q: string, options: SearchOptions = {}) => index.search(q, embedder.embedText(q), options);

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('RetrievalIndex on the real corpus', () => {
  it.each([
    ['协调会议 牵头部门', '000', '每季度定期召开协调会议'],
    ['宁武县淤地坝安全运用的主体责任', '002', '落实县乡两级政府淤地坝安全运用管理主体责任'],
    ['山西省2035年水土保持率目标是多少', '004', '全省水土保持率达到 72.43%'],
    ['印台区青山保卫战的宣传引导由哪些部门负责', '003', '强化宣传引导'],
  ])('lexical search ranks the answer to “%s” first', (q, doc, needle) => {
    const [top] = search(q, { mode: 'lexical', k: 1 });
    expect(top.docId.startsWith(doc)).toBe(true);
    expect(top.text).toContain(needle);
  });

  it.each([
    ['协调会议 牵头部门', '000', '每季度定期召开协调会议', 1],
    ['宁武县淤地坝安全运用的主体责任', '002', '落实县乡两级政府淤地坝安全运用管理主体责任', 1],
    ['山西省2035年水土保持率目标是多少', '004', '全省水土保持率达到 72.43%', 1],
    // The fake embedder favours the short 003 chunks that repeat the title; the clause stays in the top 2.
    ['印台区青山保卫战的宣传引导由哪些部门负责', '003', '强化宣传引导', 2],
  ])('hybrid search ranks the answer to “%s” in the top %#', (q, doc, needle, within) => {
    const hits = search(q, { k: 5 });
    const at = hits.findIndex((h) => h.docId.startsWith(doc as string) && h.text.includes(needle as string));
    expect(at).toBeGreaterThanOrEqual(0);
    expect(at).toBeLessThan(within as number);
  });

  it('fills every hit field from the chunk and its document, with ranks 1..k', () => {
    const hits = search('淤地坝', { k: 4 });
    expect(hits.map((h) => h.rank)).toEqual([1, 2, 3, 4]);
    for (const h of hits) {
      const c = chunks.find((x) => x.id === h.chunkId)!;
      expect(h).toMatchObject({
        docId: c.docId,
        source: c.docId,
        clausePath: c.clausePath,
        heading: c.heading,
        kind: c.kind,
        text: c.text,
        start: c.start,
        end: c.end,
      });
      expect(h.title).toBe(docs.find((d) => d.id === c.docId)!.title);
      expect(h.score).toBe(h.scores.fused);
    }
  });

  it('reports the parts of each mode: lexical, dense or both', () => {
    const lex = search('水土保持率', { mode: 'lexical' });
    const dense = search('水土保持率', { mode: 'dense' });
    const hybrid = search('水土保持率');
    expect(lex.every((h) => h.scores.dense === null && h.scores.lexical! > 0 && h.score === h.scores.lexical)).toBe(true);
    expect(dense.every((h) => h.scores.lexical === null && h.score === h.scores.dense)).toBe(true);
    expect(hybrid.every((h) => typeof h.scores.lexical === 'number' && typeof h.scores.dense === 'number')).toBe(true);
    // Fused min-max scores lie in [0, 1]; the best candidate by both signals scores highest.
    expect(hybrid.every((h) => h.score >= 0 && h.score <= 1)).toBe(true);
  });

  it('searches lexically in hybrid mode without a query vector, or with a zero one', () => {
    const ids = (hs: { chunkId: string }[]) => hs.map((h) => h.chunkId);
    const lexical = ids(index.search('青山保卫战', null, { mode: 'lexical' }));
    expect(ids(index.search('青山保卫战', null))).toEqual(lexical);
    expect(ids(index.search('青山保卫战', new Array(64).fill(0)))).toEqual(lexical);
  });

  it('filters by document, level and region', () => {
    const q = '加强组织领导 统筹协调';
    expect(search(q, { docIds: [docs[1].id] }).every((h) => h.docId === docs[1].id)).toBe(true);
    expect(search(q, { level: '省' }).every((h) => h.docId.startsWith('004'))).toBe(true);
    expect(search(q, { region: '陕西' }).every((h) => h.docId.startsWith('003'))).toBe(true);
    const shanxi = search(q, { region: '山西省', k: 20 });
    expect(shanxi.length).toBeGreaterThan(0);
    expect(shanxi.some((h) => h.docId.startsWith('003'))).toBe(false);
    expect(search(q, { region: '长治', level: '县' }).every((h) => h.docId.startsWith('001'))).toBe(true);
    expect(search(q, { docIds: [] })).toEqual([]);
    expect(search(q, { region: '广东省' })).toEqual([]);
  });

  it('keeps the near-copy 宁武县 plan from crowding out other documents', () => {
    const q = '水土保持工作 组织领导 宣传 考核';
    const copies = (hits: { docId: string; text: string }[]) => {
      let n = 0;
      for (let a = 0; a < hits.length; a++)
        for (let b = a + 1; b < hits.length; b++)
          if (hits[a].docId !== hits[b].docId && jaccard(bigramCodes(hits[a].text), bigramCodes(hits[b].text)) >= 0.5) n++;
      return n;
    };
    const plain = search(q, { k: 8, diversify: false });
    const diverse = search(q, { k: 8 });
    expect(diverse[0].chunkId).toBe(plain[0].chunkId);
    expect(new Set(plain.map((h) => h.docId.slice(0, 3)))).toEqual(new Set(['002', '004']));
    expect(new Set(diverse.map((h) => h.docId.slice(0, 3))).size).toBeGreaterThan(2);
    expect(copies(diverse)).toBeLessThan(copies(plain));
  });

  it('gives the same results when the caller passes the contexts already tokenised', () => {
    const prepared = RetrievalIndex.build(chunks, vectors, docs, {}, { terms: chunks.map((c) => tokenize(c.context)) });
    const q = '森林覆盖率目标';
    expect(prepared.search(q, embedder.embedText(q))).toEqual(search(q));
  });
});

describe('RetrievalIndex input checks', () => {
  // Callers validate what users send (the API's schemas, the CLI's flags); a bad call here is a
  // programmer error, a plain error reported as INTERNAL, never a client error code.
  it('rejects bad k, dense search without a vector, and a vector of the wrong size', () => {
    expect(thrown(() => search('水土', { k: 0 }))).toBeInstanceOf(RangeError);
    expect(thrown(() => search('水土', { k: 1.5 }))).toBeInstanceOf(RangeError);
    expect(thrown(() => index.search('水土', null, { mode: 'dense' }))).toBeInstanceOf(TypeError);
    expect(
      isAppError(
        thrown(() => index.search('水土', [1, 2, 3])),
        'EMBEDDER_MISMATCH',
      ),
    ).toBe(true);
  });

  it('rejects vectors that do not match the chunks and chunks without a document', () => {
    const plain = (err: unknown) => err instanceof Error && !isAppError(err);
    expect(plain(thrown(() => RetrievalIndex.build(chunks, vectors.slice(1), docs)))).toBe(true);
    const ragged = vectors.map((v, i) => (i === 3 ? v.slice(1) : v));
    expect(plain(thrown(() => RetrievalIndex.build(chunks, ragged, docs)))).toBe(true);
    const orphan: Chunk = { ...chunks[0], id: 'nowhere#0', docId: 'nowhere' };
    expect(plain(thrown(() => RetrievalIndex.build([orphan], [vectors[0]], docs)))).toBe(true);
  });

  it('builds and searches an empty index', () => {
    const empty = RetrievalIndex.build([], [], docs);
    expect(empty.size).toBe(0);
    expect(empty.search('水土保持', null)).toEqual([]);
  });
});
