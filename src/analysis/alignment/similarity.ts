/**
 * Similarity of parent and child phrases, computed once for every pair:
 *
 * - IDF-weighted character-bigram overlap of the localised comparison forms, read two ways:
 *   `cov` (how much of the parent phrase the child phrase contains: robust to a county merging
 *   two clauses when a comma is lost) and `prec` (how much of the child phrase is the parent's);
 * - TF-IDF cosine over jieba words: the builtin embedder's representation (docs/embedders.md:
 *   TF-IDF over jieba words and bigrams, chosen by measurement), computed here exactly and
 *   synchronously on the two documents instead of hashed, so it needs no index and no await.
 *
 * IDF is fitted on the phrases of both documents, so words every clause shares (水土保持) weigh
 * little and the distinctive ones (淤地坝, 坡耕地) decide.
 */
import { tokenizeWords } from '../../zh/tokenize.js';
import type { Phrase } from './segment.js';

/** The pair scores of every parent × child phrase, row-major by parent. */
export interface SimilarityMatrix {
  parents: number;
  children: number;
  /** Weighted share of the parent phrase's bigrams found in the child phrase (0..1). */
  cov: Float32Array;
  /** Weighted share of the child phrase's bigrams found in the parent phrase (0..1). */
  prec: Float32Array;
  /** TF-IDF cosine of jieba words (0..1). */
  cos: Float32Array;
  /** IDF-weighted share of the parent phrase's words found in the child phrase (0..1): the words a reworded requirement keeps. */
  wcov: Float32Array;
}

/** Overlapping character bigrams of a comparison form (a one-character form is its own gram). */
export function bigramsOf(norm: string): string[] {
  const chars = [...norm];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

interface Sparse {
  ids: number[];
  weights: number[];
  total: number;
}

/** Unique features of each text with IDF weights (fitted on all texts); `normalise` makes them unit-length vectors. */
function weigh(features: string[][], normalise: boolean): Sparse[] {
  const df = new Map<string, number>();
  for (const f of features) for (const g of new Set(f)) df.set(g, (df.get(g) ?? 0) + 1);
  const ids = new Map<string, number>();
  const n = features.length;
  return features.map((f) => {
    const tf = new Map<string, number>();
    for (const g of f) tf.set(g, (tf.get(g) ?? 0) + 1);
    const out: Sparse = { ids: [], weights: [], total: 0 };
    for (const [g, count] of tf) {
      let id = ids.get(g);
      if (id === undefined) ids.set(g, (id = ids.size));
      const idf = Math.log(1 + n / (df.get(g) ?? 1));
      const w = normalise ? (1 + Math.log(count)) * idf : idf;
      out.ids.push(id);
      out.weights.push(w);
    }
    if (normalise) {
      const norm = Math.hypot(...out.weights) || 1;
      out.weights = out.weights.map((w) => w / norm);
    }
    out.total = out.weights.reduce((a, b) => a + b, 0);
    return out;
  });
}

/** Sum over shared features of `pick(wa, wb)`, for every (a, b) pair, through an inverted index of `b`. */
function pairSums(a: Sparse[], b: Sparse[], pick: (wa: number, wb: number) => number, out: Float32Array): void {
  const postings = new Map<number, { j: number; w: number }[]>();
  b.forEach((s, j) =>
    s.ids.forEach((id, k) => {
      let list = postings.get(id);
      if (!list) postings.set(id, (list = []));
      list.push({ j, w: s.weights[k] });
    }),
  );
  a.forEach((s, i) =>
    s.ids.forEach((id, k) => {
      for (const { j, w } of postings.get(id) ?? []) out[i * b.length + j] += pick(s.weights[k], w);
    }),
  );
}

/** Computes the similarity matrix of parent × child phrases. */
export function computeSimilarity(parent: Phrase[], child: Phrase[]): SimilarityMatrix {
  const P = parent.length;
  const C = child.length;
  const grams = weigh(
    [...parent, ...child].map((p) => bigramsOf(p.norm)),
    false,
  );
  const pg = grams.slice(0, P);
  const cg = grams.slice(P);
  const inter = new Float32Array(P * C);
  // IDF of a bigram is the same on both sides: sum it once per shared bigram.
  pairSums(pg, cg, (wa) => wa, inter);
  const cov = new Float32Array(P * C);
  const prec = new Float32Array(P * C);
  for (let i = 0; i < P; i++) {
    for (let j = 0; j < C; j++) {
      const x = inter[i * C + j];
      if (!x) continue;
      cov[i * C + j] = Math.min(1, x / (pg[i].total || 1));
      prec[i * C + j] = Math.min(1, x / (cg[j].total || 1));
    }
  }
  const words = [...parent, ...child].map((p) => tokenizeWords(p.norm));
  const terms = weigh(words, true);
  const cos = new Float32Array(P * C);
  pairSums(terms.slice(0, P), terms.slice(P), (wa, wb) => wa * wb, cos);
  for (let k = 0; k < cos.length; k++) cos[k] = Math.min(1, cos[k]);
  const idf = weigh(words, false);
  const wcov = new Float32Array(P * C);
  pairSums(idf.slice(0, P), idf.slice(P), (wa) => wa, wcov);
  for (let i = 0; i < P; i++) for (let j = 0; j < C; j++) wcov[i * C + j] = Math.min(1, wcov[i * C + j] / (idf[i].total || 1));
  return { parents: P, children: C, cov, prec, cos, wcov };
}

/** Weights of the pair score (documented defaults chosen by measurement on the synthetic set). */
export interface ScoreWeights {
  cov: number;
  prec: number;
  cos: number;
}

export const defaultScoreWeights: ScoreWeights = { cov: 0.5, prec: 0.25, cos: 0.25 };

/** The pair score used to match a parent phrase to a child phrase (0..1, higher is better). */
export function pairScore(m: SimilarityMatrix, i: number, j: number, w: ScoreWeights = defaultScoreWeights): number {
  const k = i * m.children + j;
  return w.cov * m.cov[k] + w.prec * m.prec[k] + w.cos * m.cos[k];
}
