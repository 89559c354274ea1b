/**
 * Benchmark queries: questions a staff member would type, not random tokens. Three kinds, all
 * derived from the real documents:
 *
 * - the project's gold questions (evals/qa/dev.jsonl), verbatim;
 * - clause headings of the parsed documents in question templates
 *   ("宁武县在强化监督检查方面有哪些要求？", "建立部门协调制度由哪个部门负责？");
 * - the leading phrase of body sentences in question templates
 *   ("每季度定期召开协调会议由谁负责？").
 *
 * Deterministic for equal inputs (seeded PRNG), deduplicated, gold questions first.
 */
import { createRng, shuffle } from '../../src/core/rng.js';

/** What one document contributes to the query pool. */
export interface QuerySource {
  /** Region name the document is about (翼城县, 山西省…), or null. */
  region: string | null;
  /** Clause headings (without markers). */
  headings: string[];
  /** Body sentences (cut at 。；！？). */
  sentences: string[];
}

/** Options of {@link makeQueries}. */
export interface QueryOptions {
  /** PRNG seed. Default 11. */
  seed: number;
  /**
   * Region names to put into templated questions instead of each document's own (the
   * synthetic corpus invents its regions; asking about 翼城县 there would ask about nothing).
   * Default: none (use the document's region).
   */
  regions: readonly string[] | null;
}

/** Documented defaults of {@link QueryOptions}. */
export const defaultQueryOptions: QueryOptions = { seed: 11, regions: null };

const HEADING_TEMPLATES: ReadonlyArray<(h: string, r: string) => string> = [
  (h, r) => `${r}${h}有哪些要求？`,
  (h) => `${h}由哪个部门负责？`,
  (h, r) => `关于“${h}”，${r}是怎么规定的？`,
  (h, r) => `${r}在${h}方面的具体措施是什么？`,
  (h) => `${h}的目标任务是什么？`,
];

const PHRASE_TEMPLATES: ReadonlyArray<(p: string, r: string) => string> = [
  (p) => `${p}由谁负责？`,
  (p, r) => `${r}${p}有什么时间要求？`,
  (p) => `${p}的具体要求是什么？`,
  (p, r) => `${r}对${p}是怎么安排的？`,
];

const MARKER = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]|第[一二三四五六七八九十百]+条)\s*/;

/** A heading fit for a question: markers and trailing punctuation removed, 4–24 characters, mostly Han. */
export function cleanHeading(heading: string): string | null {
  const h = heading
    .replace(MARKER, '')
    .replace(/[。；：:，,、\s]+$/u, '')
    .trim();
  if (h.length < 4 || h.length > 24) return null;
  const han = h.match(/\p{Script=Han}/gu)?.length ?? 0;
  return han >= h.length * 0.7 ? h : null;
}

/** The leading phrase of a sentence (up to its first comma), 6–20 characters, or null. */
export function leadingPhrase(sentence: string): string | null {
  const s = sentence.replace(/\s+/g, '').replace(MARKER, '');
  const first = s.split(/[，,：:；;。！？]/u)[0] ?? '';
  if (first.length < 6 || first.length > 20) return null;
  const han = first.match(/\p{Script=Han}/gu)?.length ?? 0;
  return han >= first.length * 0.8 ? first : null;
}

/** Sentences of a text: cut after 。；！？ and at blank lines, whitespace removed, empties dropped. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[。；;！？])|\n\s*\n/u)
    .map((s) => s.replace(/\s+/g, ''))
    .filter((s) => s.length >= 6);
}

/**
 * `n` distinct questions: the gold questions first (as many as fit), then templated heading and
 * sentence questions in a seeded shuffle. When the templates run out before `n`, the pool is
 * extended with the same phrases asked about other regions (if `regions` are given) and then
 * with repeats, so the result always has exactly `n` entries.
 */
export function makeQueries(gold: readonly string[], sources: readonly QuerySource[], n: number, options: Partial<QueryOptions> = {}): string[] {
  const o = { ...defaultQueryOptions, ...options };
  const rand = createRng(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const regionFor = (s: QuerySource) => (o.regions?.length ? pick(o.regions) : (s.region ?? ''));

  const pool: string[] = [];
  for (const s of sources) {
    for (const raw of s.headings) {
      const h = cleanHeading(raw);
      if (h) for (const t of HEADING_TEMPLATES) pool.push(t(h, regionFor(s)));
    }
    for (const sentence of s.sentences) {
      const p = leadingPhrase(sentence);
      if (p) pool.push(pick(PHRASE_TEMPLATES)(p, regionFor(s)));
    }
  }
  const templated = shuffle(pool, rand);

  const out: string[] = [];
  const seen = new Set<string>();
  const add = (q: string) => {
    const t = q.trim();
    if (t && !seen.has(t) && out.length < n) seen.add(t), out.push(t);
  };
  gold.forEach(add);
  templated.forEach(add);
  // Extension: the same phrases with other regions, then plain repeats.
  for (let guard = 0; out.length < n && guard < 20 * n && templated.length; guard++) {
    const q = pick(templated);
    add(o.regions?.length ? `${pick(o.regions)}：${q}` : `请问${q}`);
  }
  for (let i = 0; out.length < n && out.length > 0; i++) out.push(out[i]);
  return out;
}
