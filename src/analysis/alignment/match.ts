/**
 * Matching parent phrases to child phrases, in passes:
 *
 * 1. anchors: a monotone alignment (dynamic programming over the two phrase sequences) of the
 *    confident pairs — the county keeps the province's order for most of a plan — without the
 *    pairs the order forced while either phrase has a much better pair elsewhere;
 * 2. local: each remaining parent phrase takes the best child phrase between the child
 *    positions of its neighbouring anchors (a reworded clause in place);
 * 3. global: what is still unmatched takes an unused child phrase anywhere, best pairs first,
 *    with a stricter threshold (a clause the county moved to another chapter);
 * 4. rewrites: a parent phrase still unmatched is paired with the unused child phrase that
 *    stands in its place (the same gap between anchors, or the aligned clause) as its
 *    `replacement`: the county rewrote it. Then, as a last resort, a parent phrase may reuse
 *    another phrase's anchor (the province states some requirements twice);
 * 5. exchanges and merges (see `match-passes.ts`).
 *
 * A child phrase may serve several parent phrases (a county merges two clauses when it drops a
 * comma).
 */
import type { Segmented } from './segment.js';
import { assignRewrites, joinMerges, pairGaps, repairSwaps } from './match-passes.js';
import { pairScore, type ScoreWeights, defaultScoreWeights, type SimilarityMatrix } from './similarity.js';

/** Thresholds of {@link matchPhrases}. */
export interface MatchOptions {
  /** Minimum pair score of an anchor. Default 0.5. */
  anchor: number;
  /** Minimum pair score of a local match (between anchors). Default 0.36. */
  local: number;
  /** Minimum pair score of a global (reordered) match to a child phrase nobody matched. Default 0.5. */
  global: number;
  /** Minimum pair score of a rewrite (leftovers of the same clause pair). Default 0.18. */
  rewrite: number;
  /** Minimum share of the parent phrase found in a local or global match. Default 0.45. */
  minCov: number;
  /** A child phrase this much inside the parent phrase (at least 4 characters, word cosine ≥ 0.2) matches it locally. Default 0.65. */
  contained: number;
  /** Phrases this short (comparison characters) may match by characters in order. Default 8. */
  shortChars: number;
  /** Share of a short phrase's characters a child phrase must contain in order. Default 0.75. */
  shortRatio: number;
  /** A parent phrase this much inside the child phrase its neighbour matched joins that match (a merge). Default 0.7. */
  merged: number;
  /** Child phrases either side of the anchor gap searched by the local pass. Default 2. */
  window: number;
  /**
   * An in-order anchor or a local match is refused when either of its phrases has a pair this
   * much better elsewhere: the order forced it (a clause the child moved), and the global pass
   * finds the real counterpart. Default 0.25.
   */
  anchorMargin: number;
  /** A local match gives way to the parent phrase's mutual-best pair elsewhere that scores this much more. Default 0.1. */
  ownMargin: number;
  weights: ScoreWeights;
}

export const defaultMatchOptions: MatchOptions = {
  anchor: 0.5,
  local: 0.36,
  global: 0.5,
  contained: 0.65,
  shortChars: 8,
  shortRatio: 0.75,
  merged: 0.7,
  rewrite: 0.18,
  minCov: 0.45,
  window: 2,
  anchorMargin: 0.25,
  ownMargin: 0.1,
  weights: defaultScoreWeights,
};

export type MatchVia = 'anchor' | 'local' | 'global';

/** The counterpart of one parent phrase. */
export interface PhraseMatch {
  parent: number;
  child: number | null;
  score: number;
  via: MatchVia | null;
  /** For an unmatched phrase: the leftover child phrase of the same clause pair that took its place (a rewrite), if any. */
  replacement: number | null;
  replacementScore: number;
}

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

/** Monotone one-to-one alignment maximising the summed margin of pairs scoring at least `min`. */
export function monotoneAlign(P: number, C: number, score: (i: number, j: number) => number, min: number): [number, number][] {
  const W = C + 1;
  const D = new Float64Array((P + 1) * W);
  const back = new Uint8Array((P + 1) * W); // 0 skip parent, 1 skip child, 2 match
  for (let i = 1; i <= P; i++) {
    for (let j = 1; j <= C; j++) {
      let best = D[(i - 1) * W + j];
      let dir = 0;
      if (D[i * W + j - 1] > best) {
        best = D[i * W + j - 1];
        dir = 1;
      }
      const s = score(i - 1, j - 1);
      if (s >= min && D[(i - 1) * W + j - 1] + (s - min + 1e-6) > best) {
        best = D[(i - 1) * W + j - 1] + (s - min + 1e-6);
        dir = 2;
      }
      D[i * W + j] = best;
      back[i * W + j] = dir;
    }
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

/** Matches every parent phrase (see the module comment). */
export function matchPhrases(parent: Segmented, child: Segmented, sim: SimilarityMatrix, options: Partial<MatchOptions> = {}): PhraseMatch[] {
  const opts = { ...defaultMatchOptions, ...options };
  const P = parent.phrases.length;
  const C = child.phrases.length;
  const score = (i: number, j: number) => pairScore(sim, i, j, opts.weights);
  const out: PhraseMatch[] = parent.phrases.map((_, i) => ({ parent: i, child: null, score: 0, via: null, replacement: null, replacementScore: 0 }));
  const set = (i: number, j: number, via: MatchVia) => Object.assign(out[i], { child: j, score: score(i, j), via });

  const { rowBest, colBest } = bestScores(P, C, score);
  // A pair either of whose phrases has a much better pair elsewhere is no anchor, nor a local match.
  const rowOk = (i: number, j: number) => score(i, j) + opts.anchorMargin >= rowBest[i];
  const colOk = (i: number, j: number) => score(i, j) + opts.anchorMargin >= colBest[j];
  for (const [i, j] of monotoneAlign(P, C, score, opts.anchor).filter(([i, j]) => rowOk(i, j) && colOk(i, j))) set(i, j, 'anchor');
  const anchored = new Set(out.filter((m) => m.via === 'anchor').map((m) => m.child!));
  // A child phrase another parent phrase anchors is shared (a merge), not taken: only the parent phrase's own best counts then.
  const plausibleAt = (i: number, j: number) => rowOk(i, j) && (anchored.has(j) || colOk(i, j));
  const owner = new Map(out.filter((m) => m.via === 'anchor').map((m) => [m.child!, m.parent]));
  const numbers = (t: string) => (t.match(/\d+(?:\.\d+)?/g) ?? []).join(',');
  const sameTemplateOtherNumbers = (i: number, o: number, c: number) =>
    parent.phrases[i].norm === parent.phrases[o].norm &&
    numbers(parent.phrases[o].text) === numbers(child.phrases[c].text) &&
    numbers(parent.phrases[i].text) !== numbers(child.phrases[c].text);
  // Never the child phrase of another parent phrase that is the same template with the child's numbers.
  const free = (i: number, c: number) => !anchored.has(c) || !sameTemplateOtherNumbers(i, owner.get(c)!, c);
  const { prev, next } = anchorBounds(out, C);
  const best = (i: number, lo: number, hi: number, ok: (j: number) => boolean): [number, number] => {
    let b = -1;
    let bs = 0;
    for (let j = lo; j <= hi; j++) {
      const s = score(i, j);
      if (s > bs && sim.cov[i * C + j] >= opts.minCov && ok(j)) [b, bs] = [j, s];
    }
    return [b, bs];
  };
  // This parent phrase's own counterpart outside the window: an unanchored child phrase clearly
  // better than `s` whose best parent phrase is this one. The global pass will pair them; a local
  // look-alike must not take its place (a clause the child moved).
  const ownElsewhere = (i: number, s: number) => {
    for (let c = 0; c < C; c++) if (!anchored.has(c) && score(i, c) >= s + opts.ownMargin && score(i, c) + 1e-9 >= colBest[c]) return true;
    return false;
  };
  for (let i = 0; i < P; i++) {
    if (out[i].via) continue;
    const lo = Math.max(0, prev[i] - opts.window + 1);
    const hi = Math.min(C - 1, next[i] + opts.window - 1);
    const plausible = (i: number, c: number) => plausibleAt(i, c) && !ownElsewhere(i, score(i, c));
    // A child phrase another parent phrase anchors stands for this one too only if it contains it
    // (a merge), and never when that phrase is the same template with the child's numbers.
    const [j, s] = best(i, lo, hi, (c) => plausible(i, c) && (!anchored.has(c) || (sim.cov[i * C + c] >= opts.merged && free(i, c))));
    if (j >= 0 && s >= opts.local) {
      set(i, j, 'local');
      continue;
    }
    // A child phrase wholly inside the parent's (`建设生态屏障` for `建设吕梁山、太行山…三大生态屏障`): the county dropped the province's own names.
    let k = -1;
    for (let c = lo; c <= hi; c++) {
      const x = i * C + c;
      if (
        sim.prec[x] >= opts.contained &&
        sim.cos[x] >= 0.2 &&
        child.phrases[c].norm.length >= 4 &&
        free(i, c) &&
        plausible(i, c) &&
        (k < 0 || sim.prec[x] > sim.prec[i * C + k])
      )
        k = c;
    }
    if (k >= 0) {
      set(i, k, 'local');
      continue;
    }
    // A short phrase that lost a character (`转变职能` → `转变职`) has few bigrams left: compare characters in order.
    const pn = parent.phrases[i].norm;
    if (pn.length <= opts.shortChars) {
      let bk = -1;
      let br = 0;
      for (let c = lo; c <= hi; c++) {
        if (!free(i, c) || !plausible(i, c)) continue;
        // Characters in order within a stretch twice its length: spread over a long phrase, the
        // characters of any short duty turn up by chance (`落实管护责任` in `落实…管理主体责任`).
        const r = windowLcs(pn, child.phrases[c].norm, 2 * pn.length) / pn.length;
        if (r > br) [bk, br] = [c, r];
      }
      if (bk >= 0 && br >= opts.shortRatio) set(i, bk, 'local');
    }
  }
  const used = new Set(out.filter((m) => m.child !== null).map((m) => m.child!));
  for (let i = 0; i < P; i++) {
    if (out[i].via) continue;
    // A neighbour's child phrase that contains this one too: the county merged the two (a lost comma).
    const neighbours = [out[i - 1], out[i + 1]]
      .filter((m) => m?.child != null && parent.phrases[m.parent].sentence === parent.phrases[i].sentence)
      .map((m) => m!.child!);
    const merged = neighbours.find((k) => sim.cov[i * C + k] >= opts.merged && free(i, k));
    if (merged !== undefined) {
      set(i, merged, 'global');
    }
  }
  // The rest, best pairs first (not in parent order): a deleted clause's look-alike must not take
  // the child phrase that a moved clause's own phrase matches exactly.
  const globalCandidates: { i: number; j: number; s: number }[] = [];
  for (let i = 0; i < P; i++) {
    if (out[i].via) continue;
    for (let j = 0; j < C; j++) {
      const s = score(i, j);
      if (s >= opts.global && !used.has(j) && sim.cov[i * C + j] >= opts.minCov) globalCandidates.push({ i, j, s });
    }
  }
  globalCandidates.sort((a, b) => b.s - a.s || a.i - b.i || a.j - b.j);
  for (const { i, j } of globalCandidates) {
    if (out[i].via || used.has(j)) continue;
    set(i, j, 'global');
    used.add(j);
  }
  pairGaps(out, parent, child, used, score);
  for (let i = 0; i < P; i++) {
    if (out[i].via || out[i].replacement !== null) continue;
    // Reusing another parent phrase's anchor: a requirement the province states twice. Not when
    // the anchor's owner is the same template with the child's numbers and this one has others
    // (`…达到72.43%` must not take `…达到66.18%` when its own sentence was deleted).
    const [r, rs] = best(i, 0, C - 1, (c) => anchored.has(c) && !sameTemplateOtherNumbers(i, owner.get(c)!, c));
    if (r >= 0 && rs >= opts.global) set(i, r, 'global');
  }
  repairSwaps(out, score);
  joinMerges(out, parent, sim, opts.merged, set);
  assignRewrites(out, parent, child, score, opts.rewrite);
  return out;
}

/** The best score of each parent phrase (over all child phrases) and of each child phrase (over all parent phrases). */
function bestScores(P: number, C: number, score: (i: number, j: number) => number): { rowBest: Float64Array; colBest: Float64Array } {
  const rowBest = new Float64Array(P);
  const colBest = new Float64Array(C);
  for (let i = 0; i < P; i++) {
    for (let j = 0; j < C; j++) {
      const s = score(i, j);
      if (s > rowBest[i]) rowBest[i] = s;
      if (s > colBest[j]) colBest[j] = s;
    }
  }
  return { rowBest, colBest };
}

/** Child positions of the nearest anchors before (`prev`, -1 if none) and after (`next`, C if none) each parent phrase. */
function anchorBounds(out: PhraseMatch[], C: number): { prev: Int32Array; next: Int32Array } {
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
