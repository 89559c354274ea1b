/**
 * Chunks → embedder fit → vectors → retrieval index, on the lean path: every chunk context is
 * tokenised ONCE and the terms feed both the builtin embedder's `fit` and BM25 (tokenising is
 * most of the lexical cost), and vectors go in batches straight into one Float32Array (100k
 * chunks as `number[][]` of 1,024 doubles would be 800 MB of heap). The result equals
 * `RetrievalIndex.build(chunks, await embedder.embedDocuments(contexts), docs)` after a fit on
 * the contexts, bit for bit; it is what `npm run bench` measures, and what ingest can call
 * instead of fit + embedDocuments + build.
 */
import { AppError } from '../core/errors.js';
import type { Chunk } from '../ingest/types.js';
import { Bm25Index } from '../retrieval/bm25.js';
import { DenseIndex } from '../retrieval/dense.js';
import { BuiltinEmbedder } from '../retrieval/embeddings/builtin.js';
import type { Embedder } from '../retrieval/embeddings/types.js';
import { RetrievalIndex, type DocInfo, type RetrievalOptions } from '../retrieval/hybrid.js';
import { getJieba, tokenize } from '../zh/tokenize.js';

/** The stages of {@link indexChunks}, in order. */
export type IndexStage = 'tokenize' | 'fit' | 'embed' | 'bm25' | 'hnsw';

/** Options of {@link indexChunks}. */
export interface IndexChunksOptions {
  /** Texts per `embedDocuments` call. Default 1024. */
  batch: number;
  /** Index settings (HNSW M/efConstruction, BM25 k1/b, …). Default: the documented defaults. */
  retrieval: Partial<RetrievalOptions>;
  /** Called as embedding advances (done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Called when a stage ends, with its wall time in ms (the benchmark's breakdown). */
  onStage?: (stage: IndexStage, ms: number) => void;
}

/** Documented defaults of {@link IndexChunksOptions}. */
export const defaultIndexChunksOptions: IndexChunksOptions = { batch: 1024, retrieval: {} };

/**
 * Fits `embedder` on the chunk contexts (when it is corpus-fitted), embeds them and builds the
 * BM25 + HNSW index. `docs` must describe every document the chunks belong to.
 */
export async function indexChunks(chunks: Chunk[], docs: DocInfo[], embedder: Embedder, options: Partial<IndexChunksOptions> = {}): Promise<RetrievalIndex> {
  const o = { ...defaultIndexChunksOptions, ...options };
  // Loading jieba's dictionaries is a once-per-process cost, not part of the first stage.
  getJieba();
  let t = performance.now();
  const stage = (name: IndexStage) => {
    const now = performance.now();
    o.onStage?.(name, now - t);
    t = now;
  };
  const texts = chunks.map((c) => c.context);
  const terms = texts.map((x) => tokenize(x));
  stage('tokenize');

  if (embedder instanceof BuiltinEmbedder) await embedder.fit(texts, terms);
  else await embedder.fit?.(texts);
  stage('fit');

  let vectors: Float32Array | null = null;
  let dim = 0;
  for (let i = 0; i < texts.length; i += o.batch) {
    o.onProgress?.(i, texts.length);
    const batch = await embedder.embedDocuments(texts.slice(i, i + o.batch));
    if (!vectors) {
      dim = batch[0]?.length ?? 0;
      vectors = new Float32Array(texts.length * dim);
    }
    batch.forEach((v, j) => {
      if (v.length !== dim) throw new AppError('EMBEDDING_FAILED', `The embedder returned vectors of ${dim} and ${v.length} dimensions`);
      vectors!.set(v, (i + j) * dim);
    });
  }
  o.onProgress?.(texts.length, texts.length);
  stage('embed');

  const bm25 = Bm25Index.fromTermLists(terms, o.retrieval.bm25);
  stage('bm25');
  const dense = DenseIndex.build(vectors ?? new Float32Array(0), dim, o.retrieval.dense);
  stage('hnsw');
  return RetrievalIndex.fromParts(chunks, docs, bm25, dense, o.retrieval);
}
