/**
 * BM25 over the shared lexical terms ({@link tokenize}: jieba search-mode words plus `#`-prefixed
 * character bigrams). Postings are stored as one compressed-sparse-row structure in typed arrays
 * (term → ascending chunk indices with precomputed impacts, see {@link Bm25Index}), with
 * chunk lengths and the average computed once at build, so a query is one tight loop per term.
 * Bigrams are down-weighted at query time (see {@link defaultBm25Options}).
 */
import { AppError } from '../core/errors.js';
import { GrowableUint32, LITTLE_ENDIAN, bytesOf, typedView } from './binary.js';
import { charBigrams, tokenize, tokenizeWords } from '../zh/tokenize.js';
import { topKOfScores, type Scored } from './top-k.js';

/**
 * Options of {@link Bm25Index}. Defaults chosen on the retrieval dev set
 * (scripts/tuning/measure-fusion.ts, results in scripts/tuning/README.md): k1 = 0.9 beat the textbook 1.2 by 0.02–0.04
 * MRR on both chunkings; b between 0.3 and 0.75 made at most one question of difference.
 */
export interface Bm25Options {
  /** Term-frequency saturation. Default 0.9 (short clause-sized chunks: repeats carry little). */
  k1: number;
  /** Length normalisation. Default 0.4. */
  b: number;
  /**
   * Query weight of a character bigram relative to a jieba word (weight 1). Default 0.5, so the
   * three bigrams of an unknown four-character word weigh 1.5 words.
   */
  bigramWeight: number;
  /**
   * Which bigrams of a QUERY are searched (documents always index all of theirs): `all`, or
   * `unknown-words`, only those of query words the index has never seen (a misspelt, damaged or
   * oddly segmented word). Default `unknown-words`: a question has about twice as many bigrams
   * as words, most of them either inside a word that already matched or junk spanning a word
   * boundary (标是, 是多); with `all` the bigrams were at best neutral on the dev set (weight 0.25
   * equal to none, 1 slightly worse), and they double the postings a query scans.
   */
  queryBigrams: 'all' | 'unknown-words';
}

/** Documented defaults of {@link Bm25Options}. */
export const defaultBm25Options: Bm25Options = { k1: 0.9, b: 0.4, bigramWeight: 0.5, queryBigrams: 'unknown-words' };

/** Robertson–Spärck Jones IDF as in Lucene: `ln(1 + (N − df + 0.5)/(df + 0.5))`, always > 0. */
export function bm25Idf(df: number, n: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** Length normaliser of one chunk: `k1·(1 − b + b·len/avgLen)`. */
export function bm25Norm(docLen: number, avgDocLen: number, k1: number, b: number): number {
  return k1 * (1 - b + (b * docLen) / (avgDocLen || 1));
}

/** The term-frequency part of BM25: `tf·(k1+1) / (tf + norm)` (0 for tf = 0). */
export function bm25Impact(tf: number, norm: number, k1: number): number {
  return tf > 0 ? (tf * (k1 + 1)) / (tf + norm) : 0;
}

/** BM25 contribution of one term to one chunk: `idf · tf·(k1+1) / (tf + norm)`. */
export function bm25TermScore(tf: number, idf: number, norm: number, k1: number): number {
  return idf * bm25Impact(tf, norm, k1);
}

/** True for the character-bigram terms {@link tokenize} emits. */
export function isBigramTerm(term: string): boolean {
  return term.startsWith('#');
}

const MAGIC = 0x35324d42; // 'BM25'
const FORMAT = 2;
/** Impacts are stored as `round(impact/(k1+1) · 65535)`: 2 bytes, relative error < 1e-4. */
const QUANT = 65535;

/**
 * A BM25 index over `size` texts (chunk indices 0..size−1). Immutable once built.
 *
 * Each posting stores its precomputed, quantised impact `tf·(k1+1)/(tf+norm)` instead of the raw
 * tf: scoring is then one multiply-add per posting with no per-chunk lookup or division, about
 * 2.5× faster than the textbook loop at 100k chunks (measured when it was written; `npm run bench`
 * times BM25 search today).
 */
export class Bm25Index {
  readonly options: Bm25Options;
  readonly size: number;
  readonly avgDocLen: number;
  private readonly termIds: Map<string, number>;
  private readonly idf: Float32Array;
  /** Reused score buffer of {@link search} (searches are synchronous, so one suffices). */
  private scratch: Float32Array | undefined;

  private constructor(
    private readonly terms: string[],
    private readonly offsets: Uint32Array,
    private readonly docs: Uint32Array,
    private readonly impacts: Uint16Array,
    private readonly docLens: Uint32Array,
    options: Bm25Options,
  ) {
    this.options = options;
    this.size = docLens.length;
    this.termIds = new Map(terms.map((t, i) => [t, i]));
    this.avgDocLen = averageOf(docLens);
    this.idf = new Float32Array(terms.length);
    for (let t = 0; t < terms.length; t++) this.idf[t] = bm25Idf(offsets[t + 1] - offsets[t], this.size);
  }

  /** Indexes texts (tokenised with {@link tokenize}); text `i` is chunk index `i`. */
  static build(texts: Iterable<string>, options: Partial<Bm25Options> = {}): Bm25Index {
    function* lists() {
      for (const t of texts) yield tokenize(t);
    }
    return Bm25Index.fromTermLists(lists(), options);
  }

  /** Indexes already-tokenised texts (each a list of {@link tokenize} terms, repeats counted). */
  static fromTermLists(termLists: Iterable<string[]>, options: Partial<Bm25Options> = {}): Bm25Index {
    const opts = { ...defaultBm25Options, ...options };
    const vocab = new Map<string, number>();
    const terms: string[] = [];
    // Forward lists (chunk → distinct terms with tf), built without a per-chunk Map: lastDoc[t]
    // says whether term t was already seen in this chunk, and where its tf slot is.
    let lastDoc = new Int32Array(1 << 14).fill(-1);
    let slotOf = new Uint32Array(1 << 14);
    const df = new GrowableUint32(1 << 14);
    const fwdTerm = new GrowableUint32(1 << 16);
    const fwdTf = new GrowableUint32(1 << 16);
    const fwdEnd = new GrowableUint32();
    const lens = new GrowableUint32();
    let d = 0;
    for (const list of termLists) {
      for (const term of list) {
        let id = vocab.get(term);
        if (id === undefined) {
          id = terms.length;
          vocab.set(term, id);
          terms.push(term);
          df.push(0);
          if (id >= lastDoc.length) {
            const grown = new Int32Array(lastDoc.length * 2).fill(-1);
            grown.set(lastDoc);
            lastDoc = grown;
            const slots = new Uint32Array(slotOf.length * 2);
            slots.set(slotOf);
            slotOf = slots;
          }
        }
        if (lastDoc[id] === d) {
          fwdTf.add(slotOf[id], 1);
        } else {
          lastDoc[id] = d;
          slotOf[id] = fwdTerm.length;
          fwdTerm.push(id);
          fwdTf.push(1);
          df.add(id, 1);
        }
      }
      fwdEnd.push(fwdTerm.length);
      lens.push(list.length);
      d++;
    }
    const docLens = lens.view().slice();
    const avg = averageOf(docLens);
    // Counting sort of the forward lists into postings (term → chunks): walking chunks in
    // order leaves every posting list sorted by chunk index.
    const dfs = df.view();
    const offsets = new Uint32Array(terms.length + 1);
    for (let t = 0; t < terms.length; t++) offsets[t + 1] = offsets[t] + dfs[t];
    const fill = offsets.slice(0, terms.length);
    const docs = new Uint32Array(fwdTerm.length);
    const impacts = new Uint16Array(fwdTerm.length);
    const ft = fwdTerm.view();
    const ff = fwdTf.view();
    const ends = fwdEnd.view();
    for (let doc = 0, p = 0; doc < ends.length; doc++) {
      const norm = bm25Norm(docLens[doc], avg, opts.k1, opts.b);
      for (; p < ends[doc]; p++) {
        const slot = fill[ft[p]]++;
        docs[slot] = doc;
        impacts[slot] = Math.max(1, Math.round((bm25Impact(ff[p], norm, opts.k1) / (opts.k1 + 1)) * QUANT));
      }
    }
    return new Bm25Index(terms, offsets, docs, impacts, docLens, opts);
  }

  /** Number of distinct terms. */
  get vocabularySize(): number {
    return this.terms.length;
  }

  /** Number of (term, chunk) postings. */
  get postingCount(): number {
    return this.docs.length;
  }

  /** Term count of chunk `i` (its BM25 length). */
  docLength(i: number): number {
    return this.docLens[i];
  }

  /** Document frequency of a term (0 when unknown). */
  documentFrequency(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.offsets[id + 1] - this.offsets[id];
  }

  /**
   * The query's known terms with their weights (words 1, bigrams `bigramWeight`), repeats
   * merged. With `queryBigrams: 'unknown-words'` only the bigrams of query words the index does
   * not know are kept (see {@link Bm25Options.queryBigrams}).
   */
  queryTerms(query: string): Array<{ term: string; id: number; weight: number }> {
    const seen = new Set<number>();
    const out: Array<{ term: string; id: number; weight: number }> = [];
    const add = (term: string) => {
      const id = this.termIds.get(term);
      if (id === undefined || seen.has(id)) return;
      seen.add(id);
      const weight = isBigramTerm(term) ? this.options.bigramWeight : 1;
      if (weight > 0) out.push({ term, id, weight });
    };
    if (this.options.queryBigrams === 'all') {
      for (const term of tokenize(query)) add(term);
      return out;
    }
    const words = tokenizeWords(query);
    for (const w of words) add(w);
    for (const w of words) if (!this.termIds.has(w)) for (const b of charBigrams(w)) add(b);
    return out;
  }

  /**
   * BM25 score of every chunk for `query` (0 = no query term occurs), written into `out` (which
   * is zeroed first) or a fresh array. Reusing one `out` across queries matters at scale: a
   * fresh 400 KB array per query at 100k chunks drives V8 into full garbage collections that
   * showed up as 100 ms tail latencies.
   */
  score(query: string, out?: Float32Array): Float32Array {
    if (out && out.length !== this.size) throw new RangeError(`score buffer has ${out.length} slots, the index ${this.size}`);
    const scores = out ? out.fill(0) : new Float32Array(this.size);
    const { offsets, docs, impacts } = this;
    const scale = (this.options.k1 + 1) / QUANT;
    for (const { id, weight } of this.queryTerms(query)) {
      const w = this.idf[id] * weight * scale;
      for (let p = offsets[id], end = offsets[id + 1]; p < end; p++) scores[docs[p]] += w * impacts[p];
    }
    return scores;
  }

  /** The `k` best chunks for `query`, optionally only those with `allowed[i] === 1`. */
  search(query: string, k: number, allowed?: Uint8Array | null): Scored[] {
    this.scratch ??= new Float32Array(this.size);
    return topKOfScores(this.score(query, this.scratch), k, allowed);
  }

  /** Serialises the index (terms, postings, lengths and options) to one binary buffer. */
  toBuffer(): Buffer {
    const header = Buffer.from(JSON.stringify({ options: this.options, terms: this.terms }), 'utf8');
    const headerPadded = (header.length + 3) & ~3;
    const fixed = 32;
    const parts: Uint8Array[] = [];
    const head = Buffer.alloc(fixed + headerPadded);
    head.writeUInt32LE(MAGIC, 0);
    head.writeUInt32LE(FORMAT, 4);
    head.writeUInt32LE(this.size, 8);
    head.writeUInt32LE(this.terms.length, 12);
    head.writeUInt32LE(this.docs.length, 16);
    head.writeUInt32LE(header.length, 20);
    header.copy(head, fixed);
    parts.push(head, bytesOf(this.offsets), bytesOf(this.docLens), bytesOf(this.docs), bytesOf(this.impacts));
    return Buffer.concat(parts);
  }

  /** Reads {@link toBuffer} output, checking every structural invariant; throws INDEX_CORRUPT. */
  static fromBuffer(buf: Uint8Array, label = 'bm25.bin'): Bm25Index {
    const bad = (why: string, cause?: unknown): never => {
      throw new AppError('INDEX_CORRUPT', `The lexical index file ${label} is damaged (${why}); re-run \`policy ingest\``, { cause });
    };
    if (!LITTLE_ENDIAN) bad('this machine is big-endian');
    const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    if (b.length < 32 || b.readUInt32LE(0) !== MAGIC) bad('not a BM25 index');
    if (b.readUInt32LE(4) !== FORMAT) bad(`unknown format ${b.readUInt32LE(4)}`);
    const [n, termCount, postings, headerLen] = [8, 12, 16, 20].map((o) => b.readUInt32LE(o));
    const start = 32 + ((headerLen + 3) & ~3);
    const expected = start + 4 * (termCount + 1) + 4 * n + 4 * postings + 2 * postings;
    if (b.length !== expected) bad(`size ${b.length}, expected ${expected}`);
    let header: { options: Bm25Options; terms: string[] };
    try {
      header = JSON.parse(b.toString('utf8', 32, 32 + headerLen));
    } catch (err) {
      return bad('unreadable header', err);
    }
    const { options, terms } = header;
    if (!Array.isArray(terms) || terms.length !== termCount || !terms.every((t) => typeof t === 'string')) bad('term list');
    if (!options || ![options.k1, options.b, options.bigramWeight].every((x) => typeof x === 'number' && Number.isFinite(x))) bad('options');
    if (options.queryBigrams !== 'all' && options.queryBigrams !== 'unknown-words') bad('options');
    let at = start;
    const offsets = typedView(Uint32Array, b, at, termCount + 1);
    at += 4 * (termCount + 1);
    const docLens = typedView(Uint32Array, b, at, n);
    at += 4 * n;
    const docs = typedView(Uint32Array, b, at, postings);
    at += 4 * postings;
    const impacts = typedView(Uint16Array, b, at, postings);
    if (offsets[0] !== 0 || offsets[termCount] !== postings) bad('posting offsets');
    for (let t = 0; t < termCount; t++) {
      const [s, e] = [offsets[t], offsets[t + 1]];
      if (e < s) bad('posting offsets');
      for (let p = s; p < e; p++) {
        if (docs[p] >= n || (p > s && docs[p] <= docs[p - 1]) || impacts[p] === 0) bad(`postings of term ${t}`);
      }
    }
    return new Bm25Index(terms, offsets, docs, impacts, docLens, options);
  }
}

function averageOf(xs: Uint32Array): number {
  let total = 0;
  for (let i = 0; i < xs.length; i++) total += xs[i];
  return xs.length ? total / xs.length : 0;
}
