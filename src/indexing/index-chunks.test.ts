import { describe, expect, it } from 'vitest';
import { isAppError } from '../core/errors.js';
import { BuiltinEmbedder } from '../retrieval/embeddings/builtin.js';
import { FakeEmbedder } from '../testing/fake-embedder.js';
import { RetrievalIndex } from '../retrieval/hybrid.js';
import { indexChunks, type IndexStage } from './index-chunks.js';
import { loadCorpusChunks } from '../testing/retrieval-corpus.js';

const { chunks, docs } = loadCorpusChunks();
const questions = ['翼城县领导小组办公室设在哪个部门？', '协调会议 牵头部门', '山西省2035年水土保持率目标', '宣传引导由哪些部门负责'];

describe('indexChunks', () => {
  it('builds the same index as fit + embedDocuments + RetrievalIndex.build, reporting every stage', async () => {
    const stages: IndexStage[] = [];
    const lean = new BuiltinEmbedder();
    const index = await indexChunks(chunks, docs, lean, { batch: 50, onStage: (s, ms) => (stages.push(s), expect(ms).toBeGreaterThanOrEqual(0)) });
    expect(stages).toEqual(['tokenize', 'fit', 'embed', 'bm25', 'hnsw']);

    const plain = new BuiltinEmbedder();
    const contexts = chunks.map((c) => c.context);
    await plain.fit(contexts);
    const reference = RetrievalIndex.build(chunks, await plain.embedDocuments(contexts), docs);

    expect(lean.info().id).toBe(plain.info().id);
    expect(Array.from(index.dense.vectors)).toEqual(Array.from(reference.dense.vectors));
    expect(index.bm25.toBuffer().equals(reference.bm25.toBuffer())).toBe(true);
    for (const q of questions) {
      const v = await lean.embedQuery(q);
      expect(index.search(q, v, { k: 10 })).toEqual(reference.search(q, v, { k: 10 }));
    }
  });

  it('works with an embedder that is not fitted (vectors as it returns them)', async () => {
    const fake = new FakeEmbedder(16);
    const index = await indexChunks(chunks.slice(0, 40), docs, fake, { batch: 7 });
    expect(index.size).toBe(40);
    expect(index.dimension).toBe(16);
    expect(Array.from(index.dense.vectors.subarray(16 * 39, 16 * 40))).toEqual(fake.embedText(chunks[39].context).map((x) => Math.fround(x)));
  });

  it('refuses vectors whose size changes between batches', async () => {
    let calls = 0;
    const odd = {
      ...new FakeEmbedder(8),
      kind: 'openai' as const,
      info: () => ({ kind: 'openai' as const, model: 'x', dimension: 8, id: 'x' }),
      embedQuery: async () => [1],
      embedDocuments: async (texts: string[]) => texts.map(() => new Array(calls++ === 0 ? 8 : 4).fill(1)),
    };
    const err = await indexChunks(chunks.slice(0, 4), docs, odd, { batch: 2 }).catch((e: unknown) => e);
    expect(isAppError(err, 'EMBEDDING_FAILED')).toBe(true);
  });

  it('indexes nothing into an empty index', async () => {
    const index = await indexChunks([], docs, new BuiltinEmbedder());
    expect(index.size).toBe(0);
    expect(index.search('水土保持', null, { k: 5 })).toEqual([]);
  });
});
