/** Document summaries for `policy docs` and the API: metadata, clause counts, parents. */
import type { DocumentMeta, ParsedDocument, Section, TableRow } from '../ingest/types.js';
import { findParents } from './hierarchy.js';

/** A document as listed: metadata, clause counts, chunks, table rows and parents. */
export interface DocumentSummary {
  id: string;
  title: string | null;
  meta: DocumentMeta;
  sections: number;
  /** Numbered clauses by level: e.g. { 1: 7, 2: 27 }. */
  clausesByLevel: Record<number, number>;
  chunks: number;
  tableRows: number;
  /** Parents found in the index (by 文号 or title) and cited documents that are absent. */
  parents: {
    found: { id: string; title: string | null; via: 'docNumber' | 'title' | 'similarity' }[];
    absent: { title: string | null; docNumber: string | null }[];
  };
}

export interface DocumentDetail extends DocumentSummary {
  sectionTree: Section[];
  tables: TableRow[];
  /** The cleaned text (what clause offsets in `sectionTree` index into). */
  cleanText: string;
  /** The original text (what citation offsets index into). */
  originalText: string;
}

/** Counts sections per level (1 = 一、, 2 = （一）, …). */
export function countClausesByLevel(sections: Section[]): Record<number, number> {
  const counts: Record<number, number> = {};
  const walk = (ss: Section[]) => {
    for (const s of ss) {
      counts[s.level] = (counts[s.level] ?? 0) + 1;
      walk(s.children);
    }
  };
  walk(sections);
  return counts;
}

/** The summary of one document among `all` (for parents) with its chunk count. */
export function summarizeDocument(doc: ParsedDocument, all: Iterable<ParsedDocument>, chunks: number): DocumentSummary {
  const byLevel = countClausesByLevel(doc.sections);
  return {
    id: doc.id,
    title: doc.meta.title,
    meta: doc.meta,
    sections: Object.values(byLevel).reduce((a, b) => a + b, 0),
    clausesByLevel: byLevel,
    chunks,
    tableRows: doc.tables.length,
    parents: findParents(doc, all),
  };
}

/** The full detail of one document: summary plus clause tree, tables and texts. */
export function detailDocument(doc: ParsedDocument, all: Iterable<ParsedDocument>, chunks: number): DocumentDetail {
  return {
    ...summarizeDocument(doc, all, chunks),
    sectionTree: doc.sections,
    tables: doc.tables,
    cleanText: doc.clean.text,
    originalText: doc.raw.text,
  };
}
