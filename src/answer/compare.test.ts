/** How a comparison question is cut into one question per scope (place names invented: no corpus knowledge). */
import { describe, expect, it } from 'vitest';
import { asksComparison, scopedQuestions, type ComparisonScope } from './compare.js';

const scopesOf = (q: string, a: string, b: string): ComparisonScope[] => [
  { label: a, docIds: ['a'], at: q.indexOf(a) },
  { label: b, docIds: ['b'], at: q.indexOf(b) },
];

describe('scopedQuestions', () => {
  it('gives each scope its own words and the shared ask', () => {
    const q = '平遥县月度情况的报送时限和介休市季度进展的报备时限分别是什么？';
    expect(scopedQuestions(q, scopesOf(q, '平遥县', '介休市'))).toEqual(['平遥县月度情况的报送时限是什么？', '介休市季度进展的报备时限是什么？']);
    const r = '平遥修复矿山和介休吸引社会资本，各按什么原则？';
    expect(scopedQuestions(r, scopesOf(r, '平遥', '介休'))).toEqual(['平遥修复矿山按什么原则？', '介休吸引社会资本按什么原则？']);
  });

  it('keeps a shared topic before the scopes, and asks "B呢" as the first question about B', () => {
    const q = '河湖长制，省里叫什么，平遥叫什么？';
    expect(scopedQuestions(q, scopesOf(q, '省里', '平遥'))).toEqual(['河湖长制，省里叫什么？', '河湖长制，平遥叫什么？']);
    const r = '“十四五”新建水库，省里要建多少座，平遥呢？';
    expect(scopedQuestions(r, scopesOf(r, '省里', '平遥'))).toEqual(['“十四五”新建水库，省里要建多少座？', '“十四五”新建水库，平遥要建多少座？']);
  });

  it('leaves joined names to the whole question', () => {
    const q = '平遥和全省分别要建多少座水库？';
    expect(scopedQuestions(q, scopesOf(q, '平遥', '全省'))).toBeNull();
  });
});

describe('asksComparison', () => {
  it('sees the same ask put to two scopes', () => {
    expect(asksComparison('省里要建多少座，平遥呢？')).toBe(true);
    expect(asksComparison('河湖长制，省里叫什么，平遥叫什么？')).toBe(true);
    expect(asksComparison('省里的河湖长制叫什么？')).toBe(false);
  });
});
