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
function worse(sa: number, ia: number, sb: number, ib: number): boolean {
  return sa < sb || (sa === sb && ia > ib);
}

/**
 * The `k` best of `indices` by `scoreOf`, best first. `accept` (optional) drops indices before
 * they compete; indices whose score is not finite are skipped.
 */
export function selectTopK(
  indices: ArrayLike<number>,
  scoreOf: (index: number) => number,
  k: number,
  accept?: (index: number) => boolean,
): Scored[] {
  if (k <= 0) return [];
  const heapIdx = new Int32Array(k);
  const heapScore = new Float64Array(k);
  let size = 0;
  const siftDown = (from: number) => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < size && worse(heapScore[l], heapIdx[l], heapScore[m], heapIdx[m])) m = l;
      if (r < size && worse(heapScore[r], heapIdx[r], heapScore[m], heapIdx[m])) m = r;
      if (m === i) return;
      [heapIdx[i], heapIdx[m]] = [heapIdx[m], heapIdx[i]];
      [heapScore[i], heapScore[m]] = [heapScore[m], heapScore[i]];
      i = m;
    }
  };
  for (let n = 0; n < indices.length; n++) {
    const index = indices[n];
    if (accept && !accept(index)) continue;
    const score = scoreOf(index);
    if (!Number.isFinite(score)) continue;
    if (size < k) {
      // Sift up: the root is the worst kept entry.
      let i = size++;
      heapIdx[i] = index;
      heapScore[i] = score;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!worse(heapScore[i], heapIdx[i], heapScore[p], heapIdx[p])) break;
        [heapIdx[i], heapIdx[p]] = [heapIdx[p], heapIdx[i]];
        [heapScore[i], heapScore[p]] = [heapScore[p], heapScore[i]];
        i = p;
      }
    } else if (worse(heapScore[0], heapIdx[0], score, index)) {
      heapIdx[0] = index;
      heapScore[0] = score;
      siftDown(0);
    }
  }
  const out: Scored[] = [];
  for (let i = 0; i < size; i++) out.push({ index: heapIdx[i], score: heapScore[i] });
  return out.sort(compareScored);
}

/**
 * The `k` best entries of a dense score array (only scores > 0, and only `mask[i] === 1` when a
 * mask is given), best first. A plain scan with an early reject against the current k-th best:
 * at 100k entries this is cheaper than tracking which entries were touched.
 */
export function topKOfScores(scores: Float32Array, k: number, mask?: Uint8Array | null): Scored[] {
  if (k <= 0) return [];
  const idx = new Int32Array(k);
  const val = new Float64Array(k);
  let size = 0;
  let floor = 0; // scores must beat this to enter once the heap is full
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (s <= floor || (mask && mask[i] !== 1)) continue;
    if (size < k) {
      let j = size++;
      idx[j] = i;
      val[j] = s;
      while (j > 0) {
        const p = (j - 1) >> 1;
        if (!(val[j] < val[p] || (val[j] === val[p] && idx[j] > idx[p]))) break;
        [idx[j], idx[p]] = [idx[p], idx[j]];
        [val[j], val[p]] = [val[p], val[j]];
        j = p;
      }
      if (size === k) floor = val[0];
    } else {
      // Equal scores keep the earlier index (already in the heap), so only strictly better enters.
      idx[0] = i;
      val[0] = s;
      let j = 0;
      for (;;) {
        const l = 2 * j + 1;
        const r = l + 1;
        let m = j;
        if (l < size && (val[l] < val[m] || (val[l] === val[m] && idx[l] > idx[m]))) m = l;
        if (r < size && (val[r] < val[m] || (val[r] === val[m] && idx[r] > idx[m]))) m = r;
        if (m === j) break;
        [idx[j], idx[m]] = [idx[m], idx[j]];
        [val[j], val[m]] = [val[m], val[j]];
        j = m;
      }
      floor = val[0];
    }
  }
  const out: Scored[] = [];
  for (let i = 0; i < size; i++) out.push({ index: idx[i], score: val[i] });
  return out.sort(compareScored);
}
