/**
 * Optional LLM answering: any OpenAI-compatible chat endpoint answers from numbered evidence,
 * and nothing it says is trusted. Every quote it cites is located in the original text
 * (`locateQuote`) and re-checked by offsets; quotes that are not there are dropped, and an
 * answer left with no verified citation, or with a number that none of its quotes contains, is
 * returned as abstained.
 *
 * What this protects against: invented quotes, invented numbers, and a document's embedded
 * instructions producing an answer that the cited text does not contain. What it cannot catch:
 * an answer built only from words that ARE in a verified quote (for instance an injected
 * sentence that is itself in the document, quoted verbatim); such an answer always carries
 * that quote and its clause, so the reader sees where it came from.
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { AppError } from '../core/errors.js';
import type { ParsedDocument } from '../ingest/types.js';
import { locateQuote, verifiedCitations, type Evidence } from './evidence.js';
import { answerSoFar, buildMessages, parseReply, type ClaimedCitation, type PromptOptions } from './llm-prompt.js';
import type { ChatTurn, Citation } from './types.js';

/** Endpoint settings (from config: POLICY_LLM_BASE_URL, _MODEL, _API_KEY, _TIMEOUT_MS, _MAX_RETRIES). */
export interface LlmOptions {
  /** OpenAI-compatible base URL, e.g. `http://127.0.0.1:8000/v1`. */
  baseUrl: string;
  model: string;
  /** Sent as a bearer token; local servers usually need none. */
  apiKey?: string;
  /** Per attempt: until the headers arrive, then the longest silence while the body arrives. */
  timeoutMs: number;
  /** Retries of 429, 5xx, connection failures and timeouts (by the openai client, with backoff). */
  maxRetries: number;
  /** Prompt-size limits; see {@link PromptOptions}. */
  prompt?: Partial<PromptOptions>;
}

/** What the LLM mode returns (the orchestrator adds question, mode and understanding). */
export interface LlmAnswer {
  answer: string | null;
  abstained: boolean;
  /** Verified citations only. */
  citations: Citation[];
  reason?: string;
  /** 0..1. */
  confidence: number;
}

/** Call-time options: streaming and cancellation. */
export interface LlmCallOptions {
  /** When given, the reply is streamed and this receives the answer's text as it grows (deltas). */
  onToken?: (delta: string) => void;
  /** Aborting rejects with the abort error (not an AppError): the caller chose to stop. */
  signal?: AbortSignal;
}

/** Shortest quote fragment worth verifying: two characters match almost anywhere. */
const MIN_QUOTE_CHARS = 4;

/**
 * Sends the messages and returns the reply text, streaming when `onText` is given (it receives
 * the accumulated text). Errors become AppError LLM_RATE_LIMITED, LLM_TIMEOUT, LLM_UNAVAILABLE
 * or LLM_BAD_RESPONSE, with the original error as `cause`.
 */
export async function requestCompletion(
  messages: Array<{ role: 'system' | 'user' | 'assistant'; content: string }>,
  options: LlmOptions & { onText?: (text: string) => void; signal?: AbortSignal },
): Promise<string> {
  const client = new OpenAI({
    baseURL: options.baseUrl,
    apiKey: options.apiKey || 'not-needed',
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
    logLevel: 'off',
  });
  // The client's timeout covers each attempt up to the response headers; the body (a stalled
  // stream, a half-sent JSON) is guarded here by an inactivity timer on the same budget.
  const ctrl = new AbortController();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      ctrl.abort();
    }, options.timeoutMs);
  };
  const onAbort = () => ctrl.abort(options.signal?.reason);
  if (options.signal?.aborted) throw options.signal.reason ?? new APIUserAbortError();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const params = { model: options.model, messages, temperature: 0 };
  try {
    if (!options.onText) {
      const res = await client.chat.completions.create({ ...params, stream: false }, { signal: ctrl.signal }).asResponse();
      arm();
      return contentOf(await res.text());
    }
    const stream = await client.chat.completions.create({ ...params, stream: true }, { signal: ctrl.signal });
    arm();
    let text = '';
    let sawChoice = false;
    for await (const chunk of stream) {
      arm();
      const choice = chunk.choices?.[0];
      if (!choice) continue;
      sawChoice = true;
      const delta = choice.delta?.content;
      if (delta) {
        text += delta;
        options.onText(text);
      }
    }
    // The openai stream ends quietly when aborted: tell a timeout from a finished reply.
    if (ctrl.signal.aborted) throw timedOut ? new APIConnectionTimeoutError() : new APIUserAbortError();
    if (!sawChoice) throw new AppError('LLM_BAD_RESPONSE', `The LLM endpoint at ${options.baseUrl} streamed no choices`);
    if (!text.trim()) throw new AppError('LLM_BAD_RESPONSE', `The LLM endpoint at ${options.baseUrl} streamed an empty answer`);
    return text;
  } catch (err) {
    throw toLlmError(err, options, timedOut, options.signal?.aborted === true);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** The assistant content of a non-streamed chat completion body. */
function contentOf(body: string): string {
  let json: { choices?: Array<{ message?: { content?: string | null; refusal?: string | null } }> };
  try {
    json = JSON.parse(body);
  } catch (err) {
    throw new AppError('LLM_BAD_RESPONSE', `The LLM endpoint did not return JSON (it began: ${JSON.stringify(body.slice(0, 60))})`, { cause: err });
  }
  const choice = json?.choices?.[0];
  if (!choice) throw new AppError('LLM_BAD_RESPONSE', 'The LLM endpoint returned no choices');
  const content = choice.message?.content;
  if (typeof content !== 'string' || !content.trim()) {
    const refusal = choice.message?.refusal;
    throw new AppError('LLM_BAD_RESPONSE', refusal ? `The model refused: ${refusal}` : 'The LLM endpoint returned an empty answer');
  }
  return content;
}

/**
 * Maps an error of the openai client to an AppError with a stable code. A caller's own abort is
 * returned unchanged. Exported for the API layer, which may call endpoints the same way.
 */
export function toLlmError(
  err: unknown,
  options: Pick<LlmOptions, 'baseUrl' | 'model' | 'timeoutMs' | 'maxRetries'>,
  timedOut = false,
  callerAborted = false,
): unknown {
  if (err instanceof AppError) return err;
  const at = `The LLM endpoint at ${options.baseUrl}`;
  const retries = options.maxRetries === 1 ? '1 retry' : `${options.maxRetries} retries`;
  if (callerAborted && !timedOut) return err;
  if (timedOut) return new AppError('LLM_TIMEOUT', `${at} stopped sending for ${options.timeoutMs} ms`, { cause: err });
  if (err instanceof APIConnectionTimeoutError)
    return new AppError('LLM_TIMEOUT', `${at} did not answer within ${options.timeoutMs} ms (${retries})`, { cause: err });
  if (err instanceof APIUserAbortError) return err;
  if (err instanceof APIConnectionError) {
    const cause = err.cause as { cause?: { code?: string }; code?: string } | undefined;
    const code = cause?.cause?.code ?? cause?.code ?? 'connection error';
    return new AppError('LLM_UNAVAILABLE', `${at} could not be reached (${code}, ${retries}); check POLICY_LLM_BASE_URL`, { cause: err });
  }
  if (err instanceof APIError) {
    const status = err.status;
    if (status === 429) return new AppError('LLM_RATE_LIMITED', `${at} is still rate limiting after ${retries}; try again later`, { cause: err });
    if (status === 401 || status === 403)
      return new AppError('LLM_UNAVAILABLE', `${at} refused the API key (${status}); check POLICY_LLM_API_KEY`, { cause: err });
    if (status === 404)
      return new AppError(
        'LLM_UNAVAILABLE',
        `${at} has no chat completions route or no model "${options.model}" (404); check POLICY_LLM_BASE_URL and POLICY_LLM_MODEL`,
        { cause: err },
      );
    if (status !== undefined && status >= 500) return new AppError('LLM_UNAVAILABLE', `${at} failed with status ${status} (${retries})`, { cause: err });
    if (status !== undefined) return new AppError('LLM_UNAVAILABLE', `${at} rejected the request (${status}): ${err.message}`, { cause: err });
    return new AppError('LLM_UNAVAILABLE', `${at} reported an error while streaming: ${err.message}`, { cause: err });
  }
  if (err instanceof SyntaxError) return new AppError('LLM_BAD_RESPONSE', `${at} sent a reply that is not valid JSON`, { cause: err });
  return new AppError('LLM_UNAVAILABLE', `${at} failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
}

/** A quote may join two passages with an ellipsis: each part is verified on its own. */
export function splitQuote(quote: string): string[] {
  return quote
    .split(/…+|\.{3,}|⋯+/)
    .map((s) => s.trim())
    .filter((s) => s.replace(/[\s\p{P}]/gu, '').length >= MIN_QUOTE_CHARS);
}

/** Locates one quote fragment: in evidence chunk n, then in its document, then in other evidence. */
function locateFragment(fragment: string, ev: Evidence | undefined, evidence: Evidence[]): Citation | null {
  const order = ev ? [ev, ...evidence.filter((e) => e !== ev)] : evidence;
  for (const e of order) {
    const c = locateQuote(e.doc, fragment, { start: e.citation.start, end: e.citation.end });
    if (c) return c;
  }
  const seen = new Set<string>();
  for (const e of order) {
    if (seen.has(e.doc.id)) continue;
    seen.add(e.doc.id);
    const c = locateQuote(e.doc, fragment);
    if (c) return c;
  }
  return null;
}

/** Verified citations for what the model claimed, and the quotes that could not be found. */
export function verifyClaims(
  claims: ClaimedCitation[],
  evidence: Evidence[],
  docs: ReadonlyMap<string, ParsedDocument>,
): { citations: Citation[]; dropped: string[]; quoted: number } {
  const found: Citation[] = [];
  const dropped: string[] = [];
  let quoted = 0;
  for (const claim of claims) {
    const ev = claim.n === null ? undefined : evidence.find((e) => e.n === claim.n);
    if (claim.quote === null) {
      if (ev) found.push(ev.citation);
      else dropped.push(`[${claim.n}]`);
      continue;
    }
    const fragments = splitQuote(claim.quote);
    if (!fragments.length) dropped.push(claim.quote);
    for (const f of fragments) {
      const c = locateFragment(f, ev, evidence);
      if (c) {
        found.push(c);
        quoted++;
      } else dropped.push(f);
    }
  }
  return { citations: verifiedCitations(found, docs), dropped, quoted };
}

const CN_DIGITS = '零一二三四五六七八九';

/** Ways a number may be written in these documents: as digits, in 二〇二五 style, as 三十五. */
function numberForms(num: string): string[] {
  const forms = [num];
  if (/^\d+$/.test(num)) {
    forms.push([...num].map((d) => (d === '0' ? '〇' : CN_DIGITS[Number(d)])).join(''));
    const v = Number(num);
    if (v > 0 && v < 100) {
      const tens = Math.floor(v / 10);
      const ones = v % 10;
      forms.push(`${tens > 1 ? CN_DIGITS[tens] : ''}${tens ? '十' : ''}${ones ? CN_DIGITS[ones] : ''}`);
    }
  }
  return forms;
}

/** Numbers in the answer that none of the quotes contains (an invented figure or date). */
export function unsupportedNumbers(answer: string, quotes: string[]): string[] {
  const text = quotes.join('\n').normalize('NFKC');
  const nums = answer.normalize('NFKC').match(/\d+(?:\.\d+)?/g) ?? [];
  return [...new Set(nums)].filter((n) => !numberForms(n).some((f) => text.includes(f)));
}

/** Share of the answer's letters, digits and CJK characters that occur in the quotes (0..1). */
export function supportOf(answer: string, quotes: string[]): number {
  const text = quotes.join('').normalize('NFKC');
  const chars = [...new Set(answer.normalize('NFKC').replace(/[^\p{L}\p{N}]/gu, ''))];
  if (!chars.length) return 0;
  return chars.filter((ch) => text.includes(ch)).length / chars.length;
}

/**
 * Answers a question from numbered evidence only, through an OpenAI-compatible endpoint.
 * Every returned citation is verified against the original text. When `onToken` is given the
 * reply is streamed and the answer's text arrives in deltas as it is written (citation lines
 * are not sent); the deltas are provisional: the returned LlmAnswer is authoritative, and may
 * abstain after tokens were shown when verification fails.
 */
export async function answerWithLlm(
  input: { question: string; evidence: Evidence[]; history?: ChatTurn[]; docs: ReadonlyMap<string, ParsedDocument> },
  options: LlmOptions & LlmCallOptions,
): Promise<LlmAnswer> {
  const messages = buildMessages(input.question, input.evidence, input.history ?? [], options.prompt);
  let shown = '';
  const emit = (next: string) => {
    if (!options.onToken || next.length <= shown.length || !next.startsWith(shown)) return;
    options.onToken(next.slice(shown.length));
    shown = next;
  };
  const raw = await requestCompletion(messages, {
    ...options,
    ...(options.onToken ? { onText: (text: string) => emit(answerSoFar(text)) } : {}),
  });
  const result = judgeReply(raw, input.evidence, input.docs);
  if (result.answer !== null) emit(result.answer);
  return result;
}

/** Turns a raw reply into a verified LlmAnswer (pure: exported for tests and for re-checking). */
export function judgeReply(raw: string, evidence: Evidence[], docs: ReadonlyMap<string, ParsedDocument>): LlmAnswer {
  const parsed = parseReply(raw);
  if (parsed.abstained || parsed.answer === null) {
    return { answer: null, abstained: true, citations: [], reason: 'The model found no answer in the evidence', confidence: 0.6 };
  }
  if (!parsed.citations.length) {
    return { answer: null, abstained: true, citations: [], reason: 'The model answered without citing the evidence', confidence: 0.2 };
  }
  const { citations, dropped, quoted } = verifyClaims(parsed.citations, evidence, docs);
  if (!citations.length) {
    const what = dropped.length ? `: ${dropped.map((d) => `「${d.slice(0, 40)}」`).join(', ')}` : '';
    return { answer: null, abstained: true, citations: [], reason: `No cited quote is in the source text${what}`, confidence: 0.2 };
  }
  const quotes = citations.map((c) => c.quote);
  const invented = unsupportedNumbers(parsed.answer, quotes);
  if (invented.length) {
    return { answer: null, abstained: true, citations: [], reason: `The answer's ${invented.join(', ')} is not in any cited quote`, confidence: 0.2 };
  }
  // Confidence: how much of the answer its quotes contain, how many claims survived, and
  // whether the model quoted at all (a bare [n] only points at a whole chunk).
  const support = supportOf(parsed.answer, quotes);
  const kept = citations.length / Math.max(citations.length, citations.length + dropped.length);
  const confidence = Math.min(0.95, 0.35 + 0.35 * support + 0.2 * kept + (quoted > 0 ? 0.1 : 0));
  return { answer: parsed.answer, abstained: false, citations, confidence: Math.round(confidence * 100) / 100 };
}
