/**
 * The benchmark's inputs: the real corpus through the product's own decode → parse → chunk
 * stages, the synthetic corpus recombined from it, the gold questions, and the query pool.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chunkDocument } from '../../src/ingest/chunk.js';
import { resolveCitations } from '../../src/ingest/citations.js';
import { readDocumentFile } from '../../src/ingest/decode.js';
import { parseDocument } from '../../src/ingest/parse.js';
import { flattenSections } from '../../src/ingest/structure.js';
import type { Chunk, ParsedDocument } from '../../src/ingest/types.js';
import { docInfoOf } from '../../src/indexing/open-index.js';
import type { DocInfo } from '../../src/retrieval/hybrid.js';
import { makeSyntheticCorpus } from '../../src/retrieval/synthetic.js';
import { splitSentences, type QuerySource } from './queries.js';
import type { GoldItem } from './scenario.js';

/** Parsed corpus documents (sorted by id, as ingest orders them). */
export async function readCorpus(dir: string): Promise<ParsedDocument[]> {
  const files = readdirSync(dir)
    .filter((f) => /\.(txt|md|html?|docx)$/i.test(f))
    .sort();
  const docs: ParsedDocument[] = [];
  for (const f of files) docs.push(parseDocument(await readDocumentFile(join(dir, f))));
  return resolveCitations(docs);
}

/** Chunks and DocInfos of parsed documents, exactly as the ingest pipeline makes them. */
export function chunkCorpus(docs: ParsedDocument[]): { chunks: Chunk[]; docs: DocInfo[] } {
  return { chunks: docs.flatMap((d) => chunkDocument(d)), docs: docs.map(docInfoOf) };
}

/** The synthetic corpus: `count` chunks recombined from the clean text of `docs`. */
export function syntheticCorpus(docs: ParsedDocument[], count: number): { chunks: Chunk[]; docs: DocInfo[] } {
  const sources = docs.map((d) => ({ id: d.id, title: d.meta.title ?? d.id, text: d.clean.text.slice(d.bodyStart) }));
  return makeSyntheticCorpus(sources, { count });
}

/** Headings and body sentences of each document, for templated questions. */
export function querySources(docs: ParsedDocument[]): QuerySource[] {
  return docs.map((d) => ({
    region: d.meta.region.name ?? null,
    headings: flattenSections(d.sections).map((s) => s.heading),
    sentences: splitSentences(d.clean.text.slice(d.bodyStart)),
  }));
}

/** The gold questions of a QA file (JSON lines); unreadable lines are skipped. */
export function readGold(path: string): GoldItem[] {
  const out: GoldItem[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const g = JSON.parse(line) as { question?: unknown; source?: unknown; evidence?: unknown; after?: unknown };
      if (typeof g.question !== 'string') continue;
      out.push({
        question: g.question,
        source: typeof g.source === 'string' ? g.source : '',
        evidence: Array.isArray(g.evidence) ? g.evidence.filter((e): e is string => typeof e === 'string' && e.length > 0) : [],
        followUp: typeof g.after === 'string' && g.after.length > 0,
      });
    } catch {
      // A malformed line is someone else's bug (parseGold and `policy eval` report it); skip it here.
    }
  }
  return out;
}
