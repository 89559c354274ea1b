/**
 * The embedding layer's public entry: types, the three embedders, and the two factories the
 * rest of the product uses: {@link createEmbedder} (ingest) and {@link restoreEmbedder}
 * (loading an index, which must embed queries exactly as its documents were embedded).
 */
import { AppError } from '../../core/errors.js';
import type { BaseEmbedder } from './base.js';
import { BuiltinEmbedder, type BuiltinMethod } from './builtin.js';
import { OpenAIEmbedder, type OpenAIState } from './openai.js';
import { TransformersEmbedder, type TransformersDtype, type TransformersPooling, type TransformersState } from './transformers.js';
import type { Embedder, EmbedderInfo, EmbedderKind } from './types.js';

/** What the factories return: a LangChain `Embeddings` and our {@link Embedder} (optional members included). */
export type PolicyEmbedder = BaseEmbedder & Embedder;

export type { Embedder, EmbedderInfo, EmbedderKind } from './types.js';
export { BaseEmbedder, l2Normalize, dot, defaultBaseEmbedderOptions, type BaseEmbedderOptions, type EmbedPurpose } from './base.js';
export { BuiltinEmbedder, defaultBuiltinOptions, type BuiltinEmbedderOptions, type BuiltinMethod, type BuiltinState } from './builtin.js';
export {
  TransformersEmbedder,
  defaultTransformersOptions,
  modelCardDefaults,
  DTYPE_SUFFIX,
  type TransformersEmbedderOptions,
  type TransformersDtype,
  type TransformersPooling,
  type TransformersState,
} from './transformers.js';
export { OpenAIEmbedder, defaultOpenAIOptions, type OpenAIEmbedderOptions, type OpenAIState } from './openai.js';

/** Everything needed to build an embedder of any kind; fields that do not apply to the kind are ignored. */
export interface CreateEmbedderOptions {
  /** Default `builtin`. */
  kind?: EmbedderKind;
  /** transformers: local models folder. Default `models`. */
  modelsDir?: string;
  /** transformers: model id (default `Xenova/bge-small-zh-v1.5`); openai: model name (default `text-embedding-3-small`). Ignored by builtin. */
  model?: string;
  /** transformers: allow downloading missing files. Default false. */
  allowRemote?: boolean;
  /** openai: endpoint base URL. */
  baseUrl?: string;
  /** openai: API key (a placeholder is sent when unset). */
  apiKey?: string;
  /** Texts per request/batch. Default per kind (builtin 512, transformers 16, openai 64). */
  batchSize?: number;
  /** builtin: `hash` (default), `lsa` or `rp`. */
  method?: BuiltinMethod;
  /** builtin: output dimension; openai: `dimensions` to request. */
  dimension?: number;
  /** transformers: weight variant. Default `q8`. */
  dtype?: TransformersDtype;
  /** transformers: pooling. Default per model card. */
  pooling?: TransformersPooling;
  /** transformers/openai: query prefix. Default per model card (transformers) or none (openai). */
  queryInstruction?: string;
  /** openai: per-request timeout in ms. Default 60000. */
  timeoutMs?: number;
  /** openai: client retries. Default 2. */
  maxRetries?: number;
}

/**
 * Builds a fresh embedder for ingest. A transformers embedder checks its model files here
 * (MODEL_FILE_MISSING names the missing one) but loads the model lazily.
 */
export async function createEmbedder(options: CreateEmbedderOptions = {}): Promise<PolicyEmbedder> {
  const kind = options.kind ?? 'builtin';
  const batch = options.batchSize ? { batchSize: options.batchSize } : {};
  switch (kind) {
    case 'builtin':
      return new BuiltinEmbedder({ ...batch, method: options.method, dimension: options.dimension });
    case 'transformers': {
      const e = new TransformersEmbedder({
        ...batch,
        modelsDir: options.modelsDir,
        model: options.model,
        allowRemote: options.allowRemote,
        dtype: options.dtype,
        pooling: options.pooling,
        queryInstruction: options.queryInstruction,
      });
      e.checkFiles();
      return e;
    }
    case 'openai':
      return new OpenAIEmbedder({
        ...batch,
        baseUrl: options.baseUrl,
        apiKey: options.apiKey,
        model: options.model,
        dimensions: options.dimension,
        queryInstruction: options.queryInstruction,
        timeoutMs: options.timeoutMs,
        maxRetries: options.maxRetries,
      });
    default:
      throw new AppError('EMBEDDER_UNKNOWN', `Unknown embedder "${String(kind)}" (use builtin, transformers or openai)`);
  }
}

/**
 * Rebuilds the embedder an index was built with, from its manifest `info` and exported
 * `state`. Builtin restores its fit from `state`; the others are re-created with the
 * index's vector-shaping settings and the environment from `options` (models folder, endpoint,
 * key). `options.kind` / `options.model`, when given, must agree with the index. Throws
 * EMBEDDER_MISMATCH when the result's `info().id` differs from the index's (another model,
 * dtype or dimension), INDEX_CORRUPT when a builtin state does not match its own info.
 */
export async function restoreEmbedder(info: EmbedderInfo, state: unknown, options: CreateEmbedderOptions = {}): Promise<PolicyEmbedder> {
  const kind = options.kind ?? info.kind;
  if (kind !== info.kind) throw mismatch(info, `a ${kind} embedder`);
  const batch = options.batchSize ? { batchSize: options.batchSize } : {};
  let embedder: PolicyEmbedder;
  switch (info.kind) {
    case 'builtin': {
      embedder = BuiltinEmbedder.fromState(state, batch);
      if (embedder.info().id !== info.id) {
        throw new AppError(
          'INDEX_CORRUPT',
          `The index manifest names embedder ${info.id} but its saved state is ${embedder.info().id}; re-run \`policy ingest\``,
        );
      }
      return embedder;
    }
    case 'transformers': {
      if (options.model && options.model !== info.model) throw mismatch(info, `model ${options.model}`);
      const s = (state ?? {}) as Partial<TransformersState>;
      const e = new TransformersEmbedder({
        ...batch,
        modelsDir: options.modelsDir,
        allowRemote: options.allowRemote,
        model: info.model,
        dtype: s.dtype ?? options.dtype,
        pooling: s.pooling ?? options.pooling,
        queryInstruction: s.queryInstruction ?? options.queryInstruction,
        documentInstruction: s.documentInstruction,
      });
      e.checkFiles();
      embedder = e;
      break;
    }
    case 'openai': {
      if (options.model && options.model !== info.model) throw mismatch(info, `model ${options.model}`);
      const s = (state ?? {}) as Partial<OpenAIState>;
      embedder = new OpenAIEmbedder({
        ...batch,
        baseUrl: options.baseUrl,
        apiKey: options.apiKey,
        model: info.model,
        dimensions: s.dimensions,
        queryInstruction: s.queryInstruction ?? options.queryInstruction,
        expectedDimension: info.dimension,
        timeoutMs: options.timeoutMs,
        maxRetries: options.maxRetries,
      });
      break;
    }
    default:
      throw new AppError('EMBEDDER_UNKNOWN', `The index names an unknown embedder kind "${String(info.kind)}"`);
  }
  const id = embedder.info().id;
  if (id !== info.id) throw mismatch(info, id);
  return embedder;
}

function mismatch(info: EmbedderInfo, other: string): AppError {
  return new AppError(
    'EMBEDDER_MISMATCH',
    `The index was built with ${info.id} but the configured embedder is ${other}; re-ingest with this one (\`policy ingest\`) or configure the index's embedder`,
    {
      details: { index: info.id, configured: other },
    },
  );
}
