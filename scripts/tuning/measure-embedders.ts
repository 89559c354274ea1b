/**
 * Chooses the builtin embedding method by measurement: dense-only retrieval over the dev set
 * (scripts/tuning/embedder-devset.ts) for each candidate, with recall@5, MRR@10, fit time, ingest
 * throughput, per-query embedding time and state size; plus a BM25 reference and each
 * method fused with BM25 (reciprocal rank fusion), since the product searches hybrid.
 *
 *   npx tsx scripts/tuning/measure-embedders.ts [--repeat 3]
 */
import { performance } from 'node:perf_hooks';
import { BuiltinEmbedder, defaultBuiltinOptions, type BuiltinEmbedderOptions } from '../../src/retrieval/embeddings/builtin.js';
import { dot } from '../../src/retrieval/embeddings/base.js';
import { TermWeigher, fitVocabularyFromTerms } from '../../src/retrieval/embeddings/tfidf.js';
import { tokenize } from '../../src/zh/tokenize.js';
import { DEV_QUESTIONS, loadDevPassages, relevantPassages, type DevPassage } from './embedder-devset.js';

interface Candidate {
  label: string;
  options: BuiltinEmbedderOptions;
}

const CANDIDATES: Candidate[] = [
  { label: 'hash d=256', options: { method: 'hash', dimension: 256 } },
  { label: 'hash d=512', options: { method: 'hash', dimension: 512 } },
  { label: 'hash d=1024 (default)', options: { method: 'hash', dimension: 1024 } },
  { label: 'hash d=1024 seed=7', options: { method: 'hash', dimension: 1024, seed: 7 } },
  { label: 'hash d=1024 seed=2024', options: { method: 'hash', dimension: 1024, seed: 2024 } },
  { label: 'hash d=2048', options: { method: 'hash', dimension: 2048 } },
  { label: 'hash d=1024 bigram=0.5', options: { method: 'hash', dimension: 1024, bigramWeight: 0.5 } },
  { label: 'lsa k=64', options: { method: 'lsa', dimension: 64 } },
  { label: 'lsa k=128', options: { method: 'lsa', dimension: 128 } },
  { label: 'lsa k=256', options: { method: 'lsa', dimension: 256 } },
  { label: 'lsa k=128 σ^0.5', options: { method: 'lsa', dimension: 128, lsaExponent: 0.5 } },
  { label: 'rp d=256', options: { method: 'rp', dimension: 256 } },
  { label: 'rp d=512', options: { method: 'rp', dimension: 512 } },
];

const RRF_K = 60;

function rankDense(query: number[], docs: number[][]): number[] {
  const scores = docs.map((d) => dot(query, d));
  return [...scores.keys()].sort((a, b) => scores[b] - scores[a] || a - b);
}

/** A plain Okapi BM25 (k1 1.2, b 0.75) over the same terms, as the lexical reference. */
function bm25Ranker(passages: DevPassage[]): (q: string) => number[] {
  const docs = passages.map((p) => {
    const tf = new Map<string, number>();
    for (const t of tokenize(p.text)) tf.set(t, (tf.get(t) ?? 0) + 1);
    let len = 0;
    for (const c of tf.values()) len += c;
    return { tf, len };
  });
  const avg = docs.reduce((s, d) => s + d.len, 0) / docs.length;
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  return (q) => {
    const terms = [...new Set(tokenize(q))];
    const scores = docs.map((d) => {
      let s = 0;
      for (const t of terms) {
        const f = d.tf.get(t);
        if (!f) continue;
        const n = df.get(t)!;
        const idf = Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
        s += (idf * f * 2.2) / (f + 1.2 * (0.25 + 0.75 * (d.len / avg)));
      }
      return s;
    });
    return [...scores.keys()].sort((a, b) => scores[b] - scores[a] || a - b);
  };
}

/** Exact sparse TF-IDF cosine (what every method approximates or compresses), as a reference. */
function tfidfRanker(passages: DevPassage[]): (q: string) => number[] {
  const lists = passages.map((p) => tokenize(p.text));
  const vocab = fitVocabularyFromTerms(lists);
  const weigher = new TermWeigher(vocab, { bigramWeight: defaultBuiltinOptions.bigramWeight });
  const rows = lists.map((terms) => weigher.row(terms));
  return (q) => {
    const qr = weigher.row(tokenize(q));
    const qmap = new Map<number, number>();
    qr.idx.forEach((t, k) => qmap.set(t, qr.val[k]));
    const scores = rows.map((r) => {
      let s = 0;
      r.idx.forEach((t, k) => (s += (qmap.get(t) ?? 0) * r.val[k]));
      return s;
    });
    return [...scores.keys()].sort((a, b) => scores[b] - scores[a] || a - b);
  };
}

function fuse(a: number[], b: number[]): number[] {
  const score = new Map<number, number>();
  a.forEach((d, r) => score.set(d, (score.get(d) ?? 0) + 1 / (RRF_K + r + 1)));
  b.forEach((d, r) => score.set(d, (score.get(d) ?? 0) + 1 / (RRF_K + r + 1)));
  return [...score.keys()].sort((x, y) => score.get(y)! - score.get(x)! || x - y);
}

function quality(rankings: number[][], relevant: Set<number>[]): { r1: number; r5: number; mrr: number } {
  let r1 = 0;
  let r5 = 0;
  let mrr = 0;
  rankings.forEach((ranking, i) => {
    const first = ranking.slice(0, 10).findIndex((d) => relevant[i].has(d));
    if (first === 0) r1++;
    if (first >= 0 && first < 5) r5++;
    if (first >= 0) mrr += 1 / (first + 1);
  });
  const n = rankings.length;
  return { r1: r1 / n, r5: r5 / n, mrr: mrr / n };
}

async function main(): Promise<void> {
  const repeatArg = process.argv.indexOf('--repeat');
  const repeat = repeatArg > 0 ? Number(process.argv[repeatArg + 1]) : 3;
  const passages = loadDevPassages('corpus');
  const texts = passages.map((p) => p.text);
  const relevant = DEV_QUESTIONS.map((q) => {
    const ids = relevantPassages(q, passages);
    if (!ids.size) throw new Error(`No passage answers "${q.question}"`);
    return new Set(passages.flatMap((p, i) => (ids.has(p.id) ? [i] : [])));
  });
  console.log(`dev set: ${passages.length} passages, ${DEV_QUESTIONS.length} questions; times are the best of ${repeat} runs\n`);
  tokenize('预热'); // load jieba and the dictionary outside the timings
  const bm25 = bm25Ranker(passages);
  const lexical = DEV_QUESTIONS.map((q) => bm25(q.question));
  const lex = quality(lexical, relevant);

  const rows: string[][] = [];
  const fmt = (x: number) => x.toFixed(3);
  rows.push(['method', 'R@1', 'R@5', 'MRR@10', 'R@5 +bm25', 'MRR +bm25', 'fit ms', 'chunks/s', 'query µs', 'state KB']);
  rows.push(['bm25 (lexical ref.)', fmt(lex.r1), fmt(lex.r5), fmt(lex.mrr), '', '', '', '', '', '']);
  const exactRanker = tfidfRanker(passages);
  const exact = DEV_QUESTIONS.map((q) => exactRanker(q.question));
  const ex = quality(exact, relevant);
  const exh = quality(
    exact.map((r, i) => fuse(r, lexical[i])),
    relevant,
  );
  rows.push(['exact sparse tf-idf (ref.)', fmt(ex.r1), fmt(ex.r5), fmt(ex.mrr), fmt(exh.r5), fmt(exh.mrr), '', '', '', '']);
  for (const c of CANDIDATES) {
    let fitMs = Infinity;
    let ingestMs = Infinity;
    let queryUs = Infinity;
    let embedder!: BuiltinEmbedder;
    let docs!: number[][];
    for (let r = 0; r < repeat; r++) {
      embedder = new BuiltinEmbedder(c.options);
      const t0 = performance.now();
      await embedder.fit(texts);
      const t1 = performance.now();
      docs = await embedder.embedDocuments(texts);
      const t2 = performance.now();
      fitMs = Math.min(fitMs, t1 - t0);
      ingestMs = Math.min(ingestMs, t2 - t0);
      const t3 = performance.now();
      for (const q of DEV_QUESTIONS) await embedder.embedQuery(q.question);
      queryUs = Math.min(queryUs, ((performance.now() - t3) * 1000) / DEV_QUESTIONS.length);
    }
    const dense: number[][] = [];
    for (const q of DEV_QUESTIONS) dense.push(rankDense(await embedder.embedQuery(q.question), docs));
    const d = quality(dense, relevant);
    const h = quality(
      dense.map((r, i) => fuse(r, lexical[i])),
      relevant,
    );
    const stateKb = Buffer.byteLength(JSON.stringify(embedder.exportState())) / 1024;
    rows.push([
      c.label,
      fmt(d.r1),
      fmt(d.r5),
      fmt(d.mrr),
      fmt(h.r5),
      fmt(h.mrr),
      fitMs.toFixed(1),
      Math.round(texts.length / (ingestMs / 1000)).toString(),
      queryUs.toFixed(0),
      stateKb.toFixed(0),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((x, i) => x.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(rows[0]));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows.slice(1)) console.log(line(r));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
