/**
 * What the passes of one matching run share: the two segmented documents, the pair scores, the
 * thresholds, the match list they fill in, and the questions every pass asks about a candidate
 * pair — is it forced by the order (either phrase has a much better pair elsewhere)? does it
 * steal the child phrase of a same-template parent phrase with the child's numbers? what is the
 * best child phrase in a range?
 */
import type { Segmented } from './segment.js';
import { covOf, defaultScoreWeights, pairScore, type ScoreWeights, type SimilarityMatrix } from './similarity.js';

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

/** Documented defaults of {@link MatchOptions}. */
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

/** The pass that matched a pair: an in-order anchor, a local match between anchors, or a global one. */
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

/** The shared state of one matching run. */
export interface MatchRun {
  parent: Segmented;
  child: Segmented;
  sim: SimilarityMatrix;
  opts: MatchOptions;
  /** Parent and child phrase counts. */
  P: number;
  C: number;
  /** One entry per parent phrase, filled in by the passes. */
  out: PhraseMatch[];
  /** The best score of each parent phrase (over all child phrases) and of each child phrase (over all parent phrases). */
  rowBest: Float64Array;
  colBest: Float64Array;
  /** Child phrases held by an anchor → the parent phrase anchoring them (filled by the anchor pass). */
  owner: Map<number, number>;
}

/** A fresh run: nothing matched yet. */
export function createMatchRun(parent: Segmented, child: Segmented, sim: SimilarityMatrix, options: Partial<MatchOptions> = {}): MatchRun {
  const opts = { ...defaultMatchOptions, ...options };
  const P = parent.phrases.length;
  const C = child.phrases.length;
  const run: MatchRun = {
    parent,
    child,
    sim,
    opts,
    P,
    C,
    out: parent.phrases.map((_, i) => ({ parent: i, child: null, score: 0, via: null, replacement: null, replacementScore: 0 })),
    rowBest: new Float64Array(P),
    colBest: new Float64Array(C),
    owner: new Map(),
  };
  // A pair sharing nothing scores 0 and never raises a best: only the stored pairs are read.
  for (let i = 0; i < P; i++) {
    for (const j of sim.rows[i].cols) {
      const s = scoreOf(run, i, j);
      if (s > run.rowBest[i]) run.rowBest[i] = s;
      if (s > run.colBest[j]) run.colBest[j] = s;
    }
  }
  return run;
}

/** The pair score of parent phrase `i` and child phrase `j`. */
export function scoreOf(run: MatchRun, i: number, j: number): number {
  return pairScore(run.sim, i, j, run.opts.weights);
}

/** Records that parent phrase `i` matched child phrase `j`. */
export function setMatch(run: MatchRun, i: number, j: number, via: MatchVia): void {
  Object.assign(run.out[i], { child: j, score: scoreOf(run, i, j), via });
}

/** Is child phrase `j` held by an anchor? */
export const isAnchored = (run: MatchRun, j: number): boolean => run.owner.has(j);

/** Parent phrase `i` has no pair much better than `j` (the order did not force this one on it). */
export const parentWants = (run: MatchRun, i: number, j: number): boolean => scoreOf(run, i, j) + run.opts.anchorMargin >= run.rowBest[i];

/** Child phrase `j` has no pair much better than `i`. */
export const childWants = (run: MatchRun, i: number, j: number): boolean => scoreOf(run, i, j) + run.opts.anchorMargin >= run.colBest[j];

/** A child phrase another parent phrase anchors is shared (a merge), not taken: only the parent phrase's own best counts then. */
export const plausibleAt = (run: MatchRun, i: number, j: number): boolean => parentWants(run, i, j) && (isAnchored(run, j) || childWants(run, i, j));

const numbers = (t: string) => (t.match(/\d+(?:\.\d+)?/g) ?? []).join(',');

/** Parent phrase `o` is the same template as `i` and carries child phrase `c`'s numbers, while `i` carries others. */
export function sameTemplateOtherNumbers(run: MatchRun, i: number, o: number, c: number): boolean {
  const { parent, child } = run;
  return (
    parent.phrases[i].norm === parent.phrases[o].norm &&
    numbers(parent.phrases[o].text) === numbers(child.phrases[c].text) &&
    numbers(parent.phrases[i].text) !== numbers(child.phrases[c].text)
  );
}

/** Never the child phrase of another parent phrase that is the same template with the child's numbers. */
export const isFree = (run: MatchRun, i: number, c: number): boolean => !isAnchored(run, c) || !sameTemplateOtherNumbers(run, i, run.owner.get(c)!, c);

/** The best child phrase in `lo..hi` for parent phrase `i` that covers enough of it and passes `ok`: `[index, score]`, index -1 when none. */
export function bestChildIn(run: MatchRun, i: number, lo: number, hi: number, ok: (j: number) => boolean): [number, number] {
  let b = -1;
  let bs = 0;
  for (let j = lo; j <= hi; j++) {
    const s = scoreOf(run, i, j);
    if (s > bs && covOf(run.sim, i, j) >= run.opts.minCov && ok(j)) [b, bs] = [j, s];
  }
  return [b, bs];
}

/**
 * The score of each parent phrase's own counterpart: the best unanchored child phrase whose best
 * parent phrase is this one (-Infinity when there is none). A local look-alike scoring `s` must
 * not take the place of a counterpart scoring `s + ownMargin` or more: the global pass will pair
 * them (a clause the child moved). Computed once after the anchors are placed — O(P·C), where
 * asking every candidate pair to scan the child again was O(P·W·C) — and read by
 * {@link ownCounterpartElsewhere}.
 */
export function ownCounterpartBest(run: MatchRun): Float64Array {
  const best = new Float64Array(run.P).fill(Number.NEGATIVE_INFINITY);
  const free: number[] = [];
  for (let c = 0; c < run.C; c++) if (!isAnchored(run, c)) free.push(c);
  for (let i = 0; i < run.P; i++) {
    let b = Number.NEGATIVE_INFINITY;
    for (const c of free) {
      const s = scoreOf(run, i, c);
      if (s > b && s + 1e-9 >= run.colBest[c]) b = s;
    }
    best[i] = b;
  }
  return best;
}

/**
 * This parent phrase's own counterpart (`own`, from {@link ownCounterpartBest}) is clearly better
 * than `s`: an unanchored child phrase scoring at least `s + ownMargin` whose best parent phrase
 * is this one. The maximum passes the threshold exactly when some such child phrase does.
 */
export function ownCounterpartElsewhere(run: MatchRun, own: Float64Array, i: number, s: number): boolean {
  return own[i] >= s + run.opts.ownMargin;
}
