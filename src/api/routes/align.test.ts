/** `POST /v1/align` (ids or an uploaded child) and `GET /v1/align/report` (HTML or JSON). */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipartBody, type TestApp } from '../../testing/api.js';
import { CHILD_ID, corpusPath, PARENT_ID } from '../../testing/corpus.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

interface Finding {
  kind: string;
  parent: { quote: string; start: number; end: number } | null;
  child: { quote: string; start: number; end: number } | null;
  target?: { parentValue: string; childValue: string; direction: string; decomposition: { region: string; year: string; value: string } | null };
}

describe('POST /v1/align', () => {
  it('finds the parent in the index and reports the changed target', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/align', payload: { child: CHILD_ID } });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.parent.id).toBe(PARENT_ID);
    expect(report.parentSource).toBe('index');
    const target = (report.findings as Finding[]).find((f) => f.kind === 'target_changed' && f.target?.parentValue === '66.18%')!;
    expect(target.target).toMatchObject({ parentValue: '66.18%', childValue: '56.04%', direction: 'lower' });
    // 004's 附件2 breaks the provincial target down by city: 忻州市 (宁武县's city) 2025 → 63.56.
    expect(target.target!.decomposition).toMatchObject({ region: '忻州市', year: '2025', value: '63.56' });
    // Quotes are verbatim slices of the original texts.
    expect(t.workspace.getDocument(PARENT_ID).originalText.slice(target.parent!.start, target.parent!.end)).toBe(target.parent!.quote);
    expect(t.workspace.getDocument(CHILD_ID).originalText.slice(target.child!.start, target.child!.end)).toBe(target.child!.quote);
    expect(report.summary.parentObligations).toBeGreaterThan(10);
  });

  it('uses the given parent', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/align', payload: { child: CHILD_ID, parent: PARENT_ID } });
    expect(res.json().parentSource).toBe('given');
  });

  it('answers unknown documents and a missing parent with 404s', async () => {
    const unknown = await t.app.inject({ method: 'POST', url: '/v1/align', payload: { child: 'nope.txt' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('DOC_NOT_FOUND');
    const orphan = await t.app.inject({ method: 'POST', url: '/v1/align', payload: { child: PARENT_ID } });
    expect(orphan.statusCode).toBe(404);
    expect(orphan.json().code).toBe('PARENT_NOT_FOUND');
  });

  it('validates the body', async () => {
    for (const payload of [{}, { child: 5 }, { child: CHILD_ID, parent: '../x' }]) {
      const res = await t.app.inject({ method: 'POST', url: '/v1/align', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().code).toBe('BAD_REQUEST');
    }
    const none = await t.app.inject({ method: 'POST', url: '/v1/align' });
    expect(none.statusCode).toBe(400);
  });

  it('aligns an uploaded child file (GBK) against a parent id without indexing it', async () => {
    const bytes = iconv.encode(readFileSync(corpusPath(CHILD_ID), 'utf8'), 'gb18030');
    const res = await t.app.inject({ method: 'POST', url: '/v1/align', ...multipartBody({ name: '宁武县方案.txt', bytes }, { parent: PARENT_ID }) });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.child).toMatchObject({ id: '宁武县方案.txt', external: true });
    expect(report.parentSource).toBe('given');
    expect((report.findings as Finding[]).some((f) => f.kind === 'target_changed' && f.target?.parentValue === '66.18%')).toBe(true);
    expect(t.workspace.listDocuments()).toHaveLength(2);
  });

  it('returns the HTML report of an upload with ?format=html', async () => {
    const bytes = readFileSync(corpusPath(CHILD_ID));
    const res = await t.app.inject({ method: 'POST', url: '/v1/align?format=html', ...multipartBody({ name: 'child.txt', bytes }) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('66.18%');
  });

  it('refuses a GIF with 415 and a damaged scan with 422, each with a code', async () => {
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1');
    const refused = await t.app.inject({ method: 'POST', url: '/v1/align', ...multipartBody({ name: 'child.txt', bytes: gif }, { parent: PARENT_ID }) });
    expect(refused.statusCode).toBe(415);
    expect(refused.json().code).toBe('FILE_UNSUPPORTED');
    // A PNG header with no image behind it is a scan that cannot be read, not an unknown format.
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const damaged = await t.app.inject({ method: 'POST', url: '/v1/align', ...multipartBody({ name: 'child.png', bytes: png }, { parent: PARENT_ID }) });
    expect(damaged.statusCode).toBe(422);
    expect(damaged.json().code).toBe('IMAGE_INVALID');
  });
});

describe('GET /v1/align/report', () => {
  it('renders the report as a self-contained HTML page with its own CSP', async () => {
    const res = await t.app.inject({ url: `/v1/align/report?child=${CHILD_ID}&parent=${PARENT_ID}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(res.body).toContain('id="kind-target_changed"');
    expect(res.body).toContain('66.18%');
    expect(res.body).toContain('56.04%');
    expect(res.body).not.toMatch(/<script|https?:\/\//);
    expect(res.headers['content-disposition']).toBeUndefined();
  });

  it('sends JSON and downloads with a file name on request', async () => {
    const json = await t.app.inject({ url: `/v1/align/report?child=${CHILD_ID}&format=json&download=1` });
    expect(json.statusCode).toBe(200);
    expect(json.json().child.id).toBe(CHILD_ID);
    expect(String(json.headers['content-disposition'])).toMatch(/^attachment; filename=".*\.json"; filename\*=UTF-8''/);
    const html = await t.app.inject({ url: `/v1/align/report?child=${CHILD_ID}&download=true` });
    expect(String(html.headers['content-disposition'])).toContain('.html');
  });

  it('needs a child and answers unknown ids with 404', async () => {
    const missing = await t.app.inject({ url: '/v1/align/report' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details.field).toBe('querystring.child');
    const unknown = await t.app.inject({ url: '/v1/align/report?child=none.txt' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('DOC_NOT_FOUND');
  });
});

describe('GET /v1/align/labels', () => {
  it('serves the one table of kind, severity and parent-source names the reports use', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/align/labels' });
    expect(res.statusCode).toBe(200);
    const labels = res.json();
    expect(labels.kinds.map((k: { kind: string }) => k.kind)).toEqual(['missing', 'weakened', 'target_changed', 'deadline_changed', 'actor_changed', 'added']);
    expect(labels.kinds[0]).toMatchObject({ label: '未落实' });
    expect(labels.severities).toEqual({ high: '高', medium: '中', low: '低' });
    expect(Object.keys(labels.parentSources)).toEqual(['given', 'index', 'sibling']);
  });
});
