/**
 * Repairs after the matching passes of {@link matchPhrases}: two-way exchanges that raise the
 * summed score, and merges of a parent phrase into the child phrase its sentence neighbour
 * matched. They mutate the match list in place.
 */
import { type MatchRun, type PhraseMatch, scoreOf, setMatch } from './match-context.js';
import type { Segmented } from './segment.js';
import { covOf } from './similarity.js';

/**
 * Two-way exchanges: when parent phrase `i` holds child `j` but its best counterpart `b` is held
 * by `i2`, and exchanging the two raises the summed score, they exchange. Look-alike sentences
 * (two clauses' `（责任部门：…）` lists) matched in the old order after the child moved a clause
 * then go to their own counterparts. Scores are recomputed; a few rounds reach a fixpoint.
 * `sharing(i)`, when given, lists the child phrases that can score above 0 with `i` (the others
 * never beat a held pair), so a row is not compared with every held child phrase.
 */
export function repairSwaps(out: PhraseMatch[], score: (i: number, j: number) => number, gain = 0.02, sharing?: (i: number) => ArrayLike<number>): void {
  for (let round = 0; round < 3; round++) {
    let changed = false;
    const holder = new Map<number, number[]>();
    out.forEach((m, i) => m.child !== null && holder.set(m.child, [...(holder.get(m.child) ?? []), i]));
    // The order of the held child phrases breaks ties between equal scores (the first wins).
    const rank = new Map([...holder.keys()].map((c, k) => [c, k]));
    for (let i = 0; i < out.length; i++) {
      const j = out[i].child;
      if (j === null) continue;
      let b = -1;
      let bs = score(i, j) + gain;
      // A child phrase sharing nothing scores 0 and never beats `score(i, j) + gain` when the gain is not negative.
      const candidates = sharing && gain >= 0 ? Array.from(sharing(i)) : [...holder.keys()];
      for (const c of candidates) {
        if (c === j || holder.get(c)?.length !== 1) continue;
        const s = score(i, c);
        if (s > bs || (s === bs && b >= 0 && rank.get(c)! < rank.get(b)!)) [b, bs] = [c, s];
      }
      if (b < 0) continue;
      const i2 = holder.get(b)![0];
      if (holder.get(j)!.length !== 1 || score(i, b) + score(i2, j) <= score(i, j) + score(i2, b) + gain) continue;
      Object.assign(out[i], { child: b, score: score(i, b) });
      Object.assign(out[i2], { child: j, score: score(i2, j) });
      holder.set(b, [i]);
      holder.set(j, [i2]);
      changed = true;
    }
    if (!changed) return;
  }
}

/**
 * A parent phrase whose same-sentence neighbour matched a child phrase that contains it as
 * well joins that match, unless it is an anchor or a local match: the county merged the two
 * clauses (a lost comma), and a look-alike elsewhere (`把巩固提升森林…作为…重点`) is then new text.
 */
export function joinMerges(run: MatchRun): void {
  const { out, parent, sim } = run;
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < out.length; i++) {
      if (out[i].via === 'anchor' || out[i].via === 'local') continue;
      const sentence = parent.phrases[i].sentence;
      for (const n of [out[i - 1], out[i + 1]]) {
        if (!n || n.child === null || n.child === out[i].child || parent.phrases[n.parent].sentence !== sentence) continue;
        if (covOf(sim, i, n.child) >= run.opts.merged) {
          setMatch(run, i, n.child, 'global');
          out[i].replacement = null;
          break;
        }
      }
    }
  }
}

/** The years of the targets inside a phrase (from its sentence's frame; an inherited year counts). */
function targetYears(seg: Segmented, i: number): { unit: string; year: number }[] {
  const p = seg.phrases[i];
  return seg.sentences[p.sentence].frame.targets
    .filter((t) => t.year !== null && t.amount.start >= p.start && t.amount.end <= p.end)
    .map((t) => ({ unit: t.unit, year: t.year! }));
}

/**
 * Targets due in the same year: a parent target (`到2025年…达到66.18%`) matched to a child target
 * of another year (`到2030年…提高到58.5%`) moves to a child phrase with a target of its own year and
 * unit that scores nearly as well (`margin`) — a plan restating its targets year by year is
 * matched year to year, and a target whose year really moved keeps its pair.
 */
export function repairTargetYears(run: MatchRun, margin = 0.15): void {
  const { out, parent, child } = run;
  for (let i = 0; i < out.length; i++) {
    const j = out[i].child;
    if (j === null) continue;
    const mine = targetYears(parent, i);
    const theirs = targetYears(child, j);
    if (!mine.length || !theirs.length || theirs.some((t) => mine.some((m) => m.unit === t.unit && m.year === t.year))) continue;
    let best = -1;
    let bestScore = scoreOf(run, i, j) - margin;
    for (let k = 0; k < run.C; k++) {
      if (k === j || !targetYears(child, k).some((t) => mine.some((m) => m.unit === t.unit && m.year === t.year))) continue;
      const s = scoreOf(run, i, k);
      if (s >= bestScore && covOf(run.sim, i, k) >= run.opts.minCov / 2) [best, bestScore] = [k, s];
    }
    if (best >= 0) setMatch(run, i, best, out[i].via ?? 'global');
  }
}
