/**
 * The default embedder: offline, zero-download, deterministic, and FIT on the indexed
 * corpus. Texts become TF-IDF rows over `tokenize()` terms (jieba words + character
 * bigrams), which one of three methods turns into a dense vector:
 *
 * - `hash`: signed feature hashing of the TF-IDF row into `dimension` buckets;
 * - `lsa`:  projection on the top singular vectors of the corpus TF-IDF matrix (randomized SVD);
 * - `rp`:   seeded Gaussian random projection.
 *
 * The default was chosen by measurement (`scripts/tuning/measure-embedders.ts`, docs/embedders.md).
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../core/errors.js';
import { tokenize } from '../../zh/tokenize.js';
import { BaseEmbedder, type BaseEmbedderOptions, type EmbedPurpose } from './base.js';
import { createRng, gaussian, randomizedSvd, type SparseRow } from './linalg.js';
import { TermWeigher, fitVocabularyFromTerms, hashString, restoreVocabulary, type TermVocabulary } from './tfidf.js';
import type { EmbedderInfo } from './types.js';

/** How the TF-IDF row becomes a dense vector. */
export type BuiltinMethod = 'hash' | 'lsa' | 'rp';

/** Options of {@link BuiltinEmbedder}. */
export interface BuiltinEmbedderOptions extends BaseEmbedderOptions {
  /** Default `hash` (see docs/embedders.md for the measurement behind it). */
  method?: BuiltinMethod;
  /** Output dimension (an upper bound for `lsa`, which cannot exceed the corpus rank). Default per method: hash 1024, lsa 256, rp 256. */
  dimension?: number;
  /** Seed of every random choice (hash signs, projections, SVD sketch). Default 42. */
  seed?: number;
  /** Weight of character-bigram terms relative to jieba words. Default 1. */
  bigramWeight?: number;
  /** LSA only: scale component j by σ_j^lsaExponent (0 = classic LSI document space). Default 0. */
  lsaExponent?: number;
}

/** Defaults of {@link BuiltinEmbedderOptions}. */
export const defaultBuiltinOptions = {
  method: 'hash' as BuiltinMethod,
  dimension: { hash: 1024, lsa: 256, rp: 256 } as Record<BuiltinMethod, number>,
  seed: 42,
  bigramWeight: 1,
  lsaExponent: 0,
  batchSize: 512,
};

const MODEL_NAMES: Record<BuiltinMethod, string> = { hash: 'tfidf-hash-v1', lsa: 'tfidf-lsa-v1', rp: 'tfidf-rp-v1' };
const STATE_FORMAT = 'policy-builtin-embedder';
const SIGN_SALT = 0x9e3779b9;

/** The JSON-serialisable fitted state (see {@link BuiltinEmbedder.exportState}). */
export interface BuiltinState {
  format: typeof STATE_FORMAT;
  version: 1;
  method: BuiltinMethod;
  dimension: number;
  seed: number;
  bigramWeight: number;
  lsaExponent: number;
  docCount: number;
  terms: string[];
  idf: number[];
  /** `lsa` only: the terms × dimension projection, Float32 little-endian, base64. */
  projection?: string;
}

/** Corpus-fitted TF-IDF embedder; call {@link fit} (or restore with {@link fromState}) before embedding. */
export class BuiltinEmbedder extends BaseEmbedder {
  readonly kind = 'builtin' as const;
  private readonly method: BuiltinMethod;
  /** Requested size; `lsa` may end up smaller (the corpus rank), kept in {@link dimension}. */
  private readonly targetDimension: number;
  private dimension: number;
  private readonly seed: number;
  private readonly bigramWeight: number;
  private readonly lsaExponent: number;
  private vocab: TermVocabulary | undefined;
  private projection: Float32Array | undefined;
  private buckets: Int32Array | undefined;
  private signs: Float64Array | undefined;
  private readonly rpCache = new Map<number, Float32Array>();
  /** Term lists seen by `fit`, reused once by `embedDocuments` so ingest tokenises each chunk once. */
  private pending = new Map<string, readonly string[]>();
  private weigher: TermWeigher | undefined;
  private stateHash = 'unfitted';

  constructor(options: BuiltinEmbedderOptions = {}) {
    super({ batchSize: defaultBuiltinOptions.batchSize, ...options });
    this.method = options.method ?? defaultBuiltinOptions.method;
    if (!(this.method in MODEL_NAMES)) throw new AppError('EMBEDDER_UNKNOWN', `Unknown builtin method "${this.method}" (use hash, lsa or rp)`);
    this.targetDimension = Math.max(1, Math.floor(options.dimension ?? defaultBuiltinOptions.dimension[this.method]));
    this.dimension = this.targetDimension;
    this.seed = options.seed ?? defaultBuiltinOptions.seed;
    this.bigramWeight = options.bigramWeight ?? defaultBuiltinOptions.bigramWeight;
    this.lsaExponent = options.lsaExponent ?? defaultBuiltinOptions.lsaExponent;
  }

  /** Restores a fitted embedder from {@link exportState} output; throws INDEX_CORRUPT on a malformed state. */
  static fromState(state: unknown, options: BaseEmbedderOptions = {}): BuiltinEmbedder {
    const s = validateState(state);
    const e = new BuiltinEmbedder({
      ...options,
      method: s.method,
      dimension: s.dimension,
      seed: s.seed,
      bigramWeight: s.bigramWeight,
      lsaExponent: s.lsaExponent,
    });
    e.vocab = restoreVocabulary(s.terms, s.idf, s.docCount);
    if (s.method === 'lsa') {
      const buf = Buffer.from(s.projection ?? '', 'base64');
      if (buf.length !== s.terms.length * s.dimension * 4)
        throw new AppError('INDEX_CORRUPT', 'The builtin embedder state has a projection of the wrong size; re-run `policy ingest`');
      e.projection = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
    }
    e.afterFit();
    return e;
  }

  /**
   * Learns vocabulary and IDF (and, for `lsa`, the projection) from the corpus texts.
   * Deterministic. `terms`, when given, must be `tokenize(texts[i])` (default options): a
   * caller that already tokenised the chunks (e.g. for BM25) saves the second pass.
   */
  async fit(texts: string[], terms?: string[][]): Promise<void> {
    if (terms && terms.length !== texts.length) throw new Error('fit: terms must have one entry per text');
    const lists = terms ?? texts.map((t) => tokenize(t));
    this.pending = new Map(texts.map((t, i) => [t, lists[i]]));
    this.vocab = fitVocabularyFromTerms(lists);
    this.weigher = new TermWeigher(this.vocab, { bigramWeight: this.bigramWeight });
    this.projection = undefined;
    if (this.method === 'lsa') {
      const rows = lists.map((l) => this.weigher!.row(l));
      const svd = randomizedSvd(rows, this.vocab.terms.length, { rank: this.targetDimension, seed: this.seed });
      this.dimension = Math.max(1, svd.rank);
      this.projection = new Float32Array(this.vocab.terms.length * this.dimension);
      for (let t = 0; t < this.vocab.terms.length; t++)
        for (let j = 0; j < svd.rank; j++) this.projection[t * this.dimension + j] = svd.termVectors[t * svd.rank + j] * svd.values[j] ** this.lsaExponent;
    }
    this.afterFit();
  }

  /** The fitted state, JSON-serialisable; {@link fromState} turns it back into an equal embedder. */
  exportState(): BuiltinState {
    const vocab = this.requireVocab();
    const state: BuiltinState = {
      format: STATE_FORMAT,
      version: 1,
      method: this.method,
      dimension: this.dimension,
      seed: this.seed,
      bigramWeight: this.bigramWeight,
      lsaExponent: this.lsaExponent,
      docCount: vocab.docCount,
      terms: vocab.terms,
      idf: Array.from(vocab.idf),
    };
    if (this.projection) state.projection = Buffer.from(this.projection.buffer, this.projection.byteOffset, this.projection.byteLength).toString('base64');
    return state;
  }

  /** Method and version as `model`; `id` ends with a short hash of the fitted state. */
  info(): EmbedderInfo {
    const model = MODEL_NAMES[this.method];
    return { kind: 'builtin', model, dimension: this.dimension, id: `builtin:${model}:${this.dimension}:${this.stateHash}` };
  }

  protected async embedBatch(texts: string[], purpose: EmbedPurpose): Promise<number[][]> {
    this.requireVocab();
    return texts.map((text) => {
      let terms = purpose === 'document' ? this.pending.get(text) : undefined;
      if (terms) this.pending.delete(text);
      else terms = tokenize(text);
      return this.project(this.weigher!.row(terms));
    });
  }

  private afterFit(): void {
    const vocab = this.requireVocab();
    this.weigher = new TermWeigher(vocab, { bigramWeight: this.bigramWeight });
    if (this.method === 'hash') {
      // One hash picks the bucket, an independent one the sign, so colliding terms cancel in expectation.
      this.buckets = Int32Array.from(vocab.terms, (t) => hashString(t, this.seed) % this.dimension);
      this.signs = Float64Array.from(vocab.terms, (t) => (hashString(t, this.seed ^ SIGN_SALT) & 1 ? -1 : 1));
    }
    this.rpCache.clear();
    const { projection: _p, ...rest } = this.exportState();
    const digest = createHash('sha256').update(JSON.stringify(rest));
    if (this.projection) digest.update(new Uint8Array(this.projection.buffer, this.projection.byteOffset, this.projection.byteLength));
    this.stateHash = digest.digest('hex').slice(0, 10);
  }

  private project({ idx, val }: SparseRow): number[] {
    const d = this.dimension;
    const out: number[] = new Array<number>(d).fill(0);
    if (this.method === 'hash') {
      const buckets = this.buckets!;
      const signs = this.signs!;
      for (let k = 0; k < idx.length; k++) out[buckets[idx[k]]] += signs[idx[k]] * val[k];
    } else if (this.method === 'lsa') {
      const p = this.projection!;
      for (let k = 0; k < idx.length; k++) {
        const base = idx[k] * d;
        for (let j = 0; j < d; j++) out[j] += val[k] * p[base + j];
      }
    } else {
      for (let k = 0; k < idx.length; k++) {
        const r = this.randomVector(idx[k]);
        for (let j = 0; j < d; j++) out[j] += val[k] * r[j];
      }
    }
    return out;
  }

  /** The term's Gaussian projection row, seeded by the term itself so it never depends on vocabulary order. */
  private randomVector(termIndex: number): Float32Array {
    let r = this.rpCache.get(termIndex);
    if (!r) {
      const rng = createRng(hashString(this.requireVocab().terms[termIndex], this.seed));
      r = Float32Array.from({ length: this.dimension }, () => gaussian(rng));
      this.rpCache.set(termIndex, r);
    }
    return r;
  }

  private requireVocab(): TermVocabulary {
    if (!this.vocab) throw new Error('The builtin embedder must be fitted (fit) or restored (fromState) before it can embed');
    return this.vocab;
  }
}

function validateState(state: unknown): BuiltinState {
  const s = state as Partial<BuiltinState> | null;
  const ok =
    !!s &&
    typeof s === 'object' &&
    s.format === STATE_FORMAT &&
    s.version === 1 &&
    (s.method === 'hash' || s.method === 'lsa' || s.method === 'rp') &&
    Number.isInteger(s.dimension) &&
    (s.dimension as number) > 0 &&
    typeof s.seed === 'number' &&
    typeof s.bigramWeight === 'number' &&
    typeof s.lsaExponent === 'number' &&
    typeof s.docCount === 'number' &&
    Array.isArray(s.terms) &&
    Array.isArray(s.idf) &&
    s.terms.length === s.idf.length;
  if (!ok) throw new AppError('INDEX_CORRUPT', 'The builtin embedder state in the index is missing or malformed; re-run `policy ingest`');
  return s as BuiltinState;
}
