import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mean, overlap, percentile, recallAtK, summarizeLatencies } from './stats.js';

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const xs = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
    expect(percentile(xs, 50)).toBe(5);
    expect(percentile(xs, 95)).toBe(10);
    expect(percentile(xs, 90)).toBe(9);
    expect(percentile(xs, 0)).toBe(1);
    expect(percentile(xs, 100)).toBe(10);
  });

  it('p95 of 1..1000 is 950, and the input is not reordered', () => {
    const xs = Array.from({ length: 1000 }, (_, i) => 1000 - i);
    expect(percentile(xs, 95)).toBe(950);
    expect(xs[0]).toBe(1000);
  });

  it('is NaN for no samples and rejects p outside [0, 100]', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });

  it('always returns one of the samples, monotone in p', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 50 }), fc.integer({ min: 0, max: 99 }), (xs, p) => {
        const a = percentile(xs, p);
        expect(xs).toContain(a);
        expect(percentile(xs, p + 1)).toBeGreaterThanOrEqual(a);
      }),
    );
  });
});

describe('summarizeLatencies', () => {
  it('reports count, percentiles, mean and max', () => {
    const s = summarizeLatencies([1, 2, 3, 4]);
    expect(s).toEqual({ count: 4, p50: 2, p95: 4, p99: 4, mean: 2.5, max: 4 });
  });
});

describe('recallAtK', () => {
  const scores = new Map([
    [1, 0.9],
    [2, 0.8],
    [3, 0.7],
    [4, 0.7],
    [5, 0.1],
  ]);
  const scoreOf = (i: number) => scores.get(i) ?? 0;

  it('counts the true neighbours found', () => {
    expect(recallAtK([1, 2, 3], [0.9, 0.8, 0.7], scoreOf)).toBe(1);
    expect(recallAtK([1, 2, 5], [0.9, 0.8, 0.7], scoreOf)).toBeCloseTo(2 / 3);
  });

  it('accepts a tie with the k-th true neighbour, and counts repeats once', () => {
    expect(recallAtK([1, 2, 4], [0.9, 0.8, 0.7], scoreOf)).toBe(1);
    expect(recallAtK([1, 1, 1], [0.9, 0.8, 0.7], scoreOf)).toBeCloseTo(1 / 3);
  });

  it('is 1 for an empty truth', () => {
    expect(recallAtK([], [], scoreOf)).toBe(1);
  });
});

describe('overlap and mean', () => {
  it('overlap is the share of b found in a', () => {
    expect(overlap([1, 2, 3], [3, 4])).toBe(0.5);
    expect(overlap([], [])).toBe(1);
  });
  it('mean', () => {
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean([])).toBeNaN();
  });
});
