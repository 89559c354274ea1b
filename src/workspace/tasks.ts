/**
 * The heavy jobs of the workspace as plain functions of plain data, so the same code runs in a
 * worker thread (`worker.ts`, the server) or on the calling thread (`workerThreads: 0`, the CLI):
 * an ingest, an alignment with its inputs bounded before any alignment work starts, and a
 * question or search against a generation the worker keeps open.
 */
import { AppError } from '../core/errors.js';
import { readDocument } from '../ingest/decode.js';
import { parseDocument } from '../ingest/parse.js';
import type { ParsedDocument } from '../ingest/types.js';
import { generationDir, readDocuments } from '../indexing/generations.js';
import { ingest, type IngestOptions, type IngestProgress, type IngestResult } from '../indexing/pipeline.js';
import type { AlignmentReport } from '../analysis/alignment/types.js';
import { answerQuestion } from '../answer/index.js';
import type { Answer, ChatSession } from '../answer/types.js';
import { corpusOf, openGeneration, searchIndex, type LoadedIndex } from '../indexing/open-index.js';
import type { CreateEmbedderOptions } from '../retrieval/embeddings/index.js';
import type { SearchHit, SearchOptions } from '../retrieval/types.js';
import type { AskOptions } from './types.js';
import { alignForWorkspace, chooseParent, resolveAlignInput, type AlignIndex } from './align.js';

/** An ingest as data: the pipeline's options without its callbacks. */
export type IngestTask = Omit<IngestOptions, 'onProgress' | 'beforeSwap'>;

/** Progress of an ingest, as the worker reports it (the pipeline's own events, plain data). */
export type { IngestProgress };

/** Runs one ingest, reporting progress through `emit` (in a worker: a message to the main thread per event). */
export function runIngestTask(task: IngestTask, emit?: (progress: IngestProgress) => void): Promise<IngestResult> {
  return ingest({ ...task, ...(emit ? { onProgress: emit } : {}) });
}

/** A child or parent of an alignment: an id, a path (CLI only), or uploaded bytes. */
export type AlignTaskInput = string | { name: string; bytes: Uint8Array };

/** An alignment as data. */
export interface AlignTask {
  /** Index folder and the generation whose documents are aligned against (a worker reads them from disk). */
  indexDir: string;
  generation: string;
  child: AlignTaskInput;
  parent?: string;
  /** Largest file read from an upload or a path. */
  maxFileBytes: number;
  /** Longest cleaned text of either side (ALIGN_INPUT_TOO_LARGE). */
  maxAlignChars: number;
  /** Longest line of an uploaded or read file (LINE_TOO_LONG). */
  maxLineChars: number;
  /** Page, OCR, zip and text limits of the format readers. */
  decodeLimits?: IngestTask['decodeLimits'];
}

/** Refuses a side too long to align: alignment compares every clause of one side with the other's. */
export function checkAlignSize(doc: ParsedDocument, role: 'child' | 'parent', maxChars: number): void {
  const n = doc.clean.text.length;
  if (n > maxChars) {
    throw new AppError(
      'ALIGN_INPUT_TOO_LARGE',
      `The ${role} document ${doc.id} has ${n} characters of text; alignment accepts at most ${maxChars} (POLICY_MAX_ALIGN_CHARS)`,
      {
        details: { role, chars: n, maxAlignChars: maxChars },
      },
    );
  }
}

const asInput = (x: AlignTaskInput) =>
  typeof x === 'string' ? x : { name: x.name, bytes: Buffer.from(x.bytes.buffer, x.bytes.byteOffset, x.bytes.byteLength) };

/** Reads a side the way alignment will, with this server's line bound, to check its size first. */
async function resolveBounded(index: AlignIndex, input: AlignTaskInput, role: 'child' | 'parent', task: AlignTask): Promise<ParsedDocument> {
  if (typeof input !== 'string') {
    const raw = await readDocument(
      { name: input.name, bytes: Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength) },
      { maxBytes: task.maxFileBytes, ...(task.decodeLimits ? { limits: task.decodeLimits } : {}) },
    );
    return parseDocument(raw, { maxLineChars: task.maxLineChars });
  }
  return (await resolveAlignInput(index, input, task.maxFileBytes, role)).doc;
}

/**
 * Aligns child against parent over `index`. Both sides are read and measured first: a side
 * over `maxAlignChars` is refused with ALIGN_INPUT_TOO_LARGE before alignment starts, then the
 * workspace's alignment (`align.ts`) runs. Throws as `alignForWorkspace`, plus LINE_TOO_LONG.
 */
export async function runAlignTask(index: AlignIndex, task: AlignTask): Promise<AlignmentReport> {
  const child = await resolveBounded(index, task.child, 'child', task);
  checkAlignSize(child, 'child', task.maxAlignChars);
  const parent = task.parent ? await resolveBounded(index, task.parent, 'parent', task) : chooseParent(index, child).parent;
  checkAlignSize(parent, 'parent', task.maxAlignChars);
  return alignForWorkspace(index, asInput(task.child), task.parent, { maxFileBytes: task.maxFileBytes });
}

/** The documents of one generation, read once per worker (the last generation asked for is kept). */
let cached: { key: string; index: AlignIndex } | null = null;

/** The alignment view of a generation on disk, cached. */
export function loadAlignIndex(indexDir: string, generation: string): AlignIndex {
  const key = `${indexDir}\u0000${generation}`;
  if (cached?.key !== key) {
    cached = null;
    cached = { key, index: { docs: new Map(readDocuments(generationDir(indexDir, generation)).map((d) => [d.id, d])) } };
  }
  return cached.index;
}

/** A question or a search as data, against one generation (a worker opens it once and keeps it). */
export interface QueryTask {
  indexDir: string;
  generation: string;
  embedder: CreateEmbedderOptions;
  kind: 'ask' | 'search';
  text: string;
  /** `ask`: docIds, mode and the chat session (returned updated). */
  ask?: { docIds?: string[]; mode?: AskOptions['mode']; session?: ChatSession };
  /** `search`: the search options. */
  search?: SearchOptions;
}

/** The result of a {@link QueryTask}: hits, or an answer with the session as the answer left it. */
export type QueryResult = { hits: SearchHit[] } | { answer: Answer; session: ChatSession | null };

/** The last generation this worker opened for queries. */
let queryIndex: { key: string; index: Promise<LoadedIndex> } | null = null;

/** Answers a question or runs a search (extractive only: an LLM answer streams, so it stays on the main thread). */
export async function runQueryTask(task: QueryTask): Promise<QueryResult> {
  const key = `${task.indexDir}\u0000${task.generation}`;
  if (queryIndex?.key !== key) {
    const index = openGeneration(task.indexDir, task.generation, task.embedder);
    queryIndex = { key, index };
    index.catch(() => {
      if (queryIndex?.index === index) queryIndex = null;
    });
  }
  const idx = await queryIndex.index;
  if (task.kind === 'search') return { hits: await searchIndex(idx, task.text, task.search ?? {}) };
  const { session, docIds, mode } = task.ask ?? {};
  const answer = await answerQuestion(corpusOf(idx), task.text, { ...(session ? { session } : {}), ...(docIds ? { docIds } : {}), ...(mode ? { mode } : {}) });
  return { answer, session: session ?? null };
}
