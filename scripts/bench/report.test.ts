import { describe, expect, it } from 'vitest';
import { checkTargets, fmtBytes, fmtMs, formatReport, formatTable } from './report.js';
import type { ScenarioResult, SystemResult } from './scenario.js';

const latency = (p50: number, p95: number) => ({ count: 1000, p50, p95, p99: p95, mean: p50, max: p95 });
const system = (s: Partial<SystemResult> & Pick<SystemResult, 'system'>): SystemResult => ({
  label: s.system,
  buildMs: 1000,
  bytes: 2 ** 20,
  latency: latency(1, 2),
  recall: null,
  recallIds: null,
  agreement: null,
  hitAt5: null,
  ...s,
});

function scenario(chunks: number, p95: number, rate: number, recall: number): ScenarioResult {
  const total = (chunks / rate) * 1000;
  return {
    name: `synthetic ${chunks}`,
    chunks,
    documents: 10,
    avgChunkChars: 250,
    queries: 1000,
    distinctQueries: 1000,
    zeroVectorQueries: 0,
    k: 10,
    dim: 1024,
    hnsw: { m: 16, efConstruction: 64, efSearch: 512 },
    ingest: { tokenize: 1, fit: 1, embed: 1, bm25: 1, hnsw: 1, total, chunksPerSecond: rate, cpuMs: total },
    save: { ms: 10, bytes: 5 * 2 ** 20, files: { 'bm25.bin': 2 ** 20 } },
    peakRssBytes: { afterIngest: 2 ** 30, beforeMinisearch: 2 ** 30, final: 2 ** 31 },
    minisearchHeapBytes: 2 ** 28,
    queryEmbedding: latency(0.05, 0.1),
    recallByKind: { gold: { queries: 100, recall: 0.97 }, region: { queries: 300, recall: 0.7 }, other: { queries: 0, recall: null } },
    systems: [system({ system: 'hybrid', latency: latency(3, p95) }), system({ system: 'hnsw', recall })],
  };
}

describe('checkTargets', () => {
  it('checks the largest scenario against the three targets', () => {
    const t = checkTargets([scenario(150, 1, 100, 1), scenario(100_000, 8.5, 1500, 0.985)]);
    expect(t.map((x) => x.met)).toEqual([true, false, true]);
    expect(t[0].measured).toBe('8.50 ms');
    expect(t[1].measured).toBe('1,500 chunks/s');
    expect(t.every((x) => x.note === null)).toBe(true);
  });

  it('says when the corpus is smaller than the target size, and that tiny indexes have no HNSW', () => {
    expect(checkTargets([scenario(20_000, 12, 3000, 0.9)])[0].note).toMatch(/20,000 chunks, not 100,000/);
    const tiny = checkTargets([scenario(150, 1, 100, 1)]);
    expect(tiny[2].met).toBeNull();
    expect(tiny[2].note).toMatch(/exact/);
  });
});

describe('formatting', () => {
  it('formats milliseconds and bytes', () => {
    expect(fmtMs(0.1234)).toBe('0.123');
    expect(fmtMs(5.678)).toBe('5.68');
    expect(fmtMs(56.78)).toBe('56.8');
    expect(fmtMs(1234.5)).toBe('1,235');
    expect(fmtMs(Number.NaN)).toBe('–');
    expect(fmtBytes(512 * 1024)).toBe('512 KB');
    expect(fmtBytes(3.25 * 2 ** 20)).toBe('3.3 MB');
  });

  it('pads columns, right-aligns numbers, and counts CJK as two columns', () => {
    const t = formatTable(
      ['系统', 'p95 ms'],
      [
        ['检索', '1.5'],
        ['bm25', '12.25'],
      ],
    ).split('\n');
    expect(t[0]).toBe('系统  p95 ms');
    expect(t[2]).toBe('检索     1.5');
    expect(t[3]).toBe('bm25   12.25');
  });

  it('prints every scenario, every system and the targets', () => {
    const text = formatReport([scenario(100_000, 8.5, 1500, 0.985)], { seconds: 200, node: 'v20', cpus: '2 × cpu' });
    expect(text).toContain('synthetic 100000');
    expect(text).toMatch(/hybrid/);
    expect(text).toMatch(/search p95 ≤ 10 ms.*8\.50 ms\s+yes/);
    expect(text).toMatch(/ingest ≥ 2,000.*NO/);
    expect(text).toContain('HNSW recall@10 by query: gold questions 0.970 (100), naming a region of the corpus 0.700 (300)');
  });
});
