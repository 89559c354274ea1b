/**
 * Result diversification. County plans copy their provincial parent clause by clause (宁武县 002
 * is largely 山西省 004), so without it one question returns each clause twice and the copies
 * crowd out every other document. Two mechanisms, both keeping the best hit first:
 *
 * - MMR (maximal marginal relevance) over TEXT similarity: each next pick maximises
 *   `λ·relevance − (1−λ)·max similarity to the picks so far`, with similarity the Jaccard
 *   overlap of character-bigram sets. Text, not vectors, so the behaviour does not depend on
 *   which embedder built the index; near-copies score ≈0.6–1, unrelated clauses ≈0–0.1.
 * - A soft per-document cap: once a document has `maxPerDoc` picks, its other chunks wait
 *   until no other document has a candidate left (so a single-document filter still fills k).
 * - Verbatim copies wait too: a candidate whose text similarity to a pick reaches
 *   `duplicateThreshold` (0.95) is only taken when nothing else is left. The threshold is high
 *   on purpose: county and provincial versions of a clause often differ in the one word that
 *   matters (市县政府 vs 县乡两级政府, 厅际 vs 部门协调机制); at 0.9 or lower the dev set lost
 *   such answers, and the product's alignment feature depends on seeing both.
 */

/** Options of {@link diversify}. */
export interface DiversifyOptions {
  /** Relevance vs novelty trade-off of MMR in [0,1]; 1 = no MMR. Default 0.7. */
  lambda: number;
  /** Picks per document before the others get precedence; 0 = ceil(k/2). Default 0. */
  maxPerDoc: number;
  /** Text similarity (bigram Jaccard) at which a candidate counts as a copy of a pick and waits; > 1 = never. Default 0.95. */
  duplicateThreshold: number;
}

/** Documented defaults of {@link DiversifyOptions}. */
export const defaultDiversifyOptions: DiversifyOptions = { lambda: 0.7, maxPerDoc: 0, duplicateThreshold: 0.95 };

/** A ranked candidate: its document, text and (fused) score. */
export interface DiversifyCandidate {
  docId: string;
  text: string;
  score: number;
}

/** Letters, digits and Han (BMP): what counts as text for similarity; spacing and punctuation do not. */
function isTextUnit(c: number): boolean {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
  if (c >= 0x3400 && c <= 0x9fff) return true;
  if (c >= 0xff10 && c <= 0xff5a) return c <= 0xff19 || (c >= 0xff21 && c <= 0xff3a) || c >= 0xff41;
  return c >= 0xf900 && c <= 0xfaff;
}

/** Sorted distinct character-bigram codes of `text` (letters, digits and Han only; spacing and punctuation ignored). */
export function bigramCodes(text: string): Uint32Array {
  const codes = new Uint32Array(Math.max(0, text.length - 1));
  let n = 0;
  let prev = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isTextUnit(c)) continue;
    if (prev >= 0) codes[n++] = prev * 0x10000 + c;
    prev = c;
  }
  const sorted = codes.subarray(0, n).sort();
  let m = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[m++] = sorted[i];
  return sorted.subarray(0, m);
}

/** Jaccard similarity of two sorted distinct code sets (0 when both are empty). */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  const na = a.length;
  const nb = b.length;
  if (!na && !nb) return 0;
  let i = 0;
  let j = 0;
  let inter = 0;
  // Branch-free merge: the if/else version mispredicts on almost every step of two unrelated
  // sets; this one was 3× faster, and jaccard is most of diversify's time per search.
  while (i < na && j < nb) {
    const x = a[i];
    const y = b[j];
    inter += +(x === y);
    i += +(x <= y);
    j += +(y <= x);
  }
  return inter / (na + nb - inter);
}

/**
 * Picks `k` of `candidates` (sorted best first) and returns their positions in pick order.
 * The first pick is always candidate 0.
 */
export function diversify(candidates: readonly DiversifyCandidate[], k: number, options: Partial<DiversifyOptions> = {}): number[] {
  const o = { ...defaultDiversifyOptions, ...options };
  const n = candidates.length;
  const want = Math.min(k, n);
  if (want <= 0) return [];
  const cap = o.maxPerDoc > 0 ? o.maxPerDoc : Math.ceil(k / 2);
  const lambda = Math.min(1, Math.max(0, o.lambda));
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of candidates) {
    lo = Math.min(lo, c.score);
    hi = Math.max(hi, c.score);
  }
  const rel = candidates.map((c) => (hi > lo ? (c.score - lo) / (hi - lo) : 1));
  const codes: Array<Uint32Array | null> = new Array(n).fill(null);
  const codesOf = (i: number) => (codes[i] ??= bigramCodes(candidates[i].text));
  const maxSim = new Float64Array(n);
  const taken = new Uint8Array(n);
  const perDoc = new Map<string, number>();
  const picks: number[] = [];
  while (picks.length < want) {
    let best = -1;
    let bestValue = -Infinity;
    let bestCapped = true;
    for (let i = 0; i < n; i++) {
      if (taken[i]) continue;
      const capped = (perDoc.get(candidates[i].docId) ?? 0) >= cap || maxSim[i] >= o.duplicateThreshold;
      const value = lambda * rel[i] - (1 - lambda) * maxSim[i];
      // Candidates that wait (capped or copies) lose to the others; within a class, higher MMR value, then earlier rank.
      if (best < 0 || (bestCapped && !capped) || (capped === bestCapped && value > bestValue)) {
        best = i;
        bestValue = value;
        bestCapped = capped;
      }
    }
    taken[best] = 1;
    picks.push(best);
    perDoc.set(candidates[best].docId, (perDoc.get(candidates[best].docId) ?? 0) + 1);
    if ((lambda < 1 || o.duplicateThreshold <= 1) && picks.length < want) {
      const picked = codesOf(best);
      for (let i = 0; i < n; i++) if (!taken[i]) maxSim[i] = Math.max(maxSim[i], jaccard(codesOf(i), picked));
    }
  }
  return picks;
}
