import { describe, expect, it } from 'vitest';
import { fuseScores, minMaxNormalize, ranksOf, zScoreNormalize } from './fusion.js';

describe('normalisers', () => {
  it('min-max maps to [0,1] and a constant signal to zeros', () => {
    expect(minMaxNormalize([2, 4, 3])).toEqual([0, 1, 0.5]);
    expect(minMaxNormalize([7, 7])).toEqual([0, 0]);
    expect(minMaxNormalize([])).toEqual([]);
  });

  it('z-score has mean 0 and unit deviation', () => {
    const z = zScoreNormalize([1, 2, 3, 4]);
    expect(z.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
    expect(Math.sqrt(z.reduce((a, b) => a + b * b, 0) / z.length)).toBeCloseTo(1, 12);
    expect(zScoreNormalize([5, 5, 5])).toEqual([0, 0, 0]);
  });

  it('ranks are 1-based, descending, and ties share the best rank', () => {
    expect(ranksOf([0.5, 0.9, 0.5, 0.1])).toEqual([2, 1, 2, 4]);
  });
});

describe('fuseScores', () => {
  const lexical = [10, 5, 0, 1];
  const dense = [0.2, 0.9, 0.8, 0.1];
  const order = (xs: number[]) => xs.map((_, i) => i).sort((a, b) => xs[b] - xs[a] || a - b);

  it('weighted min-max follows lexical at weight 0 and dense at weight 1', () => {
    expect(order(fuseScores(lexical, dense, { method: 'minmax', denseWeight: 0 }))).toEqual(order(lexical));
    expect(order(fuseScores(lexical, dense, { method: 'minmax', denseWeight: 1 }))).toEqual(order(dense));
  });

  it('weighted min-max is the convex combination of the normalised signals', () => {
    const f = fuseScores(lexical, dense, { method: 'minmax', denseWeight: 0.25 });
    // lexical [1, .5, 0, .1]; dense [.125, 1, .875, 0]
    expect(f[0]).toBeCloseTo(0.75 * 1 + 0.25 * 0.125, 12);
    expect(f[2]).toBeCloseTo(0.25 * 0.875, 12);
  });

  it('RRF sums 1/(k + rank) over the signals a candidate has', () => {
    const f = fuseScores(lexical, dense, { method: 'rrf', rrfK: 60 });
    expect(f[0]).toBeCloseTo(1 / 61 + 1 / 63, 12);
    // No lexical match: only its dense rank counts.
    expect(f[2]).toBeCloseTo(1 / 62, 12);
  });

  it('z-score fusion ranks a candidate strong in both first', () => {
    const f = fuseScores([3, 1, 2], [0.9, 0.1, 0.2], { method: 'zscore', denseWeight: 0.5 });
    expect(order(f)[0]).toBe(0);
  });
});
