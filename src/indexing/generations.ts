/**
 * The index on disk: a folder of immutable generations plus a `CURRENT` pointer.
 *
 *   .index/CURRENT          name of the generation being served (replaced by rename: atomic)
 *   .index/gen-…/           one complete index: manifest.json, documents.json, retrieval/
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
import type { DocumentMeta, ParsedDocument, RawDocument, Section, TableRow } from '../ingest/types.js';

/** Bumped when the on-disk format changes; an older index is rebuilt, never misread. */
export const INDEX_FORMAT_VERSION = 1;

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
}

/** A ParsedDocument as stored: the offset map as a plain array. */
interface StoredDocument {
  id: string;
  raw: RawDocument;
  clean: { text: string; offsets: number[] };
  meta: DocumentMeta;
  sections: Section[];
  tables: TableRow[];
  bodyStart: number;
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
  const stored: StoredDocument[] = documents.map((d) => ({
    id: d.id,
    raw: d.raw,
    clean: { text: d.clean.text, offsets: Array.from(d.clean.offsets) },
    meta: d.meta,
    sections: d.sections,
    tables: d.tables,
    bodyStart: d.bodyStart,
  }));
  writeFileDurable(join(dir, 'documents.json'), JSON.stringify(stored));
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

/** Reads the parsed documents of a generation. */
export function readDocuments(genDir: string): ParsedDocument[] {
  const p = join(genDir, 'documents.json');
  try {
    const stored = JSON.parse(readFileSync(p, 'utf8')) as StoredDocument[];
    return stored.map((d) => ({ ...d, clean: { text: d.clean.text, offsets: Int32Array.from(d.clean.offsets) } }));
  } catch (cause) {
    throw new AppError('INDEX_CORRUPT', `Cannot read ${p}; re-run \`policy ingest\``, { cause });
  }
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
