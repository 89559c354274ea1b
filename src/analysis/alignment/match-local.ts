/**
 * The local pass of {@link matchPhrases}: each parent phrase no anchor took looks between the
 * child positions of its neighbouring anchors (widened by `window`) — a reworded clause in
 * place — in three tiers: the best-scoring child phrase; a child phrase wholly inside it (the
 * county dropped the province's own names); for a short phrase, one that keeps its characters
 * in order (extraction damage).
 */
import { anchorBounds } from './match-anchors.js';
import {
  bestChildIn,
  isAnchored,
  isFree,
  type MatchRun,
  ownCounterpartBest,
  ownCounterpartElsewhere,
  plausibleAt,
  scoreOf,
  setMatch,
} from './match-context.js';
import { sharedChars, windowLcs } from './lcs.js';
import { cosOf, covOf, precOf } from './similarity.js';

/** The run and, per parent phrase, the score of its own counterpart ({@link ownCounterpartBest}). */
interface LocalRun {
  run: MatchRun;
  own: Float64Array;
}

/** A local candidate: plausible by order, and not standing in for the parent phrase's own counterpart elsewhere. */
const plausible = ({ run, own }: LocalRun, i: number, c: number) => plausibleAt(run, i, c) && !ownCounterpartElsewhere(run, own, i, scoreOf(run, i, c));

/**
 * The best-scoring child phrase in the window. A child phrase another parent phrase anchors
 * stands for this one too only if it contains it (a merge), and never when that phrase is the
 * same template with the child's numbers.
 */
function bestInWindow(local: LocalRun, i: number, lo: number, hi: number): number {
  const { run } = local;
  const [j, s] = bestChildIn(
    run,
    i,
    lo,
    hi,
    (c) => plausible(local, i, c) && (!isAnchored(run, c) || (covOf(run.sim, i, c) >= run.opts.merged && isFree(run, i, c))),
  );
  return j >= 0 && s >= run.opts.local ? j : -1;
}

/** A child phrase wholly inside the parent's (`建设生态屏障` for `建设甲山、乙山…三大生态屏障`): the county dropped the province's own names. */
function containedInWindow(local: LocalRun, i: number, lo: number, hi: number): number {
  const { run } = local;
  const { sim, opts, child } = run;
  let k = -1;
  let kPrec = 0;
  for (let c = lo; c <= hi; c++) {
    const prec = precOf(sim, i, c);
    if (
      prec >= opts.contained &&
      cosOf(sim, i, c) >= 0.2 &&
      child.phrases[c].norm.length >= 4 &&
      isFree(run, i, c) &&
      plausible(local, i, c) &&
      (k < 0 || prec > kPrec)
    )
      [k, kPrec] = [c, prec];
  }
  return k;
}

/**
 * A short phrase that lost a character (`转变职能` → `转变职`) has few bigrams left: compare
 * characters in order. The first child phrase with the highest share wins. A child phrase that
 * holds too few of the phrase's characters at all (an upper bound of the share) cannot reach
 * `shortRatio` and is not compared; the share is computed once per distinct child text (a plan
 * of look-alike clauses repeats it).
 */
function shortInWindow(local: LocalRun, i: number, lo: number, hi: number): number {
  const { run } = local;
  const pn = run.parent.phrases[i].norm;
  if (pn.length > run.opts.shortChars) return -1;
  const shares = new Map<string, number>();
  let bk = -1;
  let br = 0;
  for (let c = lo; c <= hi; c++) {
    if (!isFree(run, i, c) || !plausible(local, i, c)) continue;
    const cn = run.child.phrases[c].norm;
    let r = shares.get(cn);
    if (r === undefined) {
      // Characters in order within a stretch twice its length: spread over a long phrase, the
      // characters of any short duty turn up by chance (`落实管护责任` in `落实…管理主体责任`).
      // Below the ratio, a child phrase never decides: a later one at or above it wins anyway.
      r = sharedChars(pn, cn) / pn.length < run.opts.shortRatio ? 0 : windowLcs(pn, cn, 2 * pn.length) / pn.length;
      shares.set(cn, r);
    }
    if (r > br) [bk, br] = [c, r];
  }
  return bk >= 0 && br >= run.opts.shortRatio ? bk : -1;
}

/** Runs the local pass over every parent phrase no anchor took. */
export function matchLocally(run: MatchRun): void {
  const { prev, next } = anchorBounds(run.out, run.C);
  const local: LocalRun = { run, own: ownCounterpartBest(run) };
  for (let i = 0; i < run.P; i++) {
    if (run.out[i].via) continue;
    const lo = Math.max(0, prev[i] - run.opts.window + 1);
    const hi = Math.min(run.C - 1, next[i] + run.opts.window - 1);
    for (const tier of [bestInWindow, containedInWindow, shortInWindow]) {
      const j = tier(local, i, lo, hi);
      if (j >= 0) {
        setMatch(run, i, j, 'local');
        break;
      }
    }
  }
}
