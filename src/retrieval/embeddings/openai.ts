/**
 * Embeddings from any OpenAI-compatible `/embeddings` endpoint (OpenAI, vLLM, Ollama,
 * llama.cpp server, text-embeddings-inference…) through the `openai` client.
 * Floats are always requested explicitly: servers that do not implement the client's default
 * base64 transport would otherwise return vectors the client cannot decode.
 */
import OpenAI from 'openai';
import { AppError } from '../../core/errors.js';
import { BaseEmbedder, type BaseEmbedderOptions, type EmbedPurpose } from './base.js';
import type { EmbedderInfo } from './types.js';

/** Options of {@link OpenAIEmbedder}. */
export interface OpenAIEmbedderOptions extends BaseEmbedderOptions {
  /** Endpoint base URL, e.g. `http://127.0.0.1:8080/v1`. Default: the client's (api.openai.com). */
  baseUrl?: string;
  /** Model name sent with every request. Default `text-embedding-3-small`. */
  model?: string;
  /** API key. Default: a placeholder, since local servers usually need none. */
  apiKey?: string;
  /** Output size to request (`dimensions`, text-embedding-3 and some servers only). Default: not sent. */
  dimensions?: number;
  /** Dimension the index expects (set by `restoreEmbedder`); a response of another size is refused. */
  expectedDimension?: number;
  /** Per-request timeout. Default 60000 ms. */
  timeoutMs?: number;
  /** Client retries on 429/5xx/connection errors. Default 2. */
  maxRetries?: number;
  /** Prefix of queries (some embedding models want one). Default none. */
  queryInstruction?: string;
}

/** Documented defaults of {@link OpenAIEmbedderOptions}. */
export const defaultOpenAIOptions = {
  model: 'text-embedding-3-small',
  apiKey: 'sk-no-key-required',
  timeoutMs: 60_000,
  maxRetries: 2,
  batchSize: 64,
  queryInstruction: '',
};

/** The settings that shape the vectors, persisted with the index. */
export interface OpenAIState {
  model: string;
  dimensions?: number;
  queryInstruction: string;
}

/** OpenAI-compatible embeddings client. */
export class OpenAIEmbedder extends BaseEmbedder {
  readonly kind = 'openai' as const;
  private readonly client: OpenAI;
  private readonly model: string;
  private readonly requestDimensions: number | undefined;
  private readonly expectedDimension: number | undefined;
  private readonly queryInstruction: string;
  private readonly endpoint: string;
  private dimension: number;
  private answered = false;

  constructor(options: OpenAIEmbedderOptions = {}) {
    super({ batchSize: defaultOpenAIOptions.batchSize, ...options });
    this.model = options.model ?? defaultOpenAIOptions.model;
    this.requestDimensions = options.dimensions;
    this.expectedDimension = options.expectedDimension;
    this.queryInstruction = options.queryInstruction ?? defaultOpenAIOptions.queryInstruction;
    this.dimension = options.expectedDimension ?? options.dimensions ?? 0;
    this.client = new OpenAI({
      baseURL: options.baseUrl,
      apiKey: options.apiKey || defaultOpenAIOptions.apiKey,
      timeout: options.timeoutMs ?? defaultOpenAIOptions.timeoutMs,
      maxRetries: options.maxRetries ?? defaultOpenAIOptions.maxRetries,
    });
    this.endpoint = this.client.baseURL;
  }

  /**
   * Checks the endpoint and learns (or, after a restore, verifies) the dimension with one small
   * request, unless a response has already been seen; returns the info.
   */
  async load(): Promise<EmbedderInfo> {
    if (!this.answered) await this.embedBatch(['dimension probe'], 'document');
    return this.info();
  }

  /** `dimension` is 0 until the first response (or the expected one given at restore). */
  info(): EmbedderInfo {
    return { kind: 'openai', model: this.model, dimension: this.dimension, id: `openai:${this.model}:${this.dimension}` };
  }

  /** The vector-shaping settings (see {@link OpenAIState}); not corpus-fitted. */
  exportState(): OpenAIState {
    return { model: this.model, ...(this.requestDimensions ? { dimensions: this.requestDimensions } : {}), queryInstruction: this.queryInstruction };
  }

  protected async embedBatch(texts: string[], purpose: EmbedPurpose): Promise<number[][]> {
    const prefix = purpose === 'query' ? this.queryInstruction : '';
    // The API refuses empty strings; a space embeds to "nothing" just as well.
    const input = texts.map((t) => prefix + t || ' ');
    let response: OpenAI.Embeddings.CreateEmbeddingResponse;
    try {
      response = await this.client.embeddings.create({
        model: this.model,
        input,
        encoding_format: 'float',
        ...(this.requestDimensions ? { dimensions: this.requestDimensions } : {}),
      });
    } catch (err) {
      throw new AppError('EMBEDDING_FAILED', `The embeddings endpoint ${this.endpoint} failed: ${describeError(err)}`, {
        cause: err,
        details: { status: (err as { status?: number }).status ?? null },
      });
    }
    const vectors = parseResponse(response, texts.length, this.endpoint);
    this.learnDimension(vectors[0].length);
    return vectors;
  }

  private learnDimension(size: number): void {
    if (this.expectedDimension !== undefined && size !== this.expectedDimension) {
      throw new AppError(
        'EMBEDDER_MISMATCH',
        `The index expects ${this.expectedDimension}-dimensional vectors but ${this.model} at ${this.endpoint} returns ${size}; re-ingest with this embedder`,
      );
    }
    if (this.dimension && size !== this.dimension) {
      throw new AppError('EMBEDDING_FAILED', `The embeddings endpoint ${this.endpoint} changed its vector size from ${this.dimension} to ${size}`);
    }
    this.dimension = size;
    this.answered = true;
  }
}

function parseResponse(response: unknown, expected: number, endpoint: string): number[][] {
  const data = (response as { data?: unknown })?.data;
  if (!Array.isArray(data) || data.length !== expected) {
    throw new AppError(
      'EMBEDDING_FAILED',
      `The embeddings endpoint ${endpoint} returned ${Array.isArray(data) ? data.length : 'no'} embeddings for ${expected} inputs`,
    );
  }
  const out: number[][] = new Array(expected);
  data.forEach((item: { index?: unknown; embedding?: unknown }, i) => {
    // Servers are meant to echo `index`; fall back to order when they do not.
    const at = typeof item?.index === 'number' ? item.index : i;
    if (!Array.isArray(item?.embedding) || at < 0 || at >= expected || out[at]) {
      throw new AppError(
        'EMBEDDING_FAILED',
        `The embeddings endpoint ${endpoint} returned a malformed embedding (is it OpenAI-compatible, with encoding_format "float"?)`,
      );
    }
    out[at] = (item.embedding as number[]).slice();
  });
  return out;
}

function describeError(err: unknown): string {
  if (err instanceof OpenAI.APIError) {
    return err.status ? `HTTP ${err.status}: ${err.message}` : err.message;
  }
  return err instanceof Error ? err.message : String(err);
}
