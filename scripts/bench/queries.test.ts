import { describe, expect, it } from 'vitest';
import { cleanHeading, leadingPhrase, makeQueries, splitSentences, type QuerySource } from './queries.js';

const SOURCES: QuerySource[] = [
  {
    region: '翼城县',
    headings: ['建立部门协调制度', '（三）强化监督检查。', '一、', 'abc'],
    sentences: splitSentences('牵头部门每季度定期召开协调会议，研究解决问题。各部门要按月报送进展情况；领导小组办公室负责统筹。'),
  },
];

describe('cleanHeading and leadingPhrase', () => {
  it('drops markers and trailing punctuation, and headings that are too short or not Chinese', () => {
    expect(cleanHeading('（三）强化监督检查。')).toBe('强化监督检查');
    expect(cleanHeading('一、')).toBeNull();
    expect(cleanHeading('abc def ghi')).toBeNull();
  });

  it('takes a sentence up to its first comma', () => {
    expect(leadingPhrase('牵头部门每季度定期召开协调会议，研究解决问题。')).toBe('牵头部门每季度定期召开协调会议');
    expect(leadingPhrase('好，')).toBeNull();
  });

  it('splits sentences at 。；', () => {
    expect(splitSentences('第一句话很长。第二句话也长；\n\n第三句话没有句号\n结尾。短句。')).toEqual([
      '第一句话很长。',
      '第二句话也长；',
      '第三句话没有句号结尾。',
    ]);
  });
});

describe('makeQueries', () => {
  it('puts the gold questions first, then distinct templated questions from the documents', () => {
    const qs = makeQueries(['翼城县领导小组办公室设在哪个部门？'], SOURCES, 8);
    expect(qs).toHaveLength(8);
    expect(qs[0]).toBe('翼城县领导小组办公室设在哪个部门？');
    expect(new Set(qs).size).toBe(8);
    expect(qs.some((q) => q.includes('建立部门协调制度'))).toBe(true);
    expect(qs.every((q) => /[？?]$/.test(q))).toBe(true);
  });

  it('is deterministic and uses the given regions instead of the document region', () => {
    const a = makeQueries([], SOURCES, 20, { regions: ['安宁县', '平阳区'] });
    expect(a).toEqual(makeQueries([], SOURCES, 20, { regions: ['安宁县', '平阳区'] }));
    expect(a.some((q) => q.includes('翼城县'))).toBe(false);
    expect(a.some((q) => q.includes('安宁县') || q.includes('平阳区'))).toBe(true);
  });

  it('always returns n queries, repeating when the pool is too small', () => {
    expect(makeQueries(['问题一？'], [], 3)).toEqual(['问题一？', '问题一？', '问题一？']);
  });

  it('draws 1,000 distinct questions from the real corpus headings and the gold set', async () => {
    const { readCorpus, querySources, readGold } = await import('./corpus.js');
    const docs = await readCorpus(new URL('../../corpus/', import.meta.url).pathname);
    const gold = readGold(new URL('../../evals/qa/dev.jsonl', import.meta.url).pathname).map((g) => g.question);
    const qs = makeQueries(gold, querySources(docs), 1000);
    expect(new Set(qs).size).toBe(1000);
    const unique = [...new Set(gold)];
    expect(qs.slice(0, unique.length)).toEqual(unique.slice(0, 1000));
    expect(qs.filter((q) => q.includes('水土保持')).length).toBeGreaterThan(20);
  });
});
