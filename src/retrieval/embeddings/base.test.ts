import { describe, expect, it } from 'vitest';
import { Embeddings } from '@langchain/core/embeddings';
import { isAppError } from '../../core/errors.js';
import { BaseEmbedder, dot, l2Normalize, type EmbedPurpose } from './base.js';
import type { EmbedderInfo } from './types.js';

/** Embeds a text as [length, count of 'a', 1] and records every batch it was given. */
class Recording extends BaseEmbedder {
  readonly kind = 'builtin' as const;
  calls: Array<{ texts: string[]; purpose: EmbedPurpose }> = [];
  constructor(
    options: { batchSize?: number; maxConcurrency?: number } = {},
    private readonly broken: 'none' | 'count' | 'nan' | 'length' = 'none',
  ) {
    super(options);
  }
  info(): EmbedderInfo {
    return { kind: 'builtin', model: 'recording', dimension: 3, id: 'builtin:recording:3' };
  }
  protected async embedBatch(texts: string[], purpose: EmbedPurpose): Promise<number[][]> {
    this.calls.push({ texts, purpose });
    // Finish out of order to prove the base keeps the input order under concurrency.
    await new Promise((r) => setTimeout(r, texts[0]?.length === 1 ? 5 : 0));
    if (this.broken === 'count') return texts.slice(1).map(() => [1, 1, 1]);
    if (this.broken === 'nan') return texts.map(() => [Number.NaN, 1, 1]);
    if (this.broken === 'length') return texts.map((t) => (t === 'x' ? [1, 2] : [1, 2, 3]));
    return texts.map((t) => (t === '' ? [0, 0, 0] : [t.length, [...t].filter((c) => c === 'a').length, 1]));
  }
}

describe('BaseEmbedder', () => {
  it('is a LangChain Embeddings', () => {
    const e: Embeddings = new Recording();
    expect(e).toBeInstanceOf(Embeddings);
  });

  it('batches documents by batchSize and keeps their order', async () => {
    const e = new Recording({ batchSize: 2, maxConcurrency: 3 });
    const texts = ['a', 'bb', 'aaa', 'bbbb', 'c'];
    const out = await e.embedDocuments(texts);
    expect(e.calls.map((c) => c.texts)).toEqual([['a', 'bb'], ['aaa', 'bbbb'], ['c']]);
    expect(e.calls.every((c) => c.purpose === 'document')).toBe(true);
    expect(out).toHaveLength(5);
    out.forEach((v, i) => expect(v).toEqual(l2Normalize([texts[i].length, [...texts[i]].filter((c) => c === 'a').length, 1])));
  });

  it('L2-normalises and passes the query purpose', async () => {
    const e = new Recording();
    const v = await e.embedQuery('aab');
    expect(e.calls).toEqual([{ texts: ['aab'], purpose: 'query' }]);
    expect(Math.hypot(...v)).toBeCloseTo(1, 12);
    expect(v[0]).toBeCloseTo(3 / Math.sqrt(14), 12);
  });

  it('keeps a zero vector zero instead of dividing by zero', async () => {
    expect(await new Recording().embedQuery('')).toEqual([0, 0, 0]);
  });

  it('makes no call for no texts', async () => {
    const e = new Recording();
    expect(await e.embedDocuments([])).toEqual([]);
    expect(e.calls).toHaveLength(0);
  });

  it.each(['count', 'nan', 'length'] as const)('refuses a subclass answer that is wrong (%s) with EMBEDDING_FAILED', async (broken) => {
    const e = new Recording({ batchSize: 1 }, broken);
    const err = await e.embedDocuments(['x', 'yy']).catch((x) => x);
    expect(isAppError(err, 'EMBEDDING_FAILED')).toBe(true);
  });
});

describe('vector helpers', () => {
  it('l2Normalize does not modify its input and dot is the inner product', () => {
    const v = [3, 4];
    const n = l2Normalize(v);
    expect(n[0]).toBeCloseTo(0.6, 12);
    expect(n[1]).toBeCloseTo(0.8, 12);
    expect(v).toEqual([3, 4]);
    expect(dot([1, 2, 3], [4, 5, 6])).toBe(32);
  });
});
