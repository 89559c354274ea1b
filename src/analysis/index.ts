/**
 * The analysis stage: frame extraction shared by question answering (slots) and obligation
 * analysis (obligations, task register, reporting calendar). Alignment lives in ./alignment.
 */
export { extractObligations, toTaskRegister, toReportingCalendar, defaultObligationOptions } from './obligations.js';
export type { Obligation, ObligationOptions, TaskRow, CalendarEntry, CalendarOptions } from './obligations.js';
export { extractFrame, leadingDutyVerb } from './frames/frame.js';
export type { FrameOptions } from './frames/frame.js';
export { splitSentences, isHeadingText } from './frames/sentences.js';
export { detectModality, findModalCues, strongestCue, MODALITY_LABELS, MODALITY_LABELS_ZH } from './frames/modality.js';
export { extractActors, namesByRole } from './frames/actors.js';
export { extractTargets } from './frames/targets.js';
export type { TargetOptions } from './frames/targets.js';
export { extractTiming, extractRecipients, extractConditions } from './frames/timing.js';
export { extractSlot, hintOverlap } from './frames/slots.js';
export type { SlotOptions } from './frames/slots.js';
export { splitNames, maskTitles, findBracketPairs } from './frames/text.js';
export type {
  ActorMention,
  ActorName,
  ActorRole,
  Comparator,
  Condition,
  ConditionKind,
  ModalCue,
  Modality,
  ModalityLabel,
  ModalityLevel,
  ObligationFrame,
  PeriodUnit,
  Sentence,
  SlotAnswer,
  SlotKind,
  Span,
  Target,
  Timing,
  TimingKind,
} from './frames/types.js';
