/**
 * A served index generation in memory: its parsed documents, chunks, retrieval index and the
 * embedder that built it (restored, so queries land in the same vector space).
 */
import { join } from 'node:path';
import { AppError } from '../core/errors.js';
import { readDocumentsAsync } from './document-store.js';
import { generationDir, readCurrentGeneration, readManifest, type Manifest } from './generations.js';
import type { Chunk, ParsedDocument } from '../ingest/types.js';
import { restoreEmbedder, type CreateEmbedderOptions } from '../retrieval/embeddings/index.js';
import type { Embedder } from '../retrieval/embeddings/types.js';
import { RetrievalIndex, type DocInfo } from '../retrieval/hybrid.js';
import type { SearchHit, SearchOptions, TermStats } from '../retrieval/types.js';

/**
 * A served generation's manifest and documents, without its retrieval structures: what the
 * server's main thread holds when questions are answered in worker threads.
 */
export interface DocumentIndex {
  generation: string;
  dir: string;
  manifest: Manifest;
  docs: Map<string, ParsedDocument>;
}

/** A generation ready for search and answers. */
export interface LoadedIndex extends DocumentIndex {
  chunks: Chunk[];
  retrieval: RetrievalIndex;
  embedder: Embedder;
}

/**
 * What the layers above (answering, alignment) need of a served index: its documents, a search
 * (the query embedded with the index's own embedder), and term statistics. Narrower than
 * {@link LoadedIndex}, so nothing above reaches into the retrieval structures.
 */
export interface Corpus {
  readonly docs: ReadonlyMap<string, ParsedDocument>;
  search(query: string, options?: SearchOptions): Promise<SearchHit[]>;
  /** Lexical document frequencies (chunks as documents). */
  readonly termStats: TermStats;
}

/** The {@link Corpus} view of a loaded index. */
export function corpusOf(index: LoadedIndex): Corpus {
  return { docs: index.docs, search: (query, options) => searchIndex(index, query, options), termStats: index.retrieval.bm25 };
}

/** Per-document information the retrieval index needs for filters and hits. */
export function docInfoOf(doc: ParsedDocument): DocInfo {
  return { id: doc.id, title: doc.meta.title ?? doc.id, level: doc.meta.level, region: doc.meta.region };
}

/**
 * Opens the generation `CURRENT` points to. The embedder is restored from the manifest and
 * must match the configured one: an index is never queried with vectors from another model.
 */
export async function openIndex(indexDir: string, embedderOptions: CreateEmbedderOptions): Promise<LoadedIndex> {
  const generation = readCurrentGeneration(indexDir);
  if (!generation) throw new AppError('INDEX_NOT_FOUND', `No index in ${indexDir}; run \`npm run policy -- ingest\``);
  return openGeneration(indexDir, generation, embedderOptions);
}

/** Opens the named generation (a worker answering for the generation the server serves, even after a newer one was swapped in). */
export async function openGeneration(indexDir: string, generation: string, embedderOptions: CreateEmbedderOptions): Promise<LoadedIndex> {
  return withRetrieval(await openDocuments(indexDir, generation, embedderOptions), embedderOptions);
}

/**
 * Opens a generation's manifest and documents (checking the embedder as {@link openIndex} does),
 * reading the documents a few at a time so the event loop keeps serving meanwhile.
 */
export async function openDocuments(indexDir: string, generation: string, embedderOptions: CreateEmbedderOptions): Promise<DocumentIndex> {
  const dir = generationDir(indexDir, generation);
  const manifest = readManifest(dir);
  const wanted = embedderOptions.kind ?? 'builtin';
  if (manifest.embedder.kind !== wanted) {
    throw new AppError(
      'EMBEDDER_MISMATCH',
      `The index in ${indexDir} was built with the ${manifest.embedder.id} embedder, but ${wanted} is configured; re-ingest with \`npm run policy -- ingest --embedder ${wanted}\` or configure ${manifest.embedder.kind}`,
      { details: { index: manifest.embedder.id, configured: wanted } },
    );
  }
  const docs = new Map((await readDocumentsAsync(dir)).map((d) => [d.id, d]));
  return { generation, dir, manifest, docs };
}

/** Adds the retrieval index and the restored embedder to an opened generation. */
export async function withRetrieval(index: DocumentIndex, embedderOptions: CreateEmbedderOptions): Promise<LoadedIndex> {
  const embedder = await restoreEmbedder(index.manifest.embedder, index.manifest.embedderState, embedderOptions);
  const retrieval = RetrievalIndex.load(join(index.dir, 'retrieval'));
  return { ...index, chunks: retrieval.chunks, retrieval, embedder };
}

/** Embeds the query with the index's embedder (skipped for lexical-only search) and searches. */
export async function searchIndex(index: LoadedIndex, query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
  const mode = options.mode ?? 'hybrid';
  const vector = mode === 'lexical' ? null : await index.embedder.embedQuery(query);
  return index.retrieval.search(query, vector, options);
}
