/**
 * Dense retrieval over one of two structures chosen at build time from the vectors' sparsity:
 * sparse vectors (on average at most {@link DenseOptions.sparseMaxFill} of the dimensions
 * non-zero, like the builtin embedder's hashed TF-IDF) get an exact inverted index over
 * dimensions ({@link SparseDenseIndex}); dense vectors get an hnswlib-node
 * `HierarchicalNSW('cosine', dim)` approximate index. Both come with an
 * exact brute-force cosine search over the same vectors. The exact search serves tiny indexes,
 * restrictive filters (where HNSW's filtered walk degrades and brute force over the allowed
 * subset is both exact and cheap) and recall measurement.
 *
 * hnswlib's cosine space returns a DISTANCE `1 − cos`; {@link similarityFromDistance} is the one
 * place it becomes a similarity.
 */
import hnswlib from 'hnswlib-node';
import { closeSync, existsSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { AppError } from '../core/errors.js';
import { SPARSE_MAGIC, SparseDenseIndex, countNonZeros, isSparseIndexFile } from './sparse-dense.js';
import { selectTopK, type Scored } from './top-k.js';

const { HierarchicalNSW } = hnswlib;
type Hnsw = InstanceType<typeof HierarchicalNSW>;

/**
 * Options of {@link DenseIndex}. Defaults measured on 100k synthetic chunks with the builtin
 * embedder's 1,024-d vectors (scripts/bench.ts; recall@10 against exact cosine over 300 gold
 * questions and clause phrases; CPU per HNSW search on the 2-core machine, which was shared):
 *
 *   M/efConstruction  build (CPU)  recall ef=256  ef=512  ef=1024   ms/search ef=512  ef=1024
 *   16/64             ~60 s        0.78           0.84    0.88      4.4               7.2
 *   24/100            107 s        0.82           0.89    0.93      3.4               6.9
 *   32/150            143 s        0.88           0.945   0.975     4.1               7.6
 *   24/300            254 s        0.937          0.958   0.979     5.0               8.3
 *   48/300            265 s        0.965          0.980   0.985     6.2               10.5
 *
 * These vectors are hard for HNSW: a question hashes to 10–40 of 1,024 buckets, so most of the
 * graph has no similarity gradient towards it, and only a wide build beam reaches recall 0.98.
 * Questions that name a county are worse still (at 48/300, ef 512: 0.72, against 0.97 for the
 * others): the county name is a rare, heavily weighted term and the graph, built from
 * chunk-to-chunk similarity, has no path towards the few chunks that contain it. efSearch 512
 * costs 60% of the search time of 1,024 for 0.005 of recall on the first query set.
 */
export interface DenseOptions {
  /** HNSW graph degree. Default 48. */
  m: number;
  /** HNSW build beam width. Default 300. */
  efConstruction: number;
  /** HNSW search beam width (raised to k when k is larger). Default 512. */
  efSearch: number;
  /**
   * Largest oversampled unfiltered search a filtered search may use (see {@link DenseIndex.search}):
   * up to this many neighbours, then the allowed ones. Default 1024 (a filter keeping ≥ 10% of
   * 100k chunks, k = 50), the value it had when it was tied to efSearch.
   */
  oversampleLimit: number;
  /** Below this many vectors every search is exact (faster than HNSW and perfect). Default 2000. */
  exactBelow: number;
  /**
   * A filtered search is exact when `allowed count × dimension` is at most this many
   * multiply-adds (≈1 ms). Default 1,000,000 (4,000 chunks at 256 dimensions).
   */
  exactFilterBudget: number;
  /** HNSW level-assignment seed (fixed so builds are reproducible). Default 100. */
  randomSeed: number;
  /**
   * Build the exact sparse inverted index instead of HNSW when the vectors average at most this
   * fraction of `dim` non-zero components. Default 0.25: the builtin embedder's chunk vectors fill
   * ~10% of 1,024 buckets (sparse index at 100k chunks: ~3 s to build against 190 s for HNSW, exact,
   * and faster to search); model embeddings are fully dense. A negative value always builds HNSW.
   */
  sparseMaxFill: number;
}

/** Documented defaults of {@link DenseOptions}. */
export const defaultDenseOptions: DenseOptions = {
  m: 48,
  efConstruction: 300,
  efSearch: 512,
  oversampleLimit: 1024,
  exactBelow: 2000,
  exactFilterBudget: 1_000_000,
  randomSeed: 100,
  sparseMaxFill: 0.25,
};

/** Cosine similarity from hnswlib's cosine distance. The only such conversion in the product. */
export function similarityFromDistance(distance: number): number {
  return 1 - distance;
}

/** `1/‖v‖` of every row of a row-major matrix (0 for a zero row, so it matches nothing). */
export function inverseNorms(vectors: Float32Array, dim: number): Float32Array {
  const n = dim ? vectors.length / dim : 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = i * dim, e = j + dim; j < e; j++) s += vectors[j] * vectors[j];
    out[i] = s > 0 ? 1 / Math.sqrt(s) : 0;
  }
  return out;
}

/** Cosine similarity of `query` (with its inverse norm) and row `row` of `vectors`. */
export function cosineAt(vectors: Float32Array, dim: number, invNorms: Float32Array, row: number, query: Float32Array, queryInvNorm: number): number {
  const o = row * dim;
  // Four accumulators: shorter dependency chains, ~2x faster than the naive loop in V8.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < dim; j += 4) {
    s0 += query[j] * vectors[o + j];
    s1 += query[j + 1] * vectors[o + j + 1];
    s2 += query[j + 2] * vectors[o + j + 2];
    s3 += query[j + 3] * vectors[o + j + 3];
  }
  for (; j < dim; j++) s0 += query[j] * vectors[o + j];
  return (s0 + s1 + s2 + s3) * queryInvNorm * invNorms[row];
}

/** The chunks a search may return: `mask[i] === 1`, also listed in `list` (ascending). */
export interface AllowedSet {
  mask: Uint8Array;
  list: Uint32Array;
}

/** Exact top-k by cosine similarity over all rows, or over `allowed.list`. */
export function exactSearch(vectors: Float32Array, dim: number, invNorms: Float32Array, query: Float32Array, k: number, allowed?: AllowedSet | null): Scored[] {
  const qn = inverseNorms(query, dim)[0];
  if (!qn) return [];
  const rows = allowed ? allowed.list : rangeOf(invNorms.length);
  const sims = new Float64Array(rows.length);
  // A sparse query (the builtin embedder's: a question hashes to ~10–40 of 1,024 buckets) only
  // needs its non-zero components: the same sums without the zero terms, 3× faster at 100k rows.
  let nnz = 0;
  for (let j = 0; j < dim; j++) if (query[j] !== 0) nnz++;
  if (nnz * 4 <= dim) {
    const idx = new Int32Array(nnz);
    const val = new Float64Array(nnz);
    for (let j = 0, t = 0; j < dim; j++) if (query[j] !== 0) (idx[t] = j), (val[t++] = query[j]);
    for (let r = 0; r < rows.length; r++) {
      const o = rows[r] * dim;
      let s = 0;
      for (let t = 0; t < nnz; t++) s += val[t] * vectors[o + idx[t]];
      sims[r] = s * qn * invNorms[rows[r]];
    }
  } else {
    for (let r = 0; r < rows.length; r++) sims[r] = cosineAt(vectors, dim, invNorms, rows[r], query, qn);
  }
  return selectTopK(rangeOf(rows.length), (r) => sims[r], k).map((h) => ({ index: rows[h.index], score: h.score }));
}

function rangeOf(n: number): Uint32Array {
  const a = new Uint32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

/** Which structure answers a {@link DenseIndex}'s large searches (null when it is empty). */
export type DenseKind = 'hnsw' | 'sparse' | null;

/**
 * An HNSW graph or an exact sparse inverted index, plus the exact fallback, over the same
 * row-major vectors (row i = chunk index i).
 */
export class DenseIndex {
  readonly options: DenseOptions;
  readonly size: number;
  readonly invNorms: Float32Array;

  private constructor(
    readonly vectors: Float32Array,
    readonly dim: number,
    private readonly hnsw: Hnsw | null,
    options: DenseOptions,
    private readonly sparse: SparseDenseIndex | null = null,
    invNorms?: Float32Array,
  ) {
    this.options = options;
    this.size = dim ? vectors.length / dim : 0;
    this.invNorms = invNorms ?? inverseNorms(vectors, dim);
  }

  /** 'sparse' (exact inverted index), 'hnsw' (approximate graph), or null for an empty index. */
  get kind(): DenseKind {
    return this.sparse ? 'sparse' : this.hnsw ? 'hnsw' : null;
  }

  /**
   * Indexes `vectors` (row-major, `dim` columns; labels are row numbers): the sparse inverted
   * index when they average at most `sparseMaxFill × dim` non-zeros, the HNSW graph otherwise.
   */
  static build(vectors: Float32Array, dim: number, options: Partial<DenseOptions> = {}): DenseIndex {
    const opts = { ...defaultDenseOptions, ...options };
    const n = dim ? vectors.length / dim : 0;
    let hnsw: Hnsw | null = null;
    if (n > 0 && opts.sparseMaxFill >= 0) {
      const counts = countNonZeros(vectors, dim);
      let nnz = 0;
      for (let j = 0; j < dim; j++) nnz += counts[j];
      if (nnz <= opts.sparseMaxFill * dim * n) return new DenseIndex(vectors, dim, null, opts, SparseDenseIndex.build(vectors, dim, counts));
    }
    if (n > 0) {
      hnsw = new HierarchicalNSW('cosine', dim);
      hnsw.initIndex({ maxElements: n, m: opts.m, efConstruction: opts.efConstruction, randomSeed: opts.randomSeed });
      const row = new Array<number>(dim);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < dim; j++) row[j] = vectors[i * dim + j];
        hnsw.addPoint(row, i);
      }
    }
    return new DenseIndex(vectors, dim, hnsw, opts);
  }

  /**
   * Reopens an index written by {@link save} over the same vectors: a sparse index (recognised by
   * its header) or an HNSW graph. The caller must have verified the file's checksum: hnswlib
   * trusts the bytes it reads.
   */
  static load(path: string | null, vectors: Float32Array, dim: number, options: Partial<DenseOptions> = {}): DenseIndex {
    const opts = { ...defaultDenseOptions, ...options };
    const n = dim ? vectors.length / dim : 0;
    if (n === 0) return new DenseIndex(vectors, dim, null, opts);
    const bad = (why: string, cause?: unknown): never => {
      throw new AppError('INDEX_CORRUPT', `The vector index file ${path} is damaged (${why}); re-run \`policy ingest\``, { cause });
    };
    if (!path || !existsSync(path)) bad('missing');
    // Only the header tells the forms apart; an HNSW graph is read by hnswlib itself.
    const head = Buffer.alloc(SPARSE_MAGIC.length);
    try {
      const fd = openSync(path!, 'r');
      try {
        readSync(fd, head, 0, head.length, 0);
      } finally {
        closeSync(fd);
      }
    } catch (err) {
      bad('unreadable', err);
    }
    if (isSparseIndexFile(head)) return new DenseIndex(vectors, dim, null, opts, SparseDenseIndex.fromBuffer(readFileSync(path!), n, dim, path!));
    const hnsw = new HierarchicalNSW('cosine', dim);
    try {
      hnsw.readIndexSync(path!);
    } catch (err) {
      bad('unreadable', err);
    }
    if (hnsw.getCurrentCount() !== n || hnsw.getNumDimensions() !== dim) {
      bad(`${hnsw.getCurrentCount()}×${hnsw.getNumDimensions()} instead of ${n}×${dim}`);
    }
    return new DenseIndex(vectors, dim, hnsw, opts);
  }

  /** The same structure and vectors with other search options (efSearch, thresholds); build options are fixed. */
  withOptions(options: Partial<DenseOptions>): DenseIndex {
    return new DenseIndex(this.vectors, this.dim, this.hnsw, { ...this.options, ...options }, this.sparse, this.invNorms);
  }

  /** Writes the sparse index or the HNSW graph to `path` (nothing for an empty index). */
  save(path: string): boolean {
    if (this.sparse) {
      writeFileSync(path, this.sparse.toBuffer());
      return true;
    }
    if (!this.hnsw) return false;
    this.hnsw.writeIndexSync(path);
    return true;
  }

  /**
   * The `k` rows most similar to `query` (cosine, higher is better), only among `allowed` when
   * given. Small indexes and small allowed sets: brute force. A sparse index: its exact
   * postings walk, the allowed set applied when ranking. Large allowed sets (≥ 2k/oversampleLimit
   * of the index, e.g. a province): one unfiltered HNSW search for about 2k/selectivity
   * neighbours, then the allowed ones; hnswlib's own filter calls back into JavaScript for every
   * visited node, which measured 4× slower at 100k chunks. It remains the fallback when the
   * oversampled search does not yield k allowed rows.
   */
  search(query: Float32Array, k: number, allowed?: AllowedSet | null): Scored[] {
    if (query.length !== this.dim) {
      throw new AppError('EMBEDDER_MISMATCH', `The query vector has ${query.length} dimensions; the index has ${this.dim}`);
    }
    const count = allowed ? allowed.list.length : this.size;
    if ((!this.hnsw && !this.sparse) || count === 0 || k <= 0) return [];
    if (this.size < this.options.exactBelow || (allowed && count * this.dim <= this.options.exactFilterBudget)) {
      return this.searchExact(query, k, allowed);
    }
    if (this.sparse) return this.searchSparse(query, k, allowed);
    const want = Math.min(k, count);
    if (!allowed) return this.searchApproximate(query, want);
    const fetch = Math.ceil((2 * want * this.size) / count);
    if (fetch <= Math.max(this.options.oversampleLimit, want)) {
      const mask = allowed.mask;
      const hits = this.searchApproximate(query, fetch).filter((h) => mask[h.index] === 1);
      if (hits.length >= want) return hits.slice(0, want);
    }
    return this.searchApproximate(query, want, allowed);
  }

  /** Exact brute-force search (the reference for recall). */
  searchExact(query: Float32Array, k: number, allowed?: AllowedSet | null): Scored[] {
    return exactSearch(this.vectors, this.dim, this.invNorms, query, k, allowed);
  }

  /** Exact search through the sparse inverted index ([] when this index has none). */
  searchSparse(query: Float32Array, k: number, allowed?: AllowedSet | null): Scored[] {
    if (!this.sparse) return [];
    return this.sparse.search(query, inverseNorms(query, this.dim)[0], this.invNorms, k, allowed);
  }

  /**
   * HNSW search, with hnswlib's label filter when `allowed` is given. A sparse index has no graph
   * and answers with its exact search instead.
   */
  searchApproximate(query: Float32Array, k: number, allowed?: AllowedSet | null): Scored[] {
    if (this.sparse) return this.searchSparse(query, k, allowed);
    if (!this.hnsw || inverseNorms(query, this.dim)[0] === 0) return [];
    const kk = Math.min(k, this.size);
    this.hnsw.setEf(Math.max(this.options.efSearch, kk));
    const mask = allowed?.mask;
    const res = this.hnsw.searchKnn(Array.from(query), kk, mask ? (label: number) => mask[label] === 1 : undefined);
    return res.neighbors.map((index, i) => ({ index, score: similarityFromDistance(res.distances[i]) }));
  }
}
