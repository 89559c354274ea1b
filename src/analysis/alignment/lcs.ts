/**
 * Longest common subsequences of short strings: how many characters of one text another keeps
 * in order. Extraction damage drops single characters (`转变职能` → `转变职`), so "all but one
 * character in order" is the test for "the same words, damaged" across the alignment.
 */

/** Length of the longest common subsequence of two short strings. */
export function lcsLength(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = new Uint16Array(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    const cur = new Uint16Array(y.length + 1);
    for (let j = 1; j <= y.length; j++) cur[j] = x[i - 1] === y[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    prev = cur;
  }
  return prev[y.length];
}

/** The longest common subsequence of `a` with any `width`-character stretch of `b`. */
export function windowLcs(a: string, b: string, width: number): number {
  const y = [...b];
  if (y.length <= width) return lcsLength(a, b);
  let best = 0;
  for (let k = 0; k + width <= y.length; k++) best = Math.max(best, lcsLength(a, y.slice(k, k + width).join('')));
  return best;
}

/**
 * Characters of `a` that `b` holds, counted with multiplicity (in any order): an upper bound of
 * {@link lcsLength} and of {@link windowLcs}, in linear time.
 */
export function sharedChars(a: string, b: string): number {
  const need = new Map<string, number>();
  for (const ch of a) need.set(ch, (need.get(ch) ?? 0) + 1);
  let n = 0;
  for (const ch of b) {
    const k = need.get(ch);
    if (k) {
      need.set(ch, k - 1);
      n++;
    }
  }
  return n;
}
