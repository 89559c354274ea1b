/**
 * The local pass of {@link matchPhrases}: each parent phrase no anchor took looks between the
 * child positions of its neighbouring anchors (widened by `window`) — a reworded clause in
 * place — in three tiers: the best-scoring child phrase; a child phrase wholly inside it (the
 * county dropped the province's own names); for a short phrase, one that keeps its characters
 * in order (extraction damage).
 */
import { anchorBounds } from './match-anchors.js';
import { bestChildIn, isAnchored, isFree, type MatchRun, ownCounterpartElsewhere, plausibleAt, scoreOf, setMatch } from './match-context.js';
import { windowLcs } from './lcs.js';

/** A local candidate: plausible by order, and not standing in for the parent phrase's own counterpart elsewhere. */
const plausible = (run: MatchRun, i: number, c: number) => plausibleAt(run, i, c) && !ownCounterpartElsewhere(run, i, scoreOf(run, i, c));

/**
 * The best-scoring child phrase in the window. A child phrase another parent phrase anchors
 * stands for this one too only if it contains it (a merge), and never when that phrase is the
 * same template with the child's numbers.
 */
function bestInWindow(run: MatchRun, i: number, lo: number, hi: number): number {
  const [j, s] = bestChildIn(
    run,
    i,
    lo,
    hi,
    (c) => plausible(run, i, c) && (!isAnchored(run, c) || (run.sim.cov[i * run.C + c] >= run.opts.merged && isFree(run, i, c))),
  );
  return j >= 0 && s >= run.opts.local ? j : -1;
}

/** A child phrase wholly inside the parent's (`建设生态屏障` for `建设甲山、乙山…三大生态屏障`): the county dropped the province's own names. */
function containedInWindow(run: MatchRun, i: number, lo: number, hi: number): number {
  const { sim, opts, child, C } = run;
  let k = -1;
  for (let c = lo; c <= hi; c++) {
    const x = i * C + c;
    if (
      sim.prec[x] >= opts.contained &&
      sim.cos[x] >= 0.2 &&
      child.phrases[c].norm.length >= 4 &&
      isFree(run, i, c) &&
      plausible(run, i, c) &&
      (k < 0 || sim.prec[x] > sim.prec[i * C + k])
    )
      k = c;
  }
  return k;
}

/** A short phrase that lost a character (`转变职能` → `转变职`) has few bigrams left: compare characters in order. */
function shortInWindow(run: MatchRun, i: number, lo: number, hi: number): number {
  const pn = run.parent.phrases[i].norm;
  if (pn.length > run.opts.shortChars) return -1;
  let bk = -1;
  let br = 0;
  for (let c = lo; c <= hi; c++) {
    if (!isFree(run, i, c) || !plausible(run, i, c)) continue;
    // Characters in order within a stretch twice its length: spread over a long phrase, the
    // characters of any short duty turn up by chance (`落实管护责任` in `落实…管理主体责任`).
    const r = windowLcs(pn, run.child.phrases[c].norm, 2 * pn.length) / pn.length;
    if (r > br) [bk, br] = [c, r];
  }
  return bk >= 0 && br >= run.opts.shortRatio ? bk : -1;
}

/** Runs the local pass over every parent phrase no anchor took. */
export function matchLocally(run: MatchRun): void {
  const { prev, next } = anchorBounds(run.out, run.C);
  for (let i = 0; i < run.P; i++) {
    if (run.out[i].via) continue;
    const lo = Math.max(0, prev[i] - run.opts.window + 1);
    const hi = Math.min(run.C - 1, next[i] + run.opts.window - 1);
    for (const tier of [bestInWindow, containedInWindow, shortInWindow]) {
      const j = tier(run, i, lo, hi);
      if (j >= 0) {
        setMatch(run, i, j, 'local');
        break;
      }
    }
  }
}
