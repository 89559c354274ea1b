/** `POST /v1/chat` (JSON and server-sent events) and `GET /v1/chat/:session`. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace } from '../../workspace/workspace.js';
import { buildApp } from '../app.js';
import { parseEvents } from '../sse.js';
import { createTestApp, failAsk, type TestApp } from '../../testing/api.js';
import { PARENT_ID } from '../../testing/corpus.js';

const TARGET_2035 = '山西省2035年的水土保持率目标是多少？';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const chat = (app: TestApp, payload: object, sse = false) =>
  app.app.inject({ method: 'POST', url: '/v1/chat', payload, headers: sse ? { accept: 'text/event-stream' } : {} });

describe('POST /v1/chat (JSON)', () => {
  it('creates a session, answers, and keeps follow-ups in the same session', async () => {
    const first = await chat(t, { message: TARGET_2035 });
    expect(first.statusCode).toBe(200);
    const { session, answer } = first.json();
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toContain('72.43');
    expect(session.turns.map((x: { role: string }) => x.role)).toEqual(['user', 'assistant']);
    expect(first.headers['x-session-id']).toBe(session.id);

    // The follow-up names neither the province nor the metric: both come from the session.
    const second = await chat(t, { session: session.id, message: '2025年呢？' });
    expect(second.statusCode).toBe(200);
    expect(second.json().session.id).toBe(session.id);
    expect(second.json().answer.answer).toContain('66.18');

    const stored = await t.app.inject({ url: `/v1/chat/${session.id}` });
    expect(stored.statusCode).toBe(200);
    const history = stored.json();
    expect(history.turns).toHaveLength(4);
    expect(history.turns[2].text).toBe('2025年呢？');
    expect(history.turns[3].answer.citations.length).toBeGreaterThan(0);
    expect(history.context.docIds).toEqual([PARENT_ID]);
  });

  it('keeps sessions across a restart of the server', async () => {
    const { session } = (await chat(t, { message: TARGET_2035 })).json();
    // A second server process on the same data folder: a new workspace and app.
    const workspace = await createWorkspace(t.config);
    const app = await buildApp({ workspace, config: t.config });
    try {
      const res = await app.inject({ url: `/v1/chat/${session.id}` });
      expect(res.statusCode).toBe(200);
      expect(res.json().turns.map((x: { text: string }) => x.text)[0]).toBe(TARGET_2035);
      const next = await app.inject({ method: 'POST', url: '/v1/chat', payload: { session: session.id, message: '2025年呢？' } });
      expect(next.json().answer.answer).toContain('66.18');
      expect(next.json().session.turns).toHaveLength(4);
    } finally {
      await app.close();
      await workspace.close();
    }
  });

  it('answers unknown sessions with 404 SESSION_NOT_FOUND', async () => {
    const res = await chat(t, { session: '00000000-0000-0000-0000-000000000000', message: '谁牵头？' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('SESSION_NOT_FOUND');
    const get = await t.app.inject({ url: '/v1/chat/00000000-0000-0000-0000-000000000000' });
    expect(get.statusCode).toBe(404);
    expect(get.json().code).toBe('SESSION_NOT_FOUND');
  });

  it('validates the message and the session id', async () => {
    expect((await chat(t, { message: '' })).json().code).toBe('QUERY_EMPTY');
    expect((await chat(t, { message: '问'.repeat(5000) })).json().code).toBe('QUERY_TOO_LONG');
    const badSession = await chat(t, { session: '../../etc', message: '谁牵头？' });
    expect(badSession.statusCode).toBe(400);
    expect(badSession.json().details.field).toBe('body.session');
    expect((await t.app.inject({ url: '/v1/chat/a%20b' })).statusCode).toBe(400);
  });
});

describe('POST /v1/chat (server-sent events)', () => {
  it('streams token deltas, then the answer with citations, then done', async () => {
    const res = await chat(t, { message: TARGET_2035 }, true);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache, no-transform');
    const events = parseEvents(res.body);
    const names = events.map((e) => e.event);
    expect(names.filter((n) => n === 'token').length).toBeGreaterThanOrEqual(1);
    expect(names.slice(-2)).toEqual(['answer', 'done']);
    expect(names.indexOf('answer')).toBe(names.lastIndexOf('token') + 1);
    const answerEvent = events.find((e) => e.event === 'answer')!.data as { session: string; answer: { answer: string; citations: unknown[] } };
    const streamed = events
      .filter((e) => e.event === 'token')
      .map((e) => (e.data as { text: string }).text)
      .join('');
    expect(streamed).toBe(answerEvent.answer.answer);
    expect(answerEvent.answer.citations.length).toBeGreaterThan(0);
    expect(events.at(-1)!.data).toEqual({ session: answerEvent.session });
    expect(res.headers['x-session-id']).toBe(answerEvent.session);
    // The session was saved with the streamed turn.
    const stored = (await t.app.inject({ url: `/v1/chat/${answerEvent.session}` })).json();
    expect(stored.turns).toHaveLength(2);
  });

  it('streams an abstention as a normal answer', async () => {
    const events = parseEvents((await chat(t, { message: '北京市的垃圾分类怎么规定？' }, true)).body);
    const answer = events.find((e) => e.event === 'answer')!.data as { answer: { abstained: boolean } };
    expect(answer.answer.abstained).toBe(true);
  });

  it('keeps unexpected failures generic in the stream', async () => {
    // Scripted: no real input makes the workspace throw an unexpected error mid-stream.
    // (LLM failures mid-stream are real, in llm.test.ts.)
    const failing = await createTestApp();
    failAsk(failing.workspace, new Error('db password is hunter2'));
    try {
      const res = await chat(failing, { message: '谁牵头？' }, true);
      const events = parseEvents(res.body);
      expect(events.at(-1)).toEqual({ event: 'error', data: { code: 'INTERNAL', message: 'Internal error' } });
      expect(res.body).not.toContain('hunter2');
    } finally {
      await failing.close();
    }
  });

  it('streams over a real socket, event by event', async () => {
    const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const res = await fetch(`${address}/v1/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ message: TARGET_2035 }),
    });
    expect(res.status).toBe(200);
    // Parse each event as soon as its blank-line terminator arrives, as a browser would.
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const events: { event: string; data: unknown }[] = [];
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        events.push(...parseEvents(buffer.slice(0, cut + 2)));
        buffer = buffer.slice(cut + 2);
      }
    }
    expect(buffer).toBe('');
    const names = events.map((e) => e.event);
    expect(names.slice(-2)).toEqual(['answer', 'done']);
    expect(names.length).toBeGreaterThan(2);
    expect(names.slice(0, -2).every((n) => n === 'token')).toBe(true);
    expect((events.at(-2)!.data as { answer: { abstained: boolean } }).answer.abstained).toBe(false);
  });
});
