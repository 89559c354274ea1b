/** Document routes: list, detail, obligations (JSON/CSV), upload with sniffing and limits, delete, re-index, auth. */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocx } from '../../testing/fixtures/docx.js';
import { createTestApp, multipartBody, type TestApp } from '../../testing/api.js';
import { CHILD_ID, corpusPath, PARENT_ID } from '../../testing/corpus.js';

const GIF = Buffer.from('474946383961010001000000002c00000000010001000002003b', 'hex');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001', 'hex');
const YICHENG = readFileSync(corpusPath('000_a21187bb345200ac.txt'), 'utf8');
const YINTAI = readFileSync(corpusPath('003_771f313df9559ae5.txt'), 'utf8');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('GET /v1/documents', () => {
  it('lists the documents with metadata and cited parents', async () => {
    const res = await t.app.inject({ url: '/v1/documents' });
    expect(res.statusCode).toBe(200);
    const docs = res.json().documents as {
      id: string;
      title: string;
      meta: { level: string; docNumber: { normalized: string } | null };
      parents: { found: { id: string }[]; absent: unknown[] };
    }[];
    expect(docs.map((d) => d.id)).toEqual([CHILD_ID, PARENT_ID]);
    const child = docs.find((d) => d.id === CHILD_ID)!;
    expect(child.meta.level).toBe('县');
    expect(child.parents.found.map((p) => p.id)).toEqual([PARENT_ID]);
    expect(child.parents.absent.length).toBeGreaterThan(0);
    expect(docs.find((d) => d.id === PARENT_ID)!.meta.docNumber?.normalized).toBe('晋政办发〔2023〕36号');
  });
});

describe('GET /v1/documents/:id', () => {
  it('returns metadata, the clause tree and the texts', async () => {
    const res = await t.app.inject({ url: `/v1/documents/${PARENT_ID}` });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.title).toBe('山西省加强新时代水土保持工作实施方案');
    expect(doc.sectionTree.map((s: { heading: string }) => s.heading)).toContain('总体目标');
    expect(doc.sectionTree[1].children[0].path).toBe('二（一）');
    expect(doc.originalText).toContain('66.18%');
  });

  it('answers unknown ids with 404 DOC_NOT_FOUND', async () => {
    for (const url of ['/v1/documents/999_missing.txt', '/v1/documents/999_missing.txt/obligations']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('DOC_NOT_FOUND');
    }
  });

  it('refuses ids that are paths', async () => {
    const res = await t.app.inject({ url: `/v1/documents/${encodeURIComponent('../etc/passwd')}` });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'params.id' } });
  });
});

describe('GET /v1/documents/:id/obligations', () => {
  it('returns the register of the real obligation extraction as JSON, with the reporting calendar', async () => {
    const res = await t.app.inject({ url: `/v1/documents/${PARENT_ID}/obligations` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.docId).toBe(PARENT_ID);
    expect(body.columns.slice(0, 4)).toEqual(['序号', '条款', '章节', '任务']);
    // One row per obligation the analysis stage extracts (the same extraction QA uses).
    expect(body.rows.length).toBe(t.workspace.obligations(PARENT_ID).length);
    expect(body.tasks.length).toBe(body.rows.length);
    const target = body.columns.indexOf('目标');
    const row = body.rows.find((r: string[]) => r[target] === '水土保持率达到66.18%（2025年）');
    expect(row[body.columns.indexOf('条款')]).toBe('一');
    const original = t.workspace.getDocument(PARENT_ID).originalText;
    for (const task of body.tasks) expect(original.slice(task.start, task.end)).toBe(task.quote);
    expect(Array.isArray(body.calendar)).toBe(true);
  });

  it('exports a CSV with a BOM that Excel opens in Chinese', async () => {
    const res = await t.app.inject({ url: `/v1/documents/${PARENT_ID}/obligations?format=csv` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(String(res.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('004_01ad0f74c71dd3d5-任务分工表.csv')}`);
    const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('序号,条款,章节,任务,牵头单位,配合单位,约束强度,目标,时限,报送频次,原文');
    expect(res.body).toContain('水土保持率达到66.18%（2025年）');
  });

  it('refuses an unknown format', async () => {
    const res = await t.app.inject({ url: `/v1/documents/${PARENT_ID}/obligations?format=xls` });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.field).toBe('querystring.format');
  });
});

describe('POST /v1/documents (upload)', () => {
  it('accepts a GBK-encoded .txt and indexes it', async () => {
    const gbk = iconv.encode(YICHENG, 'gbk');
    expect(gbk.equals(Buffer.from(YICHENG, 'utf8'))).toBe(false);
    const res = await t.app.inject({ method: 'POST', url: '/v1/documents', ...multipartBody({ name: '翼城县工作机制.txt', bytes: gbk }) });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.id).toBe('翼城县工作机制.txt');
    expect(body.format).toBe('txt');
    expect(body.result.added).toEqual(['翼城县工作机制.txt']);
    const doc = (await t.app.inject({ url: `/v1/documents/${encodeURIComponent(body.id)}` })).json();
    expect(doc.originalText).toContain('两山六河一流域');
  });

  it('refuses a GIF with 415 whatever its name says', async () => {
    for (const name of ['image.gif', 'notice.txt']) {
      const res = await t.app.inject({ method: 'POST', url: '/v1/documents', ...multipartBody({ name, bytes: GIF, type: 'text/plain' }) });
      expect(res.statusCode).toBe(415);
      expect(res.json()).toMatchObject({ code: 'FILE_UNSUPPORTED' });
      expect(res.json().message).toContain('GIF');
    }
  });

  it("takes a PNG named .txt as a scan, and refuses a blank one with the decoder's 422 code", async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/documents', ...multipartBody({ name: 'notice.txt', bytes: PNG, type: 'text/plain' }) });
    expect(res.statusCode).toBe(422);
    // A 1×1 image is too small to OCR (tesseract refuses it); without tesseract the server says what to install instead. Never 5xx.
    expect(['OCR_FAILED', 'OCR_UNAVAILABLE']).toContain(res.json().code);
    const job = (await t.app.inject({ url: '/v1/uploads' })).json().uploads.find((j: { docId: string }) => j.docId === 'notice.png');
    expect(job).toMatchObject({ format: 'image', status: 'failed' });
  });

  it('accepts a .docx (paragraphs and a table) whatever its name says', async () => {
    const docx = buildDocx([
      '关于印发某县水土保持目标责任分工的通知',
      '一、工作目标',
      '到2025年，全县水土保持率达到58.5%。',
      '二、责任分工',
      '县水利局牵头，每季度向县政府报告工作进展。',
      {
        table: [
          ['单位', '2025年目标'],
          ['甲镇', '60.1'],
          ['乙镇', '57.3'],
        ],
      },
    ]);
    const res = await t.app.inject({ method: 'POST', url: '/v1/documents', ...multipartBody({ name: '责任分工.pdf', bytes: docx }) });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ id: '责任分工.docx', format: 'docx' });
    const answer = (await t.app.inject({ method: 'POST', url: '/v1/ask', payload: { question: '水土保持率目标是多少？', docIds: ['责任分工.docx'] } })).json();
    expect(answer.answer).toContain('58.5');
  });

  it('hands a damaged PDF to the decoder, which refuses it with 422 PDF_INVALID', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/documents',
      ...multipartBody({ name: 'policy.txt', bytes: Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n') }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('PDF_INVALID');
    expect(t.workspace.listDocuments().map((d) => d.id)).not.toContain('policy.pdf');
  });

  it('refuses what is not a document: a plain zip, an executable, binary bytes', async () => {
    const cases: [string, Buffer, string][] = [
      ['archive.docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0x08, 0, ...Buffer.from('notes/readme.txt')]), 'FILE_UNSUPPORTED'],
      ['setup.txt', Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000b8', 'hex'), Buffer.alloc(200)]), 'FILE_BINARY'],
      ['data.txt', Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256)), 'FILE_BINARY'],
    ];
    for (const [name, bytes, code] of cases) {
      const res = await t.app.inject({ method: 'POST', url: '/v1/documents', ...multipartBody({ name, bytes }) });
      expect(res.statusCode, name).toBe(415);
      expect(res.json().code, name).toBe(code);
    }
    expect(t.workspace.listDocuments().map((d) => d.id)).not.toContain('setup.txt');
  });

  it('names a government web page by what it is, not by its extension, and keeps only the article', async () => {
    const article = YINTAI.split('\n')
      .slice(0, 30)
      .map((line) => `<p>${line}</p>`)
      .join('\n');
    const html = Buffer.from(
      `<!DOCTYPE html><html><head><meta charset="utf-8"><title>印台区青山保卫战行动方案_铜川市印台区人民政府</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a></div>
<div class="position">当前位置：首页 &gt; 政策文件</div>
<div id="zoom">${article}</div>
<div class="footer">版权所有：铜川市印台区人民政府 关闭本页</div></body></html>`,
    );
    const res = await t.app.inject({ method: 'POST', url: '/v1/documents', ...multipartBody({ name: 'page.txt', bytes: html }) });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ id: 'page.html', format: 'html', result: { added: ['page.html'] } });
    const doc = t.workspace.getDocument('page.html');
    expect(doc.originalText).toContain('青山保卫战');
    expect(doc.originalText).not.toMatch(/当前位置|关闭本页|政务公开/);
    const hits = (await t.app.inject({ method: 'POST', url: '/v1/search', payload: { query: '青山保卫战 宣传引导', docIds: ['page.html'] } })).json().hits;
    expect(hits.length).toBeGreaterThan(0);
  });

  it('accepts uploads larger than the JSON body limit, up to the upload limit', async () => {
    // ~300 KB of distinct clauses (real sentences, numbered so no two chunks are identical).
    const sentences = [YICHENG, YINTAI]
      .join('\n')
      .split(/(?<=。)/)
      .map((x) => x.trim())
      .filter((x) => x.length > 8);
    const parts: string[] = [];
    for (let i = 0, size = 0; size < 300 * 1024; i++) {
      const clause = `（${i + 1}）${sentences[i % sentences.length]}`;
      parts.push(clause);
      size += Buffer.byteLength(clause) + 1;
    }
    const big = Buffer.from(`一、重点任务\n${parts.join('\n')}\n`);
    expect(big.length).toBeGreaterThan(256 * 1024);
    const res = await t.app.inject({ method: 'POST', url: '/v1/documents', ...multipartBody({ name: 'big.txt', bytes: big }) });
    expect(res.statusCode).toBe(201);
    expect(res.json().result.added).toEqual(['big.txt']);
  });

  it('refuses files over the upload limit with 413 FILE_TOO_LARGE', async () => {
    const small = await createTestApp({ maxUploadBytes: 1024 });
    try {
      const res = await small.app.inject({
        method: 'POST',
        url: '/v1/documents',
        ...multipartBody({ name: 'big.txt', bytes: Buffer.from('水'.repeat(2000)) }),
      });
      expect(res.statusCode).toBe(413);
      expect(res.json().code).toBe('FILE_TOO_LARGE');
    } finally {
      await small.close();
    }
  });

  it('refuses an empty file, a missing file and a JSON body', async () => {
    const empty = await t.app.inject({ method: 'POST', url: '/v1/documents', ...multipartBody({ name: 'empty.txt', bytes: Buffer.alloc(0) }) });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('FILE_EMPTY');
    const none = await t.app.inject({ method: 'POST', url: '/v1/documents', ...multipartBody(null, { note: 'x' }) });
    expect(none.statusCode).toBe(400);
    expect(none.json().code).toBe('BAD_REQUEST');
    const json = await t.app.inject({ method: 'POST', url: '/v1/documents', payload: { file: 'text' } });
    expect(json.statusCode).toBe(415);
  });

  it('answers a malformed multipart body with 400', async () => {
    const a = multipartBody({ name: 'a.txt', bytes: Buffer.from('一、测试') });
    const b = multipartBody({ name: 'a.txt', bytes: Buffer.from('一、测试') });
    const cases = [
      { payload: a.payload, headers: b.headers },
      { payload: a.payload.subarray(0, 80), headers: a.headers },
      { payload: 'hello', headers: { 'content-type': 'multipart/form-data' } },
    ];
    for (const c of cases) {
      const res = await t.app.inject({ method: 'POST', url: '/v1/documents', ...c });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('BAD_REQUEST');
    }
  });

  it('refuses the same content under another name with 409', async () => {
    const bytes = readFileSync(corpusPath(PARENT_ID));
    const res = await t.app.inject({ method: 'POST', url: '/v1/documents', ...multipartBody({ name: 'copy.txt', bytes }) });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('FILE_DUPLICATE');
  });
});

describe('write access', () => {
  const upload = () => multipartBody({ name: 'note.txt', bytes: Buffer.from('一、总则\n测试文件。') });

  it('is refused with 403 on a public host without a token', async () => {
    const open = await createTestApp({ host: '0.0.0.0' });
    try {
      for (const req of [
        { method: 'POST' as const, url: '/v1/documents', ...upload() },
        { method: 'DELETE' as const, url: `/v1/documents/${CHILD_ID}` },
        { method: 'POST' as const, url: '/v1/reindex' },
      ]) {
        const res = await open.app.inject(req);
        expect(res.statusCode, req.url).toBe(403);
        expect(res.json().code).toBe('FORBIDDEN');
      }
      expect(open.workspace.listDocuments().length).toBe(2);
      // Reads stay open.
      expect((await open.app.inject({ url: '/v1/documents' })).statusCode).toBe(200);
    } finally {
      await open.close();
    }
  });

  it('needs the bearer token when one is configured, even on loopback', async () => {
    const locked = await createTestApp({ apiToken: 's3cret-token' });
    try {
      const missing = await locked.app.inject({ method: 'DELETE', url: `/v1/documents/${CHILD_ID}` });
      expect(missing.statusCode).toBe(401);
      expect(missing.json().code).toBe('UNAUTHORIZED');
      const wrong = await locked.app.inject({ method: 'DELETE', url: `/v1/documents/${CHILD_ID}`, headers: { authorization: 'Bearer nope' } });
      expect(wrong.statusCode).toBe(401);
      const ok = await locked.app.inject({ method: 'DELETE', url: `/v1/documents/${CHILD_ID}`, headers: { authorization: 'Bearer s3cret-token' } });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ id: CHILD_ID, result: { removed: [CHILD_ID] } });
      const body = upload();
      const up = await locked.app.inject({
        method: 'POST',
        url: '/v1/documents',
        payload: body.payload,
        headers: { ...body.headers, authorization: 'Bearer s3cret-token' },
      });
      expect(up.statusCode).toBe(201);
      // DELETE drops a corpus document from the index; its file stays in the corpus folder, so a
      // re-index of that folder adds it back.
      const reindex = await locked.app.inject({ method: 'POST', url: '/v1/reindex', headers: { authorization: 'bearer s3cret-token' } });
      expect(reindex.statusCode).toBe(200);
      expect(reindex.json()).toMatchObject({ changed: true, added: [CHILD_ID] });
      const again = await locked.app.inject({ method: 'POST', url: '/v1/reindex', headers: { authorization: 'Bearer s3cret-token' } });
      expect(again.json()).toMatchObject({ changed: false, added: [], removed: [] });
    } finally {
      await locked.close();
    }
  });

  it('is allowed on loopback without a token; deleting an unknown id is 404', async () => {
    const local = await createTestApp();
    try {
      const gone = await local.app.inject({ method: 'DELETE', url: '/v1/documents/nothing.txt' });
      expect(gone.statusCode).toBe(404);
      expect(gone.json().code).toBe('DOC_NOT_FOUND');
      const res = await local.app.inject({ method: 'DELETE', url: `/v1/documents/${PARENT_ID}` });
      expect(res.statusCode).toBe(200);
      expect((await local.app.inject({ url: `/v1/documents/${PARENT_ID}` })).statusCode).toBe(404);
    } finally {
      await local.close();
    }
  });
});
