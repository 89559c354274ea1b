/**
 * `createWorkspace(config)`: the service behind both the CLI and the HTTP API. It serves one
 * loaded index generation at a time; an ingest builds the next generation beside it and the
 * workspace switches to it only once it is complete, so queries keep being answered during
 * a re-ingest.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { Config } from '../core/config.js';
import { AppError } from '../core/errors.js';
import type { Answer, ChatSession } from '../answer/types.js';
import { answerQuestion } from '../answer/index.js';
import { extractObligations } from '../analysis/index.js';
import { alignForWorkspace } from './align.js';
import { ingest, type IngestResult } from '../indexing/pipeline.js';
import { SUPPORTED_EXTENSIONS } from '../indexing/files.js';
import { readCurrentGeneration } from '../indexing/generations.js';
import type { CreateEmbedderOptions } from '../retrieval/embeddings/index.js';
import { corpusOf, openIndex, searchIndex, type LoadedIndex } from '../indexing/open-index.js';
import type { SearchHit, SearchOptions } from '../retrieval/types.js';
import { createSessionStore } from '../answer/sessions.js';
import { summarizeDocument, detailDocument } from '../analysis/summary.js';
import type { AskOptions, DocumentDetail, DocumentSummary, Workspace, WorkspaceStatus } from './types.js';

export type { Workspace } from './types.js';

/** Longest question accepted, in characters. */
export const MAX_QUESTION_CHARS = 2000;

/** Embedder options from config (the only place that translates one to the other). */
export function embedderOptionsFromConfig(config: Config): CreateEmbedderOptions {
  return {
    kind: config.embedder,
    modelsDir: config.modelsDir,
    model: config.embedder === 'openai' ? config.embeddingsModel : config.transformersModel,
    allowRemote: config.allowRemoteModels,
    baseUrl: config.embeddingsBaseUrl,
    apiKey: config.embeddingsApiKey,
  };
}

/** Rejects empty and over-long questions with stable codes. */
export function validateQuestion(text: string): string {
  const q = (text ?? '').trim();
  if (!q) throw new AppError('QUERY_EMPTY', 'The question is empty');
  if (q.length > MAX_QUESTION_CHARS) throw new AppError('QUERY_TOO_LONG', `The question is ${q.length} characters; the limit is ${MAX_QUESTION_CHARS}`);
  return q;
}

export async function createWorkspace(config: Config): Promise<Workspace> {
  let loaded: LoadedIndex | null = null;
  let ingesting: Promise<IngestResult> | null = null;
  const sessions = createSessionStore(join(config.dataDir, 'sessions'));
  const embedderOptions = embedderOptionsFromConfig(config);

  /** Loads the current generation if it is not the one in memory. */
  async function refresh(): Promise<LoadedIndex | null> {
    const current = readCurrentGeneration(config.indexDir);
    if (!current) return (loaded = null);
    if (loaded?.generation !== current) loaded = await openIndex(config.indexDir, embedderOptions);
    return loaded;
  }

  async function requireIndex(): Promise<LoadedIndex> {
    const idx = loaded ?? (await refresh());
    if (!idx) throw new AppError('INDEX_NOT_FOUND', 'No index has been built yet; run `npm run policy -- ingest`');
    return idx;
  }

  async function runIngest(paths: string[], removeIds?: string[], rebuild = false): Promise<IngestResult> {
    // One ingest at a time per process; the file lock guards against other processes.
    while (ingesting) await ingesting.catch(() => undefined);
    const job = ingest({ paths, removeIds, rebuild, indexDir: config.indexDir, embedder: embedderOptions, maxFileBytes: config.maxFileBytes });
    ingesting = job;
    try {
      const result = await job;
      if (result.changed || rebuild) await refresh();
      return result;
    } finally {
      ingesting = null;
    }
  }

  const uploadsDir = join(config.dataDir, 'uploads');

  const workspace: Workspace = {
    config,
    status(): WorkspaceStatus {
      return {
        ready: !!loaded,
        generation: loaded?.generation ?? null,
        documents: loaded?.docs.size ?? 0,
        chunks: loaded?.chunks.length ?? 0,
        embedder: loaded?.manifest.embedder ?? null,
        llm: { configured: !!config.llmBaseUrl, model: config.llmBaseUrl ? config.llmModel : null },
        ingesting: !!ingesting,
      };
    },
    async ensureIndex() {
      let damaged = false;
      try {
        // An index with no documents (an earlier empty corpus) is built again, not served.
        if ((await refresh())?.docs.size) return;
      } catch (err) {
        // A damaged index is rebuilt from the corpus rather than served or patched.
        if (!(err instanceof AppError) || err.code !== 'INDEX_CORRUPT') throw err;
        damaged = true;
      }
      const result = await runIngest([config.corpusDir], undefined, damaged);
      if (!loaded || loaded.docs.size === 0) {
        const why = result.problems.map((p) => `${p.file}: ${p.message}`).join('; ');
        throw new AppError('INDEX_NOT_FOUND', `No documents could be ingested from ${config.corpusDir}${why ? ` (${why})` : ''}`);
      }
    },
    ingest: (paths) => runIngest(paths?.length ? paths : [config.corpusDir]),
    async addDocument(name, bytes) {
      const id = basename(name || '').replace(/[^\p{L}\p{N}._-]+/gu, '_');
      if (!id || id.startsWith('.')) throw new AppError('BAD_REQUEST', 'The upload needs a file name');
      if (!SUPPORTED_EXTENSIONS.includes(extname(id).toLowerCase())) {
        throw new AppError('FILE_UNSUPPORTED', `Unsupported file type "${extname(id) || 'none'}"; upload .txt, .md, .html or .docx`);
      }
      mkdirSync(uploadsDir, { recursive: true });
      const target = join(uploadsDir, id);
      const tmp = `${target}.${process.pid}.${Date.now()}.part`;
      writeFileSync(tmp, bytes);
      const existed = existsSync(target);
      renameSync(tmp, target);
      const result = await runIngest([target]);
      const problem = result.problems.find((p) => resolve(p.file) === resolve(target));
      if (problem) {
        if (!existed) rmSync(target, { force: true });
        throw new AppError(problem.code, problem.message);
      }
      return { id, result };
    },
    async removeDocument(id) {
      const idx = await requireIndex();
      const doc = idx.docs.get(id);
      if (!doc) throw new AppError('DOC_NOT_FOUND', `No document with id ${id}`);
      const result = await runIngest([], [id]);
      if (doc.raw.path?.startsWith(resolve(uploadsDir))) rmSync(doc.raw.path, { force: true });
      return result;
    },
    listDocuments(): DocumentSummary[] {
      if (!loaded) return [];
      const idx = loaded;
      return [...idx.docs.values()].map((d) => summarizeDocument(d, idx.docs.values(), chunkCount(idx, d.id)));
    },
    getDocument(id): DocumentDetail {
      const doc = loaded?.docs.get(id);
      if (!loaded || !doc) throw new AppError('DOC_NOT_FOUND', `No document with id ${id}`);
      return detailDocument(doc, loaded.docs.values(), chunkCount(loaded, id));
    },
    async search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
      const q = validateQuestion(query);
      return searchIndex(await requireIndex(), q, options);
    },
    async ask(question: string, options: AskOptions = {}): Promise<Answer> {
      const q = validateQuestion(question);
      return answerQuestion(corpusOf(await requireIndex()), q, { ...options, llm: config.llmBaseUrl ? llmOptions(config) : undefined });
    },
    obligations(id: string) {
      const doc = loaded?.docs.get(id);
      if (!doc) throw new AppError('DOC_NOT_FOUND', `No document with id ${id}`);
      return extractObligations(doc);
    },
    async align(child, parent) {
      return alignForWorkspace(await requireIndex(), child, parent, { maxFileBytes: config.maxFileBytes });
    },
    getSession: (id) => sessions.get(id),
    createSession: () => sessions.create(),
    saveSession: (s: ChatSession) => sessions.save(s),
    async close() {
      if (ingesting) await ingesting.catch(() => undefined);
    },
  };
  await refresh().catch((err) => {
    // A damaged index is reported on use, not at start-up, so `serve` can rebuild it.
    if (!(err instanceof AppError)) throw err;
  });
  return workspace;
}

function chunkCount(idx: LoadedIndex, id: string): number {
  return idx.manifest.documents.find((d) => d.id === id)?.chunks ?? 0;
}

/** LLM client options from config; undefined when no endpoint is configured. */
export function llmOptions(config: Config) {
  return {
    baseUrl: config.llmBaseUrl!,
    model: config.llmModel,
    apiKey: config.llmApiKey,
    timeoutMs: config.llmTimeoutMs,
    maxRetries: config.llmMaxRetries,
  };
}
