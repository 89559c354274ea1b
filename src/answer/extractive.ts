/**
 * Extractive answering (no LLM): retrieve, score the sentences of what was retrieved, take the
 * asked-for slot from the best one, cite it verbatim, and abstain when the documents do not say
 * (the question names a place or year they do not cover, uses terms the corpus never uses, or no
 * sentence covers it).
 */
import { performance } from 'node:perf_hooks';
import type { SlotKind } from '../analysis/frames/types.js';
import type { Corpus } from '../indexing/open-index.js';
import type { SearchMode } from '../retrieval/types.js';
import { scoreCandidates, yearFit, yearsIn, type Candidate } from './candidates.js';
import { bestWindow, composeAnswer, type Composed } from './compose.js';
import { asksYesNo, yesNoAnswer } from './yesno.js';
import { coverage, keyTerms, mentions, type KeyTerm } from './coverage.js';
import { citeClean, toEvidence, type Evidence } from './evidence.js';
import { askedUnit, excludedNames, statesUnit } from './slot-rank.js';
import { fitsPeriod, fitsShape, gapShape, shapeSpans, type GapShape } from './gap.js';
import { COLLOQUIAL } from '../zh/question-cues.js';
import { getJieba } from '../zh/tokenize.js';
import { roleGapOf } from './roles.js';
import { readListAsk } from './list-match.js';
import { formatTableRow } from '../ingest/tables.js';
import { askedExtreme, extremeRow } from './table-answer.js';
import type { AnswerPart, Citation, QuestionKind } from './types.js';
import type { Understanding } from './understand.js';

/** Options of {@link answerExtractively}. */
export interface ExtractiveOptions {
  /** Chunks retrieved as evidence. Default 8. */
  k: number;
  /** Below this coverage of the question's key terms (sentence + headings) the answer is abstained. Default 0.5. */
  minCoverage: number;
  /** A slot-less sentence answers a who/where/when/how-often/how-much question only above this coverage. Default 0.85. */
  slotlessCoverage: number;
  /** Supporting citations are other sentences scoring within this margin of the best. Default 0.2. */
  supportMargin: number;
  /** Most citations returned. Default 3. */
  maxCitations: number;
  /** Candidates scoring within this margin of the best are considered when the best cannot answer. Default 0.4. */
  candidateMargin: number;
  /** A question using words the index never holds is answered only when its other words are covered this well. Default 0.8. */
  foreignTolerance: number;
  /** A question naming no document is answered for a second one too when its best candidate scores within this of the first. Default 0.3. */
  rivalMargin: number;
}

export const defaultExtractiveOptions: ExtractiveOptions = {
  k: 8,
  minCoverage: 0.5,
  slotlessCoverage: 0.85,
  supportMargin: 0.2,
  maxCitations: 3,
  candidateMargin: 0.4,
  foreignTolerance: 0.8,
  rivalMargin: 0.3,
};

/** An answer before the session and timing bookkeeping. */
export interface Draft {
  answer: string | null;
  citations: Citation[];
  confidence: number;
  reason?: string;
  /** Documents the evidence came from. */
  docIds: string[];
  /** Per-document (or per-place) answers, when the answer covers several. */
  parts?: AnswerPart[];
  /** Arithmetic working. */
  working?: string;
  /** `sentence` when the answer is a verbatim part of a clause rather than the fact cut out. */
  band?: 'fact' | 'sentence';
}

const SLOT_KIND: Record<QuestionKind, SlotKind | null> = {
  who: 'who',
  where: 'where',
  when: 'when',
  frequency: 'frequency',
  amount: 'amount',
  list: 'list',
  allowed: 'allowed',
  definition: 'definition',
  what: null,
};
/** Kinds whose answer is a fact a rule must find (a name, a date, a number); others may be a sentence part. */
const NEEDS_SLOT = new Set<QuestionKind>(['who', 'where', 'when', 'frequency', 'amount']);

/** Posts a "who is the …" question names; the answer's sentence must name the post too. */
const ROLE_NOUN = /副组长|组长|副主任|主任|召集人|第一责任人|总指挥|负责人/;

/** Does the question ask for several things (分别, 多久…多久, two question marks)? */
export function isPlural(question: string): boolean {
  const asks = question.match(/多久|多少|什么|哪些|哪个|谁|何时|几/g) ?? [];
  return /分别|各自|以及/.test(question) || asks.length >= 2 || (question.match(/[?？]/g) ?? []).length >= 2;
}

export const abstain = (reason: string, docIds: string[] = []): Draft => ({ answer: null, citations: [], confidence: 0, reason, docIds });

/** Places the question names that the chosen evidence neither belongs to nor mentions. */
function unmetPlaces(u: Understanding, c: Candidate, ownDocs: Map<string, string[]>): string[] {
  return u.places.filter((p) => !(ownDocs.get(p) ?? []).includes(c.evidence.doc.id) && !c.text.includes(p) && !c.heading.includes(p));
}

/** The span of the asked shape (哪种林子 → 经果林) nearest the question's own words in the chosen sentence. */
function shapeAnswer(c: Candidate, shape: GapShape, terms: KeyTerm[]): Composed | null {
  const at = terms.flatMap((t) => [...c.text.matchAll(new RegExp(t.term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'))].map((m) => m.index!));
  const anchor = (pos: number) => (at.length ? Math.min(...at.map((a) => Math.abs(a - pos))) : pos);
  const spans = shapeSpans(c.text, shape, c.start, anchor);
  if (!spans.length) return null;
  const chosen = shape.kind === 'noun' && shape.count ? spans.slice(0, shape.count).sort((a, b) => a.start - b.start) : [spans[0]];
  return { text: chosen.map((x) => x.text).join('、'), start: chosen[0].start, end: chosen[chosen.length - 1].end, via: 'slot', confidence: 0.7 };
}

/** Locative endings a tokenizer leaves on a word (分工表里 → 表里, 哪年前 → 年前). */
const LOCATIVE = /[里上中内前后外间]$/;

/**
 * Whether a word the index never holds is still known: a colloquial word whose written form
 * the question also carries (庄稼 → 农作物), or a known word with a locative ending (表里).
 */
function knownForm(term: string, index: Corpus): boolean {
  if (COLLOQUIAL.some(([colloquial]) => colloquial === term)) return true;
  if (LOCATIVE.test(term) && term.length >= 2) {
    const stem = term.slice(0, -1);
    return stem.length === 1 || index.termStats.documentFrequency(stem) > 0;
  }
  return false;
}

/** The verdict and the deciding clause: the segment a prohibition or permission slot named, else the best window. */
function yesNoComposed(c: Candidate, fact: Composed, terms: KeyTerm[], u: Understanding): Composed {
  const clause = fact.via === 'segment' || (fact.via === 'slot' && fact.text.length >= 6) ? fact : bestWindow(c, terms, u.followUp ? u.focus : u.topic);
  return { ...clause, text: yesNoAnswer(u.asked, clause.text), confidence: Math.max(0.6, clause.confidence) };
}

/** Accumulates time spent retrieving, for `Answer.timings`. */
export interface Clock {
  retrieveMs: number;
}

/** Retrieves evidence for an understood question. */
export async function retrieveEvidence(
  index: Corpus,
  u: Understanding,
  docIds: string[],
  options: { k: number; searchMode: SearchMode; clock?: Clock },
): Promise<Evidence[]> {
  const t0 = performance.now();
  const hits = await index.search(u.query, { k: options.k, docIds: docIds.length ? docIds : undefined, mode: options.searchMode });
  if (options.clock) options.clock.retrieveMs += performance.now() - t0;
  return toEvidence(hits, index.docs);
}

/**
 * Answers from evidence. `ownDocs` maps each place name of the question to the documents that
 * are "of" that place (a county's own plan), so an answer about another place is refused.
 */
export function answerFromEvidence(
  index: Corpus,
  u: Understanding,
  evidence: Evidence[],
  ownDocs: Map<string, string[]>,
  options: Partial<ExtractiveOptions> = {},
): Draft {
  const o = { ...defaultExtractiveOptions, ...options };
  if (!evidence.length) return abstain('Nothing in the indexed documents matches the question.');
  // Words the index never holds: a colloquial one with its written form beside it is dropped; the
  // others weigh like an ordinary word, so one unfamiliar word does not sink a well-covered question.
  const all = keyTerms(u.topic, index.termStats);
  const known = all.filter((t) => t.df > 0);
  const typical = known.length ? known.reduce((a, t) => a + t.weight, 0) / known.length : 1;
  const terms: KeyTerm[] = all
    .filter((t) => t.df > 0 || !knownForm(t.term, index))
    .map((t) => (t.df === 0 ? { ...t, weight: Math.min(t.weight, typical) } : t));
  const kind = SLOT_KIND[u.kind];
  const unit = u.kind === 'amount' ? askedUnit(u.query) : null;
  const hint = u.focus.length >= 2 ? u.focus : u.topic;
  const roleGap = u.kind === 'who' || u.kind === 'where' || (u.kind === 'list' && u.wantsRecipient) ? roleGapOf(u.asked) : null;
  const ranked = scoreCandidates(evidence, {
    terms,
    kind,
    hint,
    topic: u.topic,
    year: u.year,
    unit,
    excluded: [...new Set([...excludedNames(u.query), ...u.excluded])],
    roleGap,
    listAsk: u.kind === 'list' ? readListAsk(u.asked) : null,
  });
  if (!ranked.length) return abstain('The retrieved clauses hold no statement to answer from.');

  const shape = gapShape(u.asked);
  const metric = u.kind === 'amount' ? rateOf(u.topic) : null;
  /** Whether a candidate holds an answer of the shape the question wants. */
  const hasShape = (c: Candidate) => !shape || c.slots.some((s) => fitsShape(s.text, shape)) || fitsShape(c.row ? formatTableRow(c.row) : c.text, shape);
  /** Why a candidate cannot answer the question (null: it can). */
  const blocker = (c: Candidate, minCoverage = o.minCoverage): string | null => {
    const context = `${c.evidence.hit.title} ${c.heading} ${c.text}`;
    // Things the documents never mention make a question unanswerable unless the rest of it is closely covered.
    const foreign = terms.filter((t) => t.df === 0 && t.noun && !mentions(context, t.term));
    if (
      foreign.length &&
      coverage(
        terms.filter((t) => t.df > 0),
        context,
      ) < o.foreignTolerance
    ) {
      return `The documents never mention ${foreign.map((t) => `“${t.term}”`).join('、')}.`;
    }
    if (!hasShape(c))
      return `The closest clause does not state the ${shape!.kind === 'noun' || shape!.kind === 'modifier' ? shape!.head : shape!.kind} asked for.`;
    if (c.contextCoverage < minCoverage) return 'No clause of the documents addresses this question closely enough.';
    const role = ROLE_NOUN.exec(u.focus)?.[0];
    if (u.kind === 'who' && role && !c.text.includes(role)) return `The documents do not say who the ${role} is.`;
    const unmet = unmetPlaces(u, c, ownDocs);
    if (unmet.length) return `The documents say nothing about this for ${unmet.join('、')}.`;
    if (u.year !== null && yearFit(u.year, c.text, c.heading) !== 1 && yearFit(u.year, c.evidence.hit.text, c.heading) !== 1) {
      return `The documents state nothing for the year ${u.year}.`;
    }
    if (unit && !c.row && !statesUnit(c.text, unit)) return `The documents state no figure in ${unit} for this.`;
    // A rate the question names (水土保持率) must be what the figure measures, not another figure of the same clause.
    if (metric && !squash(context).includes(squash(metric))) return `The documents state no ${metric} for this.`;
    if (NEEDS_SLOT.has(u.kind) && !c.slots.length && !c.row && !(shape && fitsShape(c.text, shape)) && c.contextCoverage < o.slotlessCoverage)
      return 'The closest clause does not state what was asked.';
    // A "when" question is answered by a time, however closely the clause matches otherwise.
    if (u.kind === 'when' && !c.slots.length && !c.row && !STATES_TIME.test(c.text)) return 'The documents set no time for this.';
    return null;
  };

  // The best candidate that can answer; among close ones, one that holds the asked-for fact.
  const top = ranked[0];
  const pool = ranked.filter((c) => c.score >= top.score - o.candidateMargin);
  const usable = pool.filter((c) => blocker(c) === null);
  const extreme = askedExtreme(u.query);
  const chosen =
    (extreme ? usable.find((c) => c.row) : undefined) ??
    // A candidate holding the asked-for fact wins over a closer one without it, unless its own words say much less of the question.
    // A definition is found by its pattern (所称…是指), whatever else the clause repeats.
    (kind
      ? usable.find((c) => c.slots.length && c.score >= usable[0].score - 0.3 && (u.kind === 'definition' || c.coverage >= usable[0].coverage / 2))
      : undefined) ??
    usable[0];
  if (!chosen) return abstain(blocker(top)!, [top.evidence.doc.id]);
  const docIds = [chosen.evidence.doc.id];

  if (extreme && chosen.row) {
    const table = chosen.evidence.doc.tables.filter((r) => r.table === chosen.row!.table);
    const found = extremeRow(table, extreme, u.year);
    if (found) {
      const { row, column } = found;
      const label = row.header?.[column] ? `${row.header[column]}：` : '';
      const doc = chosen.evidence.doc;
      return {
        answer: `${row.cells[0].replace(/\s+/g, '')}（${label}${row.cells[column]}）`,
        citations: [citeClean(doc, row.start, row.end, chosen.evidence.hit.clausePath || undefined)],
        confidence: 0.85,
        docIds,
      };
    }
  }
  // A follow-up's answer is about what it asks itself ("分几年实施？"), not the inherited topic.
  const askTerms = u.followUp && u.focus.length >= 2 ? keyTerms(u.focus, index.termStats) : terms;
  /** The short answer a candidate gives. */
  const compose = (c: Candidate): Composed => {
    // A duration reads as its phrase (分3年实施), a name of the asked head as the name: shape spans first for those.
    // A definition the clause states (…是指X) is the answer to 是指哪些山 whatever head it ends in.
    const defined = u.kind === 'definition' && c.slots.some((sl) => sl.kind === 'definition');
    const shapeFirst = shape && !defined && (shape.kind === 'duration' || !c.slots.some((sl) => fitsShape(sl.text, shape)));
    const fromShape = shapeFirst ? shapeAnswer(c, shape!, askTerms) : null;
    const fact: Composed =
      fromShape ??
      composeAnswer(c, {
        kind: u.kind,
        terms: askTerms,
        topic: u.followUp ? u.focus : u.topic,
        wantsRecipient: u.wantsRecipient,
        year: u.year,
        plural: isPlural(u.query),
        years: yearsIn(u.query),
      });
    // A yes/no question is answered with its verdict and the clause that decides it.
    const out: Composed = asksYesNo(u.asked) ? yesNoComposed(c, fact, askTerms, u) : fact;
    // 定期 is what the document says, not a period: the answer says so.
    return shape?.kind === 'interval' && !fitsPeriod(out.text) ? { ...out, text: `${out.text}（文件未规定具体周期）` } : out;
  };
  const composed = compose(chosen);
  const doc = chosen.evidence.doc;
  const citations: Citation[] = [citeClean(doc, chosen.start, chosen.end, chosen.evidence.hit.clausePath || undefined)];
  for (const c of ranked.slice(1)) {
    if (citations.length >= o.maxCitations || c.score < chosen.score - o.supportMargin) break;
    if (c.evidence === chosen.evidence && c.start === chosen.start) continue;
    // A support must be able to answer the question itself; another table row never supports a row's value.
    if (c.row || blocker(c) !== null) continue;
    citations.push(citeClean(c.evidence.doc, c.start, c.end, c.evidence.hit.clausePath || undefined));
  }
  const retrieval = chosen.evidence.hit.score / Math.max(1e-9, evidence[0].hit.score);
  const confidence = Math.round(Math.max(0.05, Math.min(1, 0.45 * chosen.contextCoverage + 0.4 * composed.confidence + 0.15 * retrieval)) * 100) / 100;
  // A question that names no document, answered differently by another document just as closely: answer each, named.
  // A second document may cover a little less of the question's wording (工作开展情况 for 进展情况).
  const rival =
    unscoped(u) && FACT_KINDS.has(u.kind)
      ? rivalFrom(
          pool.filter((c) => blocker(c, 0.45) === null),
          chosen,
          o.rivalMargin,
        )
      : null;
  if (rival) {
    const other = compose(rival);
    if (squash(other.text) !== squash(composed.text)) {
      const label = (c: Candidate) => c.evidence.doc.meta.region.name ?? c.evidence.doc.meta.title ?? c.evidence.doc.id;
      return {
        answer: `${label(chosen)}：${composed.text}；${label(rival)}：${other.text}`,
        citations: [citations[0], citeClean(rival.evidence.doc, rival.start, rival.end, rival.evidence.hit.clausePath || undefined)],
        confidence,
        docIds: [chosen.evidence.doc.id, rival.evidence.doc.id],
        parts: [
          { label: label(chosen), answer: composed.text, docIds: [chosen.evidence.doc.id] },
          { label: label(rival), answer: other.text, docIds: [rival.evidence.doc.id] },
        ],
      };
    }
  }
  // 通报给哪些部门, asked of sentences that each name one (向A通报…; 向B通报…): every filler of the asked verb in the document.
  const more = /哪些|哪几/.test(u.asked)
    ? siblingFillers(
        chosen,
        pool.filter((c) => c.score >= chosen.score - o.supportMargin && blocker(c) === null),
      )
    : [];
  if (more.length) {
    return {
      answer: [composed.text, ...more.map((c) => c.slots[0].text)].join('、'),
      citations: [citations[0], ...more.map((c) => citeClean(c.evidence.doc, c.start, c.end, c.evidence.hit.clausePath || undefined))],
      confidence,
      docIds,
    };
  }
  // A fact question answered by a cut of the clause, not by a rule that found the fact: say so.
  const band = composed.via === 'segment' && FACT_KINDS.has(u.kind) ? 'sentence' : 'fact';
  return { answer: composed.text, citations, confidence, docIds, band };
}

/**
 * Other sentences of the chosen one's document whose best slot fills the question's very verb
 * (role gap) with another name, when the chosen answer is such a filler too.
 */
function siblingFillers(chosen: Candidate, close: Candidate[]): Candidate[] {
  const own = (c: Candidate) => c.slots[0]?.detail?.role === 'gap' && c.slots[0].detail.ownVerb === true;
  if (!own(chosen)) return [];
  const seen = new Set([chosen.slots[0].text]);
  return close.filter((c) => {
    if (c === chosen || c.evidence.doc.id !== chosen.evidence.doc.id || !own(c) || seen.has(c.slots[0].text)) return false;
    seen.add(c.slots[0].text);
    return true;
  });
}

/** Any statement of time: a year, month or day, a period, a deadline word. */
const STATES_TIME = /\d\s*[年月日]|[年月日]底|季度|期间|以前|之前|前完成|以内|[一二三四五六七八九十]五|每[年月周季天日]|[年月]内/;

/** The rate a question names (水土保持率, 森林覆盖率), as whole words: the measure the asked figure must be of. */
function rateOf(topic: string): string | null {
  const words = getJieba().cut(topic, true);
  const i = words.findIndex((w) => w.endsWith('率') && /^\p{Script=Han}+$/u.test(w));
  if (i < 0) return null;
  const rate = words[i].length === 1 && i > 0 ? words[i - 1] + words[i] : words[i];
  return rate.length >= 3 ? rate : null;
}

/** Kinds whose answer is one fact a document states its own way (a deadline, a department, a figure). */
const FACT_KINDS = new Set<QuestionKind>(['who', 'when', 'frequency', 'amount', 'where']);

/** A question that names no place, plan or document, and inherits none. */
const unscoped = (u: Understanding) => !u.docIds.length && !u.places.length && !u.followUp;

const squash = (t: string) => t.replace(/[^\p{Script=Han}\d%]/gu, '');

/**
 * The best usable candidate of another document that holds a slot and scores within `margin` of
 * the chosen one: the same question answered by a second plan.
 */
function rivalFrom(usable: Candidate[], chosen: Candidate, margin: number): Candidate | null {
  // It must say something definite (每月25日前, not 及时) about at least half of what was asked.
  const definite = (c: Candidate) => c.slots.some((s) => !VAGUE.test(s.text));
  return (
    usable.find((c) => c.evidence.doc.id !== chosen.evidence.doc.id && definite(c) && c.contextCoverage >= 0.45 && c.score >= chosen.score - margin) ?? null
  );
}

/** Slot texts that say nothing definite (及时, 按时, 定期). */
const VAGUE = /^(?:及时|按时|定期|适时|随时|不定期|尽快|逐步)$/;
