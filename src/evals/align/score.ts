/**
 * Scoring predicted findings against expected ones. A prediction matches an expectation when
 * the kinds agree and their quotes overlap on the side that defines the finding: the parent
 * side (original offsets of the parent) for every kind but `added`, the child side for
 * `added`. Per kind: precision (predictions that match some expectation), recall
 * (expectations some prediction matches).
 */
import { FINDING_ORDER } from '../../analysis/alignment/kinds.js';
import type { Finding, FindingKind } from '../../analysis/alignment/types.js';

/** An expectation located in the original texts (offsets of the parent and/or the child). */
export interface LocatedExpectation {
  kind: FindingKind;
  parent: { start: number; end: number } | null;
  child: { start: number; end: number } | null;
  label: string;
}

/** Scores of one kind. */
export interface KindScore {
  kind: FindingKind;
  expected: number;
  predicted: number;
  /** Predictions that match an expectation. */
  truePositives: number;
  /** Expectations matched by a prediction. */
  found: number;
  precision: number | null;
  recall: number | null;
}

export const ALL_KINDS: readonly FindingKind[] = FINDING_ORDER;

const overlaps = (a: { start: number; end: number } | null, b: { start: number; end: number } | null) => !!a && !!b && a.start < b.end && b.start < a.end;

/** Does prediction `f` match expectation `e`? */
export function matchesExpectation(f: Finding, e: LocatedExpectation): boolean {
  if (f.kind !== e.kind) return false;
  if (e.kind === 'added' || !e.parent) return overlaps(f.child, e.child) || (!e.child && overlaps(f.parent, e.parent));
  return overlaps(f.parent, e.parent);
}

/** Precision and recall per kind (null when undefined: nothing predicted / nothing expected). */
export function scoreFindings(predicted: Finding[], expected: LocatedExpectation[], kinds: readonly FindingKind[] = ALL_KINDS): KindScore[] {
  return kinds.map((kind) => {
    const p = predicted.filter((f) => f.kind === kind);
    const e = expected.filter((x) => x.kind === kind);
    const truePositives = p.filter((f) => e.some((x) => matchesExpectation(f, x))).length;
    const found = e.filter((x) => p.some((f) => matchesExpectation(f, x))).length;
    return {
      kind,
      expected: e.length,
      predicted: p.length,
      truePositives,
      found,
      precision: p.length ? truePositives / p.length : null,
      recall: e.length ? found / e.length : null,
    };
  });
}

/** Sums kind scores of several runs (micro-average). */
export function sumScores(runs: KindScore[][]): KindScore[] {
  if (!runs.length) return [];
  return runs[0].map((first, k) => {
    const rows = runs.map((r) => r[k]);
    const sum = (key: 'expected' | 'predicted' | 'truePositives' | 'found') => rows.reduce((a, r) => a + r[key], 0);
    const predicted = sum('predicted');
    const expected = sum('expected');
    return {
      kind: first.kind,
      expected,
      predicted,
      truePositives: sum('truePositives'),
      found: sum('found'),
      precision: predicted ? sum('truePositives') / predicted : null,
      recall: expected ? sum('found') / expected : null,
    };
  });
}
