import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '../core/errors.js';
import { createRng as rng } from '../core/rng.js';
import { sha256Hex } from './binary.js';
import { DenseIndex, exactSearch } from './dense.js';
import { BuiltinEmbedder } from './embeddings/builtin.js';
import { RetrievalIndex } from './hybrid.js';
import { SparseDenseIndex, averageNonZeros, isSparseIndexFile } from './sparse-dense.js';
import { loadCorpusChunks } from '../testing/retrieval-corpus.js';

const DIM = 256;
const ROWS = 3000;

/** Rows with ~`fill` non-zeros (some negative), every 50th row zero, every 97th a copy of the previous (ties). */
function sparseVectors(rows: number, dim: number, fill: number, seed: number): Float32Array {
  const r = rng(seed);
  const v = new Float32Array(rows * dim);
  for (let i = 0; i < rows; i++) {
    if (i % 50 === 49) continue;
    if (i % 97 === 96) {
      v.copyWithin(i * dim, (i - 1) * dim, i * dim);
      continue;
    }
    // Skewed buckets, as hashing Zipf-distributed terms gives: low dimensions are common.
    for (let t = 0; t < fill; t++) v[i * dim + Math.floor(dim * r() ** 2)] = r() < 0.1 ? -r() : r() * 3;
  }
  return v;
}

function sparseQuery(dim: number, nnz: number, seed: number): Float32Array {
  const r = rng(seed);
  const q = new Float32Array(dim);
  for (let t = 0; t < nnz; t++) q[Math.floor(dim * r() ** 1.5)] = r() + 0.05;
  return q;
}

/** Independent brute force: cosine by the definition, sorted (score desc, row asc). */
function bruteForce(vectors: Float32Array, dim: number, q: Float32Array, k: number, allowed?: (i: number) => boolean) {
  const qq = Math.sqrt(q.reduce((s, x) => s + x * x, 0));
  const out: { index: number; score: number }[] = [];
  for (let i = 0; i < vectors.length / dim; i++) {
    if (allowed && !allowed(i)) continue;
    let dot = 0;
    let nn = 0;
    for (let j = 0; j < dim; j++) {
      dot += q[j] * vectors[i * dim + j];
      nn += vectors[i * dim + j] ** 2;
    }
    out.push({ index: i, score: nn ? dot / (qq * Math.sqrt(nn)) : 0 });
  }
  return out.sort((a, b) => b.score - a.score || a.index - b.index).slice(0, k);
}

const vectors = sparseVectors(ROWS, DIM, 20, 1);
const queries = [3, 8, 15, 30].map((nnz, i) => sparseQuery(DIM, nnz, 100 + i));
// exactBelow 0: searches go through the sparse index unless a test says otherwise.
const index = DenseIndex.build(vectors, DIM, { exactBelow: 0, exactFilterBudget: 0 });
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'sparse-dense-test-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function errorOf(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('choosing the structure at build time', () => {
  it('builds the sparse index for sparse vectors and HNSW for dense ones', () => {
    expect(averageNonZeros(vectors, DIM)).toBeLessThan(0.25 * DIM);
    expect(index.kind).toBe('sparse');
    const dense = Float32Array.from({ length: 300 * 16 }, (_, i) => Math.sin(i * 0.37) + 1.1);
    expect(DenseIndex.build(dense, 16).kind).toBe('hnsw');
    // A negative threshold forces HNSW even for sparse vectors.
    expect(DenseIndex.build(vectors.subarray(0, 300 * DIM), DIM, { sparseMaxFill: -1 }).kind).toBe('hnsw');
    expect(DenseIndex.build(new Float32Array(0), DIM).kind).toBe(null);
  });

  it('chooses the sparse index for builtin (hashed TF-IDF) vectors of the real corpus', async () => {
    const { chunks, docs } = loadCorpusChunks();
    const e = new BuiltinEmbedder();
    await e.fit(chunks.map((c) => c.context));
    const vecs = await e.embedDocuments(chunks.map((c) => c.context));
    const built = RetrievalIndex.build(chunks, vecs, docs);
    expect(built.dense.kind).toBe('sparse');
    expect(averageNonZeros(built.dense.vectors, built.dimension)).toBeLessThan(0.25 * built.dimension);
  });
});

describe('sparse search', () => {
  it('returns exactly the brute-force cosine top-k', () => {
    for (const q of queries) {
      for (const k of [1, 10, 50]) {
        const got = index.search(q, k);
        const want = bruteForce(vectors, DIM, q, k);
        expect(got.map((h) => h.index)).toEqual(want.map((h) => h.index));
        got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i].score, 6));
        // Bit-identical to the product's brute force (same sums in the same order).
        expect(got).toEqual(exactSearch(vectors, DIM, index.invNorms, q, k));
      }
    }
  });

  it('fills with zero-score rows, lowest first, when few rows share a dimension with the query', () => {
    const q = new Float32Array(DIM);
    q[DIM - 1] = 1; // the rarest bucket
    const got = index.search(q, 400);
    expect(got.length).toBe(400);
    expect(got).toEqual(exactSearch(vectors, DIM, index.invNorms, q, 400));
  });

  it('keeps only allowed rows (mask/list) and still equals brute force over them', () => {
    for (const keep of [2, 7, 301]) {
      const list = Uint32Array.from({ length: ROWS }, (_, i) => i).filter((i) => i % keep === 0);
      const mask = new Uint8Array(ROWS);
      list.forEach((i) => (mask[i] = 1));
      for (const q of queries) {
        const got = index.search(q, 10, { mask, list });
        expect(got.every((h) => h.index % keep === 0)).toBe(true);
        expect(got.map((h) => h.index)).toEqual(bruteForce(vectors, DIM, q, 10, (i) => i % keep === 0).map((h) => h.index));
        expect(got).toEqual(exactSearch(vectors, DIM, index.invNorms, q, 10, { mask, list }));
      }
    }
  });

  it('answers searchApproximate exactly, and nothing for a zero query', () => {
    expect(index.searchApproximate(queries[1], 10)).toEqual(index.searchExact(queries[1], 10));
    expect(index.search(new Float32Array(DIM), 5)).toEqual([]);
  });

  it('reuses its score buffer: repeated searches do not leak into each other', () => {
    const first = index.search(queries[0], 10);
    index.search(queries[3], 10);
    expect(index.search(queries[0], 10)).toEqual(first);
  });
});

describe('sparse index persistence', () => {
  it('round-trips through save/load', () => {
    const path = join(tempDir(), 'sparse.bin');
    expect(index.save(path)).toBe(true);
    expect(isSparseIndexFile(readFileSync(path))).toBe(true);
    const loaded = DenseIndex.load(path, vectors, DIM, index.options);
    expect(loaded.kind).toBe('sparse');
    for (const q of queries) expect(loaded.search(q, 10)).toEqual(index.search(q, 10));
  });

  it('refuses a damaged or mismatched sparse file with INDEX_CORRUPT', () => {
    const buf = SparseDenseIndex.build(vectors, DIM).toBuffer();
    const damaged: Uint8Array[] = [buf.subarray(0, buf.length - 4)];
    const badId = buf.slice();
    new DataView(badId.buffer).setUint32(20 + 4 * (DIM + 1), ROWS + 5, true); // first posting's row
    damaged.push(badId);
    const badOffsets = buf.slice();
    new DataView(badOffsets.buffer).setUint32(20 + 4 * 3, 0xffffff, true);
    damaged.push(badOffsets);
    for (const bytes of damaged)
      expect(
        isAppError(
          errorOf(() => SparseDenseIndex.fromBuffer(bytes, ROWS, DIM, 'x')),
          'INDEX_CORRUPT',
        ),
      ).toBe(true);
    expect(
      isAppError(
        errorOf(() => SparseDenseIndex.fromBuffer(buf, ROWS - 1, DIM, 'x')),
        'INDEX_CORRUPT',
      ),
    ).toBe(true);
    const path = join(tempDir(), 'sparse.bin');
    writeFileSync(path, badId);
    expect(
      isAppError(
        errorOf(() => DenseIndex.load(path, vectors, DIM)),
        'INDEX_CORRUPT',
      ),
    ).toBe(true);
  });

  it('is saved as sparse.bin by RetrievalIndex, checked on load', async () => {
    const { chunks, docs } = loadCorpusChunks();
    const e = new BuiltinEmbedder();
    await e.fit(chunks.map((c) => c.context));
    const vecs = await e.embedDocuments(chunks.map((c) => c.context));
    const built = RetrievalIndex.build(chunks, vecs, docs, { dense: { exactBelow: 0 } });
    const dir = tempDir();
    built.save(dir);
    expect(readdirSync(dir).sort()).toEqual(['bm25.bin', 'chunks.jsonl', 'docs.json', 'manifest.json', 'sparse.bin', 'vectors.f32']);
    const loaded = RetrievalIndex.load(dir);
    expect(loaded.dense.kind).toBe('sparse');
    for (const q of ['水土保持率', '淤地坝安全运用', '青山保卫战宣传引导']) {
      const v = Float32Array.from(await e.embedQuery(q));
      expect(loaded.search(q, v, { mode: 'dense', k: 8 })).toEqual(built.search(q, v, { mode: 'dense', k: 8 }));
      expect(loaded.search(q, v, { region: '山西' })).toEqual(built.search(q, v, { region: '山西' }));
    }
    // A flipped byte fails the checksum; resealed, it fails the structural checks.
    const p = join(dir, 'sparse.bin');
    const bytes = readFileSync(p);
    bytes[20 + 4 * (built.dimension + 1)] ^= 0xff;
    writeFileSync(p, bytes);
    expect(
      isAppError(
        errorOf(() => RetrievalIndex.load(dir)),
        'INDEX_CORRUPT',
      ),
    ).toBe(true);
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    m.files['sparse.bin'] = { bytes: bytes.length, sha256: sha256Hex(bytes) };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
    expect(
      isAppError(
        errorOf(() => RetrievalIndex.load(dir)),
        'INDEX_CORRUPT',
      ),
    ).toBe(true);
  });
});
