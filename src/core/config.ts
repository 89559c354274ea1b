/**
 * The one place that reads the environment. Everything else takes an options object built
 * from {@link loadConfig}. Each variable is documented with its default.
 */
import { z } from 'zod';
import { AppError } from './errors.js';

/** The embedders there are: `builtin` (offline, default), `transformers` (local model), `openai` (endpoint). */
export const EMBEDDER_KINDS = ['builtin', 'transformers', 'openai'] as const;

/** Default largest file ingest or an upload accepts, in bytes (5 MB). */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

const bool = z.union([z.boolean(), z.string()]).transform((v) => (typeof v === 'boolean' ? v : ['1', 'true', 'yes', 'on'].includes(v.toLowerCase())));
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

export const configSchema = z.object({
  /** POLICY_CORPUS_DIR: documents ingested by default. Default `corpus`. */
  corpusDir: z.string().default('corpus'),
  /** POLICY_INDEX_DIR: where the index lives. Default `.index`. */
  indexDir: z.string().default('.index'),
  /** POLICY_DATA_DIR: chat sessions and other state. Default `.data`. */
  dataDir: z.string().default('.data'),
  /** POLICY_MAX_FILE_BYTES: largest file ingest accepts. Default 5 MB. */
  maxFileBytes: z.coerce.number().int().positive().default(DEFAULT_MAX_FILE_BYTES),
  /** POLICY_EMBEDDER: `builtin` (default, offline), `transformers` or `openai`. */
  embedder: z.enum(EMBEDDER_KINDS).default('builtin'),
  /** POLICY_MODELS_DIR: local folder of transformers.js models. Default `models`. */
  modelsDir: z.string().default('models'),
  /** POLICY_TRANSFORMERS_MODEL: model id under the models folder. Default `Xenova/bge-small-zh-v1.5`. */
  transformersModel: z.string().default('Xenova/bge-small-zh-v1.5'),
  /** POLICY_ALLOW_REMOTE_MODELS: let transformers.js download missing weights. Default false. */
  allowRemoteModels: bool.default(false),
  /** POLICY_EMBEDDINGS_BASE_URL / _MODEL / _API_KEY: OpenAI-compatible embeddings endpoint. */
  embeddingsBaseUrl: optionalString,
  embeddingsModel: z.string().default('text-embedding-3-small'),
  embeddingsApiKey: optionalString,
  /** POLICY_LLM_BASE_URL / _MODEL / _API_KEY: OpenAI-compatible chat endpoint; off when the URL is unset. */
  llmBaseUrl: optionalString,
  llmModel: z.string().default('gpt-4o-mini'),
  llmApiKey: optionalString,
  /** POLICY_LLM_TIMEOUT_MS: per request. Default 30000. */
  llmTimeoutMs: z.coerce.number().int().positive().default(30_000),
  /** POLICY_LLM_MAX_RETRIES: retries on 429/5xx. Default 2. */
  llmMaxRetries: z.coerce.number().int().min(0).max(10).default(2),
  /** HOST / PORT: where the server listens. Default 127.0.0.1:3000. */
  host: z.string().default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  /** POLICY_API_TOKEN: bearer token for write routes. */
  apiToken: optionalString,
  /** POLICY_CORS_ORIGIN: allowed origin; CORS is off when unset. */
  corsOrigin: optionalString,
  /** POLICY_MAX_UPLOAD_BYTES: upload limit. Default 5 MB. */
  maxUploadBytes: z.coerce.number().int().positive().default(DEFAULT_MAX_FILE_BYTES),
  /** POLICY_RATE_LIMIT: requests per minute per client. Default 6000. */
  rateLimitPerMinute: z.coerce.number().int().positive().default(6000),
  /** LOG_LEVEL: fastify logger level. Default `info`. */
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** POLICY_MAX_PAGES: most pages a PDF, OFD or TIFF may have. Default 1000. */
  maxPages: z.coerce.number().int().positive().default(1000),
  /** POLICY_MAX_OCR_PAGES: most scanned pages OCR'd in one file (about 1–3 s each). Default 100. */
  maxOcrPages: z.coerce.number().int().min(0).default(100),
  /** POLICY_OCR_PAGE_TIMEOUT_MS: longest OCR of one page before the file is refused. Default 60000. */
  ocrPageTimeoutMs: z.coerce.number().int().positive().default(60_000),
  /** POLICY_MAX_TEXT_CHARS: longest text extracted from one file. Default 2000000. */
  maxTextChars: z.coerce.number().int().positive().default(2_000_000),
});

export type Config = z.infer<typeof configSchema>;

const ENV_KEYS: Record<keyof Config, string> = {
  corpusDir: 'POLICY_CORPUS_DIR',
  indexDir: 'POLICY_INDEX_DIR',
  dataDir: 'POLICY_DATA_DIR',
  maxFileBytes: 'POLICY_MAX_FILE_BYTES',
  embedder: 'POLICY_EMBEDDER',
  modelsDir: 'POLICY_MODELS_DIR',
  transformersModel: 'POLICY_TRANSFORMERS_MODEL',
  allowRemoteModels: 'POLICY_ALLOW_REMOTE_MODELS',
  embeddingsBaseUrl: 'POLICY_EMBEDDINGS_BASE_URL',
  embeddingsModel: 'POLICY_EMBEDDINGS_MODEL',
  embeddingsApiKey: 'POLICY_EMBEDDINGS_API_KEY',
  llmBaseUrl: 'POLICY_LLM_BASE_URL',
  llmModel: 'POLICY_LLM_MODEL',
  llmApiKey: 'POLICY_LLM_API_KEY',
  llmTimeoutMs: 'POLICY_LLM_TIMEOUT_MS',
  llmMaxRetries: 'POLICY_LLM_MAX_RETRIES',
  host: 'HOST',
  port: 'PORT',
  apiToken: 'POLICY_API_TOKEN',
  corsOrigin: 'POLICY_CORS_ORIGIN',
  maxUploadBytes: 'POLICY_MAX_UPLOAD_BYTES',
  rateLimitPerMinute: 'POLICY_RATE_LIMIT',
  logLevel: 'LOG_LEVEL',
  maxPages: 'POLICY_MAX_PAGES',
  maxOcrPages: 'POLICY_MAX_OCR_PAGES',
  ocrPageTimeoutMs: 'POLICY_OCR_PAGE_TIMEOUT_MS',
  maxTextChars: 'POLICY_MAX_TEXT_CHARS',
};

/** The environment variable behind each config key, for the README and error messages. */
export const configEnvKeys = ENV_KEYS;

/**
 * Reads and validates the configuration from `env` (default `process.env`), with
 * `overrides` (e.g. CLI flags) taking precedence.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const raw: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(ENV_KEYS)) {
    if (env[name] !== undefined && env[name] !== '') raw[key] = env[name];
  }
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) raw[key] = value;
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${ENV_KEYS[i.path[0] as keyof Config] ?? i.path.join('.')}: ${i.message}`);
    throw new AppError('CONFIG_INVALID', `Invalid configuration: ${issues.join('; ')}`);
  }
  return parsed.data;
}
