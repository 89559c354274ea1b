/**
 * The index on disk: a folder of immutable generations plus a `CURRENT` pointer.
 *
 *   .index/CURRENT          name of the generation being served (replaced by rename: atomic)
 *   .index/gen-…/           one complete index: manifest.json, documents.jsonl, retrieval/
 *   .index/ingest.lock      held by the one ingest that may run at a time
 *
 * An ingest writes a whole new generation beside the served one and only then swaps the
 * pointer, so an interrupted ingest leaves the previous index intact and serving.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, fsyncSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError } from '../core/errors.js';
import type { EmbedderInfo } from '../retrieval/embeddings/types.js';
import { PARSER_VERSION } from '../ingest/parse.js';
import type { ParsedDocument } from '../ingest/types.js';
import { DOCUMENTS_FILE, readDocumentsSync, serializeDocuments } from './document-store.js';

/** Bumped when the on-disk format changes; an older index is rebuilt, never misread. */
// 2: documents carry their record (meta.record).
export const INDEX_FORMAT_VERSION = 2;

export interface ManifestDocument {
  id: string;
  path?: string;
  sha256: string;
  contentHash?: string;
  title: string | null;
  sections: number;
  chunks: number;
}

export interface Manifest {
  version: number;
  createdAt: string;
  embedder: EmbedderInfo;
  /** State of a corpus-fitted embedder (builtin), restored when the index is loaded. */
  embedderState?: unknown;
  documents: ManifestDocument[];
  chunkCount: number;
  /** `PARSER_VERSION` of the parser that read the documents; absent in indexes made before it was recorded. */
  parserVersion?: number;
}

const CURRENT = 'CURRENT';
const LOCK = 'ingest.lock';

/** Name of the generation `CURRENT` points to, or null when there is no index. */
export function readCurrentGeneration(indexDir: string): string | null {
  const p = join(indexDir, CURRENT);
  if (!existsSync(p)) return null;
  const name = readFileSync(p, 'utf8').trim();
  if (!/^gen-[\w-]+$/.test(name) || !existsSync(join(indexDir, name))) {
    throw new AppError('INDEX_CORRUPT', `The index pointer ${p} names a missing generation (${name}); re-run \`policy ingest\``);
  }
  return name;
}

/** Allocates an empty folder for a new generation (not yet served). */
export function createGenerationDir(indexDir: string): { name: string; dir: string } {
  mkdirSync(indexDir, { recursive: true });
  const name = `gen-${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;
  const dir = join(indexDir, name);
  mkdirSync(dir);
  return { name, dir };
}

function writeFileDurable(path: string, data: string | Buffer): void {
  writeFileSync(path, data);
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes manifest and documents into a generation folder. */
export function writeGenerationFiles(dir: string, manifest: Manifest, documents: ParsedDocument[]): void {
  writeFileDurable(join(dir, DOCUMENTS_FILE), serializeDocuments(documents));
  // The manifest is written last: a generation without one is incomplete and never served.
  writeFileDurable(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 1));
}

/** Points `CURRENT` at `name` atomically, then removes generations older than the previous one. */
export function swapCurrentGeneration(indexDir: string, name: string): void {
  const previous = safeCurrent(indexDir);
  const tmp = join(indexDir, `${CURRENT}.${process.pid}.tmp`);
  writeFileDurable(tmp, `${name}\n`);
  renameSync(tmp, join(indexDir, CURRENT));
  // Keep the generation just replaced: a reader that resolved the old pointer may still be loading it.
  for (const entry of readdirSync(indexDir)) {
    if (entry.startsWith('gen-') && entry !== name && entry !== previous) rmSync(join(indexDir, entry), { recursive: true, force: true });
  }
}

function safeCurrent(indexDir: string): string | null {
  try {
    return readCurrentGeneration(indexDir);
  } catch {
    return null;
  }
}

/** Removes a generation folder that was never swapped in (an ingest that failed). */
export function discardGeneration(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** True when a generation's documents were parsed by another parser version than this one (re-read them). */
export const parsedByOtherParser = (manifest: Pick<Manifest, 'parserVersion'>): boolean => manifest.parserVersion !== PARSER_VERSION;

/** Reads the manifest of a generation. */
export function readManifest(genDir: string): Manifest {
  const p = join(genDir, 'manifest.json');
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(p, 'utf8')) as Manifest;
  } catch (cause) {
    throw new AppError('INDEX_CORRUPT', `Cannot read ${p}; re-run \`policy ingest\``, { cause });
  }
  if (manifest.version !== INDEX_FORMAT_VERSION || !manifest.embedder || !Array.isArray(manifest.documents)) {
    throw new AppError('INDEX_CORRUPT', `${p} is from another index format; re-run \`policy ingest\``);
  }
  return manifest;
}

/** Reads the parsed documents of a generation (in one go; the server reads them with `readDocumentsAsync`). */
export function readDocuments(genDir: string): ParsedDocument[] {
  return readDocumentsSync(genDir);
}

/**
 * Takes the ingest lock (one ingest at a time per index). A lock left by a dead process is
 * taken over. Returns a release function.
 */
export function acquireIngestLock(indexDir: string): () => void {
  mkdirSync(indexDir, { recursive: true });
  const p = join(indexDir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(p, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(p, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(p, 'utf8').trim());
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new AppError('INDEX_LOCKED', `Another ingest (pid ${pid}) is running on ${indexDir}; wait for it to finish`);
      }
      if (pid === process.pid) throw new AppError('INDEX_LOCKED', `An ingest is already running on ${indexDir}`);
      rmSync(p, { force: true });
    }
  }
  throw new AppError('INDEX_LOCKED', `Could not take the ingest lock on ${indexDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Folder of a generation by name. */
export function generationDir(indexDir: string, name: string): string {
  return join(indexDir, name);
}

/**
 * Removes the ingest lock when this process holds it. For a worker thread that was terminated
 * mid-ingest (time budget, memory): its lock names this process, and only this process's own
 * serial ingest queue can know that no other ingest of it is running.
 */
export function releaseOwnLock(indexDir: string): void {
  const p = join(indexDir, LOCK);
  try {
    if (Number(readFileSync(p, 'utf8').trim()) === process.pid) rmSync(p, { force: true });
  } catch {
    // No lock: nothing to release.
  }
}

/** What a folder given as an index is: absent, empty, an index (has CURRENT), an unfinished first ingest, or something else. */
export type IndexDirState = 'missing' | 'empty' | 'index' | 'partial' | 'other';

/** Classifies `dir` (see {@link IndexDirState}); the CLI refuses `--index` pointing at `other`. */
export function indexDirState(dir: string): IndexDirState {
  if (!existsSync(dir)) return 'missing';
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return 'other';
  }
  if (entries.includes(CURRENT)) return 'index';
  if (!entries.length) return 'empty';
  return entries.every((e) => e === LOCK || e.startsWith('gen-') || e.startsWith(`${CURRENT}.`)) ? 'partial' : 'other';
}
