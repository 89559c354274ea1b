import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareScored, selectTopK, topKOfScores } from './top-k.js';

/** Reference: sort everything, keep the first k. */
function reference(scores: number[], k: number, keep: (i: number, s: number) => boolean) {
  return scores
    .map((score, index) => ({ index, score }))
    .filter((h) => keep(h.index, h.score))
    .sort(compareScored)
    .slice(0, k);
}

describe('selectTopK', () => {
  it('equals a full sort (score desc, index asc), with filters and ties', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 60 }), fc.integer({ min: 0, max: 12 }), (raw, k) => {
        const idx = raw.map((_, i) => i);
        const got = selectTopK(
          idx,
          (i) => raw[i],
          k,
          (i) => i % 3 !== 1,
        );
        expect(got).toEqual(reference(raw, k, (i) => i % 3 !== 1));
      }),
    );
  });

  it('skips non-finite scores', () => {
    expect(selectTopK([0, 1, 2], (i) => [NaN, 1, Infinity][i], 3)).toEqual([{ index: 1, score: 1 }]);
  });
});

describe('topKOfScores', () => {
  it('equals a full sort of the positive scores, with and without a mask', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -2, max: 6 }), { maxLength: 80 }), fc.integer({ min: 0, max: 15 }), fc.boolean(), (raw, k, masked) => {
        const scores = Float32Array.from(raw);
        const mask = masked ? Uint8Array.from(raw.map((_, i) => (i % 2 === 0 ? 1 : 0))) : null;
        const got = topKOfScores(scores, k, mask);
        expect(got).toEqual(reference(raw, k, (i, s) => s > 0 && (!mask || mask[i] === 1)));
      }),
    );
  });
});
