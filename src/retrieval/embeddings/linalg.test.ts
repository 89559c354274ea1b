import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng, gaussian, orthonormalizeColumns, randomizedSvd, symmetricEigen, type SparseRow } from './linalg.js';

function randomSymmetric(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) {
      const x = gaussian(rng);
      a[i * n + j] = x;
      a[j * n + i] = x;
    }
  return a;
}

describe('createRng', () => {
  it('is deterministic per seed and uniform-ish in [0, 1)', () => {
    const a = createRng(5);
    const b = createRng(5);
    const xs = Array.from({ length: 2000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 2000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
    expect(createRng(6)()).not.toBe(createRng(5)());
  });
});

describe('symmetricEigen', () => {
  it('satisfies A v = λ v with orthonormal vectors, values descending (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
        const a = randomSymmetric(n, seed);
        const { values, vectors } = symmetricEigen(a, n);
        for (let j = 0; j < n; j++) {
          if (j > 0) expect(values[j]).toBeLessThanOrEqual(values[j - 1] + 1e-12);
          for (let i = 0; i < n; i++) {
            let av = 0;
            for (let k = 0; k < n; k++) av += a[i * n + k] * vectors[k * n + j];
            expect(av).toBeCloseTo(values[j] * vectors[i * n + j], 9);
          }
          for (let k = 0; k < n; k++) {
            let d = 0;
            for (let i = 0; i < n; i++) d += vectors[i * n + j] * vectors[i * n + k];
            expect(d).toBeCloseTo(j === k ? 1 : 0, 9);
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('orthonormalizeColumns', () => {
  it('orthonormalises and reports the rank of dependent columns', () => {
    // Columns: (1,0,0), (2,0,0) (dependent), (1,1,0).
    const m = Float64Array.from([1, 2, 1, 0, 0, 1, 0, 0, 0]);
    expect(orthonormalizeColumns(m, 3, 3)).toBe(2);
    expect([m[0], m[3], m[6]]).toEqual([1, 0, 0]);
    expect([m[1], m[4], m[7]]).toEqual([0, 0, 0]);
    expect([m[2], m[5], m[8]].map((x) => Math.abs(x))).toEqual([0, 1, 0]);
  });
});

describe('randomizedSvd', () => {
  it('recovers the top singular values of a sparse matrix and is deterministic', () => {
    const rng = createRng(3);
    const rows: SparseRow[] = Array.from({ length: 30 }, () => {
      const idx = Int32Array.from(new Set(Array.from({ length: 6 }, () => Math.floor(rng() * 40))));
      return { idx, val: Float64Array.from(idx, () => gaussian(rng)) };
    });
    // Exact singular values: square roots of the eigenvalues of A Aᵀ.
    const n = rows.length;
    const dense = rows.map((r) => {
      const d = new Float64Array(40);
      r.idx.forEach((c, k) => (d[c] += r.val[k]));
      return d;
    });
    const g = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) g[i * n + j] = dense[i].reduce((s, x, c) => s + x * dense[j][c], 0);
    const exact = symmetricEigen(g, n).values;
    const svd = randomizedSvd(rows, 40, { rank: 5, oversample: 10, powerIterations: 3, seed: 1 });
    expect(svd.rank).toBe(5);
    for (let j = 0; j < 5; j++) expect(svd.values[j]).toBeCloseTo(Math.sqrt(exact[j]), 4);
    // Right singular vectors are unit length.
    for (let j = 0; j < 5; j++) {
      let s = 0;
      for (let c = 0; c < 40; c++) s += svd.termVectors[c * 5 + j] ** 2;
      expect(s).toBeCloseTo(1, 4);
    }
    expect(randomizedSvd(rows, 40, { rank: 5, seed: 1, powerIterations: 3 }).termVectors).toEqual(svd.termVectors);
  });

  it('caps the rank at what the matrix has', () => {
    const rows: SparseRow[] = [
      { idx: Int32Array.from([0, 1]), val: Float64Array.from([1, 1]) },
      { idx: Int32Array.from([0, 1]), val: Float64Array.from([2, 2]) },
    ];
    expect(randomizedSvd(rows, 3, { rank: 8 }).rank).toBe(1);
  });
});
