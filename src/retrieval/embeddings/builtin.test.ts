import { describe, expect, it } from 'vitest';
import { Embeddings } from '@langchain/core/embeddings';
import { isAppError } from '../../core/errors.js';
import { dot } from './base.js';
import { BuiltinEmbedder, type BuiltinState } from './builtin.js';
import { tokenize } from '../../zh/tokenize.js';
import { corpusIds, readCorpusText } from '../../testing/corpus.js';

const files = corpusIds();
/** Document titles, prefixed to each paragraph the way Chunk.context carries the title. */
const TITLES = [
  '翼城县“两山六河一流域”生态保护与修复治理抓落实工作推进机制',
  '长子县贯彻落实全省“两山七河一流域”生态保护与修复治理工作机制政策解读',
  '宁武县加强新时代水土保持工作实施方案',
  '铜川市印台区青山保卫战行动方案',
  '山西省加强新时代水土保持工作实施方案',
];
/** Blank-line paragraphs of the real corpus with their document's title, tagged with their file. */
const paragraphs = files.flatMap((f, k) =>
  readCorpusText(f)
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((text) => ({ file: f, text: `${TITLES[k]} ${text}` })),
);
const texts = paragraphs.map((p) => p.text);

async function fitted(options: ConstructorParameters<typeof BuiltinEmbedder>[0] = {}, corpus = texts): Promise<BuiltinEmbedder> {
  const e = new BuiltinEmbedder(options);
  await e.fit(corpus);
  return e;
}

async function topTexts(e: BuiltinEmbedder, docs: number[][], question: string, k = 3): Promise<string[]> {
  const q = await e.embedQuery(question);
  return docs
    .map((d, i) => ({ i, s: dot(q, d) }))
    .sort((a, b) => b.s - a.s)
    .slice(0, k)
    .map(({ i }) => texts[i]);
}

describe('BuiltinEmbedder (default: feature-hashed TF-IDF)', () => {
  it('is a LangChain Embeddings and names method, dimension and fitted state in its info', async () => {
    const e = await fitted();
    expect(e).toBeInstanceOf(Embeddings);
    const info = e.info();
    expect(info).toMatchObject({ kind: 'builtin', model: 'tfidf-hash-v1', dimension: 1024 });
    expect(info.id).toMatch(/^builtin:tfidf-hash-v1:1024:[0-9a-f]{10}$/);
  });

  it('embeds unit vectors of the stated dimension', async () => {
    const e = await fitted();
    const docs = await e.embedDocuments(texts.slice(0, 20));
    for (const v of docs) {
      expect(v).toHaveLength(1024);
      expect(Math.hypot(...v)).toBeCloseTo(1, 9);
    }
  });

  it('is deterministic: two fits give the same state, id and vectors', async () => {
    const [a, b] = [await fitted(), await fitted()];
    expect(JSON.stringify(a.exportState())).toBe(JSON.stringify(b.exportState()));
    expect(a.info().id).toBe(b.info().id);
    expect(await a.embedDocuments(texts.slice(0, 30))).toEqual(await b.embedDocuments(texts.slice(0, 30)));
  });

  it('restores from JSON state to identical vectors and id', async () => {
    const a = await fitted();
    const docsBefore = await a.embedDocuments(texts.slice(0, 30));
    const b = BuiltinEmbedder.fromState(JSON.parse(JSON.stringify(a.exportState())));
    expect(b.info()).toEqual(a.info());
    expect(await b.embedDocuments(texts.slice(0, 30))).toEqual(docsBefore);
    expect(await b.embedQuery('山西省2035年水土保持率目标')).toEqual(await a.embedQuery('山西省2035年水土保持率目标'));
  });

  it('accepts pre-tokenised terms for the fit and gives the same result', async () => {
    const a = await fitted();
    const b = new BuiltinEmbedder();
    await b.fit(
      texts,
      texts.map((t) => tokenize(t)),
    );
    expect(b.info().id).toBe(a.info().id);
    expect(await b.embedDocuments(texts.slice(0, 10))).toEqual(await a.embedDocuments(texts.slice(0, 10)));
    await expect(b.fit(texts, [])).rejects.toThrow(/one entry per text/);
  });

  it('changes its id when fitted on another corpus', async () => {
    const a = await fitted();
    const b = await fitted(
      {},
      texts.filter((_, i) => paragraphs[i].file !== files[0]),
    );
    expect(b.info().id).not.toBe(a.info().id);
    expect(b.info().id.startsWith('builtin:tfidf-hash-v1:1024:')).toBe(true);
  });

  it('ranks the answering paragraph of the real corpus near the top', async () => {
    const e = await fitted();
    const docs = await e.embedDocuments(texts);
    expect((await topTexts(e, docs, '各乡镇每月几号前报送本月工作开展情况？', 1))[0]).toContain('每月25日前');
    // The county plan repeats the province's clause: both copies come first.
    expect((await topTexts(e, docs, '淤地坝运行维护费用怎么分摊', 2)).every((t) => t.includes('分摊机制'))).toBe(true);
    expect((await topTexts(e, docs, '谁牵头召开协调会议？', 1))[0]).toContain('每季度定期召开协调会议');
    expect((await topTexts(e, docs, '全国水土保持高质量发展先行区在哪个县？', 1))[0]).toContain('右玉县');
    expect((await topTexts(e, docs, '宣传引导由哪些部门负责', 5)).some((t) => t.includes('强化宣传引导'))).toBe(true);
  });

  it('embeds a text of only unseen terms to the zero vector', async () => {
    const e = await fitted();
    expect((await e.embedQuery('hello world')).every((x) => x === 0)).toBe(true);
  });

  it('refuses to embed before fit and rejects malformed states', async () => {
    const err = await new BuiltinEmbedder().embedQuery('水土保持').catch((x) => x);
    // Embedding before fit is a programmer error: a plain error, reported as INTERNAL.
    expect(err).toBeInstanceOf(Error);
    expect(isAppError(err)).toBe(false);
    expect(() => BuiltinEmbedder.fromState({ format: 'nope' })).toThrow(expect.objectContaining({ code: 'INDEX_CORRUPT' }));
    expect(() => BuiltinEmbedder.fromState(null)).toThrow(expect.objectContaining({ code: 'INDEX_CORRUPT' }));
  });

  it('rejects an unknown method', () => {
    expect(() => new BuiltinEmbedder({ method: 'word2vec' as never })).toThrow(expect.objectContaining({ code: 'EMBEDDER_UNKNOWN' }));
  });
});

describe('BuiltinEmbedder alternative methods', () => {
  const small = texts.slice(0, 80);

  it('lsa: dimension capped by the corpus rank, projection survives a JSON round trip', async () => {
    const e = await fitted({ method: 'lsa', dimension: 256 }, small);
    const info = e.info();
    expect(info.model).toBe('tfidf-lsa-v1');
    expect(info.dimension).toBeLessThanOrEqual(80);
    const state = JSON.parse(JSON.stringify(e.exportState())) as BuiltinState;
    expect(typeof state.projection).toBe('string');
    const back = BuiltinEmbedder.fromState(state);
    expect(back.info().id).toBe(info.id);
    expect(await back.embedDocuments(small.slice(0, 5))).toEqual(await e.embedDocuments(small.slice(0, 5)));
    expect(() => BuiltinEmbedder.fromState({ ...state, projection: state.projection!.slice(0, 40) })).toThrow(
      expect.objectContaining({ code: 'INDEX_CORRUPT' }),
    );
  });

  it('rp: seeded projection, deterministic and restorable', async () => {
    const e = await fitted({ method: 'rp', dimension: 64 }, small);
    expect(e.info()).toMatchObject({ model: 'tfidf-rp-v1', dimension: 64 });
    const back = BuiltinEmbedder.fromState(e.exportState());
    expect(await back.embedQuery('水土保持率')).toEqual(await e.embedQuery('水土保持率'));
    const other = await fitted({ method: 'rp', dimension: 64, seed: 9 }, small);
    expect(other.info().id).not.toBe(e.info().id);
  });
});
