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
    decomposition: { region: string; year: string; value: string; clause: string } | null;
  };
}

export interface AlignedDocumentInfo {
  id: string;
  title: string | null;
  level: AdminLevel | null;
  region: string | null;
  /** True when read from a path without being added to the index. */
  external: boolean;
}

export interface ChapterCoverage {
  clause: string;
  heading: string;
  obligations: number;
  covered: number;
  weakened: number;
  changed: number;
  missing: number;
}

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

export interface AlignmentReport {
  child: AlignedDocumentInfo;
  parent: AlignedDocumentInfo;
  /** How the parent was chosen: given by the user, found in the index, or a sibling offered when the parent is only cited. */
  parentSource: ParentSource;
  /** Sentences for the reader (e.g. "the parent 晋自然资发〔2022〕9号 is cited but not in the index"). */
  notes: string[];
  summary: AlignmentSummary;
  findings: Finding[];
  /** Matched pairs (parent clause ↔ child clause) with similarity, for the side-by-side view. */
  pairs: { parent: FindingSide; child: FindingSide; similarity: number }[];
}
