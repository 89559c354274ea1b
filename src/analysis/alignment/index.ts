/**
 * Obligation alignment of a lower-level plan against the plan it implements: segmentation,
 * localisation, matching, requirement-by-requirement comparison (force, quantities, deadlines,
 * who carries it), exclusions, reports (Markdown, HTML).
 */
export { alignDocuments, defaultAlignOptions, documentInfo, sortFindings } from './align.js';
export { FINDING_KINDS, FINDING_LABELS, FINDING_ORDER, SEVERITY_LABELS, PARENT_SOURCE_LABELS, alignmentLabels } from './kinds.js';
export type { AlignOptions } from './align.js';
export { renderAlignmentMarkdown, renderAlignmentHtml, REPORT_STYLE, escapeHtml, OUTCOME_LABELS, SEVERITY_SECTIONS } from './render.js';
export { phraseForce, compareForce } from './force.js';
export type { PhraseForce, Weakening } from './force.js';
export { readPhraseActors, sentenceActors } from './actors.js';
export type { ActorRef, PhraseActors } from './actors.js';
export { compareActors, ownLevel } from './actor-changes.js';
export { isReworded, defaultRewordOptions } from './rewording.js';
export type { RewordOptions } from './rewording.js';
export { exclusionsFor } from './exclusions.js';
export type { Exclusions } from './exclusions.js';
export {
  normalizeForMatch,
  localizeContext,
  coreOrgName,
  isGovernmentActor,
  foreignPlaceNames,
  namesForeignPlace,
  namesForeignLandform,
  regionNamesOf,
} from './localize.js';
export type { LocalizeContext } from './localize.js';
export { segmentDocument, splitPhrases, opensWithDuty, defaultSegmentOptions } from './segment.js';
export type { Segmented, Phrase, AlignSentence, SegmentOptions } from './segment.js';
export { computeSimilarity, pairScore, bigramsOf, defaultScoreWeights } from './similarity.js';
export type { SimilarityMatrix, ScoreWeights } from './similarity.js';
export { matchPhrases, defaultMatchOptions } from './match.js';
export { monotoneAlign } from './match-anchors.js';
export { lcsLength, windowLcs } from './lcs.js';
export type { MatchOptions, PhraseMatch, MatchVia } from './match.js';
export { findDecomposition } from './sides.js';
export type * from './types.js';
