import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Embeddings } from '@langchain/core/embeddings';
import { isAppError } from '../../core/errors.js';
import { OpenAIEmbedder, type OpenAIEmbedderOptions } from './openai.js';

interface Seen {
  auth: string | undefined;
  body: { model: string; input: string[]; encoding_format?: string; dimensions?: number };
}

/** Deterministic 8-d "embedding": character-code histogram, plus a constant so nothing is zero. */
function fakeEmbedding(text: string): number[] {
  const v = [1, 0, 0, 0, 0, 0, 0, 0];
  for (const ch of text) v[ch.codePointAt(0)! % 8] += 1;
  return v;
}

let server: Server;
let baseUrl: string;
const seen: Seen[] = [];

async function readJson(req: IncomingMessage): Promise<Seen['body']> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/v1/embeddings') {
      res.writeHead(404).end();
      return;
    }
    const body = await readJson(req);
    seen.push({ auth: req.headers.authorization, body });
    const send = (status: number, payload: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    if (body.model === 'broken') return send(500, { error: { message: 'model crashed', type: 'server_error' } });
    if (body.model === 'locked') return send(401, { error: { message: 'bad key', type: 'invalid_request_error' } });
    const data = body.input.map((text, index) => ({ object: 'embedding', index, embedding: fakeEmbedding(text) }));
    if (body.model === 'short') data.pop();
    if (body.model === 'wide') data.forEach((d) => d.embedding.push(0, 0));
    // Answer out of order: the client must put vectors back by `index`.
    send(200, { object: 'list', model: body.model, data: data.reverse(), usage: { prompt_tokens: 1, total_tokens: 1 } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function embedder(options: OpenAIEmbedderOptions = {}): OpenAIEmbedder {
  return new OpenAIEmbedder({ baseUrl, model: 'test-embed', maxRetries: 0, timeoutMs: 5000, ...options });
}

describe('OpenAIEmbedder against a local OpenAI-compatible server', () => {
  it('is a LangChain Embeddings; dimension is learned from the first response', async () => {
    const e = embedder();
    expect(e).toBeInstanceOf(Embeddings);
    expect(e.info()).toEqual({ kind: 'openai', model: 'test-embed', dimension: 0, id: 'openai:test-embed:0' });
    await e.embedQuery('水土保持');
    expect(e.info()).toEqual({ kind: 'openai', model: 'test-embed', dimension: 8, id: 'openai:test-embed:8' });
  });

  it('batches requests, always asks for floats, keeps input order and normalises', async () => {
    seen.length = 0;
    const texts = ['一', '二二', '三三三', '四', '五五'];
    const out = await embedder({ batchSize: 2 }).embedDocuments(texts);
    expect(seen.map((s) => s.body.input)).toEqual([['一', '二二'], ['三三三', '四'], ['五五']]);
    expect(seen.every((s) => s.body.encoding_format === 'float' && s.body.model === 'test-embed')).toBe(true);
    expect(seen.every((s) => s.body.dimensions === undefined)).toBe(true);
    out.forEach((v, i) => {
      const raw = fakeEmbedding(texts[i]);
      const n = Math.hypot(...raw);
      expect(v.map((x) => x.toFixed(12))).toEqual(raw.map((x) => (x / n).toFixed(12)));
    });
  });

  it('sends a placeholder key when none is configured, the configured one otherwise', async () => {
    seen.length = 0;
    await embedder().embedQuery('a');
    await embedder({ apiKey: 'sk-local' }).embedQuery('a');
    expect(seen.map((s) => s.auth)).toEqual(['Bearer sk-no-key-required', 'Bearer sk-local']);
  });

  it('prefixes queries (not documents) with the query instruction and requests dimensions when set', async () => {
    seen.length = 0;
    const e = embedder({ queryInstruction: 'query: ', dimensions: 8 });
    await e.embedQuery('淤地坝');
    await e.embedDocuments(['淤地坝']);
    expect(seen.map((s) => s.body.input[0])).toEqual(['query: 淤地坝', '淤地坝']);
    expect(seen[0].body.dimensions).toBe(8);
  });

  it.each([
    ['broken', 500],
    ['locked', 401],
  ])('maps an HTTP error (%s) to EMBEDDING_FAILED with its status and cause', async (model, status) => {
    const err = await embedder({ model })
      .embedDocuments(['x'])
      .catch((x) => x);
    expect(isAppError(err, 'EMBEDDING_FAILED')).toBe(true);
    expect(err.details).toEqual({ status });
    expect(err.message).toContain(String(status));
    expect(err.cause).toBeInstanceOf(Error);
  });

  it('maps an unreachable endpoint to EMBEDDING_FAILED', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const err = await embedder({ baseUrl: `http://127.0.0.1:${port}/v1` })
      .embedQuery('x')
      .catch((x) => x);
    expect(isAppError(err, 'EMBEDDING_FAILED')).toBe(true);
    expect(err.message).toContain(`127.0.0.1:${port}`);
  });

  it('refuses a response with the wrong number of embeddings', async () => {
    const err = await embedder({ model: 'short' })
      .embedDocuments(['a', 'b'])
      .catch((x) => x);
    expect(isAppError(err, 'EMBEDDING_FAILED')).toBe(true);
  });

  it('refuses vectors of another size than the index expects (EMBEDDER_MISMATCH)', async () => {
    const e = embedder({ model: 'wide', expectedDimension: 8 });
    expect(e.info().id).toBe('openai:wide:8');
    const err = await e.embedQuery('a').catch((x) => x);
    expect(isAppError(err, 'EMBEDDER_MISMATCH')).toBe(true);
  });

  it('load() probes the endpoint once and exports its settings', async () => {
    seen.length = 0;
    const e = embedder();
    expect((await e.load()).dimension).toBe(8);
    await e.load();
    expect(seen).toHaveLength(1);
    expect(e.exportState()).toEqual({ model: 'test-embed', queryInstruction: '' });
  });
});
