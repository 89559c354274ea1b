import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, shuffle } from './rng.js';

describe('rng', () => {
  it('repeats a sequence for a seed and differs across seeds', () => {
    const a = createRng(7);
    const b = createRng(7);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(createRng(8)()).not.toBe(xs[0]);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  it('gives reproducible floats in [0,1) for any seed', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const a = createRng(seed);
        const b = createRng(seed);
        for (let i = 0; i < 20; i++) {
          const x = a();
          expect(x).toBe(b());
          expect(x >= 0 && x < 1).toBe(true);
        }
      }),
    );
  });

  it('shuffles a copy: same items, input untouched, deterministic per seed', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8];
    const s = shuffle(xs, createRng(1));
    expect([...s].sort((p, q) => p - q)).toEqual(xs);
    expect(xs).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(shuffle(xs, createRng(1))).toEqual(s);
  });
});
