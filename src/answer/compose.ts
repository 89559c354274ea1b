/**
 * Turns the chosen sentence into a short direct answer: the slot the question asked for (a
 * department, a date, a frequency, a number with its unit, a list), or, when the question
 * asks for something no slot captures, the shortest part of the sentence that says it.
 */
import type { SlotAnswer } from '../analysis/frames/types.js';
import { formatTableRow } from '../ingest/tables.js';
import { ORG_NAME_LONGEST } from '../zh/organisations.js';
import type { ParsedDocument, TableRow } from '../ingest/types.js';
import type { QuestionKind } from './types.js';
import type { Candidate } from './candidates.js';
import { bigramCoverage, coverage, topicBigrams, type KeyTerm } from './coverage.js';

/** Longest answer built from sentence parts, in characters. */
export const MAX_ANSWER_CHARS = 60;

export interface Composed {
  text: string;
  /** Clean offsets of the span(s) the answer was taken from (for the citation). */
  start: number;
  end: number;
  /** How the answer was made. */
  via: 'slot' | 'list' | 'segment' | 'row';
  confidence: number;
}

const SEGMENT = /[,，;；:：。！？!?]/;

/** Clause segments of a sentence with offsets relative to the sentence. */
export function segmentsOf(text: string): [number, number][] {
  const out: [number, number][] = [];
  let a = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || SEGMENT.test(text[i])) {
      if (i > a) out.push([a, i]);
      a = i + 1;
    }
  }
  return out;
}

/**
 * The window of consecutive segments (at most {@link MAX_ANSWER_CHARS}) that best covers the
 * question while adding what the question does not already say: the answer to a "what" question
 * usually sits next to the words the question repeats.
 */
export function bestWindow(c: Candidate, terms: KeyTerm[], question: string): Composed {
  const segs = segmentsOf(c.text);
  let best: { a: number; b: number; score: number } | null = null;
  const q = new Set(question);
  const grams = topicBigrams(question);
  for (let i = 0; i < segs.length; i++) {
    for (let j = i; j < segs.length; j++) {
      const a = segs[i][0];
      const b = segs[j][1];
      if (b - a > MAX_ANSWER_CHARS && j > i) break;
      const t = c.text.slice(a, b);
      const novel = [...t].filter((ch) => !q.has(ch) && /\p{Script=Han}|\d/u.test(ch)).length;
      // Coverage finds the place; novelty (capped) prefers the part that adds information.
      // Words may all be stop words (分几年实施 → 实施): the phrasing's bigrams count too.
      const score = 0.6 * (terms.length ? coverage(terms, t) : 0) + 0.4 * bigramCoverage(grams, t) + 0.4 * Math.min(1, novel / 12) - 0.004 * (b - a);
      if (!best || score > best.score) best = { a, b, score };
    }
  }
  const a = best ? best.a : 0;
  const b = best ? Math.min(best.b, a + Math.max(MAX_ANSWER_CHARS, 1)) : Math.min(c.text.length, MAX_ANSWER_CHARS);
  return { text: c.text.slice(a, b).trim(), start: c.start + a, end: c.start + b, via: 'segment', confidence: 0.5 };
}

/**
 * The names of a list answer: every name stated the way the best one is (same role, same
 * pattern: 由…牵头 ×3 is one list; 对…负总责 and …是第一责任人 are two), in text order.
 */
function listOf(slots: SlotAnswer[]): SlotAnswer[] {
  if (!slots.length) return [];
  const { role, pattern } = slots[0].detail ?? {};
  const top = slots[0].confidence;
  const keep = slots.filter((s) => (s.detail?.role === role && s.detail?.pattern === pattern) || s.confidence >= top - 0.02);
  const seen = new Set<string>();
  return keep.sort((x, y) => x.start - y.start).filter((s) => !seen.has(s.text) && (seen.add(s.text), true));
}

/** What the composer needs to know about the question. */
export interface ComposeInput {
  kind: QuestionKind;
  terms: KeyTerm[];
  /** The question's topic (what novelty is measured against). */
  topic: string;
  wantsRecipient: boolean;
  year: number | null;
  /** Every year the question names (两个年份: the whole row answers). */
  years: number[];
  /** The question asks for more than one thing (两个问号, 分别, 多久…多久). */
  plural: boolean;
}

/** The unit a table states once for all its cells (`水土保持率目标值(%)` in its caption or header lines). */
function tableUnit(row: TableRow, doc: ParsedDocument): string {
  const first = Math.min(...doc.tables.filter((r) => r.table === row.table).map((r) => r.start));
  const head = `${row.caption ?? ''} ${(row.header ?? []).join(' ')} ${doc.clean.text.slice(Math.max(0, first - 80), first)}`;
  const m = /[(（]\s*(%|％|万亩|万元|亩|公顷|km2|平方公里)\s*[)）]/.exec(head);
  return m ? m[1].replace('％', '%') : '';
}

/** A table row answer: the cell of the one year asked about when the header has it, else the whole row. */
function rowAnswer(c: Candidate, years: number[]): Composed {
  const row = c.row!;
  const unit = tableUnit(row, c.evidence.doc);
  if (years.length === 1 && row.header) {
    const i = row.header.findIndex((h, idx) => idx > 0 && h.includes(String(years[0])));
    if (i > 0 && row.cells[i]) {
      return { text: `${row.cells[0].replace(/\s+/g, '')} ${row.header[i]}：${row.cells[i]}${unit}`, start: c.start, end: c.end, via: 'row', confidence: 0.9 };
    }
  }
  const cells = row.cells.map((cell, i) => (i > 0 && /^\d/.test(cell) ? `${cell}${unit}` : cell));
  return { text: formatTableRow({ ...row, cells }), start: c.start, end: c.end, via: 'row', confidence: 0.8 };
}

/** The clause segment around a slot, when short: 每季度 → 每季度定期召开协调会议; 禁止 → 依法禁止在该区从事…. */
function segmentAround(c: Candidate, s: SlotAnswer, maxChars: number): { text: string; start: number; end: number } {
  const rel = s.start - c.start;
  const seg = segmentsOf(c.text).find(([a, b]) => rel >= a && rel < b);
  if (!seg || seg[1] - seg[0] > maxChars) return { text: s.text, start: s.start, end: s.end };
  return { text: c.text.slice(seg[0], seg[1]).trim(), start: c.start + seg[0], end: c.start + seg[1] };
}

/** Joins spans in text order without repeats, within the answer length limit. */
function joinSpans(spans: { text: string; start: number; end: number }[], sep: string): { text: string; start: number; end: number } {
  const seen = new Set<string>();
  const kept = spans.sort((a, b) => a.start - b.start).filter((x) => !seen.has(x.text) && (seen.add(x.text), true));
  const out: typeof kept = [];
  let len = 0;
  for (const k of kept) {
    if (out.length && len + k.text.length > MAX_ANSWER_CHARS) break;
    out.push(k);
    len += k.text.length + sep.length;
  }
  return { text: out.map((x) => x.text).join(sep), start: out[0].start, end: out[out.length - 1].end };
}

/** Composes the answer of the asked kind from a candidate sentence. */
export function composeAnswer(c: Candidate, q: ComposeInput): Composed {
  if (c.row) return rowAnswer(c, q.years);
  let slots = c.slots;
  if (q.wantsRecipient) {
    // The slot the question's own verb points at (gap) comes first; else the recipients the timing rules found.
    const recipients = slots.filter((s) => s.detail?.role === 'gap' || s.detail?.role === 'recipient');
    if (recipients.length) slots = recipients;
  }
  if (!slots.length || q.kind === 'what') return bestWindow(c, q.terms, q.topic);
  const top = slots[0];
  // 抄送哪几个部门: the list the question's own verb takes is the answer as it stands.
  if (q.kind === 'list' && top.detail?.role === 'gap') return { text: top.text, start: top.start, end: top.end, via: 'slot', confidence: top.confidence };
  if (q.kind === 'list') {
    const names = listOf(slots);
    return { text: names.map((s) => s.text).join('、'), start: names[0].start, end: names[names.length - 1].end, via: 'list', confidence: top.confidence };
  }
  if (q.kind === 'frequency' || q.kind === 'allowed') {
    // "按月跟踪进度，按季度进行评估", "依法禁止在该区…": the segment says what the rule is about.
    // Frequencies and prohibitions come in pairs (按月跟踪进度，按季度进行评估): keep the close ones.
    const chosen = slots.filter((s) => s.confidence >= top.confidence - 0.2);
    const joined = joinSpans(
      chosen.map((s) => segmentAround(c, s, 30)),
      '；',
    );
    return { ...joined, via: 'slot', confidence: top.confidence };
  }
  if (q.plural) {
    const chosen = slots.filter((s) => s.confidence >= top.confidence - 0.1);
    const joined = joinSpans(chosen, '、');
    return { ...joined, via: 'slot', confidence: top.confidence };
  }
  // A recipient that passes the report on (报告县自然资源局，县自然资源局汇总后上报县政府): the chain is the answer.
  const chain = q.wantsRecipient ? onwardChain(c, top) : null;
  if (chain) return { ...chain, via: 'slot', confidence: top.confidence };
  return { text: top.text, start: top.start, end: top.end, via: 'slot', confidence: top.confidence };
}

/** Verbs that pass a report on to the next level (汇总后上报, 审核后报送). */
const ONWARD = new RegExp(
  `^[，,、]?\\s*(?:由)?(?:该|其)?(\\p{Script=Han}{0,12}?)(?:汇总|整理|审核|核实|研究)?后?(?:再|并|统一)?(?:上报|报送|报告|转报|报)(${ORG_NAME_LONGEST})`,
  'u',
);

/**
 * The span from a recipient to the body it reports on to, when the sentence says so right after
 * it and names the recipient again as the one passing it on; null otherwise.
 */
function onwardChain(c: Candidate, slot: SlotAnswer): { text: string; start: number; end: number } | null {
  const rel = slot.end - c.start;
  const m = ONWARD.exec(c.text.slice(rel));
  if (!m) return null;
  const passer = m[1];
  // The one passing it on is the recipient itself (县自然资源局 … 自然资源局汇总后), not another body.
  const core = slot.text.replace(/^[省市县区乡镇]/, '');
  if (passer && !passer.includes(core) && !core.includes(passer)) return null;
  const end = rel + m.index + m[0].length;
  return { text: c.text.slice(slot.start - c.start, end), start: slot.start, end: c.start + end };
}
