/**
 * Neural embeddings with @huggingface/transformers (ONNX Runtime on the CPU) from a LOCAL
 * models folder: `<modelsDir>/<model>/{config.json, tokenizer.json, tokenizer_config.json,
 * onnx/model[_suffix].onnx}`. Nothing is downloaded unless `allowRemote` is set. The model is
 * loaded lazily, once, on first use (or by {@link TransformersEmbedder.load}).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../../core/errors.js';
import { BaseEmbedder, type BaseEmbedderOptions, type EmbedPurpose } from './base.js';
import type { EmbedderInfo } from './types.js';

/** ONNX weight variants transformers.js knows, and the file-name suffix of each. */
export const DTYPE_SUFFIX = { fp32: '', fp16: '_fp16', q8: '_quantized', int8: '_int8', uint8: '_uint8', q4: '_q4', q4f16: '_q4f16', bnb4: '_bnb4' } as const;
export type TransformersDtype = keyof typeof DTYPE_SUFFIX;
export type TransformersPooling = 'cls' | 'mean';

/** Options of {@link TransformersEmbedder}. */
export interface TransformersEmbedderOptions extends BaseEmbedderOptions {
  /** Local models folder. Default `models`. */
  modelsDir?: string;
  /** Model id = folder under `modelsDir`. Default `Xenova/bge-small-zh-v1.5`. */
  model?: string;
  /** Let transformers.js download missing files (into `modelsDir`). Default false. */
  allowRemote?: boolean;
  /** Default per model card: `cls` for BGE models, `mean` otherwise. */
  pooling?: TransformersPooling;
  /** Prefix of queries. Default per model card: BGE-zh `为这个句子生成表示以用于检索相关文章：`, BGE-en its English one, E5 `query: `, else none. */
  queryInstruction?: string;
  /** Prefix of passages. Default `passage: ` for E5 models, else none. */
  documentInstruction?: string;
  /** Weight variant. Default `q8` (onnx/model_quantized.onnx: a quarter of fp32's size, faster on 2 cores). */
  dtype?: TransformersDtype;
  /** Shorthand: true = `q8`, false = `fp32`. Ignored when `dtype` is set. */
  quantized?: boolean;
}

/** Documented defaults of {@link TransformersEmbedderOptions} (per-model ones come from {@link modelCardDefaults}). */
export const defaultTransformersOptions = {
  modelsDir: 'models',
  model: 'Xenova/bge-small-zh-v1.5',
  allowRemote: false,
  dtype: 'q8' as TransformersDtype,
  batchSize: 16,
};

/** Pooling and instructions the model card prescribes, recognised from the model id. Pure. */
export function modelCardDefaults(model: string): { pooling: TransformersPooling; queryInstruction: string; documentInstruction: string } {
  const id = model.toLowerCase();
  if (/bge-[^/]*zh/.test(id)) return { pooling: 'cls', queryInstruction: '为这个句子生成表示以用于检索相关文章：', documentInstruction: '' };
  if (/bge-m3/.test(id)) return { pooling: 'cls', queryInstruction: '', documentInstruction: '' };
  if (/bge-/.test(id)) return { pooling: 'cls', queryInstruction: 'Represent this sentence for searching relevant passages: ', documentInstruction: '' };
  if (/(^|\/)(multilingual-)?e5-/.test(id)) return { pooling: 'mean', queryInstruction: 'query: ', documentInstruction: 'passage: ' };
  return { pooling: 'mean', queryInstruction: '', documentInstruction: '' };
}

/** The settings that shape the vectors, persisted with the index so a restore embeds the same way. */
export interface TransformersState {
  model: string;
  dtype: TransformersDtype;
  pooling: TransformersPooling;
  queryInstruction: string;
  documentInstruction: string;
}

type Extractor = (texts: string[], options: { pooling: TransformersPooling; normalize: boolean }) => Promise<{ tolist(): unknown }>;

// transformers.js keeps its paths in one global `env`; loads are serialised so two embedders
// with different models folders never see each other's settings.
let loadQueue: Promise<unknown> = Promise.resolve();

/** Local ONNX feature-extraction embedder. */
export class TransformersEmbedder extends BaseEmbedder {
  readonly kind = 'transformers' as const;
  private readonly modelsDir: string;
  private readonly model: string;
  private readonly allowRemote: boolean;
  private readonly settings: TransformersState;
  private extractor: Promise<Extractor> | undefined;
  private dimension = 0;

  constructor(options: TransformersEmbedderOptions = {}) {
    super({ batchSize: defaultTransformersOptions.batchSize, ...options });
    this.modelsDir = resolve(options.modelsDir ?? defaultTransformersOptions.modelsDir);
    this.model = options.model ?? defaultTransformersOptions.model;
    this.allowRemote = options.allowRemote ?? defaultTransformersOptions.allowRemote;
    const card = modelCardDefaults(this.model);
    const dtype = options.dtype ?? (options.quantized === undefined ? defaultTransformersOptions.dtype : options.quantized ? 'q8' : 'fp32');
    if (!(dtype in DTYPE_SUFFIX)) throw new AppError('CONFIG_INVALID', `Unknown dtype "${dtype}" (use one of ${Object.keys(DTYPE_SUFFIX).join(', ')})`);
    this.settings = {
      model: this.model,
      dtype,
      pooling: options.pooling ?? card.pooling,
      queryInstruction: options.queryInstruction ?? card.queryInstruction,
      documentInstruction: options.documentInstruction ?? card.documentInstruction,
    };
  }

  /** The files this model needs, relative to its folder. */
  requiredFiles(): string[] {
    return ['config.json', 'tokenizer.json', 'tokenizer_config.json', `onnx/model${DTYPE_SUFFIX[this.settings.dtype]}.onnx`];
  }

  /** Throws MODEL_FILE_MISSING naming the first missing file (skipped when downloads are allowed). */
  checkFiles(): void {
    if (this.allowRemote) return;
    const dir = join(this.modelsDir, this.model);
    for (const rel of this.requiredFiles()) {
      const path = join(dir, rel);
      if (!existsSync(path)) {
        throw new AppError(
          'MODEL_FILE_MISSING',
          `Model file missing: ${path}. Download ${this.requiredFiles().join(', ')} from https://huggingface.co/${this.model} ` +
            `into ${dir}/ on a machine with access (keeping the onnx/ subfolder), or set POLICY_ALLOW_REMOTE_MODELS=true to let it download them.`,
          { details: { path, model: this.model, modelsDir: this.modelsDir } },
        );
      }
    }
  }

  /** Loads the model (once) and returns the now-complete info. */
  async load(): Promise<EmbedderInfo> {
    await this.getExtractor();
    if (!this.dimension) {
      // Models whose config does not name the hidden size: learn it from one embedding.
      this.dimension = (await this.embedBatch(['dimension probe'], 'document'))[0].length;
    }
    return this.info();
  }

  /** `model` is the model id; `id` also names the dtype and pooling, which change the vectors. */
  info(): EmbedderInfo {
    if (!this.dimension) this.dimension = this.configDimension();
    const { model, dtype, pooling } = this.settings;
    return { kind: 'transformers', model, dimension: this.dimension, id: `transformers:${model}:${this.dimension}:${dtype}-${pooling}` };
  }

  /** The vector-shaping settings (see {@link TransformersState}); not corpus-fitted. */
  exportState(): TransformersState {
    return { ...this.settings };
  }

  protected async embedBatch(texts: string[], purpose: EmbedPurpose): Promise<number[][]> {
    const extractor = await this.getExtractor();
    const prefix = purpose === 'query' ? this.settings.queryInstruction : this.settings.documentInstruction;
    let output: { tolist(): unknown };
    try {
      output = await extractor(
        texts.map((t) => prefix + t),
        { pooling: this.settings.pooling, normalize: true },
      );
    } catch (err) {
      throw new AppError('EMBEDDING_FAILED', `The local model ${this.model} failed to embed: ${(err as Error).message}`, { cause: err });
    }
    const vectors = output.tolist() as number[][];
    if (vectors[0]) this.dimension = vectors[0].length;
    return vectors;
  }

  private configDimension(): number {
    const path = join(this.modelsDir, this.model, 'config.json');
    if (!existsSync(path)) {
      this.checkFiles();
      return 0; // allowRemote: known after load
    }
    try {
      const config = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      const size = config.hidden_size ?? config.d_model ?? config.dim;
      return typeof size === 'number' ? size : 0;
    } catch (err) {
      throw new AppError('MODEL_FILE_MISSING', `Model file unreadable: ${path} is not valid JSON; download it again`, { cause: err, details: { path } });
    }
  }

  private getExtractor(): Promise<Extractor> {
    if (!this.extractor) {
      this.checkFiles();
      const run = loadQueue.then(() => this.createExtractor());
      loadQueue = run.catch(() => undefined);
      // A failed load is not cached: fixing the files and retrying must work.
      this.extractor = run.catch((err) => {
        this.extractor = undefined;
        throw err;
      });
    }
    return this.extractor;
  }

  private async createExtractor(): Promise<Extractor> {
    const { env, pipeline } = await import('@huggingface/transformers');
    env.allowLocalModels = true;
    env.localModelPath = this.modelsDir;
    env.allowRemoteModels = this.allowRemote;
    // Downloads (when allowed) are cached in the same layout as a local models folder.
    if (this.allowRemote) env.cacheDir = this.modelsDir;
    try {
      const extractor = await pipeline('feature-extraction', this.model, {
        dtype: this.settings.dtype,
        device: 'cpu',
        local_files_only: !this.allowRemote,
      });
      return extractor as unknown as Extractor;
    } catch (err) {
      throw new AppError('MODEL_FILE_MISSING', `Could not load the model ${this.model} from ${join(this.modelsDir, this.model)}: ${(err as Error).message}`, {
        cause: err,
        details: { model: this.model, modelsDir: this.modelsDir },
      });
    }
  }
}
