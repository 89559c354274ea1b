/** `POST /v1/search` and `POST /v1/ask`: results, filters, and input validation with stable codes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/api.js';
import { CHILD_ID, PARENT_ID } from '../../testing/corpus.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const post = (url: string, payload: unknown) => t.app.inject({ method: 'POST', url, payload: payload as object });

describe('POST /v1/search', () => {
  it('returns ranked hits with original offsets', async () => {
    const res = await post('/v1/search', { query: '水土保持率', k: 3 });
    expect(res.statusCode).toBe(200);
    const { query, hits } = res.json();
    expect(query).toBe('水土保持率');
    expect(hits).toHaveLength(3);
    expect(hits.map((h: { rank: number }) => h.rank)).toEqual([1, 2, 3]);
    const scores = hits.map((h: { score: number }) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const doc = t.workspace.getDocument(hits[0].docId);
    expect(doc.originalText.slice(hits[0].start, hits[0].end)).toContain(hits[0].heading);
  });

  it('applies docIds, level and region filters', async () => {
    const byDoc = (await post('/v1/search', { query: '水土保持', docIds: [PARENT_ID] })).json().hits;
    expect(new Set(byDoc.map((h: { docId: string }) => h.docId))).toEqual(new Set([PARENT_ID]));
    const byLevel = (await post('/v1/search', { query: '水土保持', level: '县' })).json().hits;
    expect(new Set(byLevel.map((h: { docId: string }) => h.docId))).toEqual(new Set([CHILD_ID]));
    const byRegion = (await post('/v1/search', { query: '水土保持', region: '宁武县' })).json().hits;
    expect(byRegion.length).toBeGreaterThan(0);
    expect(byRegion.every((h: { docId: string }) => h.docId === CHILD_ID)).toBe(true);
  });

  it('rejects wrong types with 400 BAD_REQUEST naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ query: '水土', k: 'ten' }, 'body.k'],
      [{ query: '水土', k: 0 }, 'body.k'],
      [{ query: '水土', k: 500 }, 'body.k'],
      [{ query: '水土', docIds: 'abc' }, 'body.docIds'],
      [{ query: '水土', level: '镇' }, 'body.level'],
      [{ query: '水土', mode: 'magic' }, 'body.mode'],
      [{ query: 42 }, 'body.query'],
      [{}, 'body.query'],
      [[1, 2], 'body'],
    ];
    for (const [payload, field] of cases) {
      const res = await post('/v1/search', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json()).toMatchObject({ code: 'BAD_REQUEST', details: { field } });
      expect(res.json().message).toContain(field);
    }
  });

  it('gives QUERY_EMPTY and QUERY_TOO_LONG', async () => {
    expect((await post('/v1/search', { query: '  ' })).json().code).toBe('QUERY_EMPTY');
    expect((await post('/v1/search', { query: '水'.repeat(2001) })).json().code).toBe('QUERY_TOO_LONG');
  });
});

describe('POST /v1/ask', () => {
  it('answers with verbatim citations', async () => {
    const cases: [string, string, string, string][] = [
      ['山西省2035年的水土保持率目标是多少？', '72.43', PARENT_ID, '附件2'],
      ['宁武县淤地坝安全运用的主体责任由谁落实？', '县乡两级政府', CHILD_ID, '六（十九）'],
    ];
    for (const [question, expected, source, clause] of cases) {
      const res = await post('/v1/ask', { question });
      expect(res.statusCode).toBe(200);
      const answer = res.json();
      expect(answer).toMatchObject({ abstained: false, mode: 'extractive' });
      expect(answer.answer).toContain(expected);
      expect(answer.citations[0]).toMatchObject({ source, clause });
      for (const c of answer.citations) {
        expect(t.workspace.getDocument(c.source).originalText.slice(c.start, c.end)).toBe(c.quote);
      }
    }
  });

  it('restricts answers to docIds', async () => {
    const answer = (await post('/v1/ask', { question: '水土保持率目标是多少？', docIds: [CHILD_ID] })).json();
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toContain('56.04');
    expect(new Set(answer.citations.map((c: { source: string }) => c.source))).toEqual(new Set([CHILD_ID]));
  });

  it('abstains plainly when the documents do not say', async () => {
    for (const question of ['北京市的垃圾分类怎么规定？', '明天会下雨吗？']) {
      const answer = (await post('/v1/ask', { question })).json();
      expect(answer, question).toMatchObject({ abstained: true, answer: null, citations: [] });
      expect(answer.reason).toBeTruthy();
    }
  });

  it('refuses an empty question with 400 QUERY_EMPTY', async () => {
    for (const question of ['', '   ', '\n\t']) {
      const res = await post('/v1/ask', { question });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'QUERY_EMPTY' });
    }
  });

  it('refuses a 100 KB question with 400 QUERY_TOO_LONG', async () => {
    // 100 KB as UTF-8 Chinese (3 bytes a character) and as ASCII.
    for (const question of ['水'.repeat(Math.floor(102_400 / 3)), 'q'.repeat(102_400)]) {
      const res = await post('/v1/ask', { question });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'QUERY_TOO_LONG', details: { field: 'body.question' } });
      expect(res.json().message).toContain('2000');
    }
  });

  it('accepts a question of exactly 2,000 characters', async () => {
    const res = await post('/v1/ask', { question: `水土保持率${'。'.repeat(1995)}` });
    expect(res.statusCode).toBe(200);
  });

  it('rejects wrong types', async () => {
    for (const payload of [{ question: 7 }, { question: ['谁'] }, { question: '谁', mode: 'fast' }, { question: '谁', docIds: [''] }]) {
      const res = await post('/v1/ask', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().code).toBe('BAD_REQUEST');
    }
  });
});
