/**
 * One benchmark scenario (the real corpus, or a synthetic corpus of N chunks): ingest on the
 * lean path, save, then the same queries through every system, one system at a time:
 *
 *   hybrid      the product search: builtin query embedding + BM25 + HNSW, fused, diversified
 *   bm25        our BM25 alone (Bm25Index.search)
 *   hnsw        our dense search alone (DenseIndex.search: HNSW at this size, or the exact
 *               sparse inverted index when the vectors are sparse, as the builtin embedder's are)
 *   exact       brute-force cosine over every vector (DenseIndex.searchExact), the recall truth
 *   minisearch  MiniSearch over the same jieba terms
 *
 * Each system answers a short warm-up (not timed) and then the queries once each, timed one by
 * one: all of them, except that brute force, MiniSearch and the hybrid-with-exact-dense check
 * stop when their time budget is spent. Also measured: HNSW recall per kind of query, and how
 * much of the hybrid top-k survives when HNSW is replaced by exact search (what its misses cost).
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Chunk } from '../../src/ingest/types.js';
import { RetrievalIndex, type DocInfo } from '../../src/retrieval/hybrid.js';
import { ingestChunks, type IngestTimings } from './ingest.js';
import { buildMiniSearch } from './minisearch-baseline.js';
import { mean, overlap, recallAtK, summarizeLatencies, type LatencySummary } from './stats.js';

/** A gold question with the evidence that answers it (for hit@5 on the real corpus). */
export interface GoldItem {
  question: string;
  source: string;
  evidence: string[];
  /** A follow-up ("报给谁？") that needs the previous question's context: not scored on its own. */
  followUp: boolean;
}

/** Input of {@link runScenario}. */
export interface ScenarioInput {
  name: string;
  chunks: Chunk[];
  docs: DocInfo[];
  queries: string[];
  /** Gold items scored for hit@5 (the real corpus only: their evidence lives in its documents). */
  gold: GoldItem[];
  /** Which queries are gold questions (for recall by query kind), on any corpus. */
  goldQuestions: ReadonlySet<string>;
  /** Folder to save the index in (removed afterwards unless `keep`). */
  dir: string;
  keep: boolean;
  minisearch: boolean;
  /**
   * Query-time budget of each slow baseline (brute force, MiniSearch), ms: they answer queries
   * in order until it is spent (at least {@link MIN_BASELINE_QUERIES}), so a 100k run stays
   * within minutes. Infinity = every query.
   */
  baselineBudgetMs: number;
  k: number;
  log: (line: string) => void;
}

/** Fewest queries a budgeted baseline answers. */
export const MIN_BASELINE_QUERIES = 50;

/** One system's row. */
export interface SystemResult {
  system: 'hybrid' | 'bm25' | 'hnsw' | 'exact' | 'minisearch';
  label: string;
  buildMs: number | null;
  bytes: number | null;
  /** Latency over `latency.count` queries (the first ones of the list when a budget stopped it). */
  latency: LatencySummary;
  /** Dense systems: tie-aware recall@k against exact cosine (and plain id recall). */
  recall: number | null;
  recallIds: number | null;
  /**
   * MiniSearch: share of our BM25's top-k it also returns. Hybrid: share of the top-k the same
   * hybrid search returns with EXACT dense search (what HNSW's misses cost the product).
   */
  agreement: number | null;
  /** Real corpus: share of stand-alone gold questions whose evidence is in a top-5 hit (same document). */
  hitAt5: number | null;
}

/** What {@link runScenario} returns (plain JSON). */
export interface ScenarioResult {
  name: string;
  chunks: number;
  documents: number;
  avgChunkChars: number;
  queries: number;
  distinctQueries: number;
  zeroVectorQueries: number;
  k: number;
  dim: number;
  hnsw: { m: number; efConstruction: number; efSearch: number };
  /** Which structure the dense channel built ('sparse': exact inverted index, no HNSW graph). */
  denseKind?: 'hnsw' | 'sparse' | null;
  ingest: IngestTimings & { chunksPerSecond: number; cpuMs: number };
  save: { ms: number; bytes: number; files: Record<string, number> };
  peakRssBytes: { afterIngest: number; beforeMinisearch: number; final: number };
  minisearchHeapBytes: number | null;
  queryEmbedding: LatencySummary;
  /** HNSW recall@10 (tie-aware) per kind of query: gold questions, questions naming a region of the corpus, the rest. */
  recallByKind: Record<'gold' | 'region' | 'other', { queries: number; recall: number | null }>;
  systems: SystemResult[];
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const peakRss = () => process.resourceUsage().maxRSS * 1024;
const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/** True when `text` shares a run of min(10, |evidence|) characters with the evidence. */
export function evidenceOverlaps(text: string, evidence: string): boolean {
  const t = norm(text);
  const e = norm(evidence);
  const w = Math.min(10, e.length);
  if (!w) return false;
  for (let i = 0; i + w <= e.length; i++) if (t.includes(e.slice(i, i + w))) return true;
  return false;
}

/**
 * Times `f` on the queries in order, after an untimed warm-up over the first 20, until every
 * query ran or `budgetMs` of timed work is spent (but at least `minQueries`).
 */
function timeQueries<T>(
  queries: readonly string[],
  f: (q: string, i: number) => T,
  budgetMs = Infinity,
  minQueries = MIN_BASELINE_QUERIES,
): { results: T[]; times: number[] } {
  for (let i = 0; i < Math.min(20, queries.length); i++) f(queries[i], i);
  const results: T[] = [];
  const times: number[] = [];
  let spent = 0;
  for (let i = 0; i < queries.length && (spent < budgetMs || i < minQueries); i++) {
    const t = performance.now();
    results.push(f(queries[i], i));
    const dt = performance.now() - t;
    times.push(dt);
    spent += dt;
  }
  return { results, times };
}

/** Runs the scenario; the index folder is removed afterwards unless `keep`. */
export async function runScenario(input: ScenarioInput): Promise<ScenarioResult> {
  const { chunks, docs, queries, k, log } = input;
  log(`[${input.name}] ${chunks.length.toLocaleString('en-US')} chunks in ${docs.length.toLocaleString('en-US')} documents`);
  const run = await ingestChunks(chunks, docs, (l) => log(`[${input.name}] ${l}`));
  const { index, embedder } = run;
  const afterIngest = peakRss();
  const ingestSeconds = run.timings.total / 1000;
  log(`[${input.name}] ingest ${ingestSeconds.toFixed(1)} s (${Math.round(chunks.length / ingestSeconds)} chunks/s); saving`);

  const t = performance.now();
  index.save(input.dir);
  const saveMs = performance.now() - t;
  const files = Object.fromEntries(readdirSync(input.dir).map((f) => [f, statSync(join(input.dir, f)).size]));
  const saveBytes = Object.values(files).reduce((a, b) => a + b, 0);
  if (!input.keep) rmSync(input.dir, { recursive: true, force: true });

  // Query vectors, embedded once for the dense-only systems (their latency excludes embedding;
  // the hybrid row includes it, as a user sees it).
  log(`[${input.name}] embedding ${queries.length} queries`);
  const qvecs: Float32Array[] = [];
  const embedTimes: number[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    qvecs.push(Float32Array.from(await embedder.embedQuery(q)));
    embedTimes.push(performance.now() - t0);
  }
  const zeroVectorQueries = qvecs.filter((v) => !v.some((x) => x !== 0)).length;

  // Scored: stand-alone gold questions with evidence, asked once in the gold set.
  const asked = new Map<string, number>();
  for (const g of input.gold) asked.set(g.question, (asked.get(g.question) ?? 0) + 1);
  const goldByQuestion = new Map(input.gold.filter((g) => g.evidence.length && !g.followUp && asked.get(g.question) === 1).map((g) => [g.question, g]));
  const hitAt5 = (ranked: number[][]): number | null => {
    if (!goldByQuestion.size) return null;
    const scores: number[] = [];
    ranked.forEach((hits, i) => {
      const g = goldByQuestion.get(queries[i]);
      if (!g) return;
      const top = hits.slice(0, 5).map((j) => chunks[j]);
      scores.push(top.some((c) => c.docId === g.source && g.evidence.some((e) => evidenceOverlaps(c.text, e))) ? 1 : 0);
    });
    return scores.length ? mean(scores) : null;
  };
  const rowOf = new Map(chunks.map((c, i) => [c.id, i]));
  const systems: SystemResult[] = [];
  const bytesOf = (...names: string[]) => names.reduce((a, n) => a + (files[n] ?? 0), 0);

  log(`[${input.name}] hybrid search`);
  // The product path: embed the query, then search (async embedding included in the time).
  const hybridRanked: number[][] = [];
  const hybridTimes: number[] = [];
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < (pass === 0 ? Math.min(50, queries.length) : queries.length); i++) {
      const t0 = performance.now();
      const v = await embedder.embedQuery(queries[i]);
      const hits = index.search(queries[i], v, { k });
      if (pass === 1) {
        hybridTimes.push(performance.now() - t0);
        hybridRanked.push(hits.map((h) => rowOf.get(h.chunkId)!));
      }
    }
  }
  systems.push({
    system: 'hybrid',
    label: `policy hybrid (embed + BM25 + ${index.dense.kind === 'sparse' ? 'sparse dense' : 'HNSW'} + fusion)`,
    buildMs: run.timings.total,
    bytes: saveBytes,
    latency: summarizeLatencies(hybridTimes),
    recall: null,
    recallIds: null,
    agreement: null,
    hitAt5: hitAt5(hybridRanked),
  });

  log(`[${input.name}] BM25 only`);
  const bm = timeQueries(queries, (q) => index.bm25.search(q, k).map((h) => h.index));
  systems.push({
    system: 'bm25',
    label: 'policy BM25 only',
    buildMs: run.timings.tokenize + run.timings.bm25,
    bytes: bytesOf('bm25.bin'),
    latency: summarizeLatencies(bm.times),
    recall: null,
    recallIds: null,
    agreement: null,
    hitAt5: hitAt5(bm.results),
  });

  log(`[${input.name}] brute-force cosine`);
  const ex = timeQueries(queries, (_q, i) => index.dense.searchExact(qvecs[i], k), input.baselineBudgetMs);
  log(`[${input.name}] HNSW only`);
  const hn = timeQueries(queries, (_q, i) => index.dense.search(qvecs[i], k).map((h) => h.index));
  const { vectors, invNorms } = index.dense;
  const dim = index.dimension;
  const recalls: number[] = [];
  const idRecalls: number[] = [];
  // Why recall differs by query: a region name is a rare, heavily weighted term of the query
  // vector, and HNSW's graph (built from chunk-to-chunk similarity) has no path towards it.
  const regionNames = [...new Set(docs.map((d) => d.region.name).filter((r): r is string => !!r && r.length >= 2))];
  const queryKind = (q: string) => (input.goldQuestions.has(q) ? 'gold' : regionNames.some((r) => q.includes(r)) ? 'region' : 'other');
  const byKind: Record<'gold' | 'region' | 'other', number[]> = { gold: [], region: [], other: [] };
  ex.results.forEach((truth, i) => {
    if (!truth.length) return;
    const qv = qvecs[i];
    const qn = 1 / Math.hypot(...qv);
    const exactScore = (row: number) => {
      let s = 0;
      for (let j = 0, o = row * dim; j < dim; j++) s += qv[j] * vectors[o + j];
      return s * qn * invNorms[row];
    };
    const r = recallAtK(
      hn.results[i],
      truth.map((h) => h.score),
      exactScore,
      1e-6,
    );
    recalls.push(r);
    idRecalls.push(
      overlap(
        hn.results[i],
        truth.map((h) => h.index),
      ),
    );
    byKind[queryKind(queries[i])].push(r);
  });
  const below = index.size < index.dense.options.exactBelow;
  systems.push({
    system: 'hnsw',
    label: below
      ? `policy dense only (exact below ${index.dense.options.exactBelow} chunks)`
      : index.dense.kind === 'sparse'
        ? 'policy dense only (exact sparse inverted index)'
        : `policy HNSW only (efSearch ${index.dense.options.efSearch})`,
    buildMs: run.timings.hnsw,
    bytes: bytesOf('hnsw.bin', 'sparse.bin'),
    latency: summarizeLatencies(hn.times),
    recall: mean(recalls),
    recallIds: mean(idRecalls),
    agreement: null,
    hitAt5: hitAt5(hn.results),
  });
  systems.push({
    system: 'exact',
    label: 'brute-force cosine (exact)',
    buildMs: null,
    bytes: bytesOf('vectors.f32'),
    latency: summarizeLatencies(ex.times),
    recall: 1,
    recallIds: 1,
    agreement: null,
    hitAt5: hitAt5(ex.results.map((r) => r.map((h) => h.index))),
  });

  // What HNSW's misses cost the product: the same hybrid search with exact dense search, over
  // the queries the brute-force pass answered (it costs as much per query).
  if (!below) {
    log(`[${input.name}] hybrid with exact dense search (fidelity)`);
    const exactDense = RetrievalIndex.fromParts(chunks, docs, index.bm25, index.dense.withOptions({ exactBelow: Number.POSITIVE_INFINITY }));
    const fidelity = timeQueries(
      queries.slice(0, ex.results.length),
      (q, i) => exactDense.search(q, qvecs[i], { k }).map((h) => rowOf.get(h.chunkId)!),
      input.baselineBudgetMs,
    );
    systems[0].agreement = mean(fidelity.results.map((ref, i) => overlap(hybridRanked[i], ref)));
  }
  const beforeMinisearch = peakRss();

  let minisearchHeapBytes: number | null = null;
  if (input.minisearch) {
    log(`[${input.name}] MiniSearch: indexing`);
    // The same terms as the ingest's (tokenised again here, untimed: the build column charges
    // MiniSearch the ingest's tokenize time instead).
    const terms = run.terms();
    gc();
    const heap0 = process.memoryUsage().heapUsed;
    const ms = buildMiniSearch(terms, index.bm25);
    gc();
    minisearchHeapBytes = process.memoryUsage().heapUsed - heap0;
    log(`[${input.name}] MiniSearch: searching`);
    const mr = timeQueries(queries, (q) => ms.search(q, k), input.baselineBudgetMs);
    systems.push({
      system: 'minisearch',
      label: 'MiniSearch (same jieba terms)',
      buildMs: run.timings.tokenize + ms.buildMs,
      bytes: ms.serializedBytes,
      latency: summarizeLatencies(mr.times),
      recall: null,
      recallIds: null,
      agreement: mean(mr.results.map((r, i) => overlap(r, bm.results[i]))),
      hitAt5: hitAt5(mr.results),
    });
  }

  return {
    name: input.name,
    chunks: chunks.length,
    documents: docs.length,
    avgChunkChars: mean(chunks.map((c) => c.text.length)),
    queries: queries.length,
    distinctQueries: new Set(queries).size,
    zeroVectorQueries,
    k,
    dim: index.dimension,
    hnsw: { m: run.dense.m, efConstruction: run.dense.efConstruction, efSearch: index.dense.options.efSearch },
    denseKind: index.dense.kind,
    ingest: { ...run.timings, chunksPerSecond: chunks.length / ingestSeconds, cpuMs: run.cpuMs },
    save: { ms: saveMs, bytes: saveBytes, files },
    peakRssBytes: { afterIngest, beforeMinisearch, final: peakRss() },
    minisearchHeapBytes,
    queryEmbedding: summarizeLatencies(embedTimes),
    recallByKind: Object.fromEntries(
      Object.entries(byKind).map(([kind, rs]) => [kind, { queries: rs.length, recall: rs.length ? mean(rs) : null }]),
    ) as ScenarioResult['recallByKind'],
    systems,
  };
}
