import { describe, expect, it } from 'vitest';
import { isAppError } from '../core/errors.js';
import { Bm25Index, bm25Idf, bm25Impact, bm25Norm, bm25TermScore, isBigramTerm } from './bm25.js';
import { loadCorpusChunks } from '../testing/retrieval-corpus.js';
import { tokenize } from '../zh/tokenize.js';

describe('BM25 scoring helpers', () => {
  it('IDF is positive and falls as a term gets common', () => {
    expect(bm25Idf(1, 100)).toBeGreaterThan(bm25Idf(10, 100));
    expect(bm25Idf(10, 100)).toBeGreaterThan(bm25Idf(100, 100));
    expect(bm25Idf(100, 100)).toBeGreaterThan(0);
  });

  it('the length normaliser is k1 at the average length and grows with length when b > 0', () => {
    expect(bm25Norm(50, 50, 0.9, 0.4)).toBeCloseTo(0.9, 12);
    expect(bm25Norm(100, 50, 0.9, 0.4)).toBeGreaterThan(bm25Norm(50, 50, 0.9, 0.4));
    expect(bm25Norm(100, 50, 0.9, 0)).toBeCloseTo(0.9, 12);
  });

  it('a term score rises with tf and saturates below idf·(k1+1)', () => {
    const s = [0, 1, 2, 5, 50].map((tf) => bm25TermScore(tf, 2, 0.9, 0.9));
    expect(s[0]).toBe(0);
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThan(s[i - 1]);
    expect(s[4]).toBeLessThan(2 * 1.9);
    expect(bm25Impact(1, 0.9, 0.9)).toBeCloseTo(1, 12);
  });

  it('tells bigram terms from words', () => {
    expect(tokenize('水土保持').filter(isBigramTerm).length).toBeGreaterThan(0);
    expect(isBigramTerm('水土保持')).toBe(false);
  });
});

describe('Bm25Index', () => {
  const texts = ['加强水土保持监管', '水土保持规划，水土保持目标责任', '森林覆盖率达到47%', '淤地坝安全运用'];

  it('scores exactly as the helpers say (up to impact quantisation)', () => {
    const opts = { k1: 1.2, b: 0.75, bigramWeight: 0.5, queryBigrams: 'all' as const };
    const index = Bm25Index.build(texts, opts);
    const query = '水土保持目标';
    const lists = texts.map((t) => tokenize(t));
    const avg = lists.reduce((a, l) => a + l.length, 0) / lists.length;
    const qterms = [...new Set(tokenize(query))];
    const expected = lists.map((terms) =>
      qterms.reduce((sum, term) => {
        const tf = terms.filter((x) => x === term).length;
        const df = lists.filter((l) => l.includes(term)).length;
        if (!df) return sum;
        const w = isBigramTerm(term) ? opts.bigramWeight : 1;
        return sum + w * bm25TermScore(tf, bm25Idf(df, texts.length), bm25Norm(terms.length, avg, opts.k1, opts.b), opts.k1);
      }, 0),
    );
    const got = index.score(query);
    expected.forEach((e, i) => expect(Math.abs(got[i] - e)).toBeLessThanOrEqual(1e-3 * Math.max(1, e)));
    expect(expected[1]).toBeGreaterThan(expected[0]);
    expect(got[2]).toBe(0);
  });

  it('returns the best chunks first and respects the allowed mask', () => {
    const index = Bm25Index.build(texts);
    expect(index.search('水土保持', 10).map((h) => h.index)).toEqual([1, 0]);
    expect(index.search('水土保持', 10, Uint8Array.from([1, 0, 1, 1])).map((h) => h.index)).toEqual([0]);
    expect(index.search('完全无关的词语', 10)).toEqual([]);
  });

  it('finds a damaged word through its bigrams, and not at bigram weight 0', () => {
    // The corpus writes 全水土保持率 where 全县 lost a character; the query says 全县水土保持率.
    const docs = ['全水土保持率达到56.04%', '森林覆盖率达到47%'];
    expect(Bm25Index.build(docs).search('全县水土保持率', 2)[0].index).toBe(0);
    expect(
      Bm25Index.build(['薛家洼乡开展试点', '其他乡镇'])
        .search('薛家洼', 2)
        .map((h) => h.index),
    ).toEqual([0]);
    const wordsOnly = Bm25Index.build(['甲乙丙丁'], { bigramWeight: 0 });
    expect(wordsOnly.queryTerms('乙丙').every((t) => !isBigramTerm(t.term))).toBe(true);
  });

  it('searches bigrams only for query words the index does not know (default)', () => {
    const index = Bm25Index.build(['水土保持监管', '薛家洼乡开展试点']);
    const terms = index.queryTerms('水土保持 薛家洼').map((t) => t.term);
    expect(terms).toContain('水土保持');
    // 水土保持 is known: its bigrams add nothing; 薛家洼 is not a word of the index: its bigrams stand in.
    expect(terms).not.toContain('#水土');
    expect(terms).toContain('#家洼');
    const all = Bm25Index.build(['水土保持监管'], { queryBigrams: 'all' })
      .queryTerms('水土保持')
      .map((t) => t.term);
    expect(all).toContain('#水土');
  });

  it('ranks the answering clause of the real corpus first', () => {
    const { chunks } = loadCorpusChunks(400);
    const index = Bm25Index.build(chunks.map((c) => c.context));
    const top = (q: string) => chunks[index.search(q, 1)[0].index];
    expect(top('协调会议 牵头部门')).toMatchObject({ docId: expect.stringMatching(/^000/), text: expect.stringContaining('每季度定期召开协调会议') });
    expect(top('宁武县淤地坝安全运用的主体责任')).toMatchObject({
      docId: expect.stringMatching(/^002/),
      text: expect.stringContaining('淤地坝安全运用管理主体责任'),
    });
    expect(top('印台区林地保有量不低于多少')).toMatchObject({ docId: expect.stringMatching(/^003/), text: expect.stringContaining('52.3万亩') });
  });

  it('round-trips through its binary form', () => {
    const { chunks } = loadCorpusChunks();
    const a = Bm25Index.build(chunks.map((c) => c.context));
    const b = Bm25Index.fromBuffer(a.toBuffer());
    expect(b.size).toBe(a.size);
    expect(b.vocabularySize).toBe(a.vocabularySize);
    expect(b.options).toEqual(a.options);
    for (const q of ['水土保持率', '青山保卫战 宣传', '领导小组办公室']) expect([...b.score(q)]).toEqual([...a.score(q)]);
  });

  const small = Bm25Index.build(texts);
  const postings = small.postingCount;
  it.each<[string, (b: Buffer) => Buffer]>([
    ['bad magic', (b) => (b.writeUInt32LE(0, 0), b)],
    ['truncated', (b) => b.subarray(0, b.length - 2)],
    // The last chunk index of the postings (just before the 2-byte impacts) points past the end.
    ['a posting past the end', (b) => (b.writeUInt32LE(0xffffff, b.length - 2 * postings - 4), b)],
    ['a zero impact', (b) => (b.writeUInt16LE(0, b.length - 2), b)],
    ['broken header', (b) => (b.write('}', 40), b)],
  ])('refuses a damaged buffer (%s) with INDEX_CORRUPT', (_name, damage) => {
    const damaged = damage(Buffer.from(small.toBuffer()));
    let err: unknown;
    try {
      Bm25Index.fromBuffer(damaged);
    } catch (e) {
      err = e;
    }
    expect(isAppError(err, 'INDEX_CORRUPT')).toBe(true);
  });
});
