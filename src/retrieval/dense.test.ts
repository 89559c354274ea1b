import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '../core/errors.js';
import { DenseIndex, exactSearch, inverseNorms, similarityFromDistance } from './dense.js';
import { FakeEmbedder } from '../testing/fake-embedder.js';
import { CORPUS_DOCS } from '../testing/retrieval-corpus.js';
import { readCorpusText } from '../testing/corpus.js';
import { makeSyntheticCorpus } from './synthetic.js';

const DIM = 32;
const embedder = new FakeEmbedder(DIM);
const { chunks } = makeSyntheticCorpus(
  CORPUS_DOCS.map((d) => ({ id: d.id, title: d.title, text: readCorpusText(d.id) })),
  { count: 1500, seed: 3 },
);
const vectors = new Float32Array(chunks.length * DIM);
chunks.forEach((c, i) => embedder.embedInto(c.text, vectors, i));
const queries = ['水土保持率', '淤地坝安全运用', '青山保卫战宣传引导', '协调会议', '领导小组办公室', '森林覆盖率'].map((q) =>
  Float32Array.from(embedder.embedText(q)),
);
// exactBelow 0: every search below goes through HNSW unless a test says otherwise.
const hnsw = DenseIndex.build(vectors, DIM, { exactBelow: 0, m: 16, efConstruction: 100, efSearch: 200 });
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'dense-test-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('distance → similarity', () => {
  it('is 1 − d', () => {
    expect(similarityFromDistance(0)).toBe(1);
    expect(similarityFromDistance(1)).toBe(0);
    expect(similarityFromDistance(2)).toBe(-1);
  });

  it('makes HNSW scores equal the exact cosine of the same rows', () => {
    for (const q of queries) {
      const approx = hnsw.searchApproximate(q, 5);
      const qn = inverseNorms(q, DIM)[0];
      for (const h of approx) {
        let dot = 0;
        for (let j = 0; j < DIM; j++) dot += q[j] * vectors[h.index * DIM + j];
        expect(h.score).toBeCloseTo(dot * qn * hnsw.invNorms[h.index], 5);
      }
      // Best first, higher is better.
      for (let i = 1; i < approx.length; i++) expect(approx[i].score).toBeLessThanOrEqual(approx[i - 1].score);
    }
  });
});

describe('exact search', () => {
  it('equals a brute-force sort of cosine similarities', () => {
    const q = queries[0];
    const sims = chunks.map((_, i) => {
      let dot = 0;
      let n = 0;
      let m = 0;
      for (let j = 0; j < DIM; j++) {
        dot += q[j] * vectors[i * DIM + j];
        n += q[j] * q[j];
        m += vectors[i * DIM + j] ** 2;
      }
      return { index: i, score: m ? dot / Math.sqrt(n * m) : 0 };
    });
    const want = sims.sort((a, b) => b.score - a.score || a.index - b.index).slice(0, 10);
    const got = exactSearch(vectors, DIM, hnsw.invNorms, q, 10);
    expect(got.map((h) => h.index)).toEqual(want.map((h) => h.index));
    got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i].score, 5));
  });

  it('ranks a sparse query (few non-zero components) exactly like the full dot product', () => {
    const q = new Float32Array(DIM);
    [3, 17, 40].forEach((j, t) => (q[j % DIM] = [0.5, -0.25, 1][t]));
    const qn = inverseNorms(q, DIM)[0];
    const want = chunks
      .map((_, i) => {
        let dot = 0;
        for (let j = 0; j < DIM; j++) dot += q[j] * vectors[i * DIM + j];
        return { index: i, score: dot * qn * hnsw.invNorms[i] };
      })
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .slice(0, 10);
    const got = exactSearch(vectors, DIM, hnsw.invNorms, q, 10);
    expect(got.map((h) => h.index)).toEqual(want.map((h) => h.index));
    got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i].score, 9));
  });

  it('returns nothing for a zero query vector', () => {
    expect(exactSearch(vectors, DIM, hnsw.invNorms, new Float32Array(DIM), 5)).toEqual([]);
    expect(hnsw.search(new Float32Array(DIM), 5)).toEqual([]);
  });
});

describe('DenseIndex', () => {
  it('builds an HNSW graph for these dense vectors (the sparse index is for sparse ones)', () => {
    expect(hnsw.kind).toBe('hnsw');
    expect(DenseIndex.build(vectors, DIM, { sparseMaxFill: 1 }).kind).toBe('sparse');
  });

  it('HNSW agrees with exact search (recall@10 ≥ 0.95 on 1,500 chunks)', () => {
    let found = 0;
    for (const q of queries) {
      const truth = new Set(hnsw.searchExact(q, 10).map((h) => h.index));
      found += hnsw.searchApproximate(q, 10).filter((h) => truth.has(h.index)).length;
    }
    expect(found / (10 * queries.length)).toBeGreaterThanOrEqual(0.95);
  });

  it('only returns allowed rows, through HNSW and through the exact path', () => {
    const list = Uint32Array.from(chunks.map((_, i) => i).filter((i) => i % 7 === 0));
    const mask = new Uint8Array(chunks.length);
    list.forEach((i) => (mask[i] = 1));
    const viaHnsw = hnsw.withOptions({ exactFilterBudget: 0 });
    const viaExact = hnsw.withOptions({ exactFilterBudget: Infinity });
    for (const q of queries) {
      const a = viaHnsw.search(q, 10, { mask, list });
      const b = viaExact.search(q, 10, { mask, list });
      expect(a.length).toBe(10);
      expect(a.every((h) => h.index % 7 === 0)).toBe(true);
      expect(b.every((h) => h.index % 7 === 0)).toBe(true);
      expect(b).toEqual(hnsw.searchExact(q, 10, { mask, list }));
    }
  });

  it("falls back to hnswlib's own filter for a very selective allowed set", () => {
    const list = Uint32Array.from([3, 200, 555, 901, 1400]);
    const mask = new Uint8Array(chunks.length);
    list.forEach((i) => (mask[i] = 1));
    const viaHnsw = hnsw.withOptions({ exactFilterBudget: 0 });
    for (const q of queries) {
      const got = viaHnsw.search(q, 5, { mask, list });
      expect(got.map((h) => h.index).sort((a, b) => a - b)).toEqual([...list]);
    }
  });

  it('refuses a query of the wrong dimension with EMBEDDER_MISMATCH', () => {
    let err: unknown;
    try {
      hnsw.search(new Float32Array(DIM + 1), 3);
    } catch (e) {
      err = e;
    }
    expect(isAppError(err, 'EMBEDDER_MISMATCH')).toBe(true);
  });

  it('round-trips the HNSW graph through writeIndex/readIndex', () => {
    const path = join(tempDir(), 'hnsw.bin');
    expect(hnsw.save(path)).toBe(true);
    const loaded = DenseIndex.load(path, vectors, DIM, hnsw.options);
    expect(loaded.size).toBe(chunks.length);
    for (const q of queries) expect(loaded.searchApproximate(q, 10)).toEqual(hnsw.searchApproximate(q, 10));
  });

  it('refuses a missing or mismatched graph file with INDEX_CORRUPT', () => {
    const dir = tempDir();
    const path = join(dir, 'hnsw.bin');
    hnsw.save(path);
    const attempts = [
      () => DenseIndex.load(join(dir, 'missing.bin'), vectors, DIM),
      // Same file, but the vectors say there are fewer rows than the graph holds.
      () => DenseIndex.load(path, vectors.subarray(0, 10 * DIM), DIM),
    ];
    for (const attempt of attempts) {
      let err: unknown;
      try {
        attempt();
      } catch (e) {
        err = e;
      }
      expect(isAppError(err, 'INDEX_CORRUPT')).toBe(true);
    }
    writeFileSync(path, 'not a graph');
    let err: unknown;
    try {
      DenseIndex.load(path, vectors, DIM);
    } catch (e) {
      err = e;
    }
    expect(isAppError(err, 'INDEX_CORRUPT')).toBe(true);
  });

  it('handles an empty index', () => {
    const empty = DenseIndex.build(new Float32Array(0), 0);
    expect(empty.size).toBe(0);
    expect(empty.search(new Float32Array(0), 5)).toEqual([]);
    expect(empty.save(join(tempDir(), 'x.bin'))).toBe(false);
  });
});
