/**
 * Retrieval performance on the synthetic corpus (src/retrieval/synthetic.ts) with the fake
 * 256-dim bigram-hashing embedder: build time per part, search latency p50/p95 per mode (and
 * with filters), HNSW recall@10 against exact search for several efSearch values, memory, and
 * save/load. Prints markdown tables.
 *
 *   npx tsx --expose-gc scripts/measure-retrieval.ts [--n 100000] [--dim 256] [--m 16] [--efc 200]
 *        [--ef 32,64,128,256] [--queries 300] [--no-save]
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bm25Index } from '../src/retrieval/bm25.js';
import { DenseIndex, defaultDenseOptions } from '../src/retrieval/dense.js';
import { FakeEmbedder } from '../src/testing/fake-embedder.js';
import { RetrievalIndex, type HybridSearchOptions } from '../src/retrieval/hybrid.js';
import { createRng } from '../src/core/rng.js';
import { makeSyntheticCorpus, splitClauses } from '../src/retrieval/synthetic.js';
import { CORPUS_DOCS } from '../src/testing/retrieval-corpus.js';
import { readCorpusText } from '../src/testing/corpus.js';
import { RETRIEVAL_DEV_SET } from './retrieval-devset.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const N = Number(arg('n', '100000'));
const DIM = Number(arg('dim', '256'));
const M = Number(arg('m', String(defaultDenseOptions.m)));
const EFC = Number(arg('efc', String(defaultDenseOptions.efConstruction)));
const EFS = arg('ef', '16,32,64,128,256').split(',').map(Number);
const QUERIES = Number(arg('queries', '300'));
const SAVE = !process.argv.includes('--no-save');

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const ms = (t: number) => `${t.toFixed(t < 10 ? 2 : 0)} ms`;
function timed<T>(f: () => T): [T, number] {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
}
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
function memory(): string {
  gc();
  const m = process.memoryUsage();
  return `rss ${mb(m.rss)}, heap ${mb(m.heapUsed)}, array buffers ${mb(m.arrayBuffers)}`;
}

/** Dev questions plus clause fragments of the real documents (6–24 chars), deterministic. */
function makeQueries(n: number): string[] {
  const rand = createRng(7);
  const clauses = CORPUS_DOCS.flatMap((d) => splitClauses(readCorpusText(d.id))).filter((c) => c.length >= 8);
  const out = RETRIEVAL_DEV_SET.map((q) => q.question);
  while (out.length < n) {
    const c = clauses[Math.floor(rand() * clauses.length)];
    const len = 6 + Math.floor(rand() * 19);
    const at = Math.floor(rand() * Math.max(1, c.length - len));
    out.push(c.slice(at, at + len));
  }
  return out.slice(0, n);
}

function main() {
  console.log(`# Retrieval at ${N.toLocaleString()} synthetic chunks, ${DIM}-dim fake embedder, M=${M} efConstruction=${EFC}\n`);
  const sources = CORPUS_DOCS.map((d) => ({ id: d.id, title: d.title, text: readCorpusText(d.id) }));
  const [{ chunks, docs }, tGen] = timed(() => makeSyntheticCorpus(sources, { count: N }));
  const avgChars = chunks.reduce((a, c) => a + c.text.length, 0) / chunks.length;
  const embedder = new FakeEmbedder(DIM);
  const [vectors, tEmbed] = timed(() => {
    const v = new Float32Array(N * DIM);
    chunks.forEach((c, i) => embedder.embedInto(c.context, v, i));
    return v;
  });
  console.log(`corpus: ${chunks.length} chunks in ${docs.length} documents, ${avgChars.toFixed(0)} chars/chunk; ${memory()}\n`);

  const [bm25, tBm25] = timed(() => Bm25Index.build(chunks.map((c) => c.context)));
  const memBm25 = memory();
  const [dense, tHnsw] = timed(() => DenseIndex.build(vectors, DIM, { m: M, efConstruction: EFC }));
  const index = RetrievalIndex.fromParts(chunks, docs, bm25, dense);
  const memAll = memory();
  console.log('| build step | time |\n|---|---|');
  console.log(`| generate corpus | ${ms(tGen)} |`);
  console.log(`| fake-embed ${N} chunks | ${ms(tEmbed)} |`);
  console.log(`| BM25 (tokenize + postings: ${bm25.vocabularySize} terms, ${bm25.postingCount.toLocaleString()} postings) | ${ms(tBm25)} |`);
  console.log(`| HNSW (M=${M}, efConstruction=${EFC}) | ${ms(tHnsw)} |`);
  console.log(`\nmemory after BM25: ${memBm25}; after HNSW: ${memAll}`);
  console.log(`postings ${mb(bm25.postingCount * 6)}, vectors ${mb(vectors.byteLength)}\n`);

  const queries = makeQueries(QUERIES);
  const [qvecs, tQemb] = timed(() => queries.map((q) => embedder.embedText(q)));
  console.log(
    `${queries.length} queries (${RETRIEVAL_DEV_SET.length} dev questions + clause fragments); fake query embedding ${ms(tQemb / queries.length)} each (not included below)\n`,
  );

  const runs: Array<[string, HybridSearchOptions]> = [
    ['lexical', { mode: 'lexical' }],
    ['dense', { mode: 'dense' }],
    ['hybrid', { mode: 'hybrid' }],
    ['hybrid, no diversification', { mode: 'hybrid', diversify: false }],
    ['hybrid, region=山西省 (~20% of chunks)', { mode: 'hybrid', region: '山西省' }],
    ['hybrid, level=省', { mode: 'hybrid', level: '省' }],
    ['hybrid, one document', { mode: 'hybrid', docIds: [docs[7].id] }],
  ];
  console.log('| search (k=10) | p50 | p95 | max |\n|---|---|---|---|');
  for (const [label, opts] of runs) {
    const times: number[] = [];
    for (let rep = 0; rep < 2; rep++) {
      queries.forEach((q, i) => {
        const t = performance.now();
        index.search(q, qvecs[i], { k: 10, ...opts });
        if (rep === 1) times.push(performance.now() - t);
      });
    }
    console.log(`| ${label} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 95))} | ${ms(Math.max(...times))} |`);
  }

  console.log('\n| efSearch | recall@10 (tie-aware) | recall@10 (ids) | HNSW p50 | HNSW p95 | exact p50 |\n|---|---|---|---|---|---|');
  const exact = qvecs.map((q) => {
    const qf = Float32Array.from(q);
    const t = performance.now();
    const hits = dense.searchExact(qf, 10);
    return { hits, t: performance.now() - t };
  });
  for (const ef of EFS) {
    const d = dense.withOptions({ efSearch: ef });
    let tie = 0;
    let ids = 0;
    const times: number[] = [];
    qvecs.forEach((q, i) => {
      const qf = Float32Array.from(q);
      const t = performance.now();
      const approx = d.searchApproximate(qf, 10);
      times.push(performance.now() - t);
      const truth = exact[i].hits;
      const floor = truth[truth.length - 1].score - 1e-5;
      const truthIds = new Set(truth.map((h) => h.index));
      tie += approx.filter((h) => h.score >= floor).length / truth.length;
      ids += approx.filter((h) => truthIds.has(h.index)).length / truth.length;
    });
    const exactP50 = percentile(
      exact.map((e) => e.t),
      50,
    );
    console.log(
      `| ${ef} | ${(tie / qvecs.length).toFixed(4)} | ${(ids / qvecs.length).toFixed(4)} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 95))} | ${ms(exactP50)} |`,
    );
  }

  if (SAVE) {
    const dir = mkdtempSync(join(tmpdir(), 'retrieval-bench-'));
    try {
      const [, tSave] = timed(() => index.save(dir));
      const files = readdirSync(dir).map((f) => `${f} ${mb(statSync(join(dir, f)).size)}`);
      gc();
      const [loaded, tLoad] = timed(() => RetrievalIndex.load(dir));
      const same = queries.slice(0, 50).every((q, i) => {
        const a = index
          .search(q, qvecs[i], { k: 10 })
          .map((h) => h.chunkId)
          .join();
        const b = loaded
          .search(q, qvecs[i], { k: 10 })
          .map((h) => h.chunkId)
          .join();
        return a === b;
      });
      const [, tRebuild] = timed(() => Bm25Index.build(chunks.map((c) => c.context)));
      console.log(`\nsave ${ms(tSave)}; load (checksums + validation + HNSW read) ${ms(tLoad)}; same hits after load: ${same}`);
      console.log(`rebuilding BM25 instead of loading it would take ${ms(tRebuild)}`);
      console.log(`files: ${files.join(', ')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

main();
