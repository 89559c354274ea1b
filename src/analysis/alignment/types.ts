/** Types the alignment stage outputs: AlignmentReport with Findings. */
import type { AdminLevel } from '../../ingest/types.js';

import type { FindingKind, ParentSource, Severity } from './kinds.js';

export type { FindingKind, ParentSource, Severity };

/** One side of a finding: a clause and a verbatim quote of the original text with offsets. */
export interface FindingSide {
  clause: string;
  heading: string;
  quote: string;
  start: number;
  end: number;
}

/** One difference a reviewer reads: its kind and severity, both quotes, and what changed. */
export interface Finding {
  kind: FindingKind;
  severity: Severity;
  parent: FindingSide | null;
  child: FindingSide | null;
  /** A sentence a reviewer reads, e.g. `水土保持率 target 66.18% → 56.04% (lower)`. */
  detail: string;
  /** Similarity of the matched pair (0..1), null for missing/added. */
  similarity: number | null;
  /** For target_changed: direction, and whether the parent decomposes the target for the child's city. */
  target?: {
    metric: string;
    parentValue: string;
    childValue: string;
    direction: 'higher' | 'lower' | 'different';
    /** Looser (true) or stricter (false) for a standard or a rate; null for a count or when unknown. */
    looser?: boolean | null;
    decomposition: { region: string; year: string; value: string; clause: string } | null;
  };
}

/** The report header of one of the two documents. */
export interface AlignedDocumentInfo {
  id: string;
  title: string | null;
  level: AdminLevel | null;
  region: string | null;
  /** True when read from a path without being added to the index. */
  external: boolean;
}

/** Parent obligations of one chapter by outcome. */
export interface ChapterCoverage {
  clause: string;
  heading: string;
  obligations: number;
  covered: number;
  weakened: number;
  changed: number;
  missing: number;
}

/** Parent obligations by outcome, overall and per chapter. */
export interface AlignmentSummary {
  parentObligations: number;
  covered: number;
  weakened: number;
  changed: number;
  missing: number;
  added: number;
  coverage: number;
  byChapter: ChapterCoverage[];
}

/** What became of one parent obligation (a sentence of the parent's body that states a duty). */
export interface ObligationOutcome {
  parent: FindingSide;
  status: 'covered' | 'weakened' | 'changed' | 'missing' | 'excluded';
  /** Why an excluded obligation is not the child's business (another place, a task of the parent's own level, an aim). */
  reason: string | null;
  /** The child sentence most of its phrases went to, if any. */
  child: FindingSide | null;
}

/** Whether the two documents look like parent and child at all. */
export interface PairRelation {
  /** False when the child covers too little of the parent: the findings are withheld. */
  related: boolean;
  /** Share of the parent's phrases (boilerplate and scope openers aside) with a counterpart in the child. */
  coverage: number;
  /** Findings withheld from `findings` because the pair looks unrelated. */
  withheld: number;
}

/** The alignment of a child plan against its parent, as every front end shows it. */
export interface AlignmentReport {
  child: AlignedDocumentInfo;
  parent: AlignedDocumentInfo;
  /** How the parent was chosen: given by the user, found in the index, or a sibling offered when the parent is only cited. */
  parentSource: ParentSource;
  /** Sentences for the reader (e.g. "the parent 晋自然资发〔2022〕9号 is cited but not in the index"). */
  notes: string[];
  summary: AlignmentSummary;
  /** Whether the pair looks like parent and child; when not, `findings` is empty and a note says so. */
  relation: PairRelation;
  /** Findings ordered for a reviewer: by severity (high first), then by the parent's clause order. */
  findings: Finding[];
  /** Parent requirements the child may leave out and did, with the reason. */
  excluded: { parent: FindingSide; reason: string }[];
  /** Every parent obligation with its outcome, in the parent's order. */
  obligations: ObligationOutcome[];
  /** Matched pairs (parent clause ↔ child clause) with similarity, for the side-by-side view. */
  pairs: { parent: FindingSide; child: FindingSide; similarity: number }[];
}
