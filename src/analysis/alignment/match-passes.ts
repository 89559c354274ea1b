/**
 * The passes of {@link matchPhrases} after the anchors, local and global matches: exchanges
 * that raise the summed score, merges (a lost comma), and rewrites (a child phrase standing in
 * the place of an unmatched parent phrase). They mutate the match list in place.
 */
import type { MatchVia, PhraseMatch } from './match.js';
import type { Segmented } from './segment.js';
import type { SimilarityMatrix } from './similarity.js';

/**
 * Two-way exchanges: when parent phrase `i` holds child `j` but its best counterpart `b` is held
 * by `i2`, and exchanging the two raises the summed score, they exchange. Look-alike sentences
 * (two clauses' `（责任部门：…）` lists) matched in the old order after the child moved a clause
 * then go to their own counterparts. Scores are recomputed; a few rounds reach a fixpoint.
 */
export function repairSwaps(out: PhraseMatch[], score: (i: number, j: number) => number, gain = 0.02): void {
  for (let round = 0; round < 3; round++) {
    let changed = false;
    const holder = new Map<number, number[]>();
    out.forEach((m, i) => m.child !== null && holder.set(m.child, [...(holder.get(m.child) ?? []), i]));
    for (let i = 0; i < out.length; i++) {
      const j = out[i].child;
      if (j === null) continue;
      let b = -1;
      let bs = score(i, j) + gain;
      for (const [c, hs] of holder) if (c !== j && hs.length === 1 && score(i, c) > bs) [b, bs] = [c, score(i, c)];
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
 * well joins that match, unless it is an anchor: the county merged the two clauses (a lost
 * comma), and a look-alike elsewhere (`把巩固提升森林…作为…重点`) is then new text.
 */
export function joinMerges(
  out: PhraseMatch[],
  parent: Segmented,
  sim: SimilarityMatrix,
  min: number,
  set: (i: number, j: number, via: MatchVia) => void,
): void {
  const C = sim.children;
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < out.length; i++) {
      if (out[i].via === 'anchor' || out[i].via === 'local') continue;
      const sentence = parent.phrases[i].sentence;
      for (const n of [out[i - 1], out[i + 1]]) {
        if (!n || n.child === null || n.child === out[i].child || parent.phrases[n.parent].sentence !== sentence) continue;
        if (sim.cov[i * C + n.child] >= min) {
          set(i, n.child, 'global');
          out[i].replacement = null;
          break;
        }
      }
    }
  }
}

/**
 * A diff "replace": between two consecutive anchors of the same sentence pair, the unmatched
 * parent phrases and the unused child phrases stand where each other stood. Equal small gaps
 * pair in order; the child phrase is the parent phrase's `replacement` (a rewrite).
 */
export function pairGaps(out: PhraseMatch[], parent: Segmented, child: Segmented, used: Set<number>, score: (i: number, j: number) => number): void {
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
      Object.assign(out[i], { replacement: cs[n], replacementScore: score(i, cs[n]) });
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
export function assignRewrites(out: PhraseMatch[], parent: Segmented, child: Segmented, score: (i: number, j: number) => number, min: number): void {
  const pairs = clausePairs(out, parent, child);
  const used = new Set(out.flatMap((m) => [m.child, m.replacement]).filter((j): j is number => j !== null));
  const candidates: { i: number; j: number; s: number }[] = [];
  out.forEach((m, i) => {
    if (m.child !== null || m.replacement !== null || parent.phrases[i].scope) return;
    const target = pairs.get(parent.sentences[parent.phrases[i].sentence].clause);
    if (target === undefined) return;
    child.phrases.forEach((c, j) => {
      if (used.has(j) || child.sentences[c.sentence].clause !== target) return;
      const s = score(i, j);
      if (s >= min) candidates.push({ i, j, s });
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
