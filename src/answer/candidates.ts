/**
 * Candidate sentences for an answer: the sentences (and table rows) of the retrieved chunks,
 * each scored by how well it covers the question's key terms, how well its chunk was
 * retrieved, and whether it holds the kind of fact asked for. Pure scoring helpers.
 */
import { splitSentences } from '../analysis/frames/sentences.js';
import { extractSlot } from '../analysis/frames/slots.js';
import type { SlotAnswer, SlotKind } from '../analysis/frames/types.js';
import { formatTableRow } from '../ingest/tables.js';
import type { TableRow } from '../ingest/types.js';
import { statedYears } from '../zh/years.js';
import { bigramCoverage, coverage, topicBigrams, type KeyTerm } from './coverage.js';
import { cleanRangeOfHit, type Evidence } from './evidence.js';
import { enumerationSlots, namesBody, type ListAsk } from './list-match.js';
import { rerankSlots, unitSlots, withoutExcluded } from './slot-rank.js';
import { fillRoleGap, type RoleGap } from './roles.js';

export interface Candidate {
  evidence: Evidence;
  /** Clean text of the sentence (or table row) and its clean offsets. */
  text: string;
  start: number;
  end: number;
  /** Heading chain of its clause. */
  heading: string;
  /** The table row, when the sentence is one (its text is the row with its header: `忻州市 2025年 63.56 2035年 66.22`). */
  row?: TableRow;
  /** Coverage of the key terms by the sentence alone, and with its headings. */
  coverage: number;
  contextCoverage: number;
  /** Slot answers of the asked kind, best first. */
  slots: SlotAnswer[];
  score: number;
}

/** Options of {@link scoreCandidates}. */
export interface CandidateOptions {
  /** Weight of key-term coverage by the sentence. Default 0.6. */
  coverageWeight: number;
  /** Weight of coverage by sentence + headings. Default 0.4. */
  contextWeight: number;
  /** Weight of the chunk's retrieval score (relative to the best hit). Default 0.3. */
  retrievalWeight: number;
  /** Weight of the best slot's confidence. Default 0.35. */
  slotWeight: number;
  /** Added when the question's verb, or an equivalent, has its role filled in the sentence (反馈给谁 ↔ 向X反馈); twice for the very verb. Default 0.15. */
  roleGapWeight: number;
  /** Slots are extracted for this many best sentences only (slot extraction is most of the cost; lower ones seldom win). Default 16. */
  slotCandidates: number;
  /** Share of coverage measured on the topic's character bigrams rather than its words (phrasing: 工作开展情况和落实结果). Default 0.35. */
  bigramShare: number;
  /** Bonus when the sentence states the year asked about; the same taken off when it states only other years. Default 0.3. */
  yearWeight: number;
}

export const defaultCandidateOptions: CandidateOptions = {
  coverageWeight: 0.6,
  contextWeight: 0.4,
  retrievalWeight: 0.3,
  slotWeight: 0.35,
  roleGapWeight: 0.15,
  yearWeight: 0.3,
  bigramShare: 0.35,
  slotCandidates: 16,
};

/** A time set by an event: 在规划审批前, 于项目开工前, 在验收之后. */
const EVENT_TIME = /[在于]([^，,。；;、]{2,12}?(?:前|之前|以前|后|之后|以后|期间|时))(?=[，,]?\p{Script=Han})/gu;

/** Event-relative times of a sentence as `when` slots (weaker than a date). */
function eventTimeSlots(text: string, base: number): SlotAnswer[] {
  return [...text.matchAll(EVENT_TIME)].map((m) => ({
    kind: 'when' as const,
    text: m[1],
    start: base + m.index! + 1,
    end: base + m.index! + 1 + m[1].length,
    confidence: 0.55,
    detail: { role: 'event' },
  }));
}

/** Heads of a question about organisations (哪些部门): the role rules' names answer it. */
const ORGANISATION_HEAD = /部门|单位|机构|机关|领导|人员|乡镇|政府/;
/** How well an enumeration must fit a list question to replace the names the role rules found. */
const MIN_LIST_FIT = 0.6;

/** Years a text states (`2025年`, `2025、2035年`, a damaged `2025选取` at the start of a line). */
export function yearsIn(text: string): number[] {
  return statedYears(text, { lineStart: true });
}

/** Score adjustment for the year a question asks about: +1 stated, -1 only other years stated, 0 none. */
export function yearFit(year: number | null, text: string, heading = ''): number {
  if (year === null) return 0;
  const ys = yearsIn(`${heading} ${text}`);
  if (ys.includes(year)) return 1;
  return ys.length ? -1 : 0;
}

/** Splits each evidence chunk into sentences (a table row is one sentence) with their clean offsets. */
type Sentence = { evidence: Evidence; text: string; start: number; end: number; row?: TableRow };

export function sentencesOf(evidence: Evidence[]): Sentence[] {
  const out: Sentence[] = [];
  for (const ev of evidence) {
    const { start, end } = cleanRangeOfHit(ev.doc, ev.hit);
    const body = ev.doc.clean.text.slice(start, end);
    if (ev.hit.kind === 'table-row') {
      const row = ev.doc.tables.find((r) => r.start < end && r.end > start);
      out.push(row ? { evidence: ev, text: formatTableRow(row), start: row.start, end: row.end, row } : { evidence: ev, text: body.trim(), start, end });
      continue;
    }
    for (const s of splitSentences(body, start)) if (!s.heading) out.push({ evidence: ev, text: s.text, start: s.start, end: s.end });
  }
  return out;
}

/** Scores every sentence of the evidence for a question; best first. */
export function scoreCandidates(
  evidence: Evidence[],
  input: {
    terms: KeyTerm[];
    kind: SlotKind | null;
    /** The question's own words (ranks slots within a sentence). */
    hint: string;
    /** The topic (with what a follow-up inherits): its phrasing is matched as bigrams. */
    topic?: string;
    year: number | null;
    /** Unit a "how many" question names (个县, 座, 万亩). */
    unit?: string | null;
    /** Names the question excludes (除…外). */
    excluded?: string[];
    /** What a list question says about its list (head, verb, count). */
    listAsk?: ListAsk | null;
    /** The question as a statement with a gap on a role (由谁召集…, 约谈谁): organisations filling it are slots too. */
    roleGap?: RoleGap | null;
  },
  options: Partial<CandidateOptions> = {},
): Candidate[] {
  const o = { ...defaultCandidateOptions, ...options };
  const best = Math.max(1e-9, ...evidence.map((e) => e.hit.score));
  const out: Candidate[] = [];
  const sentences = sentencesOf(evidence);
  const grams = topicBigrams(input.topic ?? input.hint);
  // With no key terms left (a question of stop words), phrasing is all there is to match.
  const cover = (text: string) =>
    input.terms.length ? (1 - o.bigramShare) * coverage(input.terms, text) + o.bigramShare * bigramCoverage(grams, text) : bigramCoverage(grams, text);
  // First pass: coverage, retrieval and year for every sentence (cheap).
  // What the clause said before each sentence, in the same chunk: a list sentence's subject is often set there.
  const earlier: string[] = [];
  const base = sentences.map((s, i) => {
    // The sentence before, in the same chunk, often names what this one is about (金锁关镇、阿庄镇… 实施方案于11月15日前报区政府).
    const prev = i > 0 && sentences[i - 1].evidence === s.evidence ? sentences[i - 1].text : '';
    earlier[i] = prev ? `${earlier[i - 1]} ${prev}` : '';
    const heading = `${s.evidence.hit.title} ${s.evidence.hit.heading}`;
    const cov = cover(s.text);
    const ctx = cover(`${heading} ${prev} ${s.text}`);
    let score = o.coverageWeight * cov + o.contextWeight * ctx + o.retrievalWeight * (s.evidence.hit.score / best);
    score += o.yearWeight * yearFit(input.year, s.text, s.evidence.hit.heading);
    return { ...s, heading: s.evidence.hit.heading, coverage: cov, contextCoverage: ctx, slots: [] as SlotAnswer[], score, earlier: earlier[i] };
  });
  // Second pass: slots, only for the sentences that can still win (slot extraction is the costly part).
  base.sort((a, b) => b.score - a.score || a.start - b.start);
  base.forEach((c, rank) => {
    if (rank >= o.slotCandidates || !input.kind) return out.push(c);
    let slots = extractSlot(c.text, input.kind, { baseOffset: c.start, hint: input.hint, contextYear: yearsIn(c.heading)[0] ?? null });
    if (input.kind === 'amount' && input.unit) {
      // A count in the asked unit is the answer even when no target rule fires (选取 10 个县(市、区)).
      const counted = unitSlots(c.text, c.start, input.unit);
      if (counted.length) slots = counted;
    }
    // 在规划审批前征求…: a time set by an event, when no date or period rule fires.
    if (input.kind === 'when' && !slots.length) slots = eventTimeSlots(c.text, c.start);
    // "哪五同步", "实施哪些工程" over an enumeration (A、B、C等工程): its items are the list. A question
    // about organisations keeps the names the role rules found unless they found fewer than two.
    if (input.kind === 'list') {
      const items = enumerationSlots(c.text, c.start, input.listAsk ?? null, input.topic ?? input.hint);
      const aboutOrganisations = ORGANISATION_HEAD.test(input.listAsk?.head ?? input.hint);
      const fits = (items[0]?.detail?.fit as number | undefined) ?? 0;
      // Asked for organisations, a list of things (天然林资源保护、重点防护林建设…工程) is not an answer.
      const bodies = items.filter((x) => namesBody(x.text)).length;
      const usable = !aboutOrganisations || bodies * 2 >= items.length;
      if (items.length >= 2 && usable && (slots.length < 2 || (!aboutOrganisations && fits >= MIN_LIST_FIT))) slots = items;
      // A list sentence whose clause said earlier what the list is for (强化相关部门间的协同配合。…发展改革、财政…等部门要…):
      // the whole clause is its context, not only the sentence before it.
      if (slots.length >= 2 && c.earlier) {
        const clauseCtx = cover(`${c.evidence.hit.title} ${c.heading} ${c.earlier} ${c.text}`);
        if (clauseCtx > c.contextCoverage) {
          c.score += o.contextWeight * (clauseCtx - c.contextCoverage);
          c.contextCoverage = clauseCtx;
        }
      }
    }
    c.slots = rerankSlots(c.text, c.start, withoutExcluded(slots, input.excluded ?? []), input.hint);
    // The organisations the question's own verb points at come first (召集 → 由牵头部门召开).
    const asksBodies = input.kind === 'list' && ORGANISATION_HEAD.test(input.listAsk?.head ?? '');
    if (input.roleGap && (input.kind === 'who' || input.kind === 'where' || asksBodies)) {
      const filled = withoutExcluded(fillRoleGap(c.text, c.start, input.roleGap), input.excluded ?? []);
      if (filled.length) {
        c.slots = [...filled, ...c.slots.filter((s) => !filled.some((f) => f.start === s.start && f.end === s.end))];
        // The sentence with the question's own verb and its gap filled (向各承办单位主要负责人反馈) says what was asked.
        c.score += o.roleGapWeight * (filled[0].detail?.ownVerb ? 2 : 1);
      }
    }
    if (c.slots.length) c.score += o.slotWeight * c.slots[0].confidence;
    // A list question is answered by a sentence that lists; one asking for bodies (哪几个部门) not by a sentence naming none.
    if (input.kind === 'list' && c.slots.length >= 2) c.score += 0.1;
    else if (input.kind === 'list' && !c.slots.length && ORGANISATION_HEAD.test(input.listAsk?.head ?? '')) c.score -= 0.1;
    out.push(c);
  });
  return out.sort((a, b) => b.score - a.score || a.start - b.start);
}
