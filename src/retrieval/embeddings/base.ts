/**
 * The base of every embedder: a LangChain `Embeddings` (so any of ours can be passed where
 * LangChain expects one) that also implements our {@link Embedder}. Subclasses implement
 * one method, {@link BaseEmbedder.embedBatch}; the base batches, bounds concurrency,
 * checks what came back and L2-normalises.
 */
import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings';
import { AppError } from '../../core/errors.js';
import type { Embedder, EmbedderInfo, EmbedderKind } from './types.js';

/** Whether a text is embedded as a search query or as a passage to be found. */
export type EmbedPurpose = 'query' | 'document';

/** Options every embedder accepts. */
export interface BaseEmbedderOptions extends EmbeddingsParams {
  /** Texts per {@link BaseEmbedder.embedBatch} call. Default 32. */
  batchSize?: number;
  /** Batches in flight at once (LangChain's `maxConcurrency`). Default 1. */
  maxConcurrency?: number;
}

/** Defaults of {@link BaseEmbedderOptions}. */
export const defaultBaseEmbedderOptions = { batchSize: 32, maxConcurrency: 1 } as const;

/**
 * Abstract embedder. Vectors returned by `embedDocuments`/`embedQuery` have unit L2 norm,
 * except the zero vector for a text that has nothing to embed (e.g. only terms the builtin
 * embedder never saw), which stays zero so it matches nothing rather than everything.
 */
export abstract class BaseEmbedder extends Embeddings implements Embedder {
  abstract readonly kind: EmbedderKind;
  protected readonly batchSize: number;
  protected readonly concurrency: number;

  constructor(options: BaseEmbedderOptions = {}) {
    // Retries belong to the subclasses that talk to a network (and map errors); LangChain's
    // caller would otherwise retry our deliberate AppErrors six times.
    super({ ...options, maxRetries: 0 });
    this.batchSize = Math.max(1, Math.floor(options.batchSize ?? defaultBaseEmbedderOptions.batchSize));
    this.concurrency = Math.max(1, Math.floor(options.maxConcurrency ?? defaultBaseEmbedderOptions.maxConcurrency));
  }

  /** Who built the vectors; see {@link EmbedderInfo}. */
  abstract info(): EmbedderInfo;

  /**
   * Embeds one batch (at most `batchSize` texts), in order. Need not normalise. Must return
   * fresh arrays: the base normalises them in place.
   */
  protected abstract embedBatch(texts: string[], purpose: EmbedPurpose): Promise<number[][]>;

  /** Embeds passages for indexing, in batches, L2-normalised. */
  async embedDocuments(texts: string[]): Promise<number[][]> {
    return this.embedAll(texts, 'document');
  }

  /** Embeds one query (with the model's query instruction, if any), L2-normalised. */
  async embedQuery(text: string): Promise<number[]> {
    const [vector] = await this.embedAll([text], 'query');
    return vector;
  }

  private async embedAll(texts: string[], purpose: EmbedPurpose): Promise<number[][]> {
    const batches: string[][] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) batches.push(texts.slice(i, i + this.batchSize));
    const results: number[][][] = new Array(batches.length);
    let next = 0;
    const worker = async () => {
      while (next < batches.length) {
        const b = next++;
        const vectors = await this.embedBatch(batches[b], purpose);
        results[b] = checkBatch(vectors, batches[b].length, this.kind);
        for (const v of results[b]) normalizeInPlace(v);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, batches.length) }, worker));
    const out = results.flat();
    const dim = out[0]?.length;
    if (out.some((v) => v.length !== dim)) {
      throw new AppError('EMBEDDING_FAILED', `The ${this.kind} embedder returned vectors of different lengths`);
    }
    return out;
  }
}

function checkBatch(vectors: number[][], expected: number, kind: EmbedderKind): number[][] {
  if (!Array.isArray(vectors) || vectors.length !== expected) {
    throw new AppError('EMBEDDING_FAILED', `The ${kind} embedder returned ${Array.isArray(vectors) ? vectors.length : 'no'} vectors for ${expected} texts`);
  }
  for (const v of vectors) {
    let ok = Array.isArray(v) && v.length > 0;
    // Plain loop: this runs over every component of every vector at ingest.
    for (let i = 0; ok && i < v.length; i++) ok = typeof v[i] === 'number' && Number.isFinite(v[i]);
    if (!ok) throw new AppError('EMBEDDING_FAILED', `The ${kind} embedder returned an empty or non-numeric vector`);
  }
  return vectors;
}

function normalizeInPlace(v: number[]): void {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  if (s === 0) return;
  const inv = 1 / Math.sqrt(s);
  for (let i = 0; i < v.length; i++) v[i] *= inv;
}

/** Returns `v` scaled to unit L2 norm (a zero vector is returned unchanged). Pure. */
export function l2Normalize(v: number[]): number[] {
  const out = v.slice();
  normalizeInPlace(out);
  return out;
}

/** Dot product of two equal-length vectors (= cosine for unit vectors). Pure. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
