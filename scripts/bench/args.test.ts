import { describe, expect, it } from 'vitest';
import { defaultBenchOptions, parseBenchArgs } from './args.js';

describe('parseBenchArgs', () => {
  it('gives the documented defaults', () => {
    expect(parseBenchArgs([])).toEqual(defaultBenchOptions);
    expect(defaultBenchOptions).toMatchObject({ chunks: 100_000, queries: 1000, json: false, out: null });
  });

  it('reads every option, in both spellings', () => {
    expect(parseBenchArgs(['--chunks', '20000', '--queries=1500', '--json', '--out', '/tmp/x', '--no-minisearch', '--baseline-seconds', '0'])).toEqual({
      chunks: 20000,
      queries: 1500,
      json: true,
      out: '/tmp/x',
      noMinisearch: true,
      baselineSeconds: 0,
    });
    expect(parseBenchArgs(['--chunks=100_000'])?.chunks).toBe(100_000);
    expect(parseBenchArgs(['--chunks', '0'])?.chunks).toBe(0);
  });

  it('returns null for --help', () => {
    expect(parseBenchArgs(['--help'])).toBeNull();
  });

  it('rejects bad values and unknown options with a readable message', () => {
    expect(() => parseBenchArgs(['--chunks', 'many'])).toThrow(/--chunks needs an integer/);
    expect(() => parseBenchArgs(['--queries', '0'])).toThrow(/--queries needs an integer ≥ 1/);
    expect(() => parseBenchArgs(['--queries'])).toThrow(/got nothing/);
    expect(() => parseBenchArgs(['--out'])).toThrow(/--out needs a folder/);
    expect(() => parseBenchArgs(['--fast'])).toThrow(/Unknown option --fast/);
  });
});
