/**
 * The anchor pass of {@link matchPhrases}: a monotone alignment (dynamic programming over the two
 * phrase sequences) of the confident pairs — the county keeps the province's order for most of a
 * plan — without the pairs the order forced while either phrase has a much better pair
 * elsewhere. The anchors bound the search of the local pass.
 */
import { childWants, type MatchRun, parentWants, scoreOf, setMatch } from './match-context.js';
import type { PhraseMatch } from './match-context.js';

/**
 * Monotone one-to-one alignment maximising the summed margin of pairs scoring at least `min`.
 * Scores are asked row by row in child order. Two rows of sums and a byte per pair for the way
 * back: a pair costs one byte, not nine.
 */
export function monotoneAlign(P: number, C: number, score: (i: number, j: number) => number, min: number): [number, number][] {
  const W = C + 1;
  let prev = new Float64Array(W);
  let cur = new Float64Array(W);
  const back = new Uint8Array((P + 1) * W); // 0 skip parent, 1 skip child, 2 match
  for (let i = 1; i <= P; i++) {
    for (let j = 1; j <= C; j++) {
      let best = prev[j];
      let dir = 0;
      if (cur[j - 1] > best) {
        best = cur[j - 1];
        dir = 1;
      }
      const s = score(i - 1, j - 1);
      if (s >= min && prev[j - 1] + (s - min + 1e-6) > best) {
        best = prev[j - 1] + (s - min + 1e-6);
        dir = 2;
      }
      cur[j] = best;
      back[i * W + j] = dir;
    }
    [prev, cur] = [cur, prev];
  }
  const pairs: [number, number][] = [];
  let i = P;
  let j = C;
  while (i > 0 && j > 0) {
    const dir = back[i * W + j];
    if (dir === 2) {
      pairs.push([i - 1, j - 1]);
      i--;
      j--;
    } else if (dir === 1) j--;
    else i--;
  }
  return pairs.reverse();
}

/** Sets the anchors of a run (and their owners): in-order confident pairs that neither phrase would trade for a much better one. */
export function placeAnchors(run: MatchRun): void {
  const pairs = monotoneAlign(run.P, run.C, (i, j) => scoreOf(run, i, j), run.opts.anchor);
  for (const [i, j] of pairs.filter(([i, j]) => parentWants(run, i, j) && childWants(run, i, j))) setMatch(run, i, j, 'anchor');
  for (const m of run.out) if (m.via === 'anchor') run.owner.set(m.child!, m.parent);
}

/** Child positions of the nearest anchors before (`prev`, -1 if none) and after (`next`, C if none) each parent phrase. */
export function anchorBounds(out: PhraseMatch[], C: number): { prev: Int32Array; next: Int32Array } {
  const P = out.length;
  const prev = new Int32Array(P).fill(-1);
  const next = new Int32Array(P).fill(C);
  for (let i = 0, last = -1; i < P; i++) {
    if (out[i].via === 'anchor') last = out[i].child!;
    prev[i] = last;
  }
  for (let i = P - 1, n = C; i >= 0; i--) {
    if (out[i].via === 'anchor') n = out[i].child!;
    next[i] = n;
  }
  return { prev, next };
}
