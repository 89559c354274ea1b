/**
 * A small OpenAI-shaped chat server for tests (LLM answering, API streaming). It listens on
 * 127.0.0.1 with an ephemeral port, answers `POST /v1/chat/completions` with and without
 * `stream: true` (SSE chunks ending in `data: [DONE]`), records every request, and is scripted
 * per test: reply text, an error status, a delay before the headers, a stall after them, or a
 * malformed body. Test-only: never imported by product code.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the server answers one request. */
export interface FakeLlmReply {
  /** Assistant message content. Default `''`. */
  text?: string;
  /** HTTP status; non-2xx sends an OpenAI-shaped `{"error":{…}}` body. Default 200. */
  status?: number;
  /** `retry-after-ms` header on error replies, so client retries are fast. Default 1. */
  retryAfterMs?: number;
  /** Wait this long before sending the headers (a slow endpoint). Default 0. */
  delayMs?: number;
  /** Send the headers (and, when streaming, the first chunk) and then nothing more. */
  stallAfterHeaders?: boolean;
  /**
   * A broken 200 reply: `not-json` (an HTML error page), `no-choices` (`choices: []`),
   * `bad-sse` (a stream whose data line is not JSON; non-streaming requests get `not-json`).
   */
  malformed?: 'not-json' | 'no-choices' | 'bad-sse';
  /** Characters per SSE chunk when streaming. Default 3. */
  chunkChars?: number;
}

/** One request as the server received it. */
export interface FakeLlmRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body (null when it was not JSON). */
  body: {
    model?: string;
    stream?: boolean;
    messages?: Array<{ role: string; content: string }>;
    [key: string]: unknown;
  } | null;
  at: number;
}

/** Replies by request: a fixed reply, or a function of the request and its 0-based index. */
export type FakeLlmResponder = FakeLlmReply | ((req: FakeLlmRequest, index: number) => FakeLlmReply);

/** A running fake server. */
export interface FakeLlmServer {
  /** Base URL to give the OpenAI client, e.g. `http://127.0.0.1:41234/v1`. */
  baseUrl: string;
  port: number;
  /** Every request received, in order (including retries). */
  requests: FakeLlmRequest[];
  /** Queues one-shot replies, used in order before the default responder. */
  enqueue(...replies: FakeLlmReply[]): void;
  /** Replaces the default responder (used when the queue is empty). */
  respond(responder: FakeLlmResponder): void;
  /** Forgets requests and queued replies. */
  reset(): void;
  /** Stops listening and drops open connections (stalled ones included). */
  close(): Promise<void>;
}

const sleep = (ms: number, res: ServerResponse) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    res.once('close', () => {
      clearTimeout(t);
      resolve();
    });
  });

const completion = (model: string, text: string) => ({
  id: 'chatcmpl-fake',
  object: 'chat.completion',
  created: 1_700_000_000,
  model,
  choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, finish_reason: 'stop', logprobs: null }],
  usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
});

const chunk = (model: string, delta: Record<string, unknown>, finish: string | null) => ({
  id: 'chatcmpl-fake',
  object: 'chat.completion.chunk',
  created: 1_700_000_000,
  model,
  choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
});

const sse = (res: ServerResponse, data: unknown) => res.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);

/** Splits by code points so a chunk never cuts a surrogate pair. */
function pieces(text: string, size: number): string[] {
  const cps = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < cps.length; i += size) out.push(cps.slice(i, i + size).join(''));
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const p of req) parts.push(p as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

async function serve(reply: FakeLlmReply, request: FakeLlmRequest, res: ServerResponse): Promise<void> {
  const model = request.body?.model ?? 'fake-model';
  const streaming = request.body?.stream === true;
  if (reply.delayMs) await sleep(reply.delayMs, res);
  if (res.destroyed) return;
  const status = reply.status ?? 200;
  if (status < 200 || status >= 300) {
    res.writeHead(status, { 'content-type': 'application/json', 'retry-after-ms': String(reply.retryAfterMs ?? 1) });
    res.end(
      JSON.stringify({ error: { message: `fake error ${status}`, type: status === 429 ? 'rate_limit_error' : 'server_error', code: null, param: null } }),
    );
    return;
  }
  const text = reply.text ?? '';
  if (!streaming) {
    if (reply.malformed === 'not-json' || reply.malformed === 'bad-sse') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('<html><body>502 Bad Gateway</body></html>');
      return;
    }
    if (reply.stallAfterHeaders) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id":"chatcmpl-fake",');
      return;
    }
    const body = reply.malformed === 'no-choices' ? { ...completion(model, text), choices: [] } : completion(model, text);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  sse(res, chunk(model, { role: 'assistant', content: '' }, null));
  if (reply.malformed === 'bad-sse' || reply.malformed === 'not-json') {
    sse(res, '{"choices": [ this is not json');
    res.end();
    return;
  }
  if (reply.malformed === 'no-choices') {
    sse(res, { ...chunk(model, {}, null), choices: [] });
    sse(res, '[DONE]');
    res.end();
    return;
  }
  const parts = pieces(text, reply.chunkChars ?? 3);
  if (reply.stallAfterHeaders) {
    if (parts[0]) sse(res, chunk(model, { content: parts[0] }, null));
    return;
  }
  for (const p of parts) {
    sse(res, chunk(model, { content: p }, null));
    // Yield so chunks really arrive separately, as from a model.
    await new Promise((r) => setImmediate(r));
    if (res.destroyed) return;
  }
  sse(res, chunk(model, {}, 'stop'));
  sse(res, '[DONE]');
  res.end();
}

/**
 * Starts a fake OpenAI-compatible chat server on 127.0.0.1 (port 0 = any free port).
 * `responder` is the default reply (default: `{ text: '' }`).
 */
export async function startFakeLlmServer(responder: FakeLlmResponder = { text: '' }): Promise<FakeLlmServer> {
  let fallback: FakeLlmResponder = responder;
  let queue: FakeLlmReply[] = [];
  const requests: FakeLlmRequest[] = [];

  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      let body: FakeLlmRequest['body'] = null;
      try {
        body = JSON.parse(raw);
      } catch {
        body = null;
      }
      const request: FakeLlmRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body, at: Date.now() };
      const path = (req.url ?? '').split('?')[0];
      if (req.method !== 'POST' || !/\/chat\/completions$/.test(path)) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `no route ${req.method} ${path}`, type: 'invalid_request_error' } }));
        return;
      }
      const index = requests.length;
      requests.push(request);
      const reply = queue.shift() ?? (typeof fallback === 'function' ? fallback(request, index) : fallback);
      await serve(reply, request, res);
    })().catch((err) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(err));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    enqueue: (...replies) => {
      queue.push(...replies);
    },
    respond: (r) => {
      fallback = r;
    },
    reset: () => {
      requests.length = 0;
      queue = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
