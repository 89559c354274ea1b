/**
 * Rewrites: a parent phrase no pass matched is paired with the unused child phrase that stands
 * in its place — between the same two anchors of a sentence pair (a diff "replace"), or in the
 * clause its own clause was aligned with — as its `replacement`: the county rewrote it. The
 * findings then compare the two (a changed number, a vanished modal) or report the parent
 * phrase missing with what stands there instead.
 */
import type { MatchRun, PhraseMatch } from './match-context.js';
import { scoreOf } from './match-context.js';
import type { Segmented } from './segment.js';

/**
 * A diff "replace": between two consecutive anchors of the same sentence pair, the unmatched
 * parent phrases and the unused child phrases stand where each other stood. Equal small gaps
 * pair in order; the child phrase is the parent phrase's `replacement` (a rewrite). Adds the
 * child phrases it pairs to `used`.
 */
export function pairGaps(run: MatchRun, used: Set<number>): void {
  const { out, parent, child } = run;
  const anchors = out.filter((m) => m.via === 'anchor');
  const bounds = [
    { parent: -1, child: -1 },
    ...anchors.map((a) => ({ parent: a.parent, child: a.child! })),
    { parent: out.length, child: child.phrases.length },
  ];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const a = bounds[k];
    const b = bounds[k + 1];
    const ps: number[] = [];
    for (let i = a.parent + 1; i < b.parent; i++) if (!out[i].via && !parent.phrases[i].scope) ps.push(i);
    const cs: number[] = [];
    for (let j = a.child + 1; j < b.child; j++) if (!used.has(j)) cs.push(j);
    if (!ps.length || ps.length !== cs.length || ps.length > 3) continue;
    // Both gaps must sit in the sentences the anchors around them pair up.
    const pSent = new Set(ps.map((i) => parent.phrases[i].sentence));
    const cSent = new Set(cs.map((j) => child.phrases[j].sentence));
    const anchorSent = (x: { parent: number; child: number }) =>
      x.parent >= 0 && x.parent < out.length ? [parent.phrases[x.parent].sentence, child.phrases[x.child].sentence] : null;
    const sides = [anchorSent(a), anchorSent(b)].filter((x): x is number[] => !!x);
    if (!sides.some(([ps2, cs2]) => pSent.has(ps2) && cSent.has(cs2))) continue;
    ps.forEach((i, n) => {
      Object.assign(out[i], { replacement: cs[n], replacementScore: scoreOf(run, i, cs[n]) });
      used.add(cs[n]);
    });
  }
}

/** The clause of the other document most of a clause's matched phrases went to (clause → clause). */
function clausePairs(out: PhraseMatch[], parent: Segmented, child: Segmented): Map<string, string> {
  const votes = new Map<string, Map<string, number>>();
  for (const m of out) {
    if (m.child === null) continue;
    const pc = parent.sentences[parent.phrases[m.parent].sentence].clause;
    const cc = child.sentences[child.phrases[m.child].sentence].clause;
    const v = votes.get(pc) ?? new Map<string, number>();
    v.set(cc, (v.get(cc) ?? 0) + 1);
    votes.set(pc, v);
  }
  const pairs = new Map<string, string>();
  for (const [pc, v] of votes) pairs.set(pc, [...v].sort((a, b) => b[1] - a[1])[0][0]);
  return pairs;
}

/**
 * Pairs each unmatched parent phrase with a leftover child phrase (matched by no parent phrase)
 * of the clause its own clause was aligned with: the county rewrote the requirement in place.
 * Best score first, each child phrase at most once.
 */
export function assignRewrites(run: MatchRun): void {
  const { out, parent, child } = run;
  const pairs = clausePairs(out, parent, child);
  const used = new Set(out.flatMap((m) => [m.child, m.replacement]).filter((j): j is number => j !== null));
  const candidates: { i: number; j: number; s: number }[] = [];
  out.forEach((m, i) => {
    if (m.child !== null || m.replacement !== null || parent.phrases[i].scope) return;
    const target = pairs.get(parent.sentences[parent.phrases[i].sentence].clause);
    if (target === undefined) return;
    child.phrases.forEach((c, j) => {
      if (used.has(j) || child.sentences[c.sentence].clause !== target) return;
      const s = scoreOf(run, i, j);
      if (s >= run.opts.rewrite) candidates.push({ i, j, s });
    });
  });
  candidates.sort((a, b) => b.s - a.s);
  const taken = new Set<number>();
  for (const c of candidates) {
    if (out[c.i].replacement !== null || taken.has(c.j)) continue;
    Object.assign(out[c.i], { replacement: c.j, replacementScore: c.s });
    taken.add(c.j);
  }
}
