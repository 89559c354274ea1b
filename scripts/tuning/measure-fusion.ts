/**
 * Measures retrieval quality on the dev set (scripts/tuning/retrieval-devset.ts) to choose BM25's
 * settings (k1, b, bigram weight), the fusion method and its weight, and to check what
 * diversification costs. Two chunkings: the real chunker (clean → structure → chunk) and the
 * test helper's paragraph passages. Dense vectors: the product's default builtin embedder.
 *
 *   npx tsx scripts/tuning/measure-fusion.ts
 */
import { BuiltinEmbedder } from '../../src/retrieval/embeddings/builtin.js';
import { cleanText } from '../../src/ingest/clean.js';
import { parseStructure } from '../../src/ingest/structure.js';
import { extractTables } from '../../src/ingest/tables.js';
import { chunkDocument } from '../../src/ingest/chunk.js';
import type { Chunk, ParsedDocument } from '../../src/ingest/types.js';
import { RetrievalIndex, type HybridSearchOptions, type RetrievalOptions } from '../../src/retrieval/hybrid.js';
import { bigramCodes, jaccard } from '../../src/retrieval/diversify.js';
import { CORPUS_DOCS, loadCorpusChunks } from '../../src/testing/retrieval-corpus.js';
import { readCorpusText } from '../../src/testing/corpus.js';
import type { DocInfo } from '../../src/retrieval/types.js';
import { RETRIEVAL_DEV_SET, relevantChunks } from './retrieval-devset.js';

interface Setup {
  name: string;
  chunks: Chunk[];
  docs: DocInfo[];
  vectors: number[][];
  queryVectors: number[][];
}

function realChunks(): Chunk[] {
  return CORPUS_DOCS.flatMap((info) => {
    const text = readCorpusText(info.id);
    const clean = cleanText(text);
    const { sections, bodyStart } = parseStructure(clean);
    const tables = extractTables(clean, sections);
    const doc = {
      id: info.id,
      raw: { id: info.id, text, format: 'txt', encoding: 'utf-8', sha256: '', bytes: text.length },
      clean,
      meta: { title: info.title },
      sections,
      tables,
      bodyStart,
    } as unknown as ParsedDocument;
    return chunkDocument(doc);
  });
}

async function setup(name: string, chunks: Chunk[], docs: DocInfo[]): Promise<Setup> {
  const embedder = new BuiltinEmbedder();
  const texts = chunks.map((c) => c.context);
  await embedder.fit(texts);
  const vectors = await embedder.embedDocuments(texts);
  const queryVectors = await Promise.all(RETRIEVAL_DEV_SET.map((q) => embedder.embedQuery(q.question)));
  return { name, chunks, docs, vectors, queryVectors };
}

interface Metrics {
  r1: number;
  r5: number;
  mrr: number;
  docs: number;
  copies: number;
}

function evaluate(s: Setup, index: RetrievalIndex, options: HybridSearchOptions): Metrics {
  let r1 = 0;
  let r5 = 0;
  let mrr = 0;
  let docs = 0;
  let copies = 0;
  RETRIEVAL_DEV_SET.forEach((q, qi) => {
    const rel = relevantChunks(q, s.chunks);
    if (!rel.size) throw new Error(`${s.name}: no chunk answers "${q.question}"`);
    const hits = index.search(q.question, s.queryVectors[qi], { k: 10, ...options });
    const idx = hits.map((h) => s.chunks.findIndex((c) => c.id === h.chunkId));
    const first = idx.findIndex((i) => rel.has(i));
    if (first === 0) r1++;
    if (first >= 0 && first < 5) r5++;
    if (first >= 0) mrr += 1 / (first + 1);
    docs += new Set(hits.map((h) => h.docId)).size;
    const codes = hits.map((h) => bigramCodes(h.text));
    for (let a = 0; a < hits.length; a++)
      for (let b = a + 1; b < hits.length; b++) if (hits[a].docId !== hits[b].docId && jaccard(codes[a], codes[b]) >= 0.5) copies++;
  });
  const n = RETRIEVAL_DEV_SET.length;
  return { r1: r1 / n, r5: r5 / n, mrr: mrr / n, docs: docs / n, copies: copies / n };
}

const f3 = (x: number) => x.toFixed(3);
const row = (label: string, ms: Metrics[]) =>
  `| ${label.padEnd(34)} | ${ms.map((m) => `${f3(m.r1)} | ${f3(m.r5)} | ${f3(m.mrr)} | ${m.docs.toFixed(1)} | ${m.copies.toFixed(2)}`).join(' | ')} |`;

async function main() {
  const passages = loadCorpusChunks();
  const setups = [await setup('chunker', realChunks(), passages.docs), await setup('passages', passages.chunks, passages.docs)];
  const header = [
    `| ${'config'.padEnd(34)} | ${setups.map((s) => `${s.name} R@1 | R@5 | MRR@10 | docs@10 | copies@10`).join(' | ')} |`,
    `|${'---|'.repeat(1 + 5 * setups.length)}`,
  ].join('\n');
  const build = (opts: Partial<RetrievalOptions>) => setups.map((s) => RetrievalIndex.build(s.chunks, s.vectors, s.docs, opts));
  console.log(`${RETRIEVAL_DEV_SET.length} questions; chunks: ${setups.map((s) => `${s.name} ${s.chunks.length}`).join(', ')}\n`);

  console.log('## BM25 (lexical only, no diversification)\n');
  console.log(header);
  for (const queryBigrams of ['all', 'unknown-words'] as const) {
    for (const bigramWeight of [0, 0.25, 0.5, 1]) {
      if (queryBigrams === 'unknown-words' && bigramWeight === 0) continue;
      for (const [k1, b] of [
        [1.2, 0.75],
        [1.2, 0.4],
        [0.9, 0.75],
        [0.9, 0.5],
        [0.9, 0.4],
        [0.9, 0.3],
        [0.7, 0.4],
        [1.5, 0.4],
      ]) {
        const idx = build({ bm25: { k1, b, bigramWeight, queryBigrams } });
        const label = `${queryBigrams === 'all' ? '' : 'unknown '}bigram ${bigramWeight} k1 ${k1} b ${b}`;
        console.log(
          row(
            label,
            setups.map((s, i) => evaluate(s, idx[i], { mode: 'lexical', diversify: false })),
          ),
        );
      }
    }
  }

  console.log('\n## Fusion (default BM25), without / with diversification\n');
  const idx = build({});
  for (const diversify of [false, true]) {
    console.log(`\n### diversify ${diversify}\n`);
    console.log(header);
    const run = (label: string, o: HybridSearchOptions) =>
      console.log(
        row(
          label,
          setups.map((s, i) => evaluate(s, idx[i], { diversify, ...o })),
        ),
      );
    run('lexical', { mode: 'lexical' });
    run('dense', { mode: 'dense' });
    for (const rrfK of [10, 60]) run(`rrf k=${rrfK}`, { fusion: { method: 'rrf', rrfK } });
    for (const w of [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]) run(`minmax dense=${w}`, { fusion: { method: 'minmax', denseWeight: w } });
    for (const w of [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]) run(`zscore dense=${w}`, { fusion: { method: 'zscore', denseWeight: w } });
  }

  console.log('\n## Diversification settings (hybrid, default fusion)\n');
  console.log(header);
  for (const lambda of [1, 0.85, 0.7, 0.5]) {
    for (const maxPerDoc of [0, 3, 10]) {
      for (const duplicateThreshold of [2, 1, 0.95, 0.9, 0.7]) {
        const label = `λ ${lambda} cap ${maxPerDoc || 'k/2'} dup ${duplicateThreshold > 1 ? 'off' : duplicateThreshold}`;
        console.log(
          row(
            label,
            setups.map((s, i) => evaluate(s, idx[i], { diversifyOptions: { lambda, maxPerDoc, duplicateThreshold } })),
          ),
        );
      }
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
