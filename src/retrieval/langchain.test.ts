import { Document } from '@langchain/core/documents';
import { BaseRetriever } from '@langchain/core/retrievers';
import { describe, expect, it } from 'vitest';
import { FakeEmbedder } from '../testing/fake-embedder.js';
import { RetrievalIndex } from './hybrid.js';
import { PolicyRetriever, hitToDocument } from './langchain.js';
import { loadCorpusChunks } from '../testing/retrieval-corpus.js';

const { chunks, docs } = loadCorpusChunks(400);
const embedder = new FakeEmbedder(64);
const index = RetrievalIndex.build(chunks, await embedder.embedDocuments(chunks.map((c) => c.context)), docs);

describe('PolicyRetriever', () => {
  it('is a LangChain retriever returning Documents with citation metadata', async () => {
    const retriever = new PolicyRetriever({ index, embedder, searchOptions: { k: 3 } });
    expect(retriever).toBeInstanceOf(BaseRetriever);
    const out = await retriever.invoke('协调会议 牵头部门');
    expect(out).toHaveLength(3);
    expect(out[0]).toBeInstanceOf(Document);
    expect(out[0].pageContent).toContain('每季度定期召开协调会议');
    const chunk = chunks.find((c) => c.id === out[0].metadata.chunkId)!;
    expect(out[0].metadata).toMatchObject({
      source: chunk.docId,
      title: docs.find((d) => d.id === chunk.docId)!.title,
      clausePath: chunk.clausePath,
      start: chunk.start,
      end: chunk.end,
      rank: 1,
    });
    expect(out[0].metadata.score).toBe(out[0].metadata.scores.fused);
    expect(typeof out[0].metadata.scores.dense).toBe('number');
    expect(typeof out[0].metadata.scores.lexical).toBe('number');
  });

  it('applies its search options and skips the embedder in lexical mode', async () => {
    const counting = new FakeEmbedder(64);
    const retriever = new PolicyRetriever({ index, embedder: counting, searchOptions: { mode: 'lexical', docIds: [docs[3].id], k: 2 } });
    const out = await retriever.invoke('宣传引导');
    expect(counting.calls).toBe(0);
    expect(out.length).toBeGreaterThan(0);
    expect(out.every((d) => d.metadata.docId === docs[3].id && d.metadata.scores.dense === null)).toBe(true);
  });

  it('maps a hit one-to-one', () => {
    const [hit] = index.search('淤地坝', null, { k: 1 });
    const doc = hitToDocument(hit);
    expect(doc.pageContent).toBe(hit.text);
    expect(doc.id).toBe(hit.chunkId);
    expect(doc.metadata.scores).toEqual(hit.scores);
  });
});
