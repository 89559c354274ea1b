/**
 * Slot extraction for question answering: given a sentence the retriever found and the kind of
 * answer a question wants (who, where, when, how often, how much, which departments, is it
 * allowed, what does a term mean), the shortest correct span(s) with clean offsets and a
 * confidence. Built on the frame extractors, so QA and the obligation register agree.
 */
import { extractActors } from './actors.js';
import { findModalCues } from './modality.js';
import { extractTargets } from './targets.js';
import { clauseSegments, maskTitles, trimSpan } from './text.js';
import { extractRecipients, extractTiming } from './timing.js';
import type { ActorMention, ActorRole, SlotAnswer, SlotKind, Span } from './types.js';

/** Options of {@link extractSlot}. */
export interface SlotOptions {
  /** Clean offset of the sentence. Default 0. */
  baseOffset?: number;
  /** The question (or its key words): ranks candidates (`森林覆盖率` picks that target; `配合` picks cooperating units). */
  hint?: string;
  /** Year stated earlier in the clause, for amounts. */
  contextYear?: number | null;
}

const ROLE_PREFERENCE: Record<ActorRole, number> = {
  lead: 0.95,
  chair: 0.9,
  responsible: 0.85,
  coordinate: 0.8,
  deputy: 0.7,
  cooperate: 0.65,
  member: 0.6,
  location: 0.3,
};
const ROLE_HINTS: [RegExp, ActorRole[]][] = [
  [/牵头|主导|负总责/, ['lead']],
  [/(?<!副)组长|主持|召集|挂帅/, ['chair']],
  [/副组长/, ['deputy']],
  [/配合|协助|参与|协同/, ['cooperate']],
  [/统筹|协调|调度/, ['coordinate']],
  [/成员/, ['member']],
  [/负责|责任|承担|主体/, ['responsible', 'lead']],
];

/** Share of the hint's character bigrams found in `text` (0..1). */
export function hintOverlap(hint: string | undefined, text: string): number {
  if (!hint) return 0;
  const grams = new Set<string>();
  const h = hint.replace(/[\s\p{P}]/gu, '');
  for (let i = 0; i + 1 < h.length; i++) grams.add(h.slice(i, i + 2));
  if (!grams.size) return 0;
  let hit = 0;
  for (const g of grams) if (text.includes(g)) hit++;
  return hit / grams.size;
}

const clamp = (x: number) => Math.max(0, Math.min(1, x));
const namesSpan = (m: ActorMention, sentence: string, base: number): Span => {
  const a = m.names[0].start;
  const b = m.names[m.names.length - 1].end;
  return { text: sentence.slice(a - base, b - base), start: a, end: b };
};

function roleScore(role: ActorRole, hint: string | undefined): number {
  let score = ROLE_PREFERENCE[role];
  if (hint) for (const [re, roles] of ROLE_HINTS) if (re.test(hint)) score += roles.includes(role) ? 0.3 : -0.1;
  return score;
}

function whoAnswers(sentence: string, base: number, hint: string | undefined, kind: SlotKind): SlotAnswer[] {
  const out: SlotAnswer[] = [];
  for (const m of extractActors(sentence, base)) {
    if (m.role === 'location') continue;
    const conf = clamp(roleScore(m.role, hint) * m.confidence);
    if (kind === 'list') {
      for (const n of m.names) out.push({ kind, text: n.text, start: n.start, end: n.end, confidence: conf, detail: { role: m.role, pattern: m.pattern } });
    } else {
      out.push({ kind, ...namesSpan(m, sentence, base), confidence: conf, detail: { role: m.role, names: m.names.map((n) => n.text).join('、') } });
    }
  }
  // Recipients answer "报送给谁/报哪里".
  const wantsRecipient = !!hint && /报|送|交|给谁|向谁/.test(hint);
  for (const r of extractRecipients(sentence, base)) {
    out.push({ kind, ...r, confidence: wantsRecipient ? 0.85 : 0.35, detail: { role: 'recipient' } });
  }
  return out;
}

const stripLead = (s: Span): Span => {
  const m = /^(于|到|至|在)/.exec(s.text);
  return m ? { text: s.text.slice(m[0].length), start: s.start + m[0].length, end: s.end } : s;
};

function definitionAnswers(sentence: string, base: number): SlotAnswer[] {
  const masked = maskTitles(sentence);
  const re = /是指|系指|指的是|(?<=[,，:：])指(?![导标示挥定南引出数])/g;
  const out: SlotAnswer[] = [];
  for (let m = re.exec(masked); m; m = re.exec(masked)) {
    const after = m.index + m[0].length;
    const stop = /[。;；]|$/.exec(masked.slice(after));
    const answer = trimSpan(sentence, after, after + (stop ? stop.index : masked.length - after), base);
    if (!answer) continue;
    const before = masked.slice(0, m.index).replace(/[,，:：\s]+$/, '');
    const seg = before.split(/[。;；]/).pop() ?? '';
    const term =
      seg
        .replace(/^.*?(?:所称|中的|所说的)/, '')
        .replace(/^.*[,，]/, '')
        .trim() || null;
    out.push({ kind: 'definition', ...answer, confidence: m[0] === '指' ? 0.7 : 0.9, detail: { term } });
  }
  // A glossary line (工作落实较好：办理单位…完成工作任务的): the words before the colon are defined by the rest.
  const glossary = /^([^\s,，。;；:：]{2,14})[：:]/.exec(masked);
  if (!out.length && glossary) {
    const after = glossary[0].length;
    const stop = /[。;；]|$/.exec(masked.slice(after));
    const answer = trimSpan(sentence, after, after + (stop ? stop.index : masked.length - after), base);
    if (answer) out.push({ kind: 'definition', ...answer, confidence: 0.75, detail: { term: glossary[1] } });
  }
  return out;
}

function allowedAnswers(sentence: string, base: number): SlotAnswer[] {
  const segs = clauseSegments(sentence);
  const out: SlotAnswer[] = [];
  for (const c of findModalCues(sentence, base)) {
    // Prohibitions, permissions and musts (必须经过协商: asked whether a step may be skipped, the must decides).
    if (c.level !== 5 && c.level !== 4 && c.level !== 1 && !(c.polarity === 'negative')) continue;
    const rel = c.start - base;
    const seg = segs.find(([s, e]) => rel >= s && rel < e);
    const span = trimSpan(sentence, rel, seg ? seg[1] : sentence.length, base);
    if (!span) continue;
    const allowed = c.polarity === 'positive';
    out.push({
      kind: 'allowed',
      ...span,
      confidence: c.level === 5 ? 0.9 : c.level === 1 ? 0.75 : c.level === 4 ? 0.65 : 0.6,
      detail: { allowed, level: c.level, cue: c.cue },
    });
  }
  return out;
}

/**
 * Candidate answers of one kind in one sentence, best first. Offsets are clean offsets
 * (`baseOffset` + index). An empty array means the sentence does not answer that kind.
 * `extractSlot('由县自然资源局牵头,每季度定期召开协调会议', 'who')[0].text` → `县自然资源局`.
 */
export function extractSlot(sentence: string, kind: SlotKind, options: SlotOptions = {}): SlotAnswer[] {
  const base = options.baseOffset ?? 0;
  const hint = options.hint;
  let out: SlotAnswer[] = [];
  switch (kind) {
    case 'who':
    case 'list':
      out = whoAnswers(sentence, base, hint, kind);
      break;
    case 'where':
      out = extractActors(sentence, base)
        .filter((m) => m.role === 'location')
        .map((m) => ({ kind, ...namesSpan(m, sentence, base), confidence: 0.95 * m.confidence, detail: { subject: m.subject ?? null } }));
      break;
    case 'when':
      out = extractTiming(sentence, base)
        .filter((t) => t.kind === 'deadline' || t.kind === 'period')
        .map((t) => ({
          kind,
          ...stripLead(t),
          confidence: t.vague ? 0.4 : t.kind === 'period' ? 0.6 : 0.9,
          detail: { year: t.year, month: t.month, day: t.day, recipient: t.recipient?.text ?? null },
        }));
      break;
    case 'frequency':
      out = extractTiming(sentence, base)
        .filter((t) => t.kind === 'frequency' || (t.kind === 'deadline' && t.period !== null))
        .map((t) => ({
          kind,
          ...stripLead(t),
          confidence: t.vague ? 0.5 : t.kind === 'frequency' ? 0.9 : 0.8,
          detail: { period: t.period, recipient: t.recipient?.text ?? null },
        }));
      break;
    case 'amount':
      out = extractTargets(sentence, base, { contextYear: options.contextYear ?? null }).map((t) => ({
        kind,
        ...t.amount,
        confidence: clamp(0.75 + 0.25 * hintOverlap(hint, t.metric ?? t.raw)),
        detail: { metric: t.metric, value: t.value, unit: t.unit, year: t.year, comparator: t.comparator },
      }));
      break;
    case 'allowed':
      out = allowedAnswers(sentence, base);
      break;
    case 'definition':
      out = definitionAnswers(sentence, base);
      break;
  }
  if (hint && kind !== 'amount') for (const a of out) a.confidence = clamp(a.confidence + 0.05 * hintOverlap(hint, a.text));
  return out.sort((a, b) => b.confidence - a.confidence || a.start - b.start);
}
