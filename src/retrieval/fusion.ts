/**
 * Score fusion of the lexical (BM25) and dense (cosine) signals over one candidate set. Every
 * candidate carries both exact scores (the index computes the missing one), so fusion never
 * has to guess a score for "absent from one list".
 *
 * Three methods are implemented so they can be compared (scripts/tuning/measure-fusion.ts); the
 * default is the one the dev set chose (scripts/tuning/README.md).
 */

/** How the two signals become one score. */
export type FusionMethod = 'rrf' | 'minmax' | 'zscore';

/** Options of {@link fuseScores}. */
export interface FusionOptions {
  /**
   * Default `minmax`: on the dev set it matched or beat RRF on the real chunking and beat it
   * by 0.04 MRR on the passage chunking; `zscore` was indistinguishable from it, and min-max
   * keeps the fused score in [0,1].
   */
  method: FusionMethod;
  /**
   * Weight of the dense signal in [0,1] for `minmax`/`zscore` (lexical gets 1 − w). Default
   * 0.2, measured with the builtin (TF-IDF) embedder, whose signal mostly repeats BM25's; a
   * neural embedder adds more and deserves a re-measurement (scripts/tuning/measure-fusion.ts).
   */
  denseWeight: number;
  /** The `k` of reciprocal-rank fusion `Σ 1/(k + rank)`. Default 60 (Cormack et al.). */
  rrfK: number;
}

/** Documented defaults of {@link FusionOptions}. */
export const defaultFusionOptions: FusionOptions = { method: 'minmax', denseWeight: 0.2, rrfK: 60 };

/** `(x − min)/(max − min)`; all zeros when the values are all equal (a constant signal carries no ranking). */
export function minMaxNormalize(xs: readonly number[]): number[] {
  if (!xs.length) return [];
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of xs) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  const span = hi - lo;
  return xs.map((x) => (span > 0 ? (x - lo) / span : 0));
}

/** `(x − mean)/sd`; all zeros when the standard deviation is 0. */
export function zScoreNormalize(xs: readonly number[]): number[] {
  if (!xs.length) return [];
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
  return xs.map((x) => (sd > 0 ? (x - mean) / sd : 0));
}

/** 1-based ranks by descending value; equal values share the best rank. */
export function ranksOf(xs: readonly number[]): number[] {
  const order = xs.map((_, i) => i).sort((a, b) => xs[b] - xs[a] || a - b);
  const ranks = new Array<number>(xs.length);
  for (let r = 0; r < order.length; r++) {
    const i = order[r];
    ranks[i] = r > 0 && xs[order[r - 1]] === xs[i] ? ranks[order[r - 1]] : r + 1;
  }
  return ranks;
}

/**
 * Fused scores (higher is better) of candidates whose lexical and dense scores are
 * `lexical[i]`, `dense[i]`. RRF ranks each signal over the candidate set; a signal that is
 * zero for a candidate (no term matched, zero vector) contributes nothing to its RRF score.
 */
export function fuseScores(lexical: readonly number[], dense: readonly number[], options: Partial<FusionOptions> = {}): number[] {
  const o = { ...defaultFusionOptions, ...options };
  const w = Math.min(1, Math.max(0, o.denseWeight));
  if (o.method === 'rrf') {
    const lr = ranksOf(lexical);
    const dr = ranksOf(dense);
    return lexical.map((l, i) => (l > 0 ? 1 / (o.rrfK + lr[i]) : 0) + (dense[i] > 0 ? 1 / (o.rrfK + dr[i]) : 0));
  }
  const norm = o.method === 'zscore' ? zScoreNormalize : minMaxNormalize;
  const ln = norm(lexical);
  const dn = norm(dense);
  return ln.map((l, i) => (1 - w) * l + w * dn[i]);
}
