/**
 * Obligation alignment of a lower-level plan against the plan it implements: segmentation,
 * localisation, matching, frame comparison, reports (Markdown, HTML).
 */
export { alignDocuments, defaultAlignOptions, documentInfo, sortFindings } from './align.js';
export { FINDING_KINDS, FINDING_LABELS, FINDING_ORDER, SEVERITY_LABELS, PARENT_SOURCE_LABELS, alignmentLabels } from './kinds.js';
export type { AlignOptions } from './align.js';
export { renderAlignmentMarkdown, renderAlignmentHtml, REPORT_STYLE, escapeHtml } from './render.js';
export { normalizeForMatch, localizeContext, coreOrgName, isGovernmentActor, foreignPlaceNames, namesForeignPlace, regionNamesOf } from './localize.js';
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
