/**
 * Matching parent phrases to child phrases, in passes over one shared run
 * ({@link MatchRun}, `match-context.ts`):
 *
 * 1. anchors (`match-anchors.ts`): a monotone alignment of the confident pairs, without the
 *    pairs the order forced;
 * 2. local (`match-local.ts`): each remaining parent phrase takes the best child phrase between
 *    its neighbouring anchors (a reworded clause in place);
 * 3. global (`match-global.ts`): a neighbour's merged child phrase, then an unused child phrase
 *    anywhere, best pairs first, with a stricter threshold (a clause the county moved);
 * 4. rewrites (`match-rewrites.ts`): a parent phrase still unmatched is paired with the unused
 *    child phrase that stands in its place as its `replacement`; then, as a last resort, a
 *    parent phrase may reuse another phrase's anchor (the province states some requirements
 *    twice);
 * 5. repairs (`match-repair.ts`): exchanges that raise the summed score, targets paired year to
 *    year, merges (a lost comma), and the rewrites of what is left in the aligned clause.
 *
 * A child phrase may serve several parent phrases (a county merges two clauses when it drops a
 * comma).
 */
import { placeAnchors } from './match-anchors.js';
import { createMatchRun, type MatchOptions, type PhraseMatch, scoreOf } from './match-context.js';
import { joinNeighbourMatches, matchGlobally, reuseAnchors } from './match-global.js';
import { matchLocally } from './match-local.js';
import { joinMerges, repairSwaps, repairTargetYears } from './match-repair.js';
import { assignRewrites, pairGaps } from './match-rewrites.js';
import type { Segmented } from './segment.js';
import type { SimilarityMatrix } from './similarity.js';

export { defaultMatchOptions } from './match-context.js';
export type { MatchOptions, MatchVia, PhraseMatch } from './match-context.js';

/** Matches every parent phrase (see the module comment). */
export function matchPhrases(parent: Segmented, child: Segmented, sim: SimilarityMatrix, options: Partial<MatchOptions> = {}): PhraseMatch[] {
  const run = createMatchRun(parent, child, sim, options);
  placeAnchors(run);
  matchLocally(run);
  const used = new Set(run.out.filter((m) => m.child !== null).map((m) => m.child!));
  joinNeighbourMatches(run);
  matchGlobally(run, used);
  pairGaps(run, used);
  reuseAnchors(run);
  repairSwaps(
    run.out,
    (i, j) => scoreOf(run, i, j),
    undefined,
    (i) => sim.rows[i].cols,
  );
  repairTargetYears(run);
  joinMerges(run);
  assignRewrites(run);
  return run.out;
}
