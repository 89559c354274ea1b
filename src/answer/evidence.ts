/**
 * Evidence and citations: the one place that turns clean-text spans into verbatim quotes of
 * the original text, and that checks a quote before it is returned. Both answering modes
 * (extractive and LLM) build their citations here.
 */
import { toCleanOffset, toOriginalRange } from '../ingest/clean.js';
import { sectionChainAt } from '../ingest/structure.js';
import { isOcrAt, pageAt } from '../ingest/decode/pages.js';
import type { ParsedDocument, Section } from '../ingest/types.js';
import type { SearchHit } from '../retrieval/types.js';
import type { Citation } from './types.js';

/** A retrieved chunk numbered for an answer: `[n]` in LLM prompts. */
export interface Evidence {
  /** 1-based. */
  n: number;
  hit: SearchHit;
  doc: ParsedDocument;
  /** The chunk as a citation of the original text. */
  citation: Citation;
}

/** Deepest clause whose span contains clean offset `at` ('' when none: notice or preamble). */
export function clauseAt(sections: Section[], at: number): string {
  return sectionChainAt(sections, at).at(-1)?.path ?? '';
}

/**
 * The citation of clean range [cleanStart, cleanEnd) of `doc`: offsets into the original,
 * quote copied from the original (so it may contain the page break a sentence spanned).
 */
export function citeClean(doc: ParsedDocument, cleanStart: number, cleanEnd: number, clause?: string): Citation {
  const { start, end } = toOriginalRange(doc.clean, doc.raw.text, cleanStart, cleanEnd);
  return withPage(doc, {
    source: doc.id,
    title: doc.meta.title ?? doc.id,
    clause: clause ?? clauseAt(doc.sections, cleanStart),
    quote: doc.raw.text.slice(start, end),
    start,
    end,
  });
}

/** A citation of a paged source with its page (and whether that page was read by OCR). */
export function withPage(doc: ParsedDocument, c: Citation): Citation {
  if (!doc.raw.pages?.length) return c;
  const page = pageAt(doc.raw, c.start);
  return { ...c, ...(page ? { page } : {}), ...(isOcrAt(doc.raw, c.start) ? { ocr: true } : {}) };
}

/** Clean range of a hit (hits carry original offsets). */
export function cleanRangeOfHit(doc: ParsedDocument, hit: SearchHit): { start: number; end: number } {
  return { start: toCleanOffset(doc.clean, hit.start), end: toCleanOffset(doc.clean, hit.end) };
}

/** Numbers hits as evidence; hits of documents not in `docs` are skipped. */
export function toEvidence(hits: SearchHit[], docs: ReadonlyMap<string, ParsedDocument>): Evidence[] {
  const out: Evidence[] = [];
  for (const hit of hits) {
    const doc = docs.get(hit.docId);
    if (!doc) continue;
    const citation: Citation = withPage(doc, {
      source: doc.id,
      title: hit.title,
      clause: hit.clausePath,
      quote: doc.raw.text.slice(hit.start, hit.end),
      start: hit.start,
      end: hit.end,
    });
    out.push({ n: out.length + 1, hit, doc, citation });
  }
  return out;
}

/** True when the citation's quote is exactly the original text at its offsets. */
export function verifyCitation(c: Citation, docs: ReadonlyMap<string, ParsedDocument>): boolean {
  const doc = docs.get(c.source);
  if (!doc || !c.quote || c.start < 0 || c.end > doc.raw.text.length || c.end <= c.start) return false;
  return doc.raw.text.slice(c.start, c.end) === c.quote;
}

/** Keeps verified citations only, without duplicates (same source and range). */
export function verifiedCitations(cs: Citation[], docs: ReadonlyMap<string, ParsedDocument>): Citation[] {
  const seen = new Set<string>();
  return cs.filter((c) => {
    const key = `${c.source}:${c.start}:${c.end}`;
    if (seen.has(key) || !verifyCitation(c, docs)) return false;
    seen.add(key);
    return true;
  });
}

const squash = (s: string) => s.normalize('NFKC').replace(/[\s\u3000]+/g, '');

/**
 * Locates a quote someone else produced (an LLM) in a document: exact in the original first,
 * then in the clean text ignoring whitespace and width differences (a quote that spans a page
 * break). Returns a citation of the ORIGINAL text, or null when the quote is not in the document.
 */
export function locateQuote(doc: ParsedDocument, quote: string, within?: { start: number; end: number }): Citation | null {
  const q = quote.trim();
  if (q.length < 2) return null;
  const from = within?.start ?? 0;
  const exact = doc.raw.text.indexOf(q, from);
  if (exact >= 0 && (!within || exact + q.length <= within.end)) {
    const cs = toCleanOffset(doc.clean, exact);
    return withPage(doc, {
      source: doc.id,
      title: doc.meta.title ?? doc.id,
      clause: clauseAt(doc.sections, cs),
      quote: q,
      start: exact,
      end: exact + q.length,
    });
  }
  // Whitespace-insensitive match in the clean text, mapped back through the offsets.
  const target = squash(q);
  if (!target) return null;
  const clean = doc.clean.text;
  const kept: number[] = [];
  let squashed = '';
  for (let i = 0; i < clean.length; i++) {
    if (/[\s\u3000]/.test(clean[i])) continue;
    kept.push(i);
    squashed += clean[i];
  }
  const at = squashed.indexOf(target);
  if (at < 0) return null;
  const cs = kept[at];
  const ce = kept[at + target.length - 1] + 1;
  const c = citeClean(doc, cs, ce);
  if (within && (c.start < within.start || c.end > within.end)) return null;
  return c;
}
