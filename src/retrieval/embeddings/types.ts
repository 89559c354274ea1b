/**
 * The embedder abstraction. Compatible with @langchain/core's `Embeddings`
 * (`embedDocuments`, `embedQuery`), plus what an index needs to know about who built it.
 */

export type EmbedderKind = 'builtin' | 'transformers' | 'openai';

/** Recorded in the index manifest; a query embedder whose `id` differs is refused. */
export interface EmbedderInfo {
  kind: EmbedderKind;
  /** Model id, or the builtin method name and version. */
  model: string;
  dimension: number;
  /** `${kind}:${model}:${dimension}` (plus a state hash for corpus-fitted embedders). */
  id: string;
}

export interface Embedder {
  readonly kind: EmbedderKind;
  /** Embeds passages for indexing. Vectors are L2-normalised. */
  embedDocuments(texts: string[]): Promise<number[][]>;
  /** Embeds a query (with the model's query instruction, if it has one). L2-normalised. */
  embedQuery(text: string): Promise<number[]>;
  /** Valid after `fit` (builtin) or first use / `load` (neural). */
  info(): EmbedderInfo;
  /**
   * Optional: does the slow or remote preparation now (loads the model, learns the dimension
   * from the endpoint) so `info()` is complete before the first embedding. Returns `info()`.
   */
  load?(): Promise<EmbedderInfo>;
  /**
   * Corpus-fitted embedders learn from the documents' texts here; others ignore it.
   * Must be deterministic: same texts, same state.
   */
  fit?(texts: string[]): Promise<void>;
  /**
   * JSON-serialisable state persisted with the index: the fit of corpus-fitted embedders; for
   * the others, the settings that shape their vectors (dtype, pooling, instructions), so a
   * restore embeds queries the same way.
   */
  exportState?(): unknown;
}
