/**
 * The small, deterministic linear algebra the builtin embedder needs: a seeded PRNG,
 * Gaussian samples, Gram–Schmidt, a symmetric eigensolver (eigen.ts) and a randomized truncated SVD
 * of a sparse matrix. Written here (not pulled from a package) so the fitted state depends
 * only on our code and the corpus: same texts, same seed, bit-identical vectors.
 */

import { createRng } from '../../core/rng.js';

export { createRng };
import { symmetricEigen } from './eigen.js';

export { symmetricEigen } from './eigen.js';

/** A sparse row: column indices (ascending not required) and their values. */
export interface SparseRow {
  idx: Int32Array;
  val: Float64Array;
}

/** A standard normal sample (Box–Muller; uses two uniforms, discards the second normal for simplicity). */
export function gaussian(rng: () => number): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Orthonormalises the columns of a row-major `rows × cols` matrix in place (modified
 * Gram–Schmidt, two passes for stability). Columns that collapse (rank deficiency) are zeroed.
 * Returns the number of columns that survived.
 */
export function orthonormalizeColumns(m: Float64Array, rows: number, cols: number): number {
  let rank = 0;
  for (let j = 0; j < cols; j++) {
    let before = 0;
    for (let r = 0; r < rows; r++) before += m[r * cols + j] ** 2;
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < j; i++) {
        let dot = 0;
        for (let r = 0; r < rows; r++) dot += m[r * cols + i] * m[r * cols + j];
        if (dot === 0) continue;
        for (let r = 0; r < rows; r++) m[r * cols + j] -= dot * m[r * cols + i];
      }
    }
    let norm = 0;
    for (let r = 0; r < rows; r++) norm += m[r * cols + j] ** 2;
    // A column that lost almost all its length was in the span of the previous ones.
    if (norm <= 1e-20 * Math.max(before, 1e-300) || norm === 0) {
      for (let r = 0; r < rows; r++) m[r * cols + j] = 0;
      continue;
    }
    const inv = 1 / Math.sqrt(norm);
    for (let r = 0; r < rows; r++) m[r * cols + j] *= inv;
    rank++;
  }
  return rank;
}

/** Options of {@link randomizedSvd}. */
export interface RandomizedSvdOptions {
  /** Number of singular triplets wanted. */
  rank: number;
  /** Extra random directions sampled beyond `rank` (Halko et al.). Default 10. */
  oversample?: number;
  /** Power iterations, sharpening the spectrum. Default 2. */
  powerIterations?: number;
  /** PRNG seed. Default 42. */
  seed?: number;
}

/**
 * Randomized truncated SVD (Halko, Martinsson & Tropp 2011) of the sparse `rows.length × cols`
 * matrix A, returning the right singular vectors scaled for folding a row in:
 * `termVectors` is `cols × rank` (row-major) with column j = v_j, and `values` the σ_j.
 *
 * Works through the small Gram matrix G = A Aᵀ (documents × documents) so nothing of size
 * `cols × rank` is ever multiplied densely: the cost is Σ df² + n²·l, fine for the corpora
 * this product indexes (a few thousand passages).
 */
export function randomizedSvd(
  rows: SparseRow[],
  cols: number,
  options: RandomizedSvdOptions,
): { termVectors: Float32Array; values: Float64Array; rank: number } {
  const n = rows.length;
  const l = Math.max(1, Math.min(options.rank + (options.oversample ?? 10), n));
  const rng = createRng(options.seed ?? 42);
  const gram = gramMatrix(rows, cols);
  // Y = G Ω with Ω Gaussian n × l (sampling the range of A Aᵀ = range of A).
  const omega = new Float64Array(n * l);
  for (let i = 0; i < omega.length; i++) omega[i] = gaussian(rng);
  let y: Float64Array = multiplyDense(gram, n, omega, l);
  orthonormalizeColumns(y, n, l);
  for (let it = 0; it < (options.powerIterations ?? 2); it++) {
    y = multiplyDense(gram, n, y, l);
    orthonormalizeColumns(y, n, l);
  }
  // M = Qᵀ G Q (l × l); its eigenpairs give σ² and the left vectors in Q's basis.
  const gq = multiplyDense(gram, n, y, l);
  const m = new Float64Array(l * l);
  for (let a = 0; a < l; a++)
    for (let b = a; b < l; b++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += y[r * l + a] * gq[r * l + b];
      m[a * l + b] = s;
      m[b * l + a] = s;
    }
  const eig = symmetricEigen(m, l);
  let rank = 0;
  const top = eig.values[0] ?? 0;
  while (rank < Math.min(options.rank, l) && eig.values[rank] > Math.max(top * 1e-10, 1e-12)) rank++;
  // U = Q · Ub (n × rank), σ = sqrt(λ); v_j = Aᵀ u_j / σ_j.
  const values = new Float64Array(rank);
  const u = new Float64Array(n * rank);
  for (let j = 0; j < rank; j++) {
    values[j] = Math.sqrt(eig.values[j]);
    for (let r = 0; r < n; r++) {
      let s = 0;
      for (let a = 0; a < l; a++) s += y[r * l + a] * eig.vectors[a * l + j];
      u[r * rank + j] = s / values[j];
    }
  }
  const termVectors = new Float32Array(cols * rank);
  for (let r = 0; r < n; r++) {
    const { idx, val } = rows[r];
    for (let t = 0; t < idx.length; t++) {
      const base = idx[t] * rank;
      for (let j = 0; j < rank; j++) termVectors[base + j] += val[t] * u[r * rank + j];
    }
  }
  return { termVectors, values, rank };
}

/** G = A Aᵀ for sparse rows, as a dense row-major n × n matrix, via an inverted index (Σ df² work). */
function gramMatrix(rows: SparseRow[], cols: number): Float64Array {
  const n = rows.length;
  const postingsDoc: number[][] = Array.from({ length: cols }, () => []);
  const postingsVal: number[][] = Array.from({ length: cols }, () => []);
  rows.forEach((row, r) => {
    for (let t = 0; t < row.idx.length; t++) {
      postingsDoc[row.idx[t]].push(r);
      postingsVal[row.idx[t]].push(row.val[t]);
    }
  });
  const g = new Float64Array(n * n);
  for (let c = 0; c < cols; c++) {
    const docs = postingsDoc[c];
    const vals = postingsVal[c];
    for (let a = 0; a < docs.length; a++) {
      const va = vals[a];
      const base = docs[a] * n;
      for (let b = 0; b < docs.length; b++) g[base + docs[b]] += va * vals[b];
    }
  }
  return g;
}

/** (n × n) · (n × l), both dense row-major. */
function multiplyDense(a: Float64Array, n: number, b: Float64Array, l: number): Float64Array {
  const out = new Float64Array(n * l);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      if (aik === 0) continue;
      const bo = k * l;
      const oo = i * l;
      for (let j = 0; j < l; j++) out[oo + j] += aik * b[bo + j];
    }
  }
  return out;
}
