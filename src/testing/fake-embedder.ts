/**
 * A small deterministic embedder for tests and benchmarks: signed feature hashing of character
 * bigrams into `dimension` buckets, L2-normalised. No fitting, no model, no I/O; texts sharing
 * wording get similar vectors, which is all retrieval tests and HNSW benchmarks need.
 * Not for production (the product's default is the fitted builtin embedder).
 */
import type { Embedder, EmbedderInfo } from '../retrieval/embeddings/types.js';

/** FNV-1a over two UTF-16 code units. */
function hashPair(a: number, b: number): number {
  let h = 0x811c9dc5;
  h = Math.imul(h ^ (a & 0xff), 0x01000193);
  h = Math.imul(h ^ (a >>> 8), 0x01000193);
  h = Math.imul(h ^ (b & 0xff), 0x01000193);
  h = Math.imul(h ^ (b >>> 8), 0x01000193);
  return h >>> 0;
}

const SKIP = /[\s\p{P}\p{S}]/u;

/** Deterministic bigram-hashing {@link Embedder}. */
export class FakeEmbedder implements Embedder {
  readonly kind = 'builtin' as const;
  /** Texts embedded so far (lets tests assert what was, or was not, embedded). */
  calls = 0;

  constructor(readonly dimension = 64) {}

  info(): EmbedderInfo {
    return { kind: 'builtin', model: 'fake-bigram-hash', dimension: this.dimension, id: `builtin:fake-bigram-hash:${this.dimension}` };
  }

  /** Embeds into `out` at row `row` (for filling a big Float32Array without garbage). */
  embedInto(text: string, out: Float32Array, row = 0): void {
    const dim = this.dimension;
    const base = row * dim;
    out.fill(0, base, base + dim);
    let prev = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (SKIP.test(text[i])) {
        prev = -1;
        continue;
      }
      if (prev >= 0) {
        const h = hashPair(prev, c);
        out[base + (h % dim)] += h & 0x80000000 ? -1 : 1;
      }
      prev = c;
    }
    let s = 0;
    for (let j = base; j < base + dim; j++) s += out[j] * out[j];
    if (s > 0) {
      const inv = 1 / Math.sqrt(s);
      for (let j = base; j < base + dim; j++) out[j] *= inv;
    }
  }

  /** One text's vector. */
  embedText(text: string): number[] {
    const v = new Float32Array(this.dimension);
    this.embedInto(text, v);
    this.calls++;
    return Array.from(v);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embedText(t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embedText(text);
  }
}
