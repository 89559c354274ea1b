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
/** A comma-separated list in the environment, or a list given directly (CLI flags, tests). */
const stringList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (Array.isArray(v) ? v : (v ?? '').split(',')).map((x) => x.trim()).filter(Boolean));
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
  /**
   * POLICY_MAX_DOCX_XML_BYTES: most bytes the XML parts of a .docx (word/document.xml, notes,
   * styles) may inflate to, refused with FILE_TOO_COMPLEX before mammoth parses them. mammoth
   * holds about 60× the XML in memory and takes about 0.5–1 s per MB (8 MB: 590 MB, 6–15 s);
   * 6 MB is some 450 000 characters of text in Word's usual markup. Default 6291456 (6 MB).
   */
  maxDocxXmlBytes: z.coerce
    .number()
    .int()
    .positive()
    .default(6 * 1024 * 1024),
  /** POLICY_MAX_LINE_CHARS: longest line a document may have before parsing (LINE_TOO_LONG). Default 200000. */
  maxLineChars: z.coerce.number().int().positive().default(200_000),
  /** POLICY_MAX_ALIGN_CHARS: longest cleaned text of either side of an alignment (ALIGN_INPUT_TOO_LARGE). Default 200000. */
  maxAlignChars: z.coerce.number().int().positive().default(200_000),
  /** POLICY_WORKER_THREADS: worker threads for ingest, upload parsing and alignment; 0 runs them on the main thread (CLI). Default 2. */
  workerThreads: z.coerce.number().int().min(0).max(16).default(2),
  /** POLICY_QUERY_THREADS: worker threads answering extractive questions and searches, so the event loop (and /healthz) stays free; 0 answers on the main thread. Default 2. */
  queryThreads: z.coerce.number().int().min(0).max(16).default(2),
  /** POLICY_INGEST_TIMEOUT_MS: time budget of one ingest (an upload, a delete, a re-index) in a worker. Default 600000. */
  ingestTimeoutMs: z.coerce.number().int().positive().default(600_000),
  /** POLICY_ALIGN_TIMEOUT_MS: time budget of one alignment in a worker. Default 60000. */
  alignTimeoutMs: z.coerce.number().int().positive().default(60_000),
  /** POLICY_WORKER_MEMORY_MB: heap limit of each worker thread; a worker over it fails its job with FILE_TOO_COMPLEX. Default 512. */
  workerMemoryMb: z.coerce.number().int().min(64).default(512),
  /** POLICY_MAX_QUEUED_UPLOADS: uploads waiting to be ingested before new ones get SERVER_BUSY. Default 20. */
  maxQueuedUploads: z.coerce.number().int().positive().default(20),
  /** POLICY_MAX_SESSIONS: chat sessions kept; the least recently used is evicted. Default 1000. */
  maxSessions: z.coerce.number().int().positive().default(1000),
  /** POLICY_MAX_SESSION_TURNS: turns (questions and answers) kept per session; older turns are dropped. Default 100. */
  maxSessionTurns: z.coerce.number().int().min(2).default(100),
  /** POLICY_SESSION_MAX_AGE_HOURS: a session unused for longer is evicted. Default 168 (a week). */
  sessionMaxAgeHours: z.coerce.number().positive().default(168),
  /** POLICY_ALLOWED_ORIGINS: comma-separated origins allowed to send state-changing requests besides the server's own. */
  allowedOrigins: stringList.transform((xs) => xs.map((x) => x.replace(/\/+$/, '').toLowerCase())),
  /** POLICY_ALLOWED_HOSTS: comma-separated host names the server answers for (Host header; DNS-rebinding guard). Loopback names are always allowed. */
  allowedHosts: stringList.transform((xs) => xs.map((x) => x.toLowerCase())),
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
  maxDocxXmlBytes: 'POLICY_MAX_DOCX_XML_BYTES',
  maxLineChars: 'POLICY_MAX_LINE_CHARS',
  maxAlignChars: 'POLICY_MAX_ALIGN_CHARS',
  workerThreads: 'POLICY_WORKER_THREADS',
  queryThreads: 'POLICY_QUERY_THREADS',
  ingestTimeoutMs: 'POLICY_INGEST_TIMEOUT_MS',
  alignTimeoutMs: 'POLICY_ALIGN_TIMEOUT_MS',
  workerMemoryMb: 'POLICY_WORKER_MEMORY_MB',
  maxQueuedUploads: 'POLICY_MAX_QUEUED_UPLOADS',
  maxSessions: 'POLICY_MAX_SESSIONS',
  maxSessionTurns: 'POLICY_MAX_SESSION_TURNS',
  sessionMaxAgeHours: 'POLICY_SESSION_MAX_AGE_HOURS',
  allowedOrigins: 'POLICY_ALLOWED_ORIGINS',
  allowedHosts: 'POLICY_ALLOWED_HOSTS',
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
