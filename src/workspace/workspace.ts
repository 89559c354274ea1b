/**
 * `createWorkspace(config)`: the service behind both the CLI and the HTTP API. It serves one
 * loaded index generation at a time; an ingest builds the next generation beside it and the
 * workspace switches to it only once it is complete, so queries keep being answered during
 * a re-ingest. Ingest and alignment run in worker threads (`lane.ts`, `pool.ts`) so the event
 * loop stays free for queries; uploads go through a queue on disk (`uploads.ts`).
 */
import { join } from 'node:path';
import type { Config } from '../core/config.js';
import { AppError } from '../core/errors.js';
import type { Answer, ChatSession } from '../answer/types.js';
import { answerQuestion } from '../answer/index.js';
import { createSessionStore } from '../answer/sessions.js';
import { extractObligations } from '../analysis/index.js';
import { summarizeDocument, detailDocument } from '../analysis/summary.js';
import type { IngestProgress, IngestResult } from '../indexing/pipeline.js';
import { parsedByOtherParser, readCurrentGeneration } from '../indexing/generations.js';
import { pageText } from '../ingest/decode.js';
import type { CreateEmbedderOptions } from '../retrieval/embeddings/index.js';
import { corpusOf, openDocuments, searchIndex, withRetrieval, type DocumentIndex, type LoadedIndex } from '../indexing/open-index.js';
import type { SearchHit, SearchOptions } from '../retrieval/types.js';
import { createIngestLane } from './lane.js';
import { createWorkerPool } from './pool.js';
import { runAlignTask, type AlignTask, type IngestTask, type QueryResult, type QueryTask } from './tasks.js';
import { createUploadManager } from './upload-jobs.js';
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

/** The decoder limits from config, for every ingest (the CLI's too). */
export function decodeLimitsFromConfig(config: Config): IngestTask['decodeLimits'] {
  return {
    maxPages: config.maxPages,
    maxOcrPages: config.maxOcrPages,
    ocrPageTimeoutMs: config.ocrPageTimeoutMs,
    maxTextChars: config.maxTextChars,
    maxDocxXmlBytes: config.maxDocxXmlBytes,
  };
}

/** Rejects empty and over-long questions with stable codes. */
export function validateQuestion(text: string): string {
  const q = (text ?? '').trim();
  if (!q) throw new AppError('QUERY_EMPTY', 'The question is empty');
  if (q.length > MAX_QUESTION_CHARS) throw new AppError('QUERY_TOO_LONG', `The question is ${q.length} characters; the limit is ${MAX_QUESTION_CHARS}`);
  return q;
}

/** Refuses a `docIds` filter naming documents the index does not have (404 with the unknown ids). */
export function checkDocIds(docs: ReadonlyMap<string, unknown>, ids: readonly string[] | undefined): void {
  const unknown = (ids ?? []).filter((id) => !docs.has(id));
  if (unknown.length) {
    throw new AppError('DOC_NOT_FOUND', `No document with id ${unknown.join(', ')} in the index`, { details: { unknown } });
  }
}

export async function createWorkspace(config: Config): Promise<Workspace> {
  /** The served generation's documents (its retrieval structures live in the query workers). */
  let loaded: DocumentIndex | null = null;
  /** The generation being opened, so concurrent callers share one load. */
  let opening: { generation: string; index: Promise<DocumentIndex> } | null = null;
  /** The served generation ready for search here (no query workers, or an LLM answer), opened on first use. */
  let searchable: { generation: string; index: Promise<LoadedIndex> } | null = null;
  const sessions = createSessionStore(join(config.dataDir, 'sessions'), {
    maxSessions: config.maxSessions,
    maxTurns: config.maxSessionTurns,
    maxAgeMs: config.sessionMaxAgeHours * 3600 * 1000,
  });
  const embedderOptions = embedderOptionsFromConfig(config);
  const lane = createIngestLane(config);
  const alignPool =
    config.workerThreads > 0
      ? createWorkerPool({
          entry: new URL('./worker.ts', import.meta.url),
          size: config.workerThreads,
          maxQueue: 8 * config.workerThreads,
          maxHeapMb: config.workerMemoryMb,
          niceness: 19,
        })
      : null;

  // Extractive questions and searches, in threads of normal priority (ingest and alignment run niced).
  const queryPool =
    config.queryThreads > 0
      ? createWorkerPool({
          entry: new URL('./worker.ts', import.meta.url),
          size: config.queryThreads,
          maxQueue: 1024,
          idleMs: 10 * 60_000,
          maxHeapMb: config.workerMemoryMb,
        })
      : null;

  /** Runs a question or search in the query pool against the served generation. */
  function runQuery(idx: DocumentIndex, task: Pick<QueryTask, 'kind' | 'text' | 'ask' | 'search'>): Promise<QueryResult> {
    const full: QueryTask = { ...task, indexDir: config.indexDir, generation: idx.generation, embedder: embedderOptions };
    return queryPool!.run<QueryResult>('query', full, { timeoutMs: 60_000, label: task.kind === 'ask' ? 'Answering' : 'Searching' });
  }

  /** Loads the current generation if it is not the one in memory. */
  async function refresh(): Promise<DocumentIndex | null> {
    const current = readCurrentGeneration(config.indexDir);
    if (!current) return (loaded = null);
    if (loaded?.generation === current) return loaded;
    if (opening?.generation !== current) {
      const index = openDocuments(config.indexDir, current, embedderOptions);
      opening = { generation: current, index };
      index.catch(() => {
        if (opening?.index === index) opening = null;
      });
    }
    const next = await opening.index;
    // A newer generation may have been loaded while this one was read.
    if (!loaded || readCurrentGeneration(config.indexDir) === next.generation) loaded = next;
    return loaded;
  }

  /** The served generation with its retrieval index, for a search or answer on this thread. */
  function searchableIndex(idx: DocumentIndex): Promise<LoadedIndex> {
    if (searchable?.generation !== idx.generation) {
      const index = withRetrieval(idx, embedderOptions);
      searchable = { generation: idx.generation, index };
      index.catch(() => {
        if (searchable?.index === index) searchable = null;
      });
    }
    return searchable.index;
  }

  async function requireIndex(): Promise<DocumentIndex> {
    const idx = loaded ?? (await refresh());
    if (!idx) throw new AppError('INDEX_NOT_FOUND', 'No index has been built yet; run `npm run policy -- ingest`');
    return idx;
  }

  /** One ingest (call it inside the lane): the new generation is loaded before the lane moves on. */
  async function ingestNow(
    task: Pick<IngestTask, 'paths' | 'inputs' | 'removeIds'>,
    label: string,
    rebuild = false,
    onProgress?: (progress: IngestProgress) => void,
  ): Promise<IngestResult> {
    const result = await lane.ingest(
      {
        ...task,
        rebuild,
        indexDir: config.indexDir,
        embedder: embedderOptions,
        maxFileBytes: config.maxFileBytes,
        maxLineChars: config.maxLineChars,
        decodeLimits: decodeLimitsFromConfig(config),
      },
      label,
      onProgress,
    );
    if (result.changed || rebuild) await refresh();
    return result;
  }

  /** One ingest in the lane, after every index change queued before it. */
  const runIngest = (task: Pick<IngestTask, 'paths' | 'inputs' | 'removeIds'>, label: string, rebuild = false) =>
    lane.exclusive(() => ingestNow(task, label, rebuild));

  const uploads = createUploadManager({
    config,
    exclusive: (fn) => lane.exclusive(fn),
    ingestNow: (task, label, onProgress) => ingestNow(task, label, false, onProgress),
    indexed: () => loaded,
  });

  const workspace: Workspace = {
    config,
    status(): WorkspaceStatus {
      return {
        ready: !!loaded,
        generation: loaded?.generation ?? null,
        documents: loaded?.docs.size ?? 0,
        chunks: loaded?.manifest.chunkCount ?? 0,
        embedder: loaded?.manifest.embedder ?? null,
        llm: { configured: !!config.llmBaseUrl, model: config.llmBaseUrl ? config.llmModel : null },
        ingesting: lane.busy(),
        uploadsPending: uploads.pending(),
      };
    },
    async ensureIndex() {
      let damaged = false;
      try {
        // An index with no documents (an earlier empty corpus) is built again, not served.
        const idx = await refresh();
        // An index parsed by an older parser is re-read (changed parsing would otherwise wait for the next edit of each file).
        if (idx?.docs.size && !parsedByOtherParser(idx.manifest)) {
          // Start-up opens the retrieval files once (checksums included), so a damaged index is
          // rebuilt now rather than failing every query later; query workers keep their own copy.
          await searchableIndex(idx);
          if (queryPool && !config.llmBaseUrl) searchable = null;
          return;
        }
      } catch (err) {
        // A damaged index is rebuilt from the corpus rather than served or patched.
        if (!(err instanceof AppError) || err.code !== 'INDEX_CORRUPT') throw err;
        damaged = true;
      }
      const result = await runIngest({ paths: [config.corpusDir] }, `building the index from ${config.corpusDir}`, damaged);
      if (!loaded || loaded.docs.size === 0) {
        const why = result.problems.map((p) => `${p.file}: ${p.message}`).join('; ');
        throw new AppError('INDEX_NOT_FOUND', `No documents could be ingested from ${config.corpusDir}${why ? ` (${why})` : ''}`);
      }
    },
    ingest: (paths) => runIngest({ paths: paths?.length ? paths : [config.corpusDir] }, 're-indexing'),
    submitUpload: (name, bytes, options) => uploads.submit(name, bytes, options),
    getUpload: (id) => uploads.get(id),
    listUploads: () => uploads.list(),
    resumeUploads: () => uploads.resume(),
    async addDocument(name, bytes, options) {
      const { done } = uploads.submit(name, bytes, options);
      const job = await done;
      if (job.status === 'failed' || !job.result) {
        const e = job.error ?? { code: 'INTERNAL' as const, message: 'The upload failed' };
        throw new AppError(e.code, e.message);
      }
      return { id: job.docId, result: job.result, job };
    },
    async removeDocument(id) {
      const idx = await requireIndex();
      const doc = idx.docs.get(id);
      if (!doc) throw new AppError('DOC_NOT_FOUND', `No document with id ${id}`);
      const result = await runIngest({ paths: [], removeIds: [id] }, `removing ${id}`);
      uploads.forget(doc.raw.path);
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
    getPage(id, page) {
      const doc = loaded?.docs.get(id);
      if (!doc) throw new AppError('DOC_NOT_FOUND', `No document with id ${id}`);
      return pageText(doc.raw, page);
    },
    async search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
      const q = validateQuestion(query);
      const idx = await requireIndex();
      checkDocIds(idx.docs, options.docIds);
      if (queryPool) {
        const result = await runQuery(idx, { kind: 'search', text: q, search: options });
        return 'hits' in result ? result.hits : [];
      }
      return searchIndex(await searchableIndex(idx), q, options);
    },
    async ask(question: string, options: AskOptions = {}): Promise<Answer> {
      const q = validateQuestion(question);
      const idx = await requireIndex();
      checkDocIds(idx.docs, options.docIds);
      // An LLM answer streams tokens and waits on the network: it stays here. Extractive answers are CPU: a worker.
      if (queryPool && !config.llmBaseUrl && options.mode !== 'llm') {
        const { session, docIds, mode } = options;
        const result = await runQuery(idx, {
          kind: 'ask',
          text: q,
          ask: { ...(session ? { session } : {}), ...(docIds ? { docIds } : {}), ...(mode ? { mode } : {}) },
        });
        if (!('answer' in result)) throw new Error('the query worker returned no answer');
        // The worker answered on a copy of the session: the caller's object takes its new turns and context.
        if (session && result.session) Object.assign(session, result.session);
        // As answerQuestion does: an extractive answer is one token, the whole answer.
        const { answer } = result;
        if (!answer.abstained && answer.mode === 'extractive' && answer.answer !== null) options.onToken?.(answer.answer);
        return answer;
      }
      return answerQuestion(corpusOf(await searchableIndex(idx)), q, { ...options, llm: config.llmBaseUrl ? llmOptions(config) : undefined });
    },
    obligations(id: string) {
      const doc = loaded?.docs.get(id);
      if (!doc) throw new AppError('DOC_NOT_FOUND', `No document with id ${id}`);
      return extractObligations(doc);
    },
    async align(child, parent, options = {}) {
      const idx = await requireIndex();
      const task: AlignTask = {
        indexDir: config.indexDir,
        generation: idx.generation,
        child,
        ...(parent ? { parent } : {}),
        maxFileBytes: config.maxFileBytes,
        maxAlignChars: config.maxAlignChars,
        maxLineChars: config.maxLineChars,
        decodeLimits: decodeLimitsFromConfig(config),
      };
      if (!alignPool) return runAlignTask(idx, task);
      const label = `Aligning ${typeof child === 'string' ? child : child.name}`;
      return alignPool.run('align', task, { timeoutMs: config.alignTimeoutMs, label, ...(options.signal ? { signal: options.signal } : {}) });
    },
    getSession: (id) => sessions.get(id),
    createSession: () => sessions.create(),
    saveSession: (s: ChatSession) => sessions.save(s),
    async close() {
      await lane.close();
      await alignPool?.close();
      await queryPool?.close();
    },
  };
  await refresh().catch((err) => {
    // A damaged index is reported on use, not at start-up, so `serve` can rebuild it.
    if (!(err instanceof AppError)) throw err;
  });
  return workspace;
}

function chunkCount(idx: DocumentIndex, id: string): number {
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
