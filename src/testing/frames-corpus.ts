/**
 * Test helper: the five corpus documents cleaned and parsed (without metadata), and a way to
 * pull a real sentence out of one by a phrase it contains, with its clean offsets.
 */
import { cleanText } from '../ingest/clean.js';
import { parseStructure } from '../ingest/structure.js';
import type { DocumentMeta, ParsedDocument } from '../ingest/types.js';
import { splitSentences } from '../analysis/frames/sentences.js';
import type { Sentence } from '../analysis/frames/types.js';
import { corpusId, readCorpusText } from './corpus.js';

const cache = new Map<string, ParsedDocument>();

const EMPTY_META: DocumentMeta = {
  title: null,
  noticeTitle: null,
  issuer: null,
  docNumber: null,
  dates: [],
  level: null,
  region: { province: null, city: null, county: null, name: null },
  kind: '其他',
  citations: [],
  record: [],
};

/** The corpus document whose id starts with `prefix` (`'004'`), cleaned and structured. */
export function corpusDoc(prefix: string): ParsedDocument {
  const cached = cache.get(prefix);
  if (cached) return cached;
  const id = corpusId(prefix);
  const text = readCorpusText(id);
  const clean = cleanText(text);
  const { sections, bodyStart } = parseStructure(clean);
  const doc: ParsedDocument = {
    id,
    raw: { id, format: 'txt', encoding: 'utf-8', text, sha256: '', bytes: Buffer.byteLength(text) },
    clean,
    meta: EMPTY_META,
    sections,
    tables: [],
    bodyStart,
  };
  cache.set(prefix, doc);
  return doc;
}

/** The sentence of a corpus document (clean text) containing `phrase`; throws when there is none. */
export function corpusSentence(prefix: string, phrase: string): Sentence {
  const doc = corpusDoc(prefix);
  const hit = splitSentences(doc.clean.text).find((s) => s.text.includes(phrase));
  if (!hit) throw new Error(`no sentence with ${phrase} in ${prefix}`);
  return hit;
}
