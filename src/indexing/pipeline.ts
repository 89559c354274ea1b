/**
 * The ingest pipeline: files → RawDocument → CleanText → ParsedDocument → Chunk → vectors →
 * a new index generation, swapped in atomically.
 *
 * Incremental: a file whose bytes are unchanged is not decoded or parsed again; when nothing
 * changed at all, no generation is written. Per-file problems are collected with their error
 * code and the rest still ingests.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { DEFAULT_MAX_FILE_BYTES } from '../core/config.js';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { AppError, isAppError, type ErrorCode } from '../core/errors.js';
import { createEmbedder, type CreateEmbedderOptions } from '../retrieval/embeddings/index.js';
import type { Embedder, EmbedderInfo } from '../retrieval/embeddings/types.js';
import { docInfoOf } from './open-index.js';
import { indexChunks } from './index-chunks.js';
import { resolveCitations } from '../ingest/citations.js';
import { PARSER_VERSION, parseDocument } from '../ingest/parse.js';
import { readDocument, type DecodeProgress, type FormatLimits } from '../ingest/decode.js';
import { chunkDocument } from '../ingest/chunk.js';
import { isInside, scanInputs } from './files.js';
import {
  acquireIngestLock,
  INDEX_FORMAT_VERSION,
  parsedByOtherParser,
  createGenerationDir,
  discardGeneration,
  generationDir,
  readCurrentGeneration,
  readDocuments,
  readManifest,
  swapCurrentGeneration,
  writeGenerationFiles,
  type Manifest,
} from './generations.js';
import type { Chunk, ParsedDocument } from '../ingest/types.js';

export interface IngestProblem {
  file: string;
  code: ErrorCode;
  message: string;
}

/**
 * What an ingest is doing: `read` files, read a paged file's `page`s (PDF, OFD), `ocr` its
 * scanned pages, `embed` the chunks, `write` the new generation.
 */
export type IngestStage = 'read' | 'page' | 'ocr' | 'embed' | 'write';

/** Progress of an ingest, for a progress bar or an upload's status. */
export interface IngestProgress {
  stage: IngestStage;
  /** Done so far in this stage: files (`read`), pages of `file` (`page`, `ocr`), chunks (`embed`), 0 or 1 (`write`). */
  done: number;
  /** How many there are in this stage (for `ocr`: the scanned pages found so far). */
  total: number;
  /** The file being read: its document id (`read`, `page`, `ocr`). */
  file?: string;
  /** `page`, `ocr`: pages of `file` read so far (its text layer; for `page` the same as `done`). */
  page?: number;
  /** `page`, `ocr`: pages of `file`. */
  pages?: number;
}

/**
 * A paged file's decode events as ingest progress: its pages read (`page`), and once a scanned
 * page turns up, the scanned pages OCR'd of those found (`ocr`), with the pages read alongside —
 * so a display that follows the stage does not flip between reading and OCR page by page.
 */
function pageProgress(file: string, emit: (progress: IngestProgress) => void): (progress: DecodeProgress) => void {
  let read: { page: number; pages: number } | null = null;
  let ocr: { done: number; total: number } | null = null;
  return (p) => {
    if (p.stage === 'page') read = { page: p.page, pages: p.pages };
    else ocr = { done: p.page, total: p.pages };
    const pages = read ? { page: read.page, pages: read.pages } : {};
    if (ocr) emit({ stage: 'ocr', done: ocr.done, total: ocr.total, file, ...pages });
    else if (read) emit({ stage: 'page', done: read.page, total: read.pages, file, ...pages });
  };
}

/** A file given explicitly, under an id of the caller's choosing (an upload staged under a temporary name). */
export interface IngestInput {
  /** Where the bytes are read from now. */
  path: string;
  /** The document id. */
  id: string;
  /** The path recorded for the document (where the file will live once the ingest succeeded). Default `path`. */
  storedPath?: string;
  /** Replace a document of the same id with other content. Without it that is refused with DOC_EXISTS. Default false. */
  replace?: boolean;
}

export interface IngestOptions {
  /** Files or folders to ingest. A changed file replaces the document of the same id. */
  paths: string[];
  /** Files given with their ids (uploads); see {@link IngestInput}. */
  inputs?: IngestInput[];
  /** Index folder. */
  indexDir: string;
  /** Embedder to build with. */
  embedder: CreateEmbedderOptions;
  /** Largest file accepted, in bytes. Default 5 MB. */
  maxFileBytes?: number;
  /** Longest line accepted before parsing (LINE_TOO_LONG). Default: the parser's (100000). */
  maxLineChars?: number;
  /** Page, OCR, zip and text limits of the format readers. Default: the decoder's. */
  decodeLimits?: Partial<FormatLimits>;
  /** Ignore the current generation and rebuild from the given paths (a damaged index). Default false. */
  rebuild?: boolean;
  /** Document ids to drop from the index (the API's DELETE). */
  removeIds?: string[];
  /** Called as work advances: per file, per page of a paged file and per OCR'd page, per batch of chunks embedded. */
  onProgress?: (progress: IngestProgress) => void;
  /** Test hook: called after the new generation is written and before it is swapped in. */
  beforeSwap?: () => void | Promise<void>;
}

export interface IngestResult {
  /** False when nothing changed and no generation was written. */
  changed: boolean;
  generation: string | null;
  documents: number;
  sections: number;
  chunks: number;
  embedder: EmbedderInfo | null;
  seconds: number;
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: string[];
  problems: IngestProblem[];
}

function countSections(doc: ParsedDocument): number {
  let n = 0;
  const walk = (ss: ParsedDocument['sections']) => ss.forEach((s) => ((n += 1), walk(s.children)));
  walk(doc.sections);
  return n;
}

interface Previous {
  manifest: Manifest;
  documents: Map<string, ParsedDocument>;
  dir: string;
}

function loadPrevious(indexDir: string): Previous | null {
  try {
    const name = readCurrentGeneration(indexDir);
    if (!name) return null;
    const dir = generationDir(indexDir, name);
    const manifest = readManifest(dir);
    const documents = new Map(readDocuments(dir).map((d) => [d.id, d]));
    return { manifest, documents, dir };
  } catch (err) {
    // A damaged or outdated index is rebuilt from the sources, not patched.
    if (isAppError(err, 'INDEX_CORRUPT')) return null;
    throw err;
  }
}

/** Runs one ingest. Throws INDEX_LOCKED when another ingest holds the index. */
export async function ingest(options: IngestOptions): Promise<IngestResult> {
  const t0 = performance.now();
  const release = acquireIngestLock(options.indexDir);
  try {
    return await runIngest(options, t0);
  } finally {
    release();
  }
}

async function runIngest(options: IngestOptions, t0: number): Promise<IngestResult> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const previous = options.rebuild ? null : loadPrevious(options.indexDir);
  const scan = scanInputs(options.paths);
  const problems: IngestProblem[] = scan.missing.map((p) => ({ file: p, code: 'FILE_NOT_FOUND', message: `No such file or folder: ${p}` }));
  const result: IngestResult = {
    changed: false,
    generation: null,
    documents: 0,
    sections: 0,
    chunks: 0,
    embedder: previous?.manifest.embedder ?? null,
    seconds: 0,
    added: [],
    updated: [],
    removed: [],
    unchanged: [],
    problems,
  };

  // Start from what the index holds, then apply this run's files.
  const docs = new Map(previous?.documents ?? []);
  const seenPaths = new Set<string>();
  const contentOwner = new Map<string, string>();
  for (const d of docs.values()) if (d.raw.contentHash) contentOwner.set(d.raw.contentHash, d.id);
  const thisRun = new Set<string>();

  const files: Required<IngestInput>[] = [
    ...scan.files.map((f) => ({ path: f.path, id: f.id, storedPath: f.path, replace: true })),
    ...(options.inputs ?? []).map((f) => ({ replace: false, ...f, storedPath: f.storedPath ?? f.path })),
  ];
  // Documents parsed by an older parser are read again from their files, even unchanged: their
  // bytes are the same but what the parser makes of them is not. One whose file is gone keeps
  // its old parse (there is nothing to re-read) and is said so.
  const reparse = previous !== null && parsedByOtherParser(previous.manifest);
  if (reparse) {
    const listed = new Set(files.map((f) => f.id));
    for (const d of docs.values()) {
      if (listed.has(d.id)) continue;
      if (d.raw.path && existsSync(d.raw.path)) files.push({ path: d.raw.path, id: d.id, storedPath: d.raw.path, replace: true });
      else
        problems.push({
          file: d.raw.path ?? d.id,
          code: 'FILE_NOT_FOUND',
          message: `${d.id} was parsed by an older parser and its file is gone; its old parse is kept`,
        });
    }
  }
  const progress = options.onProgress;
  let done = 0;
  for (const file of files) {
    progress?.({ stage: 'read', done: done++, total: files.length, file: file.id });
    seenPaths.add(file.storedPath);
    try {
      if (thisRun.has(file.id))
        throw new AppError('FILE_DUPLICATE', `Another file named ${file.id} is in this ingest; document ids are file names and must be unique`);
      thisRun.add(file.id);
      const size = statSync(file.path).size;
      if (size > maxBytes) throw new AppError('FILE_TOO_LARGE', `${file.id} is ${size} bytes; the limit is ${maxBytes}`);
      const bytes = readFileSync(file.path);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const old = docs.get(file.id);
      if (old && old.raw.sha256 === sha256 && !reparse) {
        result.unchanged.push(file.id);
        continue;
      }
      if (old && old.raw.sha256 !== sha256 && !file.replace) {
        throw new AppError('DOC_EXISTS', `A document named ${file.id} is already indexed with other content; ask for replacement explicitly to replace it`, {
          details: { id: file.id },
        });
      }
      const raw = await readDocument(
        { path: file.storedPath, name: file.id, bytes },
        {
          maxBytes,
          ...(options.decodeLimits ? { limits: options.decodeLimits } : {}),
          ...(progress ? { onProgress: pageProgress(file.id, progress) } : {}),
        },
      );
      const doc = parseDocument(raw, options.maxLineChars ? { maxLineChars: options.maxLineChars } : {});
      const owner = doc.raw.contentHash ? contentOwner.get(doc.raw.contentHash) : undefined;
      if (owner && owner !== file.id) {
        throw new AppError('FILE_DUPLICATE', `${file.id} has the same content as ${owner}, which is already indexed`);
      }
      if (old?.raw.contentHash) contentOwner.delete(old.raw.contentHash);
      if (doc.raw.contentHash) contentOwner.set(doc.raw.contentHash, file.id);
      docs.set(file.id, doc);
      (old ? result.updated : result.added).push(file.id);
    } catch (err) {
      // A reader's bug on one hostile file is that file's problem (INTERNAL), not the whole ingest's.
      if (isAppError(err)) problems.push({ file: file.storedPath, code: err.code, message: err.message });
      else
        problems.push({
          file: file.storedPath,
          code: 'INTERNAL',
          message: `${file.id} could not be read: ${err instanceof Error ? err.message : String(err)}`,
        });
    }
  }
  progress?.({ stage: 'read', done: files.length, total: files.length });

  // Drop documents whose file vanished from a folder we walked, or that were asked to go.
  for (const d of [...docs.values()]) {
    const p = d.raw.path;
    const gone = p && !seenPaths.has(p) && (scan.scannedDirs.some((dir) => isInside(p, dir)) || options.paths.some((x) => x === p));
    if (gone || options.removeIds?.includes(d.id)) {
      docs.delete(d.id);
      result.removed.push(d.id);
    }
  }
  for (const id of options.removeIds ?? []) {
    if (!previous?.documents.has(id)) problems.push({ file: id, code: 'DOC_NOT_FOUND', message: `No document ${id} in the index` });
  }

  const embedder = await createEmbedder(options.embedder);
  const sameEmbedder = previous && sameKind(previous.manifest.embedder, embedder);
  const nothingChanged = !result.added.length && !result.updated.length && !result.removed.length;
  const ordered = [...docs.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  result.documents = ordered.length;
  result.sections = ordered.reduce((n, d) => n + countSections(d), 0);
  if (previous && sameEmbedder && nothingChanged) {
    result.chunks = previous.manifest.chunkCount;
    result.seconds = (performance.now() - t0) / 1000;
    return result;
  }

  resolveCitations(ordered);
  const chunksByDoc = new Map<string, Chunk[]>(ordered.map((d) => [d.id, chunkDocument(d)]));
  const chunks = ordered.flatMap((d) => chunksByDoc.get(d.id)!);
  result.chunks = chunks.length;

  // One pass: tokenise once for the embedder's fit and BM25, vectors straight into one Float32Array.
  const retrieval = await indexChunks(chunks, ordered.map(docInfoOf), embedder, {
    onProgress: (n, total) => progress?.({ stage: 'embed', done: n, total }),
  });
  result.embedder = embedder.info();

  progress?.({ stage: 'write', done: 0, total: 1 });
  const gen = createGenerationDir(options.indexDir);
  try {
    retrieval.save(`${gen.dir}/retrieval`);
    const manifest: Manifest = {
      version: INDEX_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      embedder: embedder.info(),
      embedderState: embedder.exportState?.(),
      documents: ordered.map((d) => ({
        id: d.id,
        path: d.raw.path,
        sha256: d.raw.sha256,
        contentHash: d.raw.contentHash,
        title: d.meta.title,
        sections: countSections(d),
        chunks: chunksByDoc.get(d.id)!.length,
      })),
      chunkCount: chunks.length,
      parserVersion: PARSER_VERSION,
    };
    writeGenerationFiles(gen.dir, manifest, ordered);
    await options.beforeSwap?.();
    swapCurrentGeneration(options.indexDir, gen.name);
  } catch (err) {
    discardGeneration(gen.dir);
    throw err;
  }
  progress?.({ stage: 'write', done: 1, total: 1 });
  result.changed = true;
  result.generation = gen.name;
  result.seconds = (performance.now() - t0) / 1000;
  return result;
}

function sameKind(a: EmbedderInfo, b: Embedder): boolean {
  // Corpus-fitted embedders are refit on change anyway; compare what the user chose.
  return a.kind === b.kind && (b.kind === 'builtin' || a.id === b.info().id);
}
