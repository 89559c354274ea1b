/**
 * Similarity of parent and child phrases, computed once for every pair that shares anything:
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
 *
 * Only the pairs that share a bigram or a word are stored (every other pair scores 0): on the
 * corpus 6–26% of P × C, at 20 bytes a pair, where four dense P × C matrices and their bigram
 * overlap held 20 bytes for every pair.
 */
import { tokenizeWords } from '../../zh/tokenize.js';
import type { Phrase } from './segment.js';

/**
 * The pair scores of parent × child phrases, stored sparsely: per parent phrase, the child
 * phrases it shares a character bigram or a word with (every other pair scores 0 on every
 * measure). Memory grows with the pairs that share something, not with P × C; read a pair with
 * {@link pairScore}, {@link covOf}, {@link precOf}, {@link cosOf} and {@link wcovOf}.
 */
export interface SimilarityMatrix {
  parents: number;
  children: number;
  /** One row per parent phrase. */
  rows: SimilarityRow[];
  /** Where the last lookup ended (row and slot): a scan of a row in child order finds each pair in constant time. */
  at: { row: number; slot: number };
}

/** The child phrases one parent phrase shares something with, ascending, and the measures of each pair. */
export interface SimilarityRow {
  /** Child phrase indices, ascending. */
  cols: Int32Array;
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

/** For each feature id of `b`: the texts of `b` that have it (`texts`, in order) and its weight in each (`weights`). */
interface Postings {
  texts: (number[] | undefined)[];
  weights: (number[] | undefined)[];
}

/** The postings of the texts `b`. */
function postingsOf(b: Sparse[]): Postings {
  const out: Postings = { texts: [], weights: [] };
  b.forEach((s, j) =>
    s.ids.forEach((id, k) => {
      (out.texts[id] ??= []).push(j);
      (out.weights[id] ??= []).push(s.weights[k]);
    }),
  );
  return out;
}

/**
 * Adds, over the features `a` shares with each text of `b`, `a`'s weight (or, with `product`,
 * the product of the two weights) into `out` (indexed by the text of `b`), noting every text it
 * touches in `touched`. Float32 sums, one feature of `a` after another.
 */
function addShared(a: Sparse, postings: Postings, product: boolean, out: Float32Array, mark: Uint8Array, touched: number[]): void {
  for (let k = 0; k < a.ids.length; k++) {
    const texts = postings.texts[a.ids[k]];
    if (!texts) continue;
    const weights = postings.weights[a.ids[k]]!;
    const wa = a.weights[k];
    for (let n = 0; n < texts.length; n++) {
      const j = texts[n];
      out[j] += product ? wa * weights[n] : wa;
      if (!mark[j]) {
        mark[j] = 1;
        touched.push(j);
      }
    }
  }
}

/** Computes the similarity of parent × child phrases, one parent row at a time (working memory: a few arrays the size of the child). */
export function computeSimilarity(parent: Phrase[], child: Phrase[]): SimilarityMatrix {
  const P = parent.length;
  const C = child.length;
  const grams = weigh(
    [...parent, ...child].map((p) => bigramsOf(p.norm)),
    false,
  );
  const words = [...parent, ...child].map((p) => tokenizeWords(p.norm));
  const terms = weigh(words, true);
  const idf = weigh(words, false);
  const gramPostings = postingsOf(grams.slice(P));
  const termPostings = postingsOf(terms.slice(P));
  const idfPostings = postingsOf(idf.slice(P));
  const inter = new Float32Array(C);
  const dot = new Float32Array(C);
  const shared = new Float32Array(C);
  const mark = new Uint8Array(C);
  const rows: SimilarityRow[] = [];
  for (let i = 0; i < P; i++) {
    const touched: number[] = [];
    // IDF of a bigram is the same on both sides: sum it once per shared bigram.
    addShared(grams[i], gramPostings, false, inter, mark, touched);
    addShared(terms[i], termPostings, true, dot, mark, touched);
    addShared(idf[i], idfPostings, false, shared, mark, touched);
    const cols = Int32Array.from(touched).sort();
    const n = cols.length;
    const row: SimilarityRow = {
      cols,
      cov: new Float32Array(n),
      prec: new Float32Array(n),
      cos: new Float32Array(n),
      wcov: new Float32Array(n),
    };
    cols.forEach((j, k) => {
      const x = inter[j];
      if (x) {
        row.cov[k] = Math.min(1, x / (grams[i].total || 1));
        row.prec[k] = Math.min(1, x / (grams[P + j].total || 1));
      }
      row.cos[k] = Math.min(1, dot[j]);
      row.wcov[k] = Math.min(1, shared[j] / (idf[i].total || 1));
      inter[j] = dot[j] = shared[j] = 0;
      mark[j] = 0;
    });
    rows.push(row);
  }
  return { parents: P, children: C, rows, at: { row: -1, slot: 0 } };
}

/** First slot of `cols[lo..hi)` holding a value ≥ `j`. */
function lowerBound(cols: Int32Array, j: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cols[mid] < j) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The slot of pair (`i`, `j`) in row `i`, or -1 when the two share nothing. Continues from the
 * previous lookup when it is in the same row and further along (a scan in child order steps
 * forward a slot or two), else searches the row.
 */
export function slotOf(m: SimilarityMatrix, i: number, j: number): number {
  const cols = m.rows[i].cols;
  const at = m.at;
  let k: number;
  if (at.row === i && at.slot <= cols.length && (at.slot === 0 || cols[at.slot - 1] < j)) {
    k = at.slot;
    for (let steps = 0; k < cols.length && cols[k] < j; steps++, k++) {
      if (steps === 8) {
        k = lowerBound(cols, j, k, cols.length);
        break;
      }
    }
  } else k = lowerBound(cols, j, 0, cols.length);
  at.row = i;
  at.slot = k;
  return k < cols.length && cols[k] === j ? k : -1;
}

/** Weighted share of parent phrase `i`'s bigrams found in child phrase `j` (0..1). */
export function covOf(m: SimilarityMatrix, i: number, j: number): number {
  const k = slotOf(m, i, j);
  return k < 0 ? 0 : m.rows[i].cov[k];
}

/** Weighted share of child phrase `j`'s bigrams found in parent phrase `i` (0..1). */
export function precOf(m: SimilarityMatrix, i: number, j: number): number {
  const k = slotOf(m, i, j);
  return k < 0 ? 0 : m.rows[i].prec[k];
}

/** TF-IDF cosine of the jieba words of parent phrase `i` and child phrase `j` (0..1). */
export function cosOf(m: SimilarityMatrix, i: number, j: number): number {
  const k = slotOf(m, i, j);
  return k < 0 ? 0 : m.rows[i].cos[k];
}

/** IDF-weighted share of parent phrase `i`'s words found in child phrase `j` (0..1). */
export function wcovOf(m: SimilarityMatrix, i: number, j: number): number {
  const k = slotOf(m, i, j);
  return k < 0 ? 0 : m.rows[i].wcov[k];
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
  const k = slotOf(m, i, j);
  if (k < 0) return w.cov * 0 + w.prec * 0 + w.cos * 0;
  const r = m.rows[i];
  return w.cov * r.cov[k] + w.prec * r.prec[k] + w.cos * r.cos[k];
}
