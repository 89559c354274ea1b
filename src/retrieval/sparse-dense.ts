/**
 * Exact cosine search over SPARSE dense-channel vectors through an inverted index over
 * dimensions: per dimension, the rows whose component is non-zero and that component.
 *
 * The builtin embedder's hashed TF-IDF fills ~100 of 1,024 buckets of a chunk and 10–40 of a
 * question. HNSW is slow to build over such vectors and its graph has no similarity gradient
 * towards a query that touches a few rare buckets (recall@10 0.79 at 100k chunks); walking the
 * query's postings is exact (recall 1) and touches only ~nnz(query)/dim of the stored weights.
 *
 * A search accumulates `query[j] × weight` per row in a reused Float64 buffer, in ascending
 * dimension order — the same sums in the same order as {@link exactSearch}'s sparse-query loop,
 * so for a sparse query the scores are bit-identical to brute force.
 */
import { AppError } from '../core/errors.js';
import { typedView } from './binary.js';
import { createScoreHeap, heapPush, heapReplaceRoot, heapToSorted, type Scored } from './top-k.js';

/** First 8 bytes of a saved sparse index; hnswlib's files start with a size_t offset (0). */
export const SPARSE_MAGIC = 'PSPARSE1';
const HEADER_BYTES = 20; // magic, rows, dim, postings (u32 each)

/** The chunks a search may return (the same shape as dense.ts's AllowedSet). */
interface Allowed {
  mask: Uint8Array;
  list: Uint32Array;
}

/** Average non-zero components per row of a row-major matrix (0 for an empty one). */
export function averageNonZeros(vectors: Float32Array, dim: number): number {
  const n = dim ? vectors.length / dim : 0;
  return n ? countNonZeros(vectors, dim).reduce((a, b) => a + b, 0) / n : 0;
}

/**
 * Non-zero components per dimension of a row-major matrix. {@link SparseDenseIndex.build} takes
 * it back, so deciding on sparsity and sizing the postings share one pass over the vectors.
 */
export function countNonZeros(vectors: Float32Array, dim: number): Uint32Array {
  const counts = new Uint32Array(dim);
  for (let o = 0; o < vectors.length; o += dim) for (let j = 0; j < dim; j++) if (vectors[o + j] !== 0) counts[j]++;
  return counts;
}

/** True when `bytes` starts with {@link SPARSE_MAGIC}. */
export function isSparseIndexFile(bytes: Uint8Array): boolean {
  if (bytes.byteLength < SPARSE_MAGIC.length) return false;
  for (let i = 0; i < SPARSE_MAGIC.length; i++) if (bytes[i] !== SPARSE_MAGIC.charCodeAt(i)) return false;
  return true;
}

/** An inverted index over the dimensions of `rows × dim` vectors (row i = chunk index i). */
export class SparseDenseIndex {
  /** Reused score accumulator (one per index: searches are synchronous). */
  private scratch: Float64Array | undefined;

  private constructor(
    readonly rows: number,
    readonly dim: number,
    /** Postings of dimension j are `offsets[j] .. offsets[j+1]`. */
    private readonly offsets: Uint32Array,
    private readonly ids: Uint32Array,
    private readonly weights: Float32Array,
  ) {}

  /** Number of stored (row, dimension) weights. */
  get postings(): number {
    return this.ids.length;
  }

  /**
   * Builds the index from row-major vectors, skipping zero components: one counting pass (or
   * `counts` from {@link countNonZeros}) and one filling pass, no per-row allocation.
   */
  static build(vectors: Float32Array, dim: number, counts: Uint32Array = countNonZeros(vectors, dim)): SparseDenseIndex {
    const n = dim ? vectors.length / dim : 0;
    const offsets = new Uint32Array(dim + 1);
    for (let j = 0; j < dim; j++) offsets[j + 1] = offsets[j] + counts[j];
    const total = dim ? offsets[dim] : 0;
    const ids = new Uint32Array(total);
    const weights = new Float32Array(total);
    const fill = offsets.slice(0, dim);
    for (let i = 0, o = 0; i < n; i++, o += dim) {
      for (let j = 0; j < dim; j++) {
        const v = vectors[o + j];
        if (v === 0) continue;
        const p = fill[j]++;
        ids[p] = i;
        weights[p] = v;
      }
    }
    return new SparseDenseIndex(n, dim, offsets, ids, weights);
  }

  /**
   * The `k` rows of highest cosine similarity to `query`, only among `allowed` when given; best
   * first, ties by lower row. Rows sharing no dimension with the query score 0 and still fill
   * the result when fewer than k score otherwise, as brute force does.
   *
   * @param invNorms `1/‖row‖` of every row; `queryInvNorm` that of the query (0 → no results).
   */
  search(query: Float32Array, queryInvNorm: number, invNorms: Float32Array, k: number, allowed?: Allowed | null): Scored[] {
    if (!queryInvNorm || k <= 0 || this.rows === 0) return [];
    const acc = (this.scratch ??= new Float64Array(this.rows));
    acc.fill(0);
    const { offsets, ids, weights } = this;
    for (let j = 0; j < this.dim; j++) {
      const q = query[j];
      if (q === 0) continue;
      for (let p = offsets[j], end = offsets[j + 1]; p < end; p++) acc[ids[p]] += q * weights[p];
    }
    return allowed ? topKOf(acc, queryInvNorm, invNorms, k, allowed.list) : topKOf(acc, queryInvNorm, invNorms, k, null);
  }

  /** The saved form: magic, rows, dim, postings, offsets, ids, weights (little-endian). */
  toBuffer(): Uint8Array {
    const total = this.ids.length;
    const out = new Uint8Array(HEADER_BYTES + 4 * (this.dim + 1) + 8 * total);
    for (let i = 0; i < SPARSE_MAGIC.length; i++) out[i] = SPARSE_MAGIC.charCodeAt(i);
    const view = new DataView(out.buffer);
    view.setUint32(8, this.rows, true);
    view.setUint32(12, this.dim, true);
    view.setUint32(16, total, true);
    let at = HEADER_BYTES;
    for (const a of [this.offsets, this.ids, this.weights]) {
      out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
      at += a.byteLength;
    }
    return out;
  }

  /**
   * Reads {@link toBuffer}'s output for `rows × dim` vectors. Checks the shape, that postings are
   * ascending rows within each dimension, and that weights are finite and non-zero: anything
   * else is INDEX_CORRUPT (`source` names the file in the message).
   */
  static fromBuffer(buf: Uint8Array, rows: number, dim: number, source: string): SparseDenseIndex {
    const bad = (why: string): never => {
      throw new AppError('INDEX_CORRUPT', `The vector index file ${source} is damaged (${why}); re-run \`policy ingest\``);
    };
    if (buf.byteLength < HEADER_BYTES || !isSparseIndexFile(buf)) bad('not a sparse vector index');
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const n = view.getUint32(8, true);
    const d = view.getUint32(12, true);
    const total = view.getUint32(16, true);
    if (n !== rows || d !== dim) bad(`${n}×${d} instead of ${rows}×${dim}`);
    if (buf.byteLength !== HEADER_BYTES + 4 * (dim + 1) + 8 * total) bad(`${buf.byteLength} bytes for ${total} postings`);
    const offsets = typedView(Uint32Array, buf, HEADER_BYTES, dim + 1);
    const ids = typedView(Uint32Array, buf, HEADER_BYTES + 4 * (dim + 1), total);
    const weights = typedView(Float32Array, buf, HEADER_BYTES + 4 * (dim + 1) + 4 * total, total);
    if (offsets[0] !== 0 || offsets[dim] !== total) bad('posting offsets do not cover the postings');
    for (let j = 0; j < dim; j++) {
      const start = offsets[j];
      const end = offsets[j + 1];
      if (end < start || end > total) bad(`offsets of dimension ${j} are out of order`);
      for (let p = start; p < end; p++) {
        if (ids[p] >= rows || (p > start && ids[p] <= ids[p - 1])) bad(`dimension ${j} lists row ${ids[p]} out of order or range`);
        if (weights[p] === 0 || !Number.isFinite(weights[p])) bad(`dimension ${j} has a bad weight`);
      }
    }
    return new SparseDenseIndex(rows, dim, offsets, ids, weights);
  }
}

/**
 * Top-k of `acc[i] × qn × invNorms[i]` over all rows or over `list` (ascending). The heap
 * mirrors selectTopK's order (higher score, then lower row) so results equal brute force's.
 */
function topKOf(acc: Float64Array, qn: number, invNorms: Float32Array, k: number, list: Uint32Array | null): Scored[] {
  const count = list ? list.length : acc.length;
  const size = Math.min(k, count);
  if (size === 0) return [];
  const h = createScoreHeap(size);
  for (let t = 0; t < count; t++) {
    const i = list ? list[t] : t;
    const s = acc[i] * qn * invNorms[i];
    if (h.size < size) heapPush(h, i, s);
    // Rows arrive in ascending order, so an equal score never displaces the kept (lower) row.
    else if (s > h.score[0]) heapReplaceRoot(h, i, s);
  }
  return heapToSorted(h);
}
