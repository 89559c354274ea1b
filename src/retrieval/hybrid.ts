/**
 * The retrieval index: BM25 + HNSW over the same chunks, with filters, score fusion and
 * diversification, and persistence to one folder.
 *
 * A hybrid search takes the `pool` best chunks of each signal, gives every candidate BOTH exact
 * scores (the BM25 accumulator already holds every chunk's lexical score; the dense score of a
 * lexical candidate is one dot product), fuses them ({@link fuseScores}), and diversifies the
 * best candidates ({@link diversify}).
 */
import { AppError } from '../core/errors.js';
import type { Chunk } from '../ingest/types.js';
import { Bm25Index, type Bm25Options } from './bm25.js';
import { DenseIndex, cosineAt, inverseNorms, type DenseOptions } from './dense.js';
import { diversify, type DiversifyOptions } from './diversify.js';
import { allowedChunks, regionKeys } from './filters.js';
import { fuseScores, type FusionOptions } from './fusion.js';
import { readIndexFiles, writeIndexFiles } from './persist.js';
import { topKOfScores } from './top-k.js';
import type { DocInfo, SearchHit, SearchMode, SearchOptions } from './types.js';

export type { DocInfo } from './types.js';

/** Options of {@link RetrievalIndex} (all optional; defaults documented on each part). */
export interface RetrievalOptions {
  bm25: Partial<Bm25Options>;
  dense: Partial<DenseOptions>;
  fusion: Partial<FusionOptions>;
  diversify: Partial<DiversifyOptions>;
  /** Candidates taken from each signal before fusion: max(pool, 3k). Default 50. */
  pool: number;
  /** Fused candidates diversification chooses from: max(diversifyPool, 3k). Default 30. */
  diversifyPool: number;
  /** Largest k a search accepts. Default 200. */
  maxK: number;
}

/** Documented defaults of the top-level {@link RetrievalOptions}. */
export const defaultRetrievalOptions = { pool: 50, diversifyPool: 30, maxK: 200 } as const;

/** Per-search overrides on top of {@link SearchOptions} (used by the measurement scripts). */
export interface HybridSearchOptions extends SearchOptions {
  fusion?: Partial<FusionOptions>;
  diversifyOptions?: Partial<DiversifyOptions>;
}

/** Chunks + vectors + document info, searchable lexically, densely or both. */
export class RetrievalIndex {
  readonly chunks: Chunk[];
  readonly docs: ReadonlyMap<string, DocInfo>;
  readonly bm25: Bm25Index;
  readonly dense: DenseIndex;
  readonly options: Partial<RetrievalOptions>;
  private readonly chunksByDoc: Map<string, Uint32Array>;
  private lexScratch: Float32Array | undefined;
  private readonly regionKeysByDoc: Map<string, Set<string>>;

  private constructor(chunks: Chunk[], docs: DocInfo[], bm25: Bm25Index, dense: DenseIndex, options: Partial<RetrievalOptions>) {
    this.chunks = chunks;
    this.docs = new Map(docs.map((d) => [d.id, d]));
    this.bm25 = bm25;
    this.dense = dense;
    this.options = options;
    const lists = new Map<string, number[]>();
    chunks.forEach((c, i) => {
      if (!this.docs.has(c.docId)) throw new Error(`Chunk ${c.id} belongs to document ${c.docId}, which has no DocInfo`);
      let l = lists.get(c.docId);
      if (!l) lists.set(c.docId, (l = []));
      l.push(i);
    });
    this.chunksByDoc = new Map([...lists].map(([id, l]) => [id, Uint32Array.from(l)]));
    this.regionKeysByDoc = new Map(docs.map((d) => [d.id, regionKeys(d.region)]));
  }

  /**
   * Builds the index. `vectors[i]` is the embedding of `chunks[i].context` (number[][] or a
   * row-major Float32Array); `docs` describes every document the chunks belong to. BM25 indexes
   * `chunks[i].context` (title + clause path + heading + text); a caller that already tokenised
   * the contexts (the builtin embedder's `fit` takes the same terms) passes them as
   * `prepared.terms[i] = tokenize(chunks[i].context)` to skip the second pass, which is most of
   * the lexical build time.
   */
  static build(
    chunks: Chunk[],
    vectors: number[][] | Float32Array,
    docs: DocInfo[],
    options: Partial<RetrievalOptions> = {},
    prepared: { terms?: string[][] } = {},
  ): RetrievalIndex {
    const { flat, dim } = flattenVectors(vectors, chunks.length);
    if (prepared.terms && prepared.terms.length !== chunks.length) {
      throw new Error(`${chunks.length} chunks but ${prepared.terms.length} term lists`);
    }
    const bm25 = prepared.terms
      ? Bm25Index.fromTermLists(prepared.terms, options.bm25)
      : Bm25Index.build(
          chunks.map((c) => c.context),
          options.bm25,
        );
    const dense = DenseIndex.build(flat, dim, options.dense);
    return new RetrievalIndex([...chunks], docs, bm25, dense, options);
  }

  /**
   * Assembles an index from parts built separately (benchmarks time them one by one). `bm25`
   * must index `chunks[i].context` and `dense` hold `chunks[i]`'s vector in row i.
   */
  static fromParts(chunks: Chunk[], docs: DocInfo[], bm25: Bm25Index, dense: DenseIndex, options: Partial<RetrievalOptions> = {}): RetrievalIndex {
    if (bm25.size !== chunks.length || dense.size !== chunks.length) {
      throw new Error(`Parts cover ${bm25.size} (lexical) and ${dense.size} (dense) chunks, not ${chunks.length}`);
    }
    return new RetrievalIndex(chunks, docs, bm25, dense, options);
  }

  /** Number of chunks. */
  get size(): number {
    return this.chunks.length;
  }

  /** Vector dimension (0 for an empty index). */
  get dimension(): number {
    return this.dense.dim;
  }

  /**
   * Searches. `queryVector` is the query's embedding (same embedder as the index); it may be
   * null for lexical search, and hybrid search without one is lexical. Hits come in rank order;
   * `score` is the hit's fused relevance (in single-signal modes, that signal's score). With
   * diversification on (the default) a later rank can carry a higher score than an earlier one:
   * it was held back as a copy of, or one too many from the document of, a hit above it.
   */
  search(query: string, queryVector: number[] | Float32Array | null, options: HybridSearchOptions = {}): SearchHit[] {
    const maxK = this.options.maxK ?? defaultRetrievalOptions.maxK;
    const k = options.k ?? 10;
    if (!Number.isInteger(k) || k < 1 || k > maxK) throw new RangeError(`k must be an integer from 1 to ${maxK}`);
    const mode: SearchMode = options.mode ?? 'hybrid';
    if (mode === 'dense' && !queryVector) throw new TypeError('Dense search needs a query vector');
    const allowed = allowedChunks(this.docs.values(), this.chunksByDoc, this.size, options, (d) => this.regionKeysByDoc.get(d.id)!);
    if (allowed && allowed.list.length === 0) return [];

    let qv: Float32Array | null = null;
    if (queryVector && mode !== 'lexical') {
      if (queryVector.length !== this.dimension && this.size > 0) {
        throw new AppError('EMBEDDER_MISMATCH', `The query vector has ${queryVector.length} dimensions; the index was built with ${this.dimension}`);
      }
      qv = Float32Array.from(queryVector);
      // A zero vector (nothing the embedder knows) carries no dense signal.
      if (!inverseNorms(qv, qv.length)[0]) qv = null;
    }
    const useLexical = mode !== 'dense';
    const useDense = mode !== 'lexical' && qv !== null && this.size > 0;
    const pool = Math.max(this.options.pool ?? defaultRetrievalOptions.pool, 3 * k);

    // One score buffer per index, reused: search is synchronous and never re-entered.
    this.lexScratch ??= new Float32Array(this.size);
    const lex = useLexical ? this.bm25.score(query, this.lexScratch) : null;
    const candidates = new Set<number>();
    if (lex) for (const h of topKOfScores(lex, pool, allowed?.mask)) candidates.add(h.index);
    const denseHits = useDense ? this.dense.search(qv!, pool, allowed) : [];
    for (const h of denseHits) candidates.add(h.index);

    const ids = [...candidates];
    const qn = qv ? inverseNorms(qv, qv.length)[0] : 0;
    const lexScores = ids.map((i) => (lex ? lex[i] : 0));
    const denseScores = ids.map((i) => (qv ? cosineAt(this.dense.vectors, this.dimension, this.dense.invNorms, i, qv, qn) : 0));
    const fused =
      useLexical && useDense ? fuseScores(lexScores, denseScores, { ...this.options.fusion, ...options.fusion }) : useLexical ? lexScores : denseScores;
    const order = ids.map((_, j) => j).sort((a, b) => fused[b] - fused[a] || ids[a] - ids[b]);

    let picked: number[];
    if (options.diversify ?? true) {
      const divPool = order.slice(0, Math.max(this.options.diversifyPool ?? defaultRetrievalOptions.diversifyPool, 3 * k));
      const cands = divPool.map((j) => ({ docId: this.chunks[ids[j]].docId, text: this.chunks[ids[j]].text, score: fused[j] }));
      picked = diversify(cands, k, { ...this.options.diversify, ...options.diversifyOptions }).map((p) => divPool[p]);
    } else {
      picked = order.slice(0, k);
    }
    return picked.map((j, r) => this.toHit(ids[j], r + 1, fused[j], useLexical ? lexScores[j] : null, useDense ? denseScores[j] : null));
  }

  private toHit(i: number, rank: number, fused: number, lexical: number | null, dense: number | null): SearchHit {
    const c = this.chunks[i];
    const doc = this.docs.get(c.docId)!;
    return {
      chunkId: c.id,
      docId: c.docId,
      source: c.docId,
      title: doc.title,
      clausePath: c.clausePath,
      heading: c.heading,
      kind: c.kind,
      text: c.text,
      start: c.start,
      end: c.end,
      score: fused,
      scores: { dense, lexical, fused },
      rank,
    };
  }

  /** Writes the index into `dir` (see persist.ts for the layout). */
  save(dir: string): void {
    writeIndexFiles(dir, {
      chunks: this.chunks,
      docs: [...this.docs.values()],
      vectors: this.dense.vectors,
      dim: this.dimension,
      bm25: this.bm25.toBuffer(),
      writeHnsw: (path) => this.dense.save(path),
      options: this.options,
    });
  }

  /** Loads an index written by {@link save}. Throws INDEX_CORRUPT when any file is missing or damaged. */
  static load(dir: string): RetrievalIndex {
    const parts = readIndexFiles(dir);
    // JSON turned any Infinity into null; drop nulls so the documented defaults apply instead.
    const options = JSON.parse(JSON.stringify(parts.manifest.options ?? {}), (_k, v) => (v === null ? undefined : v)) as Partial<RetrievalOptions>;
    const bm25 = Bm25Index.fromBuffer(parts.bm25, `${dir}/bm25.bin`);
    if (bm25.size !== parts.chunks.length) {
      throw new AppError('INDEX_CORRUPT', `The lexical index in ${dir} covers ${bm25.size} chunks, not ${parts.chunks.length}; re-run \`policy ingest\``);
    }
    const dense = DenseIndex.load(parts.hnswPath, parts.vectors, parts.manifest.dim, options.dense);
    return new RetrievalIndex(parts.chunks, parts.docs, bm25, dense, options);
  }
}

/** Row-major Float32 copy of `vectors` (or the array itself), checked for shape and finiteness. */
function flattenVectors(vectors: number[][] | Float32Array, count: number): { flat: Float32Array; dim: number } {
  let dim: number;
  let flat: Float32Array;
  if (vectors instanceof Float32Array) {
    dim = count ? vectors.length / count : 0;
    if (!Number.isInteger(dim)) throw new Error(`${vectors.length} floats do not split into ${count} vectors`);
    flat = vectors;
  } else {
    if (vectors.length !== count) throw new Error(`${count} chunks but ${vectors.length} vectors`);
    dim = vectors[0]?.length ?? 0;
    flat = new Float32Array(count * dim);
    vectors.forEach((v, i) => {
      if (v.length !== dim) throw new Error(`Vector ${i} has ${v.length} dimensions, expected ${dim}`);
      flat.set(v, i * dim);
    });
  }
  for (let i = 0; i < flat.length; i++) if (!Number.isFinite(flat[i])) throw new Error(`Vector ${Math.floor(i / dim)} has a non-finite value`);
  return { flat, dim };
}
