/**
 * The answering stage's public entry: `answerQuestion(index, question, options)` →
 * {@link Answer} with verified citations. Extractive by default; with an LLM endpoint, the
 * model answers from the same numbered evidence and its citations are checked the same way.
 */
import { performance } from 'node:perf_hooks';
import type { ParsedDocument } from '../ingest/types.js';
import type { Corpus } from '../indexing/open-index.js';
import type { SearchMode } from '../retrieval/types.js';
import { AppError } from '../core/errors.js';
import { abstain, answerFromEvidence, defaultExtractiveOptions, retrieveEvidence, type Clock, type Draft } from './extractive.js';
import { answerWithLlm, type LlmOptions } from './llm.js';
import { verifiedCitations } from './evidence.js';
import { answerFromRecord, detectRecordAsks } from './record-answer.js';
import { draftArithmetic, draftExtremeRow, draftTableCell } from './amounts.js';
import { asksArithmetic } from './arithmetic.js';
import { draftComparison } from './compare.js';
import { coverage, keyTerms } from './coverage.js';
import { draftFromLabels } from './labels.js';
import { draftSectionList } from './section-list.js';
import type { Answer, AnswerMode, ChatSession, RequestedMode } from './types.js';
import { ownDocsOf, understandQuestion, type Understanding } from './understand.js';

export type { Answer, AnswerMode, Citation, ChatSession, ChatTurn, QuestionKind } from './types.js';
export type { Understanding } from './understand.js';
export { understandQuestion, classifyQuestion } from './understand.js';
export { newSession, createSessionStore, type SessionStore } from './sessions.js';
export { verifyCitation, locateQuote, type Evidence } from './evidence.js';

export type { LlmOptions } from './llm.js';

/** Options of {@link answerQuestion}. */
export interface AnswerOptions {
  /** Restrict to these documents (default: the ones the question names, else all). */
  docIds?: string[];
  /** `extractive`, `llm` (fails without an endpoint), or `auto` (LLM when configured). Default `auto`. */
  mode?: RequestedMode;
  /** Retrieval channel(s) for evidence. Default `hybrid`. */
  searchMode?: SearchMode;
  /** Chat session: read for follow-ups, then the turn is appended (the caller persists it). */
  session?: ChatSession;
  /** Called with answer text as it is produced (once, with the whole answer, in extractive mode). */
  onToken?: (delta: string) => void;
  signal?: AbortSignal;
  /** The LLM endpoint, when one is configured. */
  llm?: LlmOptions;
}

async function draftFor(index: Corpus, u: Understanding, question: string, docIds: string[], searchMode: SearchMode, clock: Clock, depth = 0): Promise<Draft> {
  if (u.unknownPlaces.length) return abstain(`No indexed document covers ${u.unknownPlaces.join('、')}.`);
  const docs = [...index.docs.values()];
  const scoped = docIds.length ? docs.filter((d) => docIds.includes(d.id)) : docs;
  if (depth === 0 && asksArithmetic(question)) {
    // Each operand is a question of its own, answered over every document (its place picks its own).
    const ask = (sub: string) => draftFor(index, understandQuestion(sub, docs), sub, understandQuestion(sub, docs).docIds, searchMode, clock, depth + 1);
    const drafted = await draftArithmetic(question, u, docs, ask);
    if (drafted) return drafted;
  }
  const extreme = draftExtremeRow(question, scoped.length ? scoped : docs);
  if (extreme) return extreme;
  const cell = draftTableCell(question, u, docs);
  if (cell) return cell;
  const labelled = draftFromLabels(question, scoped.length ? scoped : docs);
  if (labelled) return labelled;
  const listed = draftSectionList(question, scoped.length ? scoped : docs);
  if (listed) return listed;
  const asks = detectRecordAsks(question);
  if (asks.length) {
    // The documents named (or inherited from the chat); otherwise the one the question's words retrieve best.
    const ids = docIds.length ? docIds : [(await retrieveEvidence(index, u, docIds, { k: 1, searchMode, clock }))[0]?.doc.id].filter((x): x is string => !!x);
    const parts = ids.slice(0, 3).map((id) => ({ doc: index.docs.get(id)!, draft: answerFromRecord(index.docs.get(id)!, question, asks, index.docs) }));
    const answered = parts.filter((p) => p.draft.answer !== null);
    // 抄送/主送 also name a step of a procedure inside the plan (同时抄送区发改局…): asked there when the record lacks it.
    const inBody = asks.every((a) => a === 'copyTo' || a === 'recipients');
    if (!answered.length && !inBody) return abstain(parts[0]?.draft.reason ?? 'The documents do not say.', ids);
    const label = (d: ParsedDocument) => d.meta.region.name ?? d.meta.title ?? d.id;
    if (answered.length)
      return {
        answer: answered.length === 1 ? answered[0].draft.answer : answered.map((p) => `${label(p.doc)}：${p.draft.answer}`).join('；'),
        citations: answered.flatMap((p) => p.draft.citations),
        confidence: 0.9,
        docIds: answered.map((p) => p.doc.id),
        ...(answered.length > 1 ? { parts: answered.map((p) => ({ label: label(p.doc), answer: p.draft.answer!, docIds: [p.doc.id] })) } : {}),
      };
  }
  const evidence = await retrieveEvidence(index, u, docIds, { k: defaultExtractiveOptions.k, searchMode, clock });
  return answerFromEvidence(index, u, evidence, ownDocsOf(u.places, docs));
}

/** One extractive draft to make: the question, what it was understood as, where to look. */
interface DraftRequest {
  index: Corpus;
  u: Understanding;
  question: string;
  docIds: string[];
  searchMode: SearchMode;
  /** The caller chose the documents: no comparison across others. */
  pinned: boolean;
  clock: Clock;
}

/** The extractive draft; a question naming several documents' places (A和B分别…) is answered scope by scope. */
async function draftExtractively(req: DraftRequest): Promise<Draft> {
  const { index, u, question, docIds, searchMode, pinned, clock } = req;
  const docs = [...index.docs.values()];
  if (!pinned && !asksArithmetic(question)) {
    const ask = (sub: string, ids: string[]) => draftFor(index, understandQuestion(sub, docs), sub, ids, searchMode, clock, 1);
    const terms = keyTerms(u.topic, index.termStats);
    const compared = await draftComparison(question, u, ownDocsOf(u.places, docs), docs, ask, (text) => coverage(terms, text));
    if (compared) return compared;
  }
  return draftFor(index, u, question, docIds, searchMode, clock);
}

/** A question made of several questions ("规划治理面积是多少？分几年实施？"), each part with its own ask. */
export function splitQuestions(question: string): string[] {
  const parts = question
    .split(/(?<=[？?])/)
    .map((p) => p.trim())
    .filter((p) => p.replace(/[？?\s]/g, '').length >= 3);
  return parts.length >= 2 && !detectRecordAsks(question).length ? parts : [question];
}

/**
 * The extractive draft of a compound question: the parts after the first are asked as
 * follow-ups of the first (same documents, its topic as context), and the answers joined.
 */
async function draftCompound(req: DraftRequest): Promise<Draft> {
  const { index, question, docIds, pinned } = req;
  const parts = splitQuestions(question);
  if (parts.length < 2) return draftExtractively(req);
  const docs = [...index.docs.values()];
  const drafts: Draft[] = [];
  let context: ChatSession['context'] | undefined;
  for (const part of parts) {
    const pu = context ? understandQuestion(part, docs, context) : understandQuestion(part, docs);
    const ids = pinned ? docIds : pu.docIds.length ? pu.docIds : docIds;
    const d = await draftExtractively({ ...req, u: pu, question: part, docIds: ids });
    drafts.push(d);
    context ??= { docIds: d.docIds.length ? d.docIds : ids, topic: pu.topic, kind: pu.kind, lastQuestion: pu.query };
  }
  const answered = drafts.filter((d) => d.answer !== null);
  if (answered.length < drafts.length) return drafts.find((d) => d.answer === null)!;
  return {
    answer: answered.map((d) => d.answer).join('；'),
    citations: answered.flatMap((d) => d.citations.slice(0, 2)),
    confidence: Math.min(...answered.map((d) => d.confidence)),
    docIds: [...new Set(answered.flatMap((d) => d.docIds))],
  };
}

/** The LLM's answer from the same evidence the extractive answerer would use; its citations are verified in llm.ts and again below. */
async function draftWithLlm(
  index: Corpus,
  u: Understanding,
  question: string,
  docIds: string[],
  searchMode: SearchMode,
  options: AnswerOptions,
  clock: Clock,
): Promise<Draft> {
  const evidence = await retrieveEvidence(index, u, docIds, { k: defaultExtractiveOptions.k, searchMode, clock });
  if (!evidence.length) return abstain('Nothing in the indexed documents matches the question.');
  const r = await answerWithLlm(
    { question: u.followUp ? u.query : question, evidence, history: options.session?.turns, docs: index.docs },
    { ...options.llm!, onToken: options.onToken, signal: options.signal },
  );
  // The model's own words never become the reason: an injected instruction could be quoted there.
  const reason = r.abstained ? 'The model did not give an answer that the documents verifiably support.' : undefined;
  return {
    answer: r.abstained ? null : r.answer,
    citations: r.citations,
    confidence: r.confidence,
    reason,
    docIds: [...new Set(r.citations.map((c) => c.source))],
  };
}

/** Answers a question, extractively or with the LLM, and records the turn in the session. */
export async function answerQuestion(index: Corpus, question: string, options: AnswerOptions = {}): Promise<Answer> {
  const t0 = performance.now();
  const clock: Clock = { retrieveMs: 0 };
  const session = options.session;
  const u = understandQuestion(question, [...index.docs.values()], session?.context);
  // A follow-up rewritten into a complete question is answered as that question.
  const asked = u.rewritten ?? question;
  const searchMode = options.searchMode ?? 'hybrid';
  const docIds = options.docIds?.length ? options.docIds : u.docIds;
  const wanted = options.mode ?? 'auto';
  if (wanted === 'llm' && !options.llm) throw new AppError('LLM_NOT_CONFIGURED', 'LLM mode needs an endpoint: set POLICY_LLM_BASE_URL');
  let mode: AnswerMode = 'extractive';

  let draft: Draft | null = null;
  if (options.llm && wanted !== 'extractive') {
    try {
      draft = await draftWithLlm(index, u, asked, docIds, searchMode, options, clock);
      mode = 'llm';
    } catch (err) {
      // `auto` falls back to the extractive answer when the endpoint fails; `llm` reports it.
      if (wanted === 'llm' || !(err instanceof AppError)) throw err;
    }
  }
  if (!draft) draft = await draftCompound({ index, u, question: asked, docIds, searchMode, pinned: !!options.docIds?.length, clock });

  const citations = verifiedCitations(draft.citations, index.docs);
  const abstained = draft.answer === null || !citations.length;
  const answer: Answer = {
    question,
    answer: abstained ? null : draft.answer,
    abstained,
    citations: abstained ? [] : citations,
    confidence: abstained ? 0 : draft.confidence,
    mode,
    understanding: { kind: u.kind, docIds: draft.docIds.length ? draft.docIds : docIds, topic: u.topic },
    ...(abstained ? { reason: draft.reason ?? 'No verifiable citation supports an answer.' } : {}),
    ...(!abstained && draft.parts?.length ? { parts: draft.parts } : {}),
    ...(!abstained && draft.working ? { working: draft.working } : {}),
    ...(!abstained && draft.band ? { band: draft.band } : {}),
    timings: { retrieveMs: round2(clock.retrieveMs), answerMs: round2(performance.now() - t0 - clock.retrieveMs) },
  };
  if (!abstained && mode === 'extractive') options.onToken?.(answer.answer!);
  if (session) recordTurn(session, question, answer, u);
  return answer;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Appends the question and answer to the session and carries the context forward. */
export function recordTurn(session: ChatSession, question: string, answer: Answer, u: Understanding): void {
  const at = new Date().toISOString();
  session.turns.push({ role: 'user', text: question, at });
  session.turns.push({ role: 'assistant', text: answer.answer ?? '文件中没有找到相关内容。', at, answer });
  session.context = {
    docIds: answer.understanding.docIds,
    topic: u.topic,
    kind: u.kind,
    // The complete question asked: a follow-up's rewriting, or what it inherited, or the question itself.
    lastQuestion: u.rewritten ?? (u.followUp ? u.query : question),
    previousQuestion: session.context.lastQuestion,
    lastAnswer: answer.answer,
  };
}
