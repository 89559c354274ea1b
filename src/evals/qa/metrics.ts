/**
 * QA metrics, none needing an LLM. Pure functions over gold items and answers.
 *
 * - answer accuracy: for answerable items, the answer is not abstained, every key fact of
 *   some alternative appears in it, and it is short (see {@link isShortAnswer});
 * - abstention accuracy: over all items, abstained exactly when the gold says unanswerable;
 * - evidence hit@k / MRR: a returned citation hits when it overlaps a gold evidence span in
 *   the original text (or its quote contains the evidence, or the evidence contains it);
 * - citation precision: the share of returned citations that hit some gold evidence.
 */
import type { Answer, Citation } from '../../answer/types.js';
import type { GoldItem } from './gold.js';

/** How facts are compared: NFKC, no whitespace, no thousands separators. */
export function normalizeForMatch(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/(\d),(\d{3})/g, '$1$2');
}

/** Short: at most 60 characters, or three times the key facts when they are long. */
export function isShortAnswer(answer: string, facts: string[]): boolean {
  const factLen = facts.reduce((n, f) => n + normalizeForMatch(f).length, 0);
  return normalizeForMatch(answer).length <= Math.max(60, factLen * 3);
}

/** Whether the answer states some alternative's key facts, briefly. */
export function isCorrectAnswer(item: GoldItem, answer: Answer): boolean {
  if (item.unanswerable || answer.abstained || !answer.answer) return false;
  const a = normalizeForMatch(answer.answer);
  return item.answers.some((alt) => alt.every((f) => a.includes(normalizeForMatch(f))) && isShortAnswer(answer.answer!, alt));
}

export interface EvidenceSpan {
  source: string;
  start: number;
  end: number;
  text: string;
}

/** Finds each gold evidence string in the original texts (its source first, then any document). */
export function locateEvidence(item: GoldItem, originals: Map<string, string>): EvidenceSpan[] {
  const spans: EvidenceSpan[] = [];
  for (const ev of item.evidence) {
    const order = item.source && originals.has(item.source) ? [item.source, ...[...originals.keys()].filter((k) => k !== item.source)] : [...originals.keys()];
    for (const source of order) {
      const i = originals.get(source)!.indexOf(ev);
      if (i >= 0) {
        spans.push({ source, start: i, end: i + ev.length, text: ev });
        break;
      }
    }
  }
  return spans;
}

/** Whether a citation supports one of the evidence spans. */
export function citationHits(c: Citation, spans: EvidenceSpan[]): boolean {
  const q = normalizeForMatch(c.quote);
  return spans.some((s) => {
    if (s.source !== c.source) return false;
    if (c.start < s.end && s.start < c.end) return true;
    const e = normalizeForMatch(s.text);
    return q.includes(e) || (q.length >= 8 && e.includes(q));
  });
}

/** 1-based rank of the first hitting citation, or 0. */
export function firstHitRank(citations: Citation[], spans: EvidenceSpan[]): number {
  const i = citations.findIndex((c) => citationHits(c, spans));
  return i < 0 ? 0 : i + 1;
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

export interface QaItemResult {
  item: GoldItem;
  answer: Answer;
  ms: number;
}

export interface QaMetrics {
  items: number;
  answerable: number;
  unanswerable: number;
  answerAccuracy: number;
  abstentionAccuracy: number;
  /** Among unanswerable items: share abstained. Among answerable: share not abstained. */
  abstainRecall: number;
  answerRate: number;
  evidenceHitAt1: number;
  evidenceHitAt5: number;
  mrr: number;
  citationPrecision: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Aggregates per-item results into the metrics table. */
export function computeQaMetrics(results: QaItemResult[], originals: Map<string, string>): QaMetrics {
  const answerable = results.filter((r) => !r.item.unanswerable);
  const unanswerable = results.filter((r) => r.item.unanswerable);
  let hit1 = 0;
  let hit5 = 0;
  let rr = 0;
  let withEvidence = 0;
  let cited = 0;
  let citedHits = 0;
  for (const r of answerable) {
    const spans = locateEvidence(r.item, originals);
    if (!spans.length) continue;
    withEvidence++;
    const rank = firstHitRank(r.answer.citations, spans);
    if (rank === 1) hit1++;
    if (rank >= 1 && rank <= 5) hit5++;
    if (rank) rr += 1 / rank;
    cited += r.answer.citations.length;
    citedHits += r.answer.citations.filter((c) => citationHits(c, spans)).length;
  }
  const div = (a: number, b: number) => (b ? round(a / b) : 0);
  const ms = results.map((r) => r.ms);
  return {
    items: results.length,
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    answerAccuracy: div(answerable.filter((r) => isCorrectAnswer(r.item, r.answer)).length, answerable.length),
    abstentionAccuracy: div(results.filter((r) => r.answer.abstained === r.item.unanswerable).length, results.length),
    abstainRecall: div(unanswerable.filter((r) => r.answer.abstained).length, unanswerable.length),
    answerRate: div(answerable.filter((r) => !r.answer.abstained).length, answerable.length),
    evidenceHitAt1: div(hit1, withEvidence),
    evidenceHitAt5: div(hit5, withEvidence),
    mrr: div(rr, withEvidence),
    citationPrecision: div(citedHits, cited),
    latencyP50Ms: round(percentile(ms, 50)),
    latencyP95Ms: round(percentile(ms, 95)),
  };
}

/** Accuracy of one question class (or group: follow-ups, unanswerable). */
export interface ClassMetrics {
  name: string;
  items: number;
  /** Answerable items answered correctly, over answerable items (null when none). */
  answerAccuracy: number | null;
  /** Items whose abstention decision was right, over all items. */
  abstentionAccuracy: number;
}

/**
 * Metrics per question class (the gold's `kind`, `other` when absent), then two groups that cut
 * across classes: follow-ups (`after`) and unanswerable items.
 */
export function computeClassMetrics(results: QaItemResult[]): ClassMetrics[] {
  const groups = new Map<string, QaItemResult[]>();
  const add = (name: string, r: QaItemResult) => groups.set(name, [...(groups.get(name) ?? []), r]);
  for (const r of results) {
    add(r.item.kind ?? 'other', r);
    if (r.item.after) add('(follow-ups)', r);
    if (r.item.unanswerable) add('(unanswerable)', r);
  }
  return [...groups].map(([name, rs]) => {
    const answerable = rs.filter((r) => !r.item.unanswerable);
    return {
      name,
      items: rs.length,
      answerAccuracy: answerable.length ? round(answerable.filter((r) => isCorrectAnswer(r.item, r.answer)).length / answerable.length) : null,
      abstentionAccuracy: round(rs.filter((r) => r.answer.abstained === r.item.unanswerable).length / rs.length),
    };
  });
}
