/**
 * The indexing half of ingest, timed stage by stage: `indexChunks` (src/retrieval/index-chunks.ts)
 * with the builtin embedder, i.e. tokenise once → fit → embed → BM25 → HNSW, all at the
 * product's default settings.
 */
import type { Chunk } from '../../src/ingest/types.js';
import { defaultDenseOptions, type DenseOptions } from '../../src/retrieval/dense.js';
import { BuiltinEmbedder } from '../../src/retrieval/embeddings/builtin.js';
import type { DocInfo, RetrievalIndex } from '../../src/retrieval/hybrid.js';
import { indexChunks, type IndexStage } from '../../src/indexing/index-chunks.js';
import { getJieba, tokenize } from '../../src/zh/tokenize.js';

/** Milliseconds per ingest stage, and in all. */
export type IngestTimings = Record<IndexStage, number> & { total: number };

/** What {@link ingestChunks} returns. */
export interface IngestRun {
  index: RetrievalIndex;
  embedder: BuiltinEmbedder;
  /** `tokenize(chunks[i].context)` for the MiniSearch baseline (made after the timed ingest). */
  terms: () => string[][];
  timings: IngestTimings;
  /** CPU time (user + system) of the whole ingest, ms: compare with `timings.total` on a shared machine. */
  cpuMs: number;
  dense: DenseOptions;
}

/** Builds the builtin-embedder index of `chunks`, timing each stage; progress lines go to `log`. */
export async function ingestChunks(chunks: Chunk[], docs: DocInfo[], log: (line: string) => void = () => {}): Promise<IngestRun> {
  const embedder = new BuiltinEmbedder();
  const timings: IngestTimings = { tokenize: 0, fit: 0, embed: 0, bm25: 0, hnsw: 0, total: 0 };
  const next: Record<IndexStage, string> = {
    tokenize: 'fitting the builtin embedder',
    fit: 'embedding',
    embed: 'building BM25',
    bm25: `building the dense index (sparse inverted index, or HNSW M=${defaultDenseOptions.m}, efConstruction=${defaultDenseOptions.efConstruction})`,
    hnsw: 'done',
  };
  log(`tokenizing ${chunks.length.toLocaleString('en-US')} chunks`);
  getJieba(); // dictionary loading is a once-per-process cost, not ingest work
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const index = await indexChunks(chunks, docs, embedder, {
    onStage: (stage, ms) => {
      timings[stage] = ms;
      if (stage !== 'hnsw') log(next[stage]);
    },
  });
  timings.total = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return {
    index,
    embedder,
    terms: () => chunks.map((c) => tokenize(c.context)),
    timings,
    cpuMs: (cpu.user + cpu.system) / 1000,
    dense: { ...index.dense.options },
  };
}
