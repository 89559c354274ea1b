/**
 * Top-k selection over scored indices with a bounded min-heap: O(n log k) and no sort of the
 * whole candidate set, which matters when BM25 touches tens of thousands of chunks.
 */

/** A chunk index with its score. */
export interface Scored {
  index: number;
  score: number;
}

/** Total order used everywhere: higher score first, then lower index (so results are deterministic). */
export function compareScored(a: Scored, b: Scored): number {
  return b.score - a.score || a.index - b.index;
}

/** True when `(sa, ia)` ranks below `(sb, ib)` in {@link compareScored} order. */
export function worse(sa: number, ia: number, sb: number, ib: number): boolean {
  return sa < sb || (sa === sb && ia > ib);
}

/**
 * A bounded min-heap of (index, score) kept in two typed arrays, the worst kept entry at the
 * root: the one heap every top-k selection here uses.
 */
export interface ScoreHeap {
  idx: Int32Array;
  score: Float64Array;
  size: number;
}

/** An empty heap for at most `k` entries. */
export function createScoreHeap(k: number): ScoreHeap {
  return { idx: new Int32Array(k), score: new Float64Array(k), size: 0 };
}

/** Adds an entry to a heap that is not full yet. */
export function heapPush(h: ScoreHeap, index: number, score: number): void {
  let i = h.size++;
  h.idx[i] = index;
  h.score[i] = score;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!worse(h.score[i], h.idx[i], h.score[p], h.idx[p])) break;
    swapEntries(h, i, p);
    i = p;
  }
}

/** Replaces the worst kept entry (the root) and restores the heap. */
export function heapReplaceRoot(h: ScoreHeap, index: number, score: number): void {
  h.idx[0] = index;
  h.score[0] = score;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < h.size && worse(h.score[l], h.idx[l], h.score[m], h.idx[m])) m = l;
    if (r < h.size && worse(h.score[r], h.idx[r], h.score[m], h.idx[m])) m = r;
    if (m === i) return;
    swapEntries(h, i, m);
    i = m;
  }
}

/** The heap's entries, best first. */
export function heapToSorted(h: ScoreHeap): Scored[] {
  const out: Scored[] = [];
  for (let i = 0; i < h.size; i++) out.push({ index: h.idx[i], score: h.score[i] });
  return out.sort(compareScored);
}

function swapEntries(h: ScoreHeap, a: number, b: number): void {
  const ti = h.idx[a];
  h.idx[a] = h.idx[b];
  h.idx[b] = ti;
  const ts = h.score[a];
  h.score[a] = h.score[b];
  h.score[b] = ts;
}

/**
 * The `k` best of `indices` by `scoreOf`, best first. `accept` (optional) drops indices before
 * they compete; indices whose score is not finite are skipped.
 */
export function selectTopK(indices: ArrayLike<number>, scoreOf: (index: number) => number, k: number, accept?: (index: number) => boolean): Scored[] {
  if (k <= 0) return [];
  const h = createScoreHeap(k);
  for (let n = 0; n < indices.length; n++) {
    const index = indices[n];
    if (accept && !accept(index)) continue;
    const score = scoreOf(index);
    if (!Number.isFinite(score)) continue;
    if (h.size < k) heapPush(h, index, score);
    else if (worse(h.score[0], h.idx[0], score, index)) heapReplaceRoot(h, index, score);
  }
  return heapToSorted(h);
}

/**
 * The `k` best entries of a dense score array (only scores > 0, and only `mask[i] === 1` when a
 * mask is given), best first. A plain scan with an early reject against the current k-th best:
 * at 100k entries this is cheaper than tracking which entries were touched.
 */
export function topKOfScores(scores: Float32Array, k: number, mask?: Uint8Array | null): Scored[] {
  if (k <= 0) return [];
  const h = createScoreHeap(k);
  let floor = 0; // scores must beat this to enter once the heap is full
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (s <= floor || (mask && mask[i] !== 1)) continue;
    // Indices arrive in ascending order, so an equal score never displaces a kept (lower) index.
    if (h.size < k) heapPush(h, i, s);
    else heapReplaceRoot(h, i, s);
    if (h.size === k) floor = h.score[0];
  }
  return heapToSorted(h);
}
