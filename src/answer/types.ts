/** Types the answering stage outputs: Answer with Citations, and chat sessions. */

/** A verbatim quote of the original text, addressed by clause and offsets. */
export interface Citation {
  /** Document id (= source file name). */
  source: string;
  title: string;
  /** Clause path, e.g. `四（三）`, or '' for the covering notice/preamble. */
  clause: string;
  /** `raw.text.slice(start, end)` of the source document, checked before returning. */
  quote: string;
  start: number;
  end: number;
  /** Page of a paged source (PDF, OFD, scan) where the quote starts, 1-based. */
  page?: number;
  /** The quote was read by OCR from a scanned page: as good as the recognition. */
  ocr?: boolean;
}

/** One document's (or place's) answer within an answer that covers several. */
export interface AnswerPart {
  /** What the part is about, as the answer names it (宁武县, 全省). */
  label: string;
  answer: string;
  docIds: string[];
}

/** How an answer was produced. */
export type AnswerMode = 'extractive' | 'llm';

/**
 * The modes a caller may ask for: `extractive` (no LLM), `llm` (the endpoint, failing with
 * LLM_* codes), or `auto` (the LLM when configured, the extractive answer when it fails).
 */
export const REQUESTED_MODES = ['extractive', 'llm', 'auto'] as const;

/** One of {@link REQUESTED_MODES}. */
export type RequestedMode = (typeof REQUESTED_MODES)[number];

/** What the question asks for. */
export type QuestionKind = 'who' | 'where' | 'when' | 'frequency' | 'amount' | 'list' | 'allowed' | 'definition' | 'what';

export interface Answer {
  question: string;
  /** Short direct answer; null when abstained. */
  answer: string | null;
  abstained: boolean;
  citations: Citation[];
  /** 0..1. */
  confidence: number;
  mode: AnswerMode;
  /** What the question was understood to ask, and about which documents. */
  understanding: { kind: QuestionKind; docIds: string[]; topic: string };
  /** Why it abstained, when it did. */
  reason?: string;
  /** The answer per document or place, when it covers several (each also named in `answer`). */
  parts?: AnswerPart[];
  /** The working of an arithmetic answer (`全省66.18% − 宁武56.04% = 10.14个百分点`). */
  working?: string;
  /**
   * `fact`: the asked fact itself; `sentence`: no rule could cut the fact out, so the answer is
   * the shortest verbatim part of the clause that states it.
   */
  band?: 'fact' | 'sentence';
  timings?: { retrieveMs: number; answerMs: number };
}

/** One turn of a chat. */
export interface ChatTurn {
  role: 'user' | 'assistant';
  text: string;
  at: string;
  answer?: Answer;
}

/** A chat session: plain data, persisted by the API. */
export interface ChatSession {
  id: string;
  createdAt: string;
  updatedAt: string;
  turns: ChatTurn[];
  /**
   * Carried context for follow-ups: the documents and topic of the last answered question, the
   * complete question it stood for, and the one before it ("这两个目标相差多少" needs both).
   */
  context: {
    docIds: string[];
    topic: string;
    kind: QuestionKind | null;
    lastQuestion: string | null;
    previousQuestion?: string | null;
    lastAnswer?: string | null;
  };
}
