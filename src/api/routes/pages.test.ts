/**
 * Pages of paged sources through the API: a PDF uploaded like any document, its citations
 * carrying 第N页, `GET /v1/documents/{id}/pages/{n}` returning the page with the quote at the
 * citation's offsets, the codes for unknown documents and pages and documents without pages;
 * and (with tesseract) a scanned page: OCR in the citation and the page, and an upload's progress
 * while its pages are OCR'd in the worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipartBody, type TestApp } from '../../testing/api.js';
import { PARENT_ID } from '../../testing/corpus.js';
import { buildPagedPlanPdf } from '../../testing/fixtures/paged-plan.js';
import { shouldRunWith } from '../../testing/fixtures/tools.js';

const PLAN = '某县方案.pdf';

interface Citation {
  source: string;
  quote: string;
  start: number;
  end: number;
  page?: number;
  ocr?: boolean;
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const res = await t.app.inject({ method: 'POST', url: '/v1/documents', ...multipartBody({ name: '某县方案.txt', bytes: buildPagedPlanPdf() }) });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json()).toMatchObject({ id: PLAN, format: 'pdf' });
}, 60_000);
afterAll(async () => t?.close());

const ask = async (question: string, docIds = [PLAN]) =>
  (await t.app.inject({ method: 'POST', url: '/v1/ask', payload: { question, docIds } })).json() as { answer: string; citations: Citation[] };
const page = (id: string, n: number | string) => t.app.inject({ url: `/v1/documents/${encodeURIComponent(id)}/pages/${n}` });

describe('GET /v1/documents/:id/pages/:page', () => {
  it('returns the cited page with the quote at the citation offsets', async () => {
    const answer = await ask('专项资金每年安排多少？');
    expect(answer.answer).toContain('800万元');
    const c = answer.citations[0];
    expect(c).toMatchObject({ source: PLAN, page: 2 });
    expect(c.ocr).toBeUndefined();
    const res = await page(PLAN, c.page!);
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({ page: 2, pages: 3, ocr: false });
    // The page is the original text between its offsets, and the quote sits at the citation's offsets in it.
    const original = t.workspace.getDocument(PLAN).originalText;
    expect(p.text).toBe(original.slice(p.start, p.end));
    expect(p.start).toBeLessThanOrEqual(c.start);
    expect(p.end).toBeGreaterThanOrEqual(c.end);
    expect(p.text.slice(c.start - p.start, c.end - p.start)).toBe(c.quote);
  });

  it('returns each page of the document in order, covering the text', async () => {
    const original = t.workspace.getDocument(PLAN).originalText;
    const pages = [];
    for (let n = 1; n <= 3; n++) pages.push((await page(PLAN, n)).json());
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3]);
    for (let i = 1; i < pages.length; i++) expect(pages[i].start).toBeGreaterThanOrEqual(pages[i - 1].end);
    expect(pages[0].text).toContain('某县加强水土保持工作实施方案');
    expect(pages[2].end).toBe(original.length);
  });

  it('answers an unknown page with 404 PAGE_NOT_FOUND, an unknown document with 404 DOC_NOT_FOUND', async () => {
    const missing = await page(PLAN, 4);
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'PAGE_NOT_FOUND', details: { pages: 3 } });
    const unknown = await page('999_missing.pdf', 1);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('DOC_NOT_FOUND');
  });

  it('refuses a page of a document without pages with 422 DOC_NOT_PAGED, and a page that is not a number with 400', async () => {
    const res = await page(PARENT_ID, 1);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('DOC_NOT_PAGED');
    for (const n of ['0', 'abc', '1.5', '-1']) {
      const bad = await page(PLAN, n);
      expect(bad.statusCode, n).toBe(400);
      expect(bad.json().code, n).toBe('BAD_REQUEST');
    }
  });

  it('gives no page to citations of documents without pages', async () => {
    const answer = await ask('山西省2025年水土保持率目标是多少？', [PARENT_ID]);
    expect(answer.citations.length).toBeGreaterThan(0);
    for (const c of answer.citations) expect(c.page).toBeUndefined();
  });
});

const OCR = shouldRunWith('tesseract', 'OCR pages through the API (src/api/routes/pages.test.ts)');

describe.runIf(OCR)('a PDF with a scanned page', () => {
  const SCANNED = '扫描方案.pdf';

  it('reports the OCR progress of the upload while it is indexed in the worker, then cites the scanned page as OCR', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/documents?wait=false',
      ...multipartBody({ name: SCANNED, bytes: buildPagedPlanPdf({ scan: true }) }),
    });
    expect(res.statusCode).toBe(202);
    const id = res.json().job.id as string;
    // OCR of a page takes seconds: the job is seen indexing, with its stage and counts, before it is done.
    type Progress = { stage: string; done: number; total: number; page?: number; pages?: number };
    const seen: Progress[] = [];
    let job: { status: string; progress?: Progress };
    for (;;) {
      job = (await t.app.inject({ url: `/v1/uploads/${id}` })).json();
      if (job.progress) seen.push(job.progress);
      if (job.status === 'indexed' || job.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(job.status).toBe('indexed');
    expect(job.progress).toBeUndefined();
    // While the scanned page (the 4th of 4) is recognised: OCR 0 of 1 scanned pages, all 4 pages read.
    expect(seen).toContainEqual({ stage: 'ocr', done: 0, total: 1, page: 4, pages: 4 });
    expect(seen.filter((p) => p.stage === 'page').every((p) => p.total === 4 && p.done >= 1 && p.done <= 4)).toBe(true);

    const answer = await ask('宣传活动每年开展几次？', [SCANNED]);
    const c = answer.citations[0];
    expect(c).toMatchObject({ page: 4, ocr: true });
    const p = (await page(SCANNED, 4)).json();
    expect(p).toMatchObject({ page: 4, pages: 4, ocr: true });
    expect(p.text.slice(c.start - p.start, c.end - p.start)).toBe(c.quote);
  }, 120_000);
});
