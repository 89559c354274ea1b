/**
 * The MiniSearch baseline: the same chunks, the same jieba terms (src/retrieval/tokenize.ts,
 * reused from the lean ingest so the tokenisation is not paid twice), the same query terms our
 * BM25 searches (`Bm25Index.queryTerms`: words, plus bigrams of words the index does not know)
 * with the same bigram weight, and MiniSearch's BM25 set to our k1 and b (its BM25+ delta set
 * to 0). So the comparison is between two implementations of nearly the same ranking: their
 * top-10 agreement says how close, their latency and memory what the typed-array index buys.
 */
import MiniSearch from 'minisearch';
import type { Bm25Index } from '../../src/retrieval/bm25.js';

/** A built baseline with its build time. */
export interface MiniSearchBaseline {
  search: (query: string, k: number) => number[];
  buildMs: number;
  /** Size of `JSON.stringify(index)`, MiniSearch's way of persisting; null when it exceeds V8's string limit. */
  serializedBytes: number | null;
}

/** Indexes chunk i under id i with the pre-computed `terms[i]`. */
export function buildMiniSearch(terms: readonly string[][], bm25: Bm25Index): MiniSearchBaseline {
  const t0 = performance.now();
  const ms = new MiniSearch<{ id: number }>({
    fields: ['t'],
    idField: 'id',
    // The field's "text" is the chunk number; tokenize looks its terms up.
    extractField: (doc, field) => (field === 'id' ? doc.id : String(doc.id)) as unknown as string,
    tokenize: (text) => terms[Number(text)],
    processTerm: (term) => term,
    searchOptions: {
      bm25: { k: bm25.options.k1, b: bm25.options.b, d: 0 },
      boostTerm: (term) => (term.startsWith('#') ? bm25.options.bigramWeight : 1),
    },
  });
  const docs = Array.from({ length: terms.length }, (_, id) => ({ id }));
  for (let i = 0; i < docs.length; i += 5000) ms.addAll(docs.slice(i, i + 5000));
  const buildMs = performance.now() - t0;
  let serializedBytes: number | null = null;
  try {
    serializedBytes = Buffer.byteLength(JSON.stringify(ms));
  } catch {
    // Past V8's largest string (~512 MB) MiniSearch's JSON persistence cannot be written at all.
  }
  return {
    buildMs,
    serializedBytes,
    search: (query, k) => {
      const qterms = bm25.queryTerms(query).map((t) => t.term);
      if (!qterms.length) return [];
      return ms
        .search(qterms.join(' '), { tokenize: (s) => s.split(' ') })
        .slice(0, k)
        .map((r) => r.id as number);
    },
  };
}
