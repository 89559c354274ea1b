import { describe, expect, it } from 'vitest';
import { bigramCodes, diversify, jaccard } from './diversify.js';

describe('text similarity', () => {
  it('ignores spacing and punctuation', () => {
    expect([...bigramCodes('水土，保持。')]).toEqual([...bigramCodes('水土保持')]);
    expect(bigramCodes('a b').length).toBe(1);
    expect(bigramCodes('。').length).toBe(0);
  });

  it('is 1 for the same text, 0 for disjoint texts, in between for county and province versions', () => {
    const county = '落实县乡两级政府淤地坝安全运用管理主体责任。划定淤地坝工程管理和保护范围';
    const province = '落实市县政府淤地坝安全运用管理主体责任。划定淤地坝工程管理和保护范围';
    expect(jaccard(bigramCodes(county), bigramCodes(county))).toBe(1);
    expect(jaccard(bigramCodes(county), bigramCodes('森林覆盖率'))).toBe(0);
    const s = jaccard(bigramCodes(county), bigramCodes(province));
    expect(s).toBeGreaterThan(0.6);
    expect(s).toBeLessThan(0.95);
  });
});

describe('diversify', () => {
  const clause = (n: number) => `第${n}条 ${'水土保持监管淤地坝森林草原坡耕地小流域'.slice(n % 5, (n % 5) + 8)}${n}号措施${'甲乙丙丁戊己庚辛'[n % 8]}`;
  // Document A, its verbatim copy A′ (interleaved, as a near-duplicate document ranks), and B.
  const ranked = [
    { docId: 'A', text: clause(1), score: 1.0 },
    { docId: 'A2', text: clause(1), score: 0.99 },
    { docId: 'A', text: clause(2), score: 0.98 },
    { docId: 'A2', text: clause(2), score: 0.97 },
    { docId: 'A', text: clause(3), score: 0.96 },
    { docId: 'A2', text: clause(3), score: 0.95 },
    { docId: 'B', text: '森林覆盖率达到47%，林地保有量不低于52.3万亩', score: 0.6 },
    { docId: 'B', text: '青山保卫战宣传引导', score: 0.5 },
  ];

  it('keeps the best hit first', () => {
    expect(diversify(ranked, 4)[0]).toBe(0);
  });

  it('stops a duplicate document from taking the top-k slots', () => {
    const picks = diversify(ranked, 4).map((i) => ranked[i]);
    expect(picks.some((p) => p.docId === 'B')).toBe(true);
    // No text appears twice.
    expect(new Set(picks.map((p) => p.text)).size).toBe(picks.length);
    // Without diversification the copies fill every slot.
    expect(diversify(ranked, 4, { lambda: 1, maxPerDoc: 10, duplicateThreshold: 2 }).map((i) => ranked[i].docId)).toEqual(['A', 'A2', 'A', 'A2']);
  });

  it('caps a document softly: one document alone still fills k', () => {
    const one = ranked.filter((c) => c.docId === 'A');
    expect(diversify(one, 3).sort()).toEqual([0, 1, 2]);
    const picks = diversify(ranked, 6, { lambda: 1, duplicateThreshold: 2 }).map((i) => ranked[i].docId);
    expect(picks.filter((d) => d === 'A').length).toBeLessThanOrEqual(3);
  });

  it('returns min(k, candidates) distinct positions', () => {
    expect(diversify(ranked, 20).length).toBe(ranked.length);
    expect(new Set(diversify(ranked, 20)).size).toBe(ranked.length);
    expect(diversify([], 5)).toEqual([]);
  });
});
