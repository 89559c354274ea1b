/**
 * TF-IDF over `tokenize()` terms, the lexical basis of every builtin embedding method:
 * a fitted vocabulary with smoothed IDF, and sublinear-TF × IDF sparse rows.
 */
import type { SparseRow } from './linalg.js';

/** A fitted vocabulary: terms in first-seen order, their index, and IDF. */
export interface TermVocabulary {
  terms: string[];
  index: Map<string, number>;
  idf: Float64Array;
  docCount: number;
}

/**
 * Fits the vocabulary on the documents' term lists: terms in first-seen order, document
 * frequency counted once per document, IDF the smoothed `ln((N + 1) / (df + 1)) + 1` rounded
 * to 6 decimals so a state restored from JSON gives bit-identical vectors. No Map per document
 * (at 100k chunks those Maps held ~25M entries and most of the GC time).
 */
export function fitVocabularyFromTerms(lists: Iterable<readonly string[]>): TermVocabulary {
  const index = new Map<string, number>();
  const terms: string[] = [];
  const df: number[] = [];
  // lastDoc[i] = the last document that counted term i, so each document counts it once.
  let lastDoc = new Int32Array(1 << 12).fill(-1);
  let n = 0;
  for (const list of lists) {
    for (const term of list) {
      let i = index.get(term);
      if (i === undefined) {
        i = terms.length;
        index.set(term, i);
        terms.push(term);
        df.push(0);
        if (i >= lastDoc.length) {
          const grown = new Int32Array(lastDoc.length * 2).fill(-1);
          grown.set(lastDoc);
          lastDoc = grown;
        }
      }
      if (lastDoc[i] !== n) {
        lastDoc[i] = n;
        df[i]++;
      }
    }
    n++;
  }
  const idf = Float64Array.from(df, (d) => roundIdf(Math.log((n + 1) / (d + 1)) + 1));
  return { terms, index, idf, docCount: n };
}

/** Rebuilds a vocabulary from persisted terms and IDF values. */
export function restoreVocabulary(terms: string[], idf: number[], docCount: number): TermVocabulary {
  return { terms, index: new Map(terms.map((t, i) => [t, i])), idf: Float64Array.from(idf), docCount };
}

/** Rounds an IDF value the way {@link fitVocabularyFromTerms} does. */
export function roundIdf(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Options of {@link TermWeigher}. */
export interface WeighOptions {
  /** Multiplier for character-bigram terms (`#xy`) relative to jieba words. */
  bigramWeight: number;
}

/**
 * L2-normalised TF-IDF rows (sublinear TF: 1 + ln tf; bigram terms `#xy` scaled by
 * `bigramWeight`) of term lists. Terms outside the vocabulary are dropped: they carry no IDF and
 * match no document. A reused count buffer instead of a Map per text; one instance per
 * vocabulary; not re-entrant.
 */
export class TermWeigher {
  private readonly counts: Uint32Array;
  private readonly isBigram: Uint8Array;
  private readonly touched: number[] = [];

  constructor(
    private readonly vocab: TermVocabulary,
    private readonly options: WeighOptions,
  ) {
    this.counts = new Uint32Array(vocab.terms.length);
    this.isBigram = Uint8Array.from(vocab.terms, (t) => (t.startsWith('#') ? 1 : 0));
  }

  /** The L2-normalised sublinear TF-IDF row of a text's terms (repeats counted). */
  row(terms: readonly string[]): SparseRow {
    const { counts, touched, vocab } = this;
    touched.length = 0;
    for (const term of terms) {
      const i = vocab.index.get(term);
      if (i === undefined) continue;
      if (counts[i]++ === 0) touched.push(i);
    }
    const idx = new Int32Array(touched.length);
    const val = new Float64Array(touched.length);
    let norm = 0;
    for (let k = 0; k < touched.length; k++) {
      const i = touched[k];
      const w = (1 + Math.log(counts[i])) * vocab.idf[i] * (this.isBigram[i] ? this.options.bigramWeight : 1);
      counts[i] = 0;
      idx[k] = i;
      val[k] = w;
      norm += w * w;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < val.length; k++) val[k] *= inv;
    return { idx, val };
  }
}

/** FNV-1a over UTF-16 code units with a seed, then a murmur3 finaliser for good low bits. */
export function hashString(s: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
