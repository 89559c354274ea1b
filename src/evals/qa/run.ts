/**
 * Runs a QA gold set through the answering function: follow-up items (`after`) are asked in
 * the chat session of the item they follow, as a user would.
 */
import { performance } from 'node:perf_hooks';
import type { Answer, ChatSession, RequestedMode } from '../../answer/types.js';
import { newSession } from '../../answer/sessions.js';
import type { SearchMode } from '../../retrieval/types.js';
import type { GoldItem } from './gold.js';
import { computeQaMetrics, type QaItemResult, type QaMetrics } from './metrics.js';

export type AskFn = (question: string, options: { session: ChatSession; searchMode: SearchMode; mode: RequestedMode }) => Promise<Answer>;

export interface QaRunOptions {
  searchMode?: SearchMode;
  mode?: RequestedMode;
}

export interface QaRun {
  searchMode: SearchMode;
  mode: RequestedMode;
  results: QaItemResult[];
  metrics: QaMetrics;
}

/** Asks every gold question; `originals` maps document id → original text (for evidence spans). */
export async function runQaEval(items: GoldItem[], ask: AskFn, originals: Map<string, string>, options: QaRunOptions = {}): Promise<QaRun> {
  const searchMode = options.searchMode ?? 'hybrid';
  const mode = options.mode ?? 'extractive';
  const sessions = new Map<string, ChatSession>();
  const results: QaItemResult[] = [];
  for (const item of items) {
    const session = item.after && sessions.has(item.after) ? sessions.get(item.after)! : newSession(`eval-${item.id}-session`);
    const t0 = performance.now();
    const answer = await ask(item.question, { session, searchMode, mode });
    results.push({ item, answer, ms: performance.now() - t0 });
    sessions.set(item.id, session);
  }
  return { searchMode, mode, results, metrics: computeQaMetrics(results, originals) };
}

/** The `--json` shape of one run's per-item results. */
export function resultsForJson(run: QaRun) {
  return run.results.map(({ item, answer, ms }) => ({
    id: item.id,
    question: item.question,
    answer: answer.answer,
    abstained: answer.abstained,
    citations: answer.citations.map((c) => ({ source: c.source, clause: c.clause, quote: c.quote, start: c.start, end: c.end })),
    confidence: answer.confidence,
    ...(answer.reason ? { reason: answer.reason } : {}),
    ms: Math.round(ms * 100) / 100,
  }));
}
