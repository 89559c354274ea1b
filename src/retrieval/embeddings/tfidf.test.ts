import { describe, expect, it } from 'vitest';
import { TermWeigher, fitVocabularyFromTerms, hashString, restoreVocabulary } from './tfidf.js';

describe('tf-idf helpers', () => {
  const vocab = fitVocabularyFromTerms([['水土', '保持', '水土'], ['保持', '#水土'], ['领导小组']]);

  it('fits a first-seen vocabulary with smoothed idf (rarer = higher)', () => {
    expect(vocab.terms).toEqual(['水土', '保持', '#水土', '领导小组']);
    expect(vocab.idf[1]).toBeCloseTo(Math.log(4 / 3) + 1, 6);
    expect(vocab.idf[0]).toBeGreaterThan(vocab.idf[1]);
  });

  it('weighs with sublinear tf, scales bigrams, drops unknown terms and normalises', () => {
    const row = new TermWeigher(vocab, { bigramWeight: 0.5 }).row(['水土', '水土', '#水土', '未知']);
    expect([...row.idx]).toEqual([0, 2]);
    const [w0, w2] = row.val;
    expect(w0 / w2).toBeCloseTo(((1 + Math.log(2)) * vocab.idf[0]) / (0.5 * vocab.idf[2]), 9);
    expect(Math.hypot(w0, w2)).toBeCloseTo(1, 12);
    expect(new TermWeigher(vocab, { bigramWeight: 1 }).row(['未知']).idx.length).toBe(0);
  });

  it('restores to an equal vocabulary', () => {
    const back = restoreVocabulary(vocab.terms, Array.from(vocab.idf), vocab.docCount);
    expect(back.index.get('领导小组')).toBe(3);
    expect(Array.from(back.idf)).toEqual(Array.from(vocab.idf));
  });

  it('hashes deterministically, differently per seed, as unsigned 32-bit', () => {
    expect(hashString('水土保持')).toBe(hashString('水土保持'));
    expect(hashString('水土保持', 1)).not.toBe(hashString('水土保持', 2));
    const h = hashString('两山七河一流域');
    expect(Number.isInteger(h) && h >= 0 && h < 2 ** 32).toBe(true);
  });
});
