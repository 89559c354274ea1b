/**
 * The hand-made alignment gold (`evals/align/gold-002-004.json`): findings a reviewer must see
 * (`mustFlag`) and findings that would be wrong (`mustNotFlag`: localisation, reordering,
 * extraction damage). Quotes are located verbatim in the original texts, inside the clause
 * they are attributed to when that clause can be found.
 */
import { readFileSync } from 'node:fs';
import { toOriginalRange } from '../../ingest/clean.js';
import { flattenSections } from '../../ingest/structure.js';
import type { ParsedDocument } from '../../ingest/types.js';
import { AppError } from '../../core/errors.js';
import { FINDING_ORDER } from '../../analysis/alignment/kinds.js';
import type { Finding, FindingKind } from '../../analysis/alignment/types.js';
import { matchesExpectation, type LocatedExpectation } from './score.js';

/** One gold item: a finding that must (or must not) be reported, located by its quotes. */
export interface GoldItem {
  kind: FindingKind;
  parentClause: string | null;
  parentQuote: string | null;
  childClause: string | null;
  childQuote: string | null;
  note?: string;
  reason?: string;
}

/** A gold file: the pair, what must be flagged, what must not, and the writer's notes. */
export interface AlignGold {
  /** The child file: an id of the corpus, or a file name beside the gold file. */
  child: string;
  parent: string;
  mustFlag: GoldItem[];
  mustNotFlag: GoldItem[];
  /** The writer's notes: tasks the child rightly dropped (the parent's own level, another place), quoted “…”. */
  notes?: string | string[];
  /** Parent passages the child rightly dropped, as items (kind ignored): findings on them count neither way. */
  exempt?: GoldItem[];
}

const KINDS = new Set<string>(FINDING_ORDER);

/** Reads and checks a gold file; throws GOLD_INVALID with the reason. */
export function readAlignGold(path: string): AlignGold {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new AppError('GOLD_INVALID', `${path} could not be read as JSON`, { cause: err });
  }
  const g = data as AlignGold;
  if (!g || typeof g.child !== 'string' || typeof g.parent !== 'string' || !Array.isArray(g.mustFlag) || !Array.isArray(g.mustNotFlag)) {
    throw new AppError('GOLD_INVALID', `${path} needs child, parent, mustFlag[] and mustNotFlag[]`);
  }
  if (g.notes !== undefined && typeof g.notes !== 'string' && !(Array.isArray(g.notes) && g.notes.every((n) => typeof n === 'string')))
    throw new AppError('GOLD_INVALID', `${path}: notes must be a string or a list of strings`);
  if (g.exempt !== undefined && !Array.isArray(g.exempt)) throw new AppError('GOLD_INVALID', `${path}: exempt must be a list`);
  for (const item of [...g.mustFlag, ...g.mustNotFlag]) {
    if (!KINDS.has(item.kind)) throw new AppError('GOLD_INVALID', `${path}: unknown finding kind "${item.kind}"`);
  }
  return g;
}

/** Original range of the clause with `path` (its section, children included), or the whole text. */
function clauseRange(doc: ParsedDocument, path: string | null): { start: number; end: number } {
  const section = path ? flattenSections(doc.sections).find((s) => s.path === path) : undefined;
  if (!section) return { start: 0, end: doc.raw.text.length };
  return toOriginalRange(doc.clean, doc.raw.text, section.start, section.end);
}

/** Where a quote is in the original text: inside its clause first, anywhere otherwise; null when absent. */
export function locateQuote(doc: ParsedDocument, quote: string | null, clause: string | null): { start: number; end: number } | null {
  if (!quote) return null;
  const raw = doc.raw.text;
  const range = clauseRange(doc, clause);
  let at = raw.indexOf(quote, range.start);
  if (at < 0 || at >= range.end) at = raw.indexOf(quote);
  return at < 0 ? null : { start: at, end: at + quote.length };
}

/** Gold items as located expectations (items whose quotes cannot be found are reported, not dropped silently). */
export function locateGold(items: GoldItem[], child: ParsedDocument, parent: ParsedDocument): { located: LocatedExpectation[]; unlocated: GoldItem[] } {
  const located: LocatedExpectation[] = [];
  const unlocated: GoldItem[] = [];
  for (const item of items) {
    const p = locateQuote(parent, item.parentQuote, item.parentClause);
    const c = locateQuote(child, item.childQuote, item.childClause);
    if ((item.parentQuote && !p) || (item.childQuote && !c && !p)) {
      unlocated.push(item);
      continue;
    }
    located.push({
      kind: item.kind,
      parent: p,
      child: c,
      label: `${item.kind} ${item.parentClause ?? item.childClause ?? ''} ${item.parentQuote ?? item.childQuote ?? ''}`,
    });
  }
  return { located, unlocated };
}

/** The gold score of one alignment. */
export interface GoldScore {
  mustFlag: number;
  flagged: number;
  /** mustFlag items no finding matched. */
  unflagged: string[];
  mustNotFlag: number;
  violated: number;
  /** mustNotFlag items some finding matched (wrongly). */
  violations: string[];
  /** Violations of kind `missing`: the target is at most one. */
  falseMissing: number;
  /** Predictions matching no gold item (neither must nor must-not): for review, not scored. */
  unlisted: number;
  unlocated: number;
}

/** Scores findings against a gold file's items. */
export function scoreGold(findings: Finding[], gold: AlignGold, child: ParsedDocument, parent: ParsedDocument): GoldScore {
  const must = locateGold(gold.mustFlag, child, parent);
  const mustNot = locateGold(gold.mustNotFlag, child, parent);
  const unflagged = must.located.filter((e) => !findings.some((f) => matchesExpectation(f, e))).map((e) => e.label);
  const violations = mustNot.located.filter((e) => findings.some((f) => matchesExpectation(f, e)));
  const listed = [...must.located, ...mustNot.located];
  return {
    mustFlag: must.located.length,
    flagged: must.located.length - unflagged.length,
    unflagged,
    mustNotFlag: mustNot.located.length,
    violated: violations.length,
    violations: violations.map((e) => e.label),
    falseMissing: violations.filter((e) => e.kind === 'missing').length,
    unlisted: findings.filter((f) => !listed.some((e) => matchesExpectation(f, e))).length,
    unlocated: must.unlocated.length + mustNot.unlocated.length,
  };
}
