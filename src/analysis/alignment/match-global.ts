/**
 * The global passes of {@link matchPhrases}, for parent phrases the anchors and the local pass
 * left unmatched: a neighbour's child phrase that contains this one too (a lost comma merged two
 * clauses); then an unused child phrase anywhere, best pairs first, at a stricter threshold (a
 * clause the county moved to another chapter); and, last, another phrase's anchor reused (the
 * province states some requirements twice).
 */
import { bestChildIn, isAnchored, isFree, type MatchRun, sameTemplateOtherNumbers, scoreOf, setMatch } from './match-context.js';
import { covOf } from './similarity.js';

/** A neighbour's child phrase (same parent sentence) that contains this phrase too: the county merged the two (a lost comma). */
export function joinNeighbourMatches(run: MatchRun): void {
  const { out, parent, sim, opts } = run;
  for (let i = 0; i < run.P; i++) {
    if (out[i].via) continue;
    const neighbours = [out[i - 1], out[i + 1]]
      .filter((m) => m?.child != null && parent.phrases[m.parent].sentence === parent.phrases[i].sentence)
      .map((m) => m!.child!);
    const merged = neighbours.find((k) => covOf(sim, i, k) >= opts.merged && isFree(run, i, k));
    if (merged !== undefined) setMatch(run, i, merged, 'global');
  }
}

/**
 * The rest, best pairs first (not in parent order): a deleted clause's look-alike must not take
 * the child phrase that a moved clause's own phrase matches exactly. Adds the child phrases it
 * takes to `used`.
 */
export function matchGlobally(run: MatchRun, used: Set<number>): void {
  const { out, sim, opts, C } = run;
  const candidates: { i: number; j: number; s: number }[] = [];
  for (let i = 0; i < run.P; i++) {
    if (out[i].via) continue;
    for (let j = 0; j < C; j++) {
      const s = scoreOf(run, i, j);
      if (s >= opts.global && !used.has(j) && covOf(sim, i, j) >= opts.minCov) candidates.push({ i, j, s });
    }
  }
  candidates.sort((a, b) => b.s - a.s || a.i - b.i || a.j - b.j);
  for (const { i, j } of candidates) {
    if (out[i].via || used.has(j)) continue;
    setMatch(run, i, j, 'global');
    used.add(j);
  }
}

/**
 * Reusing another parent phrase's anchor: a requirement the province states twice. Not when the
 * anchor's owner is the same template with the child's numbers and this one has others
 * (`…达到72.43%` must not take `…达到66.18%` when its own sentence was deleted), nor when this one
 * sets a number the child phrase lacks.
 */
export function reuseAnchors(run: MatchRun): void {
  const hasNumber = (t: string) => /\d/.test(t);
  for (let i = 0; i < run.P; i++) {
    if (run.out[i].via || run.out[i].replacement !== null) continue;
    // A count target (`打造100条…小流域`) is not restated by another requirement's plain wording (`建设精品小流域`).
    const counted = hasNumber(run.parent.phrases[i].text);
    const [r, rs] = bestChildIn(
      run,
      i,
      0,
      run.C - 1,
      (c) => isAnchored(run, c) && !sameTemplateOtherNumbers(run, i, run.owner.get(c)!, c) && (!counted || hasNumber(run.child.phrases[c].text)),
    );
    if (r >= 0 && rs >= run.opts.global) setMatch(run, i, r, 'global');
  }
}
