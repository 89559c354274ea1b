/**
 * TEST ONLY. The corpus documents parsed the way ingest parses them (decode, clean, metadata,
 * structure, tables, citations resolved among themselves), cached per process.
 */
import { readFileSync } from 'node:fs';
import { resolveCitations } from '../ingest/citations.js';
import { readDocument } from '../ingest/decode.js';
import { parseDocument } from '../ingest/parse.js';
import type { ParsedDocument } from '../ingest/types.js';
import { corpusIds, corpusPath } from './corpus.js';

let cache: Map<string, ParsedDocument> | null = null;

/** Every corpus document by id, citations resolved (as in an index). */
export async function corpusDocs(): Promise<Map<string, ParsedDocument>> {
  if (cache) return cache;
  const docs: ParsedDocument[] = [];
  for (const name of corpusIds()) {
    const bytes = readFileSync(corpusPath(name));
    docs.push(parseDocument(await readDocument({ path: corpusPath(name), name, bytes })));
  }
  resolveCitations(docs);
  cache = new Map(docs.map((d) => [d.id, d]));
  return cache;
}

/** The corpus document whose id starts with `prefix` (`'004'`). */
export async function corpusDoc(prefix: string): Promise<ParsedDocument> {
  const docs = await corpusDocs();
  const doc = [...docs.values()].find((d) => d.id.startsWith(prefix));
  if (!doc) throw new Error(`no corpus document ${prefix}`);
  return doc;
}

/** A document parsed from a text (no file), for synthetic tests. */
export function docFromText(id: string, text: string): ParsedDocument {
  return parseDocument({ id, format: 'txt', encoding: 'utf-8', text, sha256: '', bytes: Buffer.byteLength(text) });
}
