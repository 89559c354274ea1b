/**
 * Hand-written children with a recorded gold (`evals/align/gold-*.json` beside `child-*.txt`):
 * the children were written blind from the parent — reworded, merged, reordered, localised —
 * with a known list of defects (`mustFlag`) and of kept text a naive tool would flag
 * (`mustNotFlag`).
 *
 * Scoring, per child and per finding kind:
 * - recall: mustFlag items of the kind that a finding of the same kind matches (parent-side
 *   overlap; child side for `added`);
 * - precision: findings of the kind that match a mustFlag item of the kind, over all findings of
 *   the kind except the exempt ones. The gold lists every defect, so a finding no mustFlag item
 *   explains is a false positive whether or not a mustNotFlag item names it;
 * - exempt: parent tasks the child rightly dropped because they belong to the parent's own
 *   level or to another place (省级专属事项). The writers recorded them in free text under
 *   `notes`; every “quoted” passage of a note found verbatim in the parent (a `……` inside a
 *   quote splits it), and every item of an optional `exempt` list, marks a parent span. A finding
 *   on such a span counts neither way: the aligner may report it `missing` or exclude it.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Finding, FindingKind } from '../../analysis/alignment/types.js';
import type { ParsedDocument } from '../../ingest/types.js';
import { type AlignGold, locateGold, locateQuote } from './gold.js';
import { ALL_KINDS, type LocatedExpectation, matchesExpectation } from './score.js';

/** Where the child of a gold file is: beside the gold file first, then in the corpus. */
export function goldDocumentPath(goldPath: string, name: string, corpusDir: string): string {
  const beside = join(dirname(goldPath), name);
  return existsSync(beside) ? beside : join(corpusDir, basename(name));
}

/** The notes of a gold file as a list. */
export function goldNotes(gold: AlignGold): string[] {
  const n = gold.notes;
  return n === undefined ? [] : Array.isArray(n) ? n : [n];
}

/** Quoted passages of a text (“…” or "…"), split at ellipses, at least `min` characters each. */
export function quotedPassages(text: string, min = 4): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[“"]([^”"]+)[”"]/g)) for (const piece of m[1].split(/…+|\.{3,}/)) if (piece.trim().length >= min) out.push(piece.trim());
  return out;
}

/** Parent spans (original offsets) the gold exempts: quoted passages of its notes and its `exempt` items, located in the parent. */
export function exemptSpans(gold: AlignGold, parent: ParsedDocument): { start: number; end: number; label: string }[] {
  const out: { start: number; end: number; label: string }[] = [];
  for (const note of goldNotes(gold)) {
    for (const q of quotedPassages(note)) {
      // Notes quote the parent in its own punctuation or in the writer's: try both comma forms.
      for (const variant of [q, q.replace(/，/g, ','), q.replace(/\(/g, '（').replace(/\)/g, '）'), q.replace(/（/g, '(').replace(/）/g, ')')]) {
        const at = locateQuote(parent, variant, null);
        if (at) {
          out.push({ ...at, label: `note “${q}”` });
          break;
        }
      }
    }
  }
  for (const item of gold.exempt ?? []) {
    const at = locateQuote(parent, item.parentQuote, item.parentClause);
    if (at) out.push({ ...at, label: `exempt ${item.parentClause ?? ''} ${item.parentQuote}` });
  }
  return out;
}

/** Scores of one finding kind on one child. */
export interface ChildKindScore {
  kind: FindingKind;
  /** mustFlag items of the kind, and those found. */
  expected: number;
  found: number;
  recall: number | null;
  /** Findings of the kind: matching a mustFlag item, exempt (notes), and the rest (false positives). */
  predicted: number;
  truePositives: number;
  exempt: number;
  falsePositives: number;
  precision: number | null;
}

/** The score of one hand-written child. */
export interface ChildScore {
  byKind: ChildKindScore[];
  /** mustFlag items no finding matched. */
  unflagged: string[];
  /** Findings no mustFlag item explains (not exempt), for review. */
  falsePositives: string[];
  /** mustNotFlag items a finding of their kind matched. */
  violations: string[];
  unlocated: number;
  exemptSpans: number;
}

/**
 * One line for a finding under review: the side it is about — the child's text for `added` (a
 * replacement also carries the parent text it stands for, which would read as the child replacing
 * a sentence with itself), the parent's otherwise.
 */
export function describeFinding(f: Finding): string {
  const side = f.kind === 'added' ? (f.child ?? f.parent) : (f.parent ?? f.child);
  return `${f.kind} ${side?.clause ?? ''} ${side?.quote.replace(/\s+/g, '').slice(0, 40) ?? ''} — ${f.detail}`;
}

const overlaps = (f: Finding, s: { start: number; end: number }) => !!f.parent && f.parent.start < s.end && s.start < f.parent.end;

/** Scores the findings of an alignment against a hand-written child's gold (see the module comment). */
export function scoreChild(findings: Finding[], gold: AlignGold, child: ParsedDocument, parent: ParsedDocument): ChildScore {
  const must = locateGold(gold.mustFlag, child, parent);
  const mustNot = locateGold(gold.mustNotFlag, child, parent);
  const exempt = exemptSpans(gold, parent);
  const isExempt = (f: Finding) => f.kind !== 'added' && exempt.some((s) => overlaps(f, s));
  const explains = (f: Finding) => must.located.some((e) => matchesExpectation(f, e));
  const byKind = ALL_KINDS.map((kind): ChildKindScore => {
    const e = must.located.filter((x) => x.kind === kind);
    const p = findings.filter((f) => f.kind === kind);
    const found = e.filter((x) => p.some((f) => matchesExpectation(f, x))).length;
    const truePositives = p.filter(explains).length;
    const ex = p.filter((f) => !explains(f) && isExempt(f)).length;
    const falsePositives = p.length - truePositives - ex;
    return {
      kind,
      expected: e.length,
      found,
      recall: e.length ? found / e.length : null,
      predicted: p.length,
      truePositives,
      exempt: ex,
      falsePositives,
      precision: truePositives + falsePositives ? truePositives / (truePositives + falsePositives) : null,
    };
  });
  const label = (e: LocatedExpectation) => e.label;
  return {
    byKind,
    unflagged: must.located.filter((e) => !findings.some((f) => matchesExpectation(f, e))).map(label),
    falsePositives: findings.filter((f) => !explains(f) && !isExempt(f)).map(describeFinding),
    violations: mustNot.located.filter((e) => findings.some((f) => matchesExpectation(f, e))).map(label),
    unlocated: must.unlocated.length + mustNot.unlocated.length,
    exemptSpans: exempt.length,
  };
}
