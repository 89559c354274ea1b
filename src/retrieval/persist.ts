/**
 * The retrieval index on disk: one folder with
 *
 *   manifest.json   format, counts, options, and the size and sha256 of every other file
 *   chunks.jsonl    one Chunk per line, in index order (line i = chunk index i = HNSW label i)
 *   docs.json       DocInfo[]
 *   vectors.f32     count × dim little-endian float32, row-major
 *   bm25.bin        the lexical index (see Bm25Index.toBuffer)
 *   hnsw.bin        the HNSW graph, when the dense vectors are dense, or
 *   sparse.bin      the exact sparse inverted index (sparse-dense.ts), when they are sparse
 *                   (exactly one of the two for a non-empty index, neither for an empty one)
 *
 * The manifest is written last, so a folder without one was never finished. Every file is
 * checked against the manifest before it is parsed (hnswlib trusts the bytes it reads, so a
 * damaged graph must never reach it); any mismatch is INDEX_CORRUPT.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { AppError } from '../core/errors.js';
import type { Chunk, ChunkKind } from '../ingest/types.js';
import { LITTLE_ENDIAN, bytesOf, sha256Hex, typedView } from './binary.js';
import { isSparseIndexFile } from './sparse-dense.js';
import type { DocInfo } from './types.js';

/** The two forms of the dense index file; a manifest lists at most one. */
const DENSE_FILES = ['hnsw.bin', 'sparse.bin'] as const;

export const MANIFEST_FILE = 'manifest.json';
export const FORMAT_NAME = 'policy-retrieval';
export const FORMAT_VERSION = 1;

/** The manifest of a saved index. */
export interface IndexManifest {
  format: typeof FORMAT_NAME;
  version: number;
  count: number;
  dim: number;
  docCount: number;
  /** Settings the index was built with (RetrievalOptions), restored on load. */
  options: unknown;
  files: Record<string, { bytes: number; sha256: string }>;
}

/** What {@link writeIndexFiles} persists. */
export interface IndexParts {
  chunks: readonly Chunk[];
  docs: readonly DocInfo[];
  vectors: Float32Array;
  dim: number;
  bm25: Uint8Array;
  /**
   * Writes the dense index (HNSW graph or sparse inverted index, told apart by the sparse
   * header) to the given path; returns false when there is none.
   */
  writeHnsw: (path: string) => boolean;
  options: unknown;
}

/**
 * What {@link readIndexFiles} returns: validated parts, and the path of the dense index file
 * (hnsw.bin or sparse.bin, checksum verified) or null.
 */
export interface LoadedParts {
  manifest: IndexManifest;
  chunks: Chunk[];
  docs: DocInfo[];
  vectors: Float32Array;
  bm25: Uint8Array;
  /** The dense index file (the name predates sparse.bin): DenseIndex.load tells the forms apart. */
  hnswPath: string | null;
}

function corrupt(dir: string, why: string, cause?: unknown): never {
  throw new AppError('INDEX_CORRUPT', `The retrieval index in ${dir} is damaged: ${why}. Re-run \`policy ingest\` to rebuild it`, { cause });
}

/** Writes every part into `dir` (created if needed), the manifest last. */
export function writeIndexFiles(dir: string, parts: IndexParts): IndexManifest {
  mkdirSync(dir, { recursive: true });
  const files: IndexManifest['files'] = {};
  const record = (name: string, bytes: Uint8Array | string) => {
    const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    writeFileSync(join(dir, name), buf);
    files[name] = { bytes: buf.byteLength, sha256: sha256Hex(buf) };
  };
  // chunks.jsonl is written in slices: a 100k-chunk corpus is too large for one string.
  const fd = openSync(join(dir, 'chunks.jsonl'), 'w');
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for (let i = 0; i < parts.chunks.length; i += 2000) {
      const slice = parts.chunks
        .slice(i, i + 2000)
        .map((c) => JSON.stringify(c) + '\n')
        .join('');
      const buf = Buffer.from(slice, 'utf8');
      writeSync(fd, buf);
      hash.update(buf);
      bytes += buf.length;
    }
  } finally {
    closeSync(fd);
  }
  files['chunks.jsonl'] = { bytes, sha256: hash.digest('hex') };
  record('docs.json', JSON.stringify(parts.docs));
  record('vectors.f32', bytesOf(parts.vectors));
  record('bm25.bin', parts.bm25);
  const tmpPath = join(dir, 'dense.bin.tmp');
  if (parts.writeHnsw(tmpPath)) {
    const buf = readFileSync(tmpPath);
    const name = isSparseIndexFile(buf) ? 'sparse.bin' : 'hnsw.bin';
    renameSync(tmpPath, join(dir, name));
    files[name] = { bytes: buf.length, sha256: sha256Hex(buf) };
  }
  const manifest: IndexManifest = {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    count: parts.chunks.length,
    dim: parts.dim,
    docCount: parts.docs.length,
    options: parts.options,
    files,
  };
  writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
  return manifest;
}

function readManifestFile(dir: string): IndexManifest {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) corrupt(dir, `${MANIFEST_FILE} is missing (the index was never finished)`);
  let m: IndexManifest;
  try {
    m = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    return corrupt(dir, `${MANIFEST_FILE} is not valid JSON`, err);
  }
  if (!m || m.format !== FORMAT_NAME) corrupt(dir, `${MANIFEST_FILE} is not a retrieval index manifest`);
  if (m.version !== FORMAT_VERSION) corrupt(dir, `format version ${m.version} is not ${FORMAT_VERSION}`);
  const counts = [m.count, m.dim, m.docCount];
  if (!counts.every((x) => Number.isInteger(x) && x >= 0) || !m.files || typeof m.files !== 'object') corrupt(dir, `${MANIFEST_FILE} has bad counts`);
  for (const name of ['chunks.jsonl', 'docs.json', 'vectors.f32', 'bm25.bin']) if (!m.files[name]) corrupt(dir, `${MANIFEST_FILE} does not list ${name}`);
  const denseFiles = DENSE_FILES.filter((name) => m.files[name]);
  if (m.count > 0 && denseFiles.length === 0) corrupt(dir, `${MANIFEST_FILE} does not list hnsw.bin or sparse.bin`);
  if (denseFiles.length > 1) corrupt(dir, `${MANIFEST_FILE} lists both hnsw.bin and sparse.bin`);
  return m;
}

/** Reads a listed file, checking its size and sha256 against the manifest. */
function readChecked(dir: string, m: IndexManifest, name: string): Buffer {
  const path = join(dir, name);
  const want = m.files[name];
  if (!existsSync(path)) corrupt(dir, `${name} is missing`);
  const size = statSync(path).size;
  if (size !== want.bytes) corrupt(dir, `${name} is ${size} bytes, expected ${want.bytes}`);
  const buf = readFileSync(path);
  if (sha256Hex(buf) !== want.sha256) corrupt(dir, `${name} does not match its checksum`);
  return buf;
}

const KINDS = new Set<ChunkKind>(['notice', 'preamble', 'clause', 'table-row']);

function isChunk(c: unknown): c is Chunk {
  const x = c as Chunk;
  return (
    !!x &&
    typeof x.id === 'string' &&
    typeof x.docId === 'string' &&
    typeof x.text === 'string' &&
    typeof x.context === 'string' &&
    typeof x.clausePath === 'string' &&
    typeof x.heading === 'string' &&
    KINDS.has(x.kind) &&
    [x.index, x.start, x.end, x.cleanStart, x.cleanEnd].every((n) => Number.isInteger(n))
  );
}

function isDocInfo(d: unknown): d is DocInfo {
  const x = d as DocInfo;
  return !!x && typeof x.id === 'string' && typeof x.title === 'string' && !!x.region && typeof x.region === 'object';
}

/** Reads and validates a folder written by {@link writeIndexFiles}; throws INDEX_CORRUPT on any damage. */
export function readIndexFiles(dir: string): LoadedParts {
  if (!existsSync(dir)) corrupt(dir, 'the folder is missing');
  const manifest = readManifestFile(dir);
  const { count, dim } = manifest;

  const lines = readChecked(dir, manifest, 'chunks.jsonl').toString('utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines.length !== count) corrupt(dir, `chunks.jsonl has ${lines.length} chunks, expected ${count}`);
  const chunks = lines.map((line, i) => {
    let c: unknown;
    try {
      c = JSON.parse(line);
    } catch (err) {
      return corrupt(dir, `chunks.jsonl line ${i + 1} is not valid JSON`, err);
    }
    return isChunk(c) ? c : corrupt(dir, `chunks.jsonl line ${i + 1} is not a chunk`);
  });

  let docs: unknown;
  try {
    docs = JSON.parse(readChecked(dir, manifest, 'docs.json').toString('utf8'));
  } catch (err) {
    if (err instanceof AppError) throw err;
    return corrupt(dir, 'docs.json is not valid JSON', err);
  }
  if (!Array.isArray(docs) || docs.length !== manifest.docCount || !docs.every(isDocInfo)) corrupt(dir, 'docs.json does not list the documents');
  const docIds = new Set((docs as DocInfo[]).map((d) => d.id));
  for (const c of chunks) if (!docIds.has(c.docId)) corrupt(dir, `chunk ${c.id} belongs to unknown document ${c.docId}`);

  if (!LITTLE_ENDIAN) corrupt(dir, 'vectors.f32 is little-endian and this machine is not');
  const vbuf = readChecked(dir, manifest, 'vectors.f32');
  if (vbuf.length !== count * dim * 4) corrupt(dir, `vectors.f32 holds ${vbuf.length} bytes, expected ${count}×${dim} floats`);
  const vectors = typedView(Float32Array, vbuf, 0, count * dim);
  for (let i = 0; i < vectors.length; i++) if (!Number.isFinite(vectors[i])) corrupt(dir, `vectors.f32 has a non-finite value at ${i}`);

  const bm25 = readChecked(dir, manifest, 'bm25.bin');
  let hnswPath: string | null = null;
  for (const name of DENSE_FILES) {
    if (!manifest.files[name]) continue;
    readChecked(dir, manifest, name);
    hnswPath = join(dir, name);
  }
  return { manifest, chunks, docs: docs as DocInfo[], vectors, bm25, hnswPath };
}
