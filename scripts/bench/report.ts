/** Targets and the printed table of the benchmark (pure functions of the results). */
import type { ScenarioResult } from './scenario.js';

/** One target of issue 2 with what was measured. */
export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean | null;
  /** Why the check is not conclusive (for example a smaller corpus than the target's). */
  note: string | null;
}

/** The scale the search-latency target is stated for. */
export const TARGET_CHUNKS = 100_000;

/** Checks the three targets against the largest scenario (the synthetic one when present). */
export function checkTargets(scenarios: readonly ScenarioResult[]): TargetCheck[] {
  if (!scenarios.length) return [];
  const big = scenarios.reduce((a, b) => (b.chunks > a.chunks ? b : a));
  const small = big.chunks < TARGET_CHUNKS ? `measured at ${big.chunks.toLocaleString('en-US')} chunks, not ${TARGET_CHUNKS.toLocaleString('en-US')}` : null;
  const hybrid = big.systems.find((s) => s.system === 'hybrid');
  const hnsw = big.systems.find((s) => s.system === 'hnsw');
  const p95 = hybrid?.latency.p95 ?? NaN;
  const rate = big.ingest.chunksPerSecond;
  const recall = hnsw?.recall ?? NaN;
  const exactOnly = big.chunks < 2000;
  return [
    { target: 'search p95 ≤ 10 ms at 100k chunks (hybrid, incl. query embedding)', measured: `${fmtMs(p95)} ms`, met: p95 <= 10, note: small },
    {
      target: 'ingest ≥ 2,000 chunks/s with builtin (fit + embed + BM25 + HNSW)',
      measured: `${Math.round(rate).toLocaleString('en-US')} chunks/s`,
      met: rate >= 2000,
      note: small,
    },
    {
      target: 'HNSW recall@10 ≥ 0.98 against exact cosine',
      measured: Number.isFinite(recall) ? recall.toFixed(4) : 'n/a',
      met: exactOnly ? null : recall >= 0.98,
      note: exactOnly
        ? 'below 2,000 chunks the dense search is exact; no HNSW to measure'
        : big.denseKind === 'sparse'
          ? ['dense search uses the exact sparse inverted index (no HNSW)', small].filter(Boolean).join('; ')
          : small,
    },
  ];
}

/** Milliseconds with sensible precision. */
export function fmtMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  return ms < 1 ? ms.toFixed(3) : ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : Math.round(ms).toLocaleString('en-US');
}

/** Bytes as MB with one decimal (or KB below 1 MB). */
export function fmtBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '–';
  return bytes < 2 ** 20 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 2 ** 20).toFixed(1)} MB`;
}

const KIND_LABELS: Record<string, string> = { gold: 'gold questions', region: 'naming a region of the corpus', other: 'others' };
const fmtRatio = (x: number | null) => (x === null || !Number.isFinite(x) ? '–' : x.toFixed(3));
const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');

/** A plain-text table: columns padded to their widest cell (CJK counted as two columns), numbers right-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/u.test(ch) && !/[–]/u.test(ch) ? 2 : 1), 0);
  const cols = header.map((_, c) => Math.max(width(header[c]), ...rows.map((r) => width(r[c] ?? ''))));
  const numeric = header.map((_, c) => rows.every((r) => /^[\d,.–%\s]+(?:ms|MB|KB|s)?$|^–$/u.test(r[c] ?? '')));
  const pad = (s: string, c: number) => {
    const gap = ' '.repeat(Math.max(0, cols[c] - width(s)));
    return numeric[c] && c > 0 ? gap + s : s + gap;
  };
  const line = (r: readonly string[]) =>
    r
      .map((s, c) => pad(s, c))
      .join('  ')
      .trimEnd();
  return [line(header), cols.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The human-readable report of a whole run. */
export function formatReport(scenarios: readonly ScenarioResult[], meta: { seconds: number; node: string; cpus: string }): string {
  const out: string[] = [];
  for (const s of scenarios) {
    out.push(
      `== ${s.name}: ${fmtInt(s.chunks)} chunks in ${fmtInt(s.documents)} documents (${s.avgChunkChars.toFixed(0)} chars/chunk), ` +
        `${fmtInt(s.queries)} queries (${fmtInt(s.distinctQueries)} distinct), k=${s.k}, builtin ${s.dim}-d, ` +
        (s.denseKind === 'sparse'
          ? 'dense: exact sparse inverted index (no HNSW graph) =='
          : `HNSW M=${s.hnsw.m} efConstruction=${s.hnsw.efConstruction} efSearch=${s.hnsw.efSearch} ==`),
    );
    const i = s.ingest;
    out.push(
      `ingest ${fmtMs(i.total / 1000)} s = ${fmtInt(i.chunksPerSecond)} chunks/s (CPU ${fmtMs(i.cpuMs / 1000)} s): tokenize ${fmtMs(i.tokenize / 1000)} s, ` +
        `fit ${fmtMs(i.fit / 1000)} s, embed ${fmtMs(i.embed / 1000)} s, BM25 ${fmtMs(i.bm25 / 1000)} s, ${s.denseKind === 'sparse' ? 'sparse index' : 'HNSW'} ${fmtMs(i.hnsw / 1000)} s`,
    );
    out.push(
      `index on disk ${fmtBytes(s.save.bytes)} (${Object.entries(s.save.files)
        .map(([f, b]) => `${f} ${fmtBytes(b)}`)
        .join(', ')}), saved in ${fmtMs(s.save.ms / 1000)} s`,
    );
    out.push(
      `peak RSS ${fmtBytes(s.peakRssBytes.afterIngest)} after ingest, ${fmtBytes(s.peakRssBytes.beforeMinisearch)} after our searches, ` +
        `${fmtBytes(s.peakRssBytes.final)} with MiniSearch${s.minisearchHeapBytes !== null ? ` (MiniSearch heap ${fmtBytes(s.minisearchHeapBytes)})` : ''}; ` +
        `query embedding p50 ${fmtMs(s.queryEmbedding.p50)} ms${s.zeroVectorQueries ? `; ${s.zeroVectorQueries} queries embed to zero (no dense signal)` : ''}`,
    );
    const kinds = Object.entries(s.recallByKind)
      .filter(([, v]) => v.queries > 0)
      .map(([kind, v]) => `${KIND_LABELS[kind] ?? kind} ${fmtRatio(v.recall)} (${fmtInt(v.queries)})`);
    if (kinds.length) out.push(`${s.denseKind === 'sparse' ? 'dense (sparse index)' : 'HNSW'} recall@10 by query: ${kinds.join(', ')}`);
    const rows = s.systems.map((r) => [
      r.label,
      r.buildMs === null ? '–' : `${fmtMs(r.buildMs / 1000)} s`,
      fmtBytes(r.bytes),
      fmtInt(r.latency.count),
      fmtMs(r.latency.p50),
      fmtMs(r.latency.p95),
      fmtMs(r.latency.p99),
      fmtRatio(r.recall),
      fmtRatio(r.agreement),
      fmtRatio(r.hitAt5),
    ]);
    out.push('');
    out.push(formatTable(['system', 'build', 'size', 'queries', 'p50 ms', 'p95 ms', 'p99 ms', 'recall@10', 'agree@10', 'hit@5'], rows));
    out.push('');
  }
  out.push(
    'build: bm25 = tokenize + postings; hnsw/dense = graph or sparse inverted index only; minisearch = tokenize + addAll. size: the saved file(s); MiniSearch: its JSON.',
  );
  out.push('queries: how many were timed (brute force and MiniSearch stop when their time budget is spent; recall is over the brute-force ones).');
  out.push(
    'recall@10: dense-only search (HNSW or exact sparse index) against brute-force cosine, tie-aware. agree@10: hybrid = overlap with the same hybrid search using exact dense search;',
  );
  out.push('MiniSearch = share of our BM25 top-10 it also returns. hit@5: gold questions (evals/qa/dev.jsonl) whose evidence is in a top-5 chunk.');
  out.push('');
  out.push(
    formatTable(
      ['target', 'measured', 'met'],
      checkTargets(scenarios).map((t) => [t.target, t.measured, `${t.met === null ? 'n/a' : t.met ? 'yes' : 'NO'}${t.note ? ` (${t.note})` : ''}`]),
    ),
  );
  out.push('');
  out.push(`total ${fmtMs(meta.seconds)} s on ${meta.cpus}, node ${meta.node}`);
  return out.join('\n');
}
