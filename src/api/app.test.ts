/** App-wide behaviour: health, OpenAPI, security headers, CORS, errors, limits, rate limiting, the UI files. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, failAsk, type TestApp } from '../testing/api.js';
import { CHILD_ID } from '../testing/corpus.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('GET /healthz', () => {
  it('reports the index, the embedder and whether an LLM is configured', async () => {
    const res = await t.app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ ready: true, documents: 2, llm: { configured: false, model: null }, ingesting: false });
    expect(body.chunks).toBeGreaterThan(10);
    expect(body.embedder.id).toContain('builtin');
  });
});

describe('OpenAPI', () => {
  it('lists every route with its methods at /docs/json', async () => {
    const res = await t.app.inject({ url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const spec = res.json();
    const routes = Object.entries(spec.paths as Record<string, object>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes.sort()).toEqual(
      [
        'GET /healthz',
        'GET /v1/documents',
        'POST /v1/documents',
        'GET /v1/documents/{id}',
        'DELETE /v1/documents/{id}',
        'GET /v1/documents/{id}/obligations',
        'GET /v1/documents/{id}/pages/{page}',
        'POST /v1/reindex',
        'POST /v1/search',
        'POST /v1/ask',
        'POST /v1/chat',
        'GET /v1/chat/{session}',
        'POST /v1/align',
        'GET /v1/align/labels',
        'GET /v1/align/report',
        'GET /v1/uploads',
        'GET /v1/uploads/{id}',
      ].sort(),
    );
    expect(spec.components.schemas.Answer.properties.citations).toBeDefined();
    expect(spec.paths['/v1/ask'].post.requestBody.content['application/json'].schema.properties.question.maxLength).toBe(2000);
  });

  it('serves the Swagger UI at /docs', async () => {
    const res = await t.app.inject({ url: '/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
    expect(res.headers['content-security-policy']).not.toContain('https:');
  });
});

describe('security headers', () => {
  it('sends helmet headers and a CSP that allows only the UI itself', async () => {
    const res = await t.app.inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('has no CORS headers unless an origin is configured', async () => {
    const res = await t.app.inject({ url: '/v1/documents', headers: { origin: 'http://evil.example' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const withCors = await createTestApp({ corsOrigin: 'http://intranet.example' });
    try {
      const ok = await withCors.app.inject({ url: '/v1/documents', headers: { origin: 'http://intranet.example' } });
      expect(ok.headers['access-control-allow-origin']).toBe('http://intranet.example');
    } finally {
      await withCors.close();
    }
  });
});

describe('errors', () => {
  it('answers unknown routes with 404 NOT_FOUND', async () => {
    for (const url of ['/v1/nope', '/nope.html', '/v2/ask']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
    }
    const post = await t.app.inject({ method: 'POST', url: '/v1/unknown', payload: {} });
    expect(post.json().code).toBe('NOT_FOUND');
  });

  it('answers malformed JSON with 400 BAD_REQUEST', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/ask', payload: '{"question": "谁牵头', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ code: 'BAD_REQUEST', message: 'The request body is not valid JSON' });
  });

  it('answers an empty JSON body and an unsupported content type', async () => {
    const empty = await t.app.inject({ method: 'POST', url: '/v1/ask', payload: '', headers: { 'content-type': 'application/json' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('BAD_REQUEST');
    const xml = await t.app.inject({ method: 'POST', url: '/v1/ask', payload: '<q/>', headers: { 'content-type': 'application/xml' } });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().code).toBe('FILE_UNSUPPORTED');
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/ask', payload: { question: '水'.repeat(300_000) } });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('keeps 5xx bodies generic and never sends a stack', async () => {
    const broken = await createTestApp();
    failAsk(broken.workspace, new Error('secret at /srv/internal/file.ts:12'));
    try {
      const res = await broken.app.inject({ method: 'POST', url: '/v1/ask', payload: { question: '谁牵头？' } });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ code: 'INTERNAL', message: 'Internal error' });
      expect(res.body).not.toContain('secret');
    } finally {
      await broken.close();
    }
  });

  it('passes AppError codes, statuses and messages through', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/ask', payload: { question: '谁牵头？', mode: 'llm' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ code: 'LLM_NOT_CONFIGURED', message: 'LLM mode needs an endpoint: set POLICY_LLM_BASE_URL' });
  });
});

describe('rate limit', () => {
  it('answers 429 RATE_LIMITED past the configured limit', async () => {
    const small = await createTestApp({ rateLimitPerMinute: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await small.app.inject({ url: '/healthz' })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      const res = await small.app.inject({ url: `/v1/documents/${CHILD_ID}` });
      expect(res.statusCode).toBe(429);
      expect(res.json().code).toBe('RATE_LIMITED');
      expect(res.headers['retry-after']).toBeDefined();
    } finally {
      await small.close();
    }
  });
});

describe('browser UI files', () => {
  it('serves the three pages and their modules', async () => {
    for (const [url, type] of [
      ['/', 'text/html'],
      ['/documents.html', 'text/html'],
      ['/align.html', 'text/html'],
      ['/js/chat.js', 'javascript'],
      ['/js/common.js', 'javascript'],
      ['/css/app.css', 'text/css'],
    ]) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toContain(type);
    }
  });

  it('pages load nothing remote and nothing inline', async () => {
    for (const url of ['/', '/documents.html', '/align.html']) {
      const html = (await t.app.inject({ url })).body;
      expect(html).not.toMatch(/https?:\/\//);
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html).not.toMatch(/\sstyle=|<style/);
      expect(html).toContain('lang="zh-CN"');
    }
  });
});
