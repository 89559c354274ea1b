import { describe, expect, it } from 'vitest';
import { allowedChunks, documentMatches, regionKey, regionMatches } from './filters.js';
import { CORPUS_DOCS } from '../testing/retrieval-corpus.js';

const [yicheng, zhangzi, ningwu, yintai, shanxi] = CORPUS_DOCS;

describe('region matching', () => {
  it('ignores one administrative suffix', () => {
    expect(regionKey('山西省')).toBe('山西');
    expect(regionKey('印台区')).toBe('印台');
    expect(regionKey('内蒙古自治区')).toBe('内蒙古');
    // A two-character name keeps its suffix: 沁县 is not 沁.
    expect(regionKey('沁县')).toBe('沁县');
  });

  it('matches province, city, county or name', () => {
    expect(regionMatches(ningwu.region, '山西')).toBe(true);
    expect(regionMatches(ningwu.region, '忻州市')).toBe(true);
    expect(regionMatches(ningwu.region, '宁武')).toBe(true);
    expect(regionMatches(ningwu.region, '长治市')).toBe(false);
    expect(regionMatches(yintai.region, '山西省')).toBe(false);
    expect(regionMatches(shanxi.region, '')).toBe(false);
  });
});

describe('documentMatches', () => {
  it('applies every given filter', () => {
    expect(documentMatches(zhangzi, { level: '县', region: '长治' })).toBe(true);
    expect(documentMatches(zhangzi, { level: '省' })).toBe(false);
    expect(documentMatches(yicheng, { docIds: [yicheng.id], region: '陕西' })).toBe(false);
    expect(documentMatches(shanxi, {})).toBe(true);
  });
});

describe('allowedChunks', () => {
  const chunksByDoc = new Map(CORPUS_DOCS.map((d, i) => [d.id, Uint32Array.from([2 * i, 2 * i + 1])]));

  it('is null without filters', () => {
    expect(allowedChunks(CORPUS_DOCS, chunksByDoc, 10, {})).toBeNull();
  });

  it('lists the chunks of matching documents, ascending, with the same mask', () => {
    const a = allowedChunks(CORPUS_DOCS, chunksByDoc, 10, { region: '山西省', level: '县' })!;
    expect([...a.list]).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...a.mask]).toEqual([1, 1, 1, 1, 1, 1, 0, 0, 0, 0]);
    expect([...allowedChunks(CORPUS_DOCS, chunksByDoc, 10, { docIds: [] })!.list]).toEqual([]);
  });
});
