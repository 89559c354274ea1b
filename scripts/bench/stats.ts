/**
 * Pure statistics for the benchmark: percentiles of latency samples and recall of an
 * approximate top-k against the exact one.
 */

/**
 * The `p`-th percentile (0–100) of `samples` by the nearest-rank method: the smallest sample
 * with at least p% of the samples at or below it. NaN for no samples. Nearest rank (not
 * interpolation) so a reported p95 is a latency some query actually had.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return NaN;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile: p must be in [0, 100], got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** p50, p95, p99, mean and max of latency samples (same unit as the samples). */
export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

/** Summarises latency samples. */
export function summarizeLatencies(samples: readonly number[]): LatencySummary {
  const sum = samples.reduce((a, b) => a + b, 0);
  return {
    count: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    mean: samples.length ? sum / samples.length : NaN,
    max: samples.length ? Math.max(...samples) : NaN,
  };
}

/**
 * Recall@k of `approx` against the exact top-k, tie-aware: an approximate hit counts when its
 * EXACT score reaches the k-th exact score (minus `epsilon`), so a different chunk with the same
 * similarity as the k-th true neighbour is not a miss. `exactScoreOf(i)` gives the exact score
 * of item i; `truthScores` are the exact top-k scores, best first. 1 when the truth is empty.
 */
export function recallAtK(approx: readonly number[], truthScores: readonly number[], exactScoreOf: (index: number) => number, epsilon = 1e-9): number {
  if (!truthScores.length) return 1;
  const floor = truthScores[truthScores.length - 1] - epsilon;
  const seen = new Set<number>();
  let hits = 0;
  for (const i of approx) {
    if (seen.has(i)) continue;
    seen.add(i);
    if (exactScoreOf(i) >= floor) hits++;
  }
  return Math.min(1, hits / truthScores.length);
}

/** |a ∩ b| / |b| for two id lists (agreement of one ranker's top-k with another's); 1 when b is empty. */
export function overlap<T>(a: readonly T[], b: readonly T[]): number {
  if (!b.length) return 1;
  const set = new Set(a);
  return b.filter((x) => set.has(x)).length / b.length;
}

/** Arithmetic mean (NaN for an empty list). */
export function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
}
