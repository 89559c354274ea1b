/** Alignment evaluation: synthetic children with known edits, the 002-vs-004 gold, timing. */
export { runAlignmentEval, formatAlignEvalTable, defaultAlignEvalOptions } from './run.js';
export type { AlignEvalOptions, AlignEvalReport, EvalTarget } from './run.js';
export { generateSyntheticChild, defaultSyntheticOptions } from './synthetic.js';
export { createRng } from '../../core/rng.js';
export type { SyntheticChild, SyntheticOptions, ExpectedFinding } from './synthetic.js';
export { scoreFindings, sumScores, matchesExpectation, ALL_KINDS } from './score.js';
export type { KindScore, LocatedExpectation } from './score.js';
export { readAlignGold, locateGold, locateQuote, scoreGold } from './gold.js';
export type { AlignGold, GoldItem, GoldScore } from './gold.js';
export { buildLargePair } from './large.js';
