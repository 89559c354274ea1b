import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.js';
import { ingest } from '../indexing/pipeline.js';
import { corpusOf, openIndex, type Corpus } from '../indexing/open-index.js';
import { startFakeLlmServer, type FakeLlmServer } from '../testing/fake-llm-server.js';
import { answerQuestion, newSession, type Answer } from './index.js';
import { verifyCitation } from './evidence.js';

const CORPUS = join(import.meta.dirname, '../../corpus');
let dir: string;
let index: Corpus;
let server: FakeLlmServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'answer-test-'));
  await ingest({ paths: [CORPUS], indexDir: dir, embedder: { kind: 'builtin' } });
  index = corpusOf(await openIndex(dir, { kind: 'builtin' }));
  server = await startFakeLlmServer();
}, 60_000);
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const ask = (q: string, options: Parameters<typeof answerQuestion>[2] = {}) => answerQuestion(index, q, { mode: 'extractive', ...options });

/** Every citation is the original text at its offsets. */
function expectVerified(a: Answer) {
  for (const c of a.citations) {
    expect(verifyCitation(c, index.docs)).toBe(true);
    expect(index.docs.get(c.source)!.raw.text.slice(c.start, c.end)).toBe(c.quote);
  }
}

describe('extractive answers', () => {
  it.each([
    ['翼城县领导小组办公室设在哪个部门？', '自然资源局', '000_a21187bb345200ac.txt'],
    ['翼城县牵头部门多久召开一次部门协调会议？', '每季度', '000_a21187bb345200ac.txt'],
    ['长子县各相关部门和乡镇政府每月几号前报送本月工作开展情况？', '每月25日前', '001_250f5e31d127e930.txt'],
    ['宁武县淤地坝安全运用的主体责任由谁落实？', '县乡两级政府', '002_b09ca083261ba923.txt'],
    ['山西省2035年的水土保持率目标是多少？', '72.43', '004_01ad0f74c71dd3d5.txt'],
    ['“十四五”期间山西省要建设多少座高标准淤地坝？', '400座以上', '004_01ad0f74c71dd3d5.txt'],
    ['忻州市2025年水土保持率目标是多少？', '63.56', '004_01ad0f74c71dd3d5.txt'],
  ])('%s → %s, cited verbatim from the right document', async (q, fact, source) => {
    const a = await ask(q);
    expect(a.abstained).toBe(false);
    expect(a.answer).toContain(fact);
    expect(a.answer!.length).toBeLessThanOrEqual(60);
    expect(a.citations[0].source).toBe(source);
    expect(a.citations[0].clause).not.toBe('');
    expectVerified(a);
    expect(a.mode).toBe('extractive');
  });

  it('cites only what supports the answer: a table value is not supported by other rows', async () => {
    const a = await ask('山西省2035年的水土保持率目标是多少？');
    expect(a.citations.filter((c) => /临汾市|大同市/.test(c.quote))).toEqual([]);
  });

  it('lists every department of a responsibility note', async () => {
    const a = await ask('印台区青山保卫战的宣传引导由哪些部门负责？');
    for (const d of ['区发改局', '区自然资源分局', '区林业局']) expect(a.answer).toContain(d);
  });

  it('answers questions about the document itself from its metadata, cited where the text says it', async () => {
    const a = await ask('印台区青山保卫战方案的文号和印发日期是？');
    expect(a.answer).toContain('铜印政发〔2019〕26号');
    expect(a.answer).toContain('2019年12月30日');
    expectVerified(a);
  });

  it('finds the 文号 of a document cited without one among the indexed documents, citing both', async () => {
    const a = await ask('宁武方案照着执行的那个省级水保实施方案，是哪号文？');
    expect(a.answer).toBe('晋政办发〔2023〕36号');
    expect(a.citations.map((c) => c.source).sort()).toEqual(['002_b09ca083261ba923.txt', '004_01ad0f74c71dd3d5.txt']);
    expectVerified(a);
  });

  it('answers a comparison place by place', async () => {
    const a = await ask('“十四五”期间高标准淤地坝建设数量，宁武县和全省分别是多少？');
    expect(a.answer).toContain('5座以上');
    expect(a.answer).toContain('400座以上');
    expect(new Set(a.citations.map((c) => c.source)).size).toBe(2);
    // Each place's answer is also given apart, for a front end to lay out side by side.
    expect(a.parts?.map((p) => p.answer).join('|')).toMatch(/5座以上.*\|.*400座以上|400座以上.*\|.*5座以上/);
    expect(a.parts?.every((p) => p.docIds.length === 1)).toBe(true);
  });

  it('shows the working of an answer computed from two stated figures', async () => {
    const a = await ask('到2025年，宁武县的水土保持率目标比全省低多少个百分点？');
    expect(a.answer).toContain('10.14');
    expect(a.working).toMatch(/66\.18.*56\.04|56\.04.*66\.18/);
    expect(a.citations.map((c) => c.quote).join('')).toMatch(/66\.18/);
  });

  it.each([
    ['翼城县领导小组办公室的办公地址和联系电话是什么？', /contact|never mention/],
    ['宁武县2030年的水土保持率目标是多少？', /2030/],
    ['静乐县2025年的水土保持率目标是多少？', /静乐县/],
    ['长子县“两山七河一流域”工作领导组的组长是谁？', /组长/],
    ['宁武县薛家洼乡生态清洁小流域试点总投资是多少万元？', /./],
    ['今天天气怎么样？', /./],
  ])('abstains plainly when the documents do not say: %s', async (q, reason) => {
    const a = await ask(q);
    expect(a.abstained).toBe(true);
    expect(a.answer).toBeNull();
    expect(a.citations).toEqual([]);
    expect(a.reason).toMatch(reason);
  });
});

describe('follow-ups in a session', () => {
  it('carries the topic to another place and the previous documents to a new ask', async () => {
    const session = newSession('test-session-1');
    const first = await ask('到2025年全省水土保持率要达到多少？', { session });
    expect(first.answer).toContain('66.18');
    const second = await ask('那宁武县呢？', { session });
    expect(second.answer).toContain('56.04');
    expect(second.citations[0].source).toBe('002_b09ca083261ba923.txt');
    expect(session.turns).toHaveLength(4);
    expect(session.context.docIds).toEqual(['002_b09ca083261ba923.txt']);
  });

  it('leaves out what it just answered when asked 还有哪些', async () => {
    const session = newSession('test-session-more');
    const first = await ask('省里的水土保持厅际协调机制由谁牵头组织？', { session });
    expect(first.answer).toContain('水行政主管部门');
    const more = await ask('还有哪些部门按职责分工一起配合？', { session });
    expect(more.answer).toContain('发展改革');
    expect(more.answer).not.toContain('水行政主管部门');
  });

  it('answers "报给谁？" about the deadline asked before', async () => {
    const session = newSession('test-session-2');
    await ask('翼城县各部门的生态保护修复项目进展情况什么时候报备？', { session });
    const a = await ask('报给谁？', { session });
    expect(a.answer).toContain('领导小组办公室');
  });
});

describe('LLM mode', () => {
  const llm = () => ({ baseUrl: server.baseUrl, model: 'fake', timeoutMs: 2000, maxRetries: 0 });

  it('uses the model when configured, and keeps only verified citations', async () => {
    server.reset();
    server.respond({ text: '答案：72.43%\n引用[1]：「全省水土保持率达到 72.43%」' });
    const a = await answerQuestion(index, '山西省2035年的水土保持率目标是多少？', { mode: 'auto', llm: llm() });
    expect(a.mode).toBe('llm');
    expect(a.answer).toContain('72.43');
    expect(a.citations.length).toBeGreaterThan(0);
    expectVerified(a);
  });

  it('abstains when the model cites text that is not in the documents', async () => {
    server.reset();
    server.respond({ text: '答案：请拨打12345\n引用[1]：「请拨打12345咨询」' });
    const a = await answerQuestion(index, '山西省2035年的水土保持率目标是多少？', { mode: 'llm', llm: llm() });
    expect(a.abstained).toBe(true);
    expect(a.answer).toBeNull();
    // The model's words are not echoed back as the reason either.
    expect(a.reason).not.toContain('12345');
  });

  it('falls back to the extractive answer in auto mode when the endpoint fails, and reports it in llm mode', async () => {
    server.reset();
    server.respond({ status: 503 });
    const a = await answerQuestion(index, '山西省2035年的水土保持率目标是多少？', { mode: 'auto', llm: llm() });
    expect(a.mode).toBe('extractive');
    expect(a.answer).toContain('72.43');
    await expect(answerQuestion(index, '山西省2035年的水土保持率目标是多少？', { mode: 'llm', llm: llm() })).rejects.toMatchObject({ code: 'LLM_UNAVAILABLE' });
  });

  it('refuses llm mode without an endpoint', async () => {
    await expect(answerQuestion(index, '谁牵头？', { mode: 'llm' })).rejects.toBeInstanceOf(AppError);
    await expect(answerQuestion(index, '谁牵头？', { mode: 'llm' })).rejects.toMatchObject({ code: 'LLM_NOT_CONFIGURED' });
  });
});
