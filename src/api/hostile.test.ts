/**
 * The hostile-input suite, through the API on the real workspace (ingest and alignment in
 * worker threads): every hostile file is refused with its stable code and changes nothing —
 * not the served generation, not the documents, not the stored uploads, not the corpus — and
 * the server keeps answering. Slow cases (kill -9 of a real server, timings) are in
 * `npm run fuzz`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipartBody, type TestApp } from '../testing/api.js';
import { CHILD_ID, corpusPath, PARENT_ID } from '../testing/corpus.js';
import { binaryNoise, docxBomb, docxManyEntries, docxNestedZip, docxOneParagraph, loneSurrogateBytes, oneLineText, zipOfBomb } from '../testing/hostile.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(async () => t.close());

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex').slice(0, 16);
const files = (dir: string, filter: (f: string) => boolean = () => true) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter(filter)
        .sort()
        .map((f) => `${f}:${sha(readFileSync(join(dir, f)))}`)
    : [];

/** Everything a hostile upload must not change. */
function snapshot(app: TestApp = t) {
  return {
    generation: app.workspace.status().generation,
    documents: app.workspace
      .listDocuments()
      .map((d) => d.id)
      .sort(),
    stored: files(join(app.config.dataDir, 'uploads')),
    staged: files(join(app.config.dataDir, 'upload-queue'), (f) => f.endsWith('.part')),
    corpus: files(app.config.corpusDir),
  };
}

const upload = (name: string, bytes: Buffer, query = '', headers: Record<string, string> = {}) => {
  const body = multipartBody({ name, bytes });
  return t.app.inject({ method: 'POST', url: `/v1/documents${query}`, payload: body.payload, headers: { ...body.headers, ...headers } });
};
const alignUpload = (name: string, bytes: Buffer) => {
  const body = multipartBody({ name, bytes }, { parent: PARENT_ID });
  return t.app.inject({ method: 'POST', url: '/v1/align', ...body });
};
const askTarget = async () =>
  (await t.app.inject({ method: 'POST', url: '/v1/ask', payload: { question: '宁武县到2025年水土保持率要达到多少？', docIds: [CHILD_ID] } })).json()
    .answer as string;

describe('hostile files are refused with a code and change nothing', () => {
  const cases: [string, string, () => Buffer, number, string][] = [
    ['a .docx zip bomb (256 MiB inside, sizes declared)', 'bomb.docx', () => docxBomb(256), 413, 'FILE_TOO_COMPLEX'],
    ['a .docx zip bomb whose headers lie about its size', 'liar.docx', () => docxBomb(256, true), 413, 'FILE_TOO_COMPLEX'],
    ['a .docx with 20,000 zip entries', 'many.docx', () => docxManyEntries(20_000), 413, 'FILE_TOO_COMPLEX'],
    ['a zip bomb where a .docx has its XML (nested zip)', 'nested.docx', () => docxNestedZip(), 422, 'DOCX_INVALID'],
    ['a plain zip holding a .docx bomb (stored, so its name shows)', 'archive.docx', () => zipOfBomb(), 415, 'FILE_UNSUPPORTED'],
    ['a 1.2 MB text on one line', 'line.txt', () => oneLineText(1_200_000), 413, 'LINE_TOO_LONG'],
    ['a .docx with one 300,000-character paragraph', 'para.docx', () => docxOneParagraph(300_000), 413, 'LINE_TOO_LONG'],
    ['binary noise named .txt', 'noise.txt', () => binaryNoise(64 * 1024), 415, 'FILE_BINARY'],
    ['text with lone surrogates (invalid UTF-8, CESU bytes)', 'lone.txt', () => loneSurrogateBytes(), 422, 'FILE_UNDECODABLE'],
  ];

  for (const [what, name, make, status, code] of cases) {
    it(`upload: ${what} → ${status} ${code}`, async () => {
      const before = snapshot();
      const res = await upload(name, make());
      expect(res.json().code, res.body.slice(0, 300)).toBe(code);
      expect(res.statusCode).toBe(status);
      expect(snapshot()).toEqual(before);
      expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    });
  }

  it('the failed jobs are visible in the upload queue with their codes', async () => {
    const failed = (await t.app.inject({ url: '/v1/uploads?status=failed' })).json().uploads as { docId: string; error: { code: string } }[];
    const byId = Object.fromEntries(failed.map((j) => [j.docId, j.error.code]));
    expect(byId).toMatchObject({ 'bomb.docx': 'FILE_TOO_COMPLEX', 'line.txt': 'LINE_TOO_LONG', 'lone.txt': 'FILE_UNDECODABLE' });
  });

  it('align: a zip bomb, a 1.2 MB line and noise are refused without storing anything', async () => {
    const before = snapshot();
    for (const [name, bytes, code] of [
      ['bomb.docx', docxBomb(256), 'FILE_TOO_COMPLEX'],
      ['line.txt', oneLineText(1_200_000), 'LINE_TOO_LONG'],
      ['noise.txt', binaryNoise(4096), 'FILE_BINARY'],
    ] as const) {
      const res = await alignUpload(name, bytes);
      expect(res.json().code, name).toBe(code);
    }
    expect(snapshot()).toEqual(before);
  });

  it('align: a 290 KB single line is aligned in a worker (the report is read-only)', async () => {
    const before = snapshot();
    const res = await alignUpload('line-290k.txt', oneLineText(290 * 1024));
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.json().child).toMatchObject({ id: 'line-290k.txt', external: true });
    expect(snapshot()).toEqual(before);
  }, 60_000);

  it('align: a side longer than POLICY_MAX_ALIGN_CHARS is refused before alignment starts', async () => {
    const small = await createTestApp({ maxAlignChars: 5000 });
    try {
      const body = multipartBody({ name: 'child.txt', bytes: readFileSync(corpusPath(CHILD_ID)) }, { parent: PARENT_ID });
      const res = await small.app.inject({ method: 'POST', url: '/v1/align', ...body });
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ code: 'ALIGN_INPUT_TOO_LARGE', details: { role: 'child', maxAlignChars: 5000 } });
    } finally {
      await small.close();
    }
  });
});

describe('uploads never overwrite by accident', () => {
  it("refuses an upload named like a corpus document; the corpus document's answer stays", async () => {
    const before = snapshot();
    const fake = Buffer.from(readFileSync(corpusPath(CHILD_ID), 'utf8').replaceAll('56.04%', '99.99%'));
    const res = await upload(CHILD_ID, fake);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'DOC_EXISTS', details: { id: CHILD_ID } });
    expect(snapshot()).toEqual(before);
    expect(await askTarget()).toContain('56.04');
  });

  it('refuses other content under an uploaded name unless replace=true; a failed replacement keeps the stored file', async () => {
    const v1 = Buffer.from('一、总则\n县水利局牵头，每季度向县政府报告工作进展。\n二、目标\n到2025年，全县林草覆盖率达到31.5%。\n');
    const v2 = Buffer.from(v1.toString().replace('31.5%', '33.3%'));
    expect((await upload('林草方案.txt', v1)).statusCode).toBe(201);
    const stored = join(t.config.dataDir, 'uploads', '林草方案.txt');
    expect(readFileSync(stored)).toEqual(v1);

    // The same bytes again change nothing and are not an overwrite.
    const same = await upload('林草方案.txt', v1);
    expect(same.statusCode).toBe(201);
    expect(same.json().result.unchanged).toEqual(['林草方案.txt']);

    const before = snapshot();
    const clash = await upload('林草方案.txt', v2);
    expect(clash.statusCode).toBe(409);
    expect(clash.json().code).toBe('DOC_EXISTS');
    expect(snapshot()).toEqual(before);

    // A replacement that fails (binary bytes under the name) leaves the stored file and the index alone.
    const broken = await upload('林草方案.txt', binaryNoise(2048), '?replace=true');
    expect(broken.json().code).toBe('FILE_BINARY');
    expect(snapshot()).toEqual(before);

    const replaced = await upload('林草方案.txt', v2, '?replace=true');
    expect(replaced.statusCode).toBe(201);
    expect(replaced.json().result.updated).toEqual(['林草方案.txt']);
    expect(readFileSync(stored)).toEqual(v2);
    expect(t.workspace.getDocument('林草方案.txt').originalText).toContain('33.3%');
  });

  it('accepts a long Chinese name, cut to a byte budget, and the id works everywhere (read, delete)', async () => {
    const name = `${'山西省加强新时代水土保持工作实施方案'.repeat(10)}.txt`;
    const res = await upload(name, Buffer.from('一、总则\n本方案适用于全省水土保持工作。\n'));
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    const id = res.json().id as string;
    expect(Buffer.byteLength(id)).toBeLessThanOrEqual(200);
    expect((await t.app.inject({ url: `/v1/documents/${encodeURIComponent(id)}` })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'DELETE', url: `/v1/documents/${encodeURIComponent(id)}` })).statusCode).toBe(200);
    expect(existsSync(join(t.config.dataDir, 'uploads', id))).toBe(false);
  });

  it('gives a name with lone surrogates and control characters a safe id', async () => {
    const res = await upload('\ud800计划\u0007\udfff.txt', Buffer.from('一、总则\n乡镇人民政府负责本辖区的监督检查工作。\n'));
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    expect(res.json().id).toBe('计划_.txt');
  });

  it('answers at once with 202 and the job when asked not to wait, then the job reaches indexed', async () => {
    const res = await upload('异步方案.txt', Buffer.from('一、总则\n县自然资源局负责年度监测。\n'), '?wait=false');
    expect(res.statusCode).toBe(202);
    const { job } = res.json();
    expect(res.headers.location).toBe(`/v1/uploads/${job.id}`);
    expect(['accepted', 'indexing']).toContain(job.status);
    let status = job.status;
    for (let i = 0; i < 200 && status !== 'indexed' && status !== 'failed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await t.app.inject({ url: `/v1/uploads/${job.id}` })).json().status;
    }
    expect(status).toBe('indexed');
    expect((await t.app.inject({ url: '/v1/uploads/00000000-0000-0000-0000-000000000000' })).json().code).toBe('UPLOAD_NOT_FOUND');
  });
});

describe('writes are writes', () => {
  const evil = { origin: 'http://evil.example' };

  it('refuses a cross-site upload (no-cors multipart from another origin) before reading it', async () => {
    const before = snapshot();
    const res = await upload('csrf.txt', Buffer.from('一、总则\n测试。'), '', evil);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('ORIGIN_NOT_ALLOWED');
    for (const headers of [{ origin: 'null' }, { 'sec-fetch-site': 'cross-site' }] as Record<string, string>[]) {
      expect((await upload('csrf.txt', Buffer.from('一、总则\n测试。'), '', headers)).json().code).toBe('ORIGIN_NOT_ALLOWED');
    }
    expect((await t.app.inject({ method: 'DELETE', url: `/v1/documents/${CHILD_ID}`, headers: evil })).json().code).toBe('ORIGIN_NOT_ALLOWED');
    expect((await t.app.inject({ method: 'POST', url: '/v1/reindex', headers: evil })).json().code).toBe('ORIGIN_NOT_ALLOWED');
    expect(snapshot()).toEqual(before);
    // The server's own pages may write.
    const own = await upload('own.txt', Buffer.from('一、总则\n县林业局负责造林。\n'), '', { origin: 'http://localhost' });
    expect(own.statusCode, own.body.slice(0, 200)).toBe(201);
  });

  it('refuses a Host the loopback server does not answer for (DNS rebinding), reads included', async () => {
    for (const req of [
      { method: 'GET' as const, url: '/v1/documents' },
      { method: 'POST' as const, url: '/v1/reindex' },
    ]) {
      const res = await t.app.inject({ ...req, headers: { host: 'attacker.example:3000' } });
      expect(res.statusCode, req.url).toBe(403);
      expect(res.json().code).toBe('HOST_NOT_ALLOWED');
    }
  });

  it('an alignment upload follows the document-write rule; aligning ids stays open', async () => {
    const bytes = readFileSync(corpusPath(CHILD_ID));
    const locked = await createTestApp({ apiToken: 's3cret' });
    const open = await createTestApp({ host: '0.0.0.0' });
    try {
      const body = () => multipartBody({ name: 'child.txt', bytes }, { parent: PARENT_ID });
      expect((await locked.app.inject({ method: 'POST', url: '/v1/align', ...body() })).json().code).toBe('UNAUTHORIZED');
      expect((await open.app.inject({ method: 'POST', url: '/v1/align', ...body() })).json().code).toBe('FORBIDDEN');
      const b = body();
      const ok = await locked.app.inject({ method: 'POST', url: '/v1/align', payload: b.payload, headers: { ...b.headers, authorization: 'Bearer s3cret' } });
      expect(ok.statusCode).toBe(200);
      expect((await open.app.inject({ method: 'POST', url: '/v1/align', payload: { child: CHILD_ID } })).statusCode).toBe(200);
    } finally {
      await Promise.all([locked.close(), open.close()]);
    }
  }, 60_000);
});

describe('every error in the one shape', () => {
  const shape = (res: { statusCode: number; json(): unknown }) => res.json() as { code: string; message: string };

  it('bad percent-encoding, an over-long id, an unknown route, a wrong method', async () => {
    const bad = await t.app.inject({ url: '/v1/documents/%E5%AF' });
    expect([bad.statusCode, shape(bad).code]).toEqual([400, 'URL_INVALID']);
    const long = await t.app.inject({ url: `/v1/documents/${encodeURIComponent('水'.repeat(300))}` });
    expect([long.statusCode, shape(long).code]).toEqual([414, 'PARAM_TOO_LONG']);
    const none = await t.app.inject({ url: '/v1/nothing' });
    expect([none.statusCode, shape(none).code]).toEqual([404, 'NOT_FOUND']);
    const wrong = await t.app.inject({ method: 'DELETE', url: '/v1/ask' });
    expect([wrong.statusCode, shape(wrong).code, wrong.headers.allow]).toEqual([405, 'METHOD_NOT_ALLOWED', 'POST']);
    for (const res of [bad, long, none, wrong]) expect(Object.keys(res.json()).sort()).toEqual(['code', 'message']);
  });

  it('a 255-character id fits in the URL (404 for an unknown one, not 414)', async () => {
    const res = await t.app.inject({ url: `/v1/documents/${encodeURIComponent(`${'水'.repeat(251)}.txt`)}` });
    expect([res.statusCode, shape(res).code]).toEqual([404, 'DOC_NOT_FOUND']);
  });

  it('unknown docIds are a 404 naming them', async () => {
    for (const [url, payload] of [
      ['/v1/ask', { question: '谁牵头？', docIds: [CHILD_ID, 'nope.txt'] }],
      ['/v1/search', { query: '水土保持', docIds: ['nope.txt'] }],
      ['/v1/chat', { message: '谁牵头？', docIds: ['nope.txt'] }],
    ] as const) {
      const res = await t.app.inject({ method: 'POST', url, payload });
      expect(res.statusCode, url).toBe(404);
      expect(res.json()).toMatchObject({ code: 'DOC_NOT_FOUND', details: { unknown: ['nope.txt'] } });
    }
  });

  it('a request that is not HTTP gets the one shape too (answered by the parser, before fastify)', async () => {
    const { createConnection } = await import('node:net');
    const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = new URL(address);
    const reply = await new Promise<string>((resolve) => {
      let data = '';
      const socket = createConnection({ host: '127.0.0.1', port: Number(port) }, () => socket.write('GARBAGE \u0000\r\n\r\n'));
      socket.on('data', (d) => (data += d));
      socket.on('close', () => resolve(data));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4))).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('a question with lone surrogates is answered or refused, never a crash', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/ask', payload: { question: '谁\ud800牵头\udfff召开协调会议？' } });
    expect(res.statusCode).toBe(200);
  });
});
