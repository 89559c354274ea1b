/**
 * TEST ONLY. A fake in-memory {@link Workspace} over real corpus files (宁武县 and its
 * provincial parent 山西省 by default), deterministic and complete, plus the factories the API
 * tests use. Swapping in the real workspace means changing {@link createTestWorkspace} only.
 */
import { copyFileSync, mkdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import iconv from 'iconv-lite';
import type { FastifyInstance } from 'fastify';
import { configSchema, type Config } from '../config.js';
import { AppError } from '../errors.js';
import type { Answer, ChatSession, QuestionKind } from '../answer/types.js';
import type { IngestResult } from '../ingest/pipeline.js';
import type { SearchHit, SearchOptions } from '../retrieval/types.js';
import type { AskOptions, DocumentSummary, Workspace } from '../workspace-types.js';
import { buildApp } from './app.js';
import { MAX_QUESTION_CHARS } from './schemas.js';
import { bigrams, overlap, parseFakeDoc, sentences, type FakeDoc } from './test-fake-corpus.js';
import { fakeAlign } from './test-fake-align.js';

export const CORPUS_DIR = new URL('../../corpus/', import.meta.url);
export const CHILD_ID = '002_b09ca083261ba923.txt';
export const PARENT_ID = '004_01ad0f74c71dd3d5.txt';

export interface FakeWorkspaceOptions {
  /** Corpus file names to load. Default: 宁武县 (002) and 山西省 (004). */
  docs?: string[];
  /** Thrown by `ask` after one token was streamed (tests the error paths). */
  askError?: Error;
}

/** A config for tests: temp folders, loopback host, defaults otherwise. */
export function testConfig(overrides: Partial<Config> = {}, dir: string = mkdtempSync(join(tmpdir(), 'policy-api-'))): Config {
  return configSchema.parse({ corpusDir: join(dir, 'corpus'), indexDir: join(dir, 'index'), dataDir: join(dir, 'data'), logLevel: 'silent', ...overrides });
}

/** Decodes bytes like ingest does: UTF-8 when valid, else GB18030; HTML reduced to its text. */
async function decodeUpload(name: string, bytes: Buffer): Promise<string> {
  const ext = extname(name).toLowerCase();
  if (ext === '.docx') {
    const mammoth = await import('mammoth');
    return (await mammoth.extractRawText({ buffer: bytes })).value;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = iconv.decode(bytes, 'gb18030');
  }
  text = text.replace(/^\uFEFF/, '');
  return ext === '.html' || ext === '.htm' ? text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, '').replace(/<[^>]+>/g, '\n') : text;
}

function questionKind(q: string): QuestionKind {
  if (/谁|哪个部门|哪些部门/.test(q)) return 'who';
  if (/什么时候|何时|时限|期限/.test(q)) return 'when';
  if (/多少|比例|目标值|率/.test(q)) return 'amount';
  if (/频次|多久/.test(q)) return 'frequency';
  return 'what';
}

function emptyResult(over: Partial<IngestResult>, documents: number): IngestResult {
  return { changed: false, generation: 'fake-1', documents, sections: 0, chunks: 0, embedder: null, seconds: 0, added: [], updated: [], removed: [], unchanged: [], problems: [], ...over };
}

/** The fake workspace. Everything is computed from the loaded texts; nothing is hard-coded per question. */
export function createFakeWorkspace(config: Config, options: FakeWorkspaceOptions = {}): Workspace {
  const docs = new Map<string, FakeDoc>();
  const sessions = new Map<string, ChatSession>();
  let generation = 1;
  const titles = () => new Map([...docs.values()].filter((d) => d.meta.title).map((d) => [d.meta.title as string, d.id]));
  const reparseAll = () => [...docs.values()].forEach((d) => docs.set(d.id, parseFakeDoc(d.id, d.text, titles())));
  for (const id of options.docs ?? [CHILD_ID, PARENT_ID]) docs.set(id, parseFakeDoc(id, readFileSync(new URL(id, CORPUS_DIR), 'utf8')));
  reparseAll();

  const requireDoc = (id: string) => {
    const doc = docs.get(id);
    if (!doc) throw new AppError('DOC_NOT_FOUND', `No document with id ${id}`);
    return doc;
  };
  const validate = (q: string) => {
    const t = (q ?? '').trim();
    if (!t) throw new AppError('QUERY_EMPTY', 'The question is empty');
    if (t.length > MAX_QUESTION_CHARS) throw new AppError('QUERY_TOO_LONG', `The question is ${t.length} characters; the limit is ${MAX_QUESTION_CHARS}`);
    return t;
  };
  const chunkCount = (d: FakeDoc) => d.clauses.length;
  const summarize = (d: FakeDoc): DocumentSummary => {
    const byLevel: Record<number, number> = {};
    d.clauses.forEach((c) => (byLevel[c.level] = (byLevel[c.level] ?? 0) + 1));
    const found = d.meta.citations.filter((c) => c.foundId).map((c) => ({ id: c.foundId as string, title: c.title, via: 'title' as const }));
    const absent = d.meta.citations.filter((c) => !c.foundId).map((c) => ({ title: c.title, docNumber: null }));
    return { id: d.id, title: d.meta.title, meta: d.meta, sections: d.clauses.length, clausesByLevel: byLevel, chunks: chunkCount(d), tableRows: 0, parents: { found, absent } };
  };

  const ws: Workspace = {
    config,
    status: () => ({
      ready: docs.size > 0,
      generation: `fake-${generation}`,
      documents: docs.size,
      chunks: [...docs.values()].reduce((n, d) => n + chunkCount(d), 0),
      embedder: { kind: 'builtin', model: 'fake-bigram', dimension: 0, id: 'builtin:fake-bigram:0' },
      llm: { configured: false, model: null },
      ingesting: false,
    }),
    async ensureIndex() {},
    async ingest() {
      return emptyResult({ unchanged: [...docs.keys()] }, docs.size);
    },
    async addDocument(name, bytes) {
      const id = name.replace(/[^\p{L}\p{N}._-]+/gu, '_');
      if (!['.txt', '.md', '.html', '.htm', '.docx'].includes(extname(id).toLowerCase())) throw new AppError('FILE_UNSUPPORTED', `Unsupported file type "${extname(id)}"`);
      if (bytes.length > config.maxFileBytes) throw new AppError('FILE_TOO_LARGE');
      const text = await decodeUpload(id, bytes);
      if (!text.trim()) throw new AppError('NO_TEXT');
      const same = [...docs.values()].find((d) => d.id !== id && d.text === text);
      if (same) throw new AppError('FILE_DUPLICATE', `The same content is already ingested as ${same.id}`);
      const existed = docs.has(id);
      docs.set(id, parseFakeDoc(id, text, titles()));
      reparseAll();
      generation += 1;
      return { id, result: emptyResult({ changed: true, generation: `fake-${generation}`, [existed ? 'updated' : 'added']: [id] }, docs.size) };
    },
    async removeDocument(id) {
      requireDoc(id);
      docs.delete(id);
      reparseAll();
      generation += 1;
      return emptyResult({ changed: true, generation: `fake-${generation}`, removed: [id] }, docs.size);
    },
    listDocuments: () => [...docs.values()].map(summarize),
    getDocument(id) {
      const d = requireDoc(id);
      return { ...summarize(d), sectionTree: d.sections, tables: [], cleanText: d.text, originalText: d.text };
    },
    async search(query: string, opts: SearchOptions = {}): Promise<SearchHit[]> {
      const grams = bigrams(validate(query));
      const hits: Omit<SearchHit, 'rank'>[] = [];
      for (const d of docs.values()) {
        if (opts.docIds?.length && !opts.docIds.includes(d.id)) continue;
        if (opts.level && d.meta.level !== opts.level) continue;
        if (opts.region && !Object.values(d.meta.region).some((r) => r?.includes(opts.region as string))) continue;
        for (const c of d.clauses) {
          const text = d.text.slice(c.start, c.end).trim();
          const score = overlap(grams, text);
          if (score <= 0) continue;
          hits.push({ chunkId: `${d.id}#${c.path}`, docId: d.id, source: d.id, title: d.meta.title ?? d.id, clausePath: c.path, heading: c.heading, kind: 'clause', text, start: c.start, end: c.end, score, scores: { dense: null, lexical: score, fused: score } });
        }
      }
      hits.sort((a, b) => b.score - a.score || a.chunkId.localeCompare(b.chunkId));
      return hits.slice(0, opts.k ?? 10).map((h, i) => ({ ...h, rank: i + 1 }));
    },
    async ask(question: string, opts: AskOptions = {}): Promise<Answer> {
      const q = validate(question);
      const t0 = Date.now();
      const [best] = await ws.search(q, { docIds: opts.docIds, k: 1 });
      const grams = bigrams(q);
      const kind = questionKind(q);
      let answer: Answer;
      if (!best || best.score < 0.34) {
        answer = { question: q, answer: null, abstained: true, citations: [], confidence: best?.score ?? 0, mode: 'extractive', understanding: { kind, docIds: opts.docIds ?? [], topic: q }, reason: 'No clause of the documents matches the question' };
      } else {
        const doc = requireDoc(best.docId);
        const spans = sentences(doc.text, best.start, best.end);
        const span = spans.map((s) => ({ s, score: overlap(grams, doc.text.slice(s.start, s.end)) })).sort((a, b) => b.score - a.score || a.s.start - b.s.start)[0].s;
        const quote = doc.text.slice(span.start, span.end);
        answer = {
          question: q,
          answer: quote.length > 80 ? `${quote.slice(0, 80)}…` : quote,
          abstained: false,
          citations: [{ source: doc.id, title: doc.meta.title ?? doc.id, clause: best.clausePath, quote, start: span.start, end: span.end }],
          confidence: Number(best.score.toFixed(3)),
          mode: 'extractive',
          understanding: { kind, docIds: [doc.id], topic: q },
          timings: { retrieveMs: 0, answerMs: Date.now() - t0 },
        };
      }
      const text = answer.answer ?? '文件中未找到相关规定';
      const cut = Math.ceil(text.length / 3);
      opts.onToken?.(text.slice(0, cut));
      if (options.askError) throw options.askError;
      if (opts.signal?.aborted) throw new AppError('BAD_REQUEST', 'The request was cancelled');
      opts.onToken?.(text.slice(cut, 2 * cut));
      opts.onToken?.(text.slice(2 * cut));
      if (opts.session) {
        const at = new Date().toISOString();
        opts.session.turns.push({ role: 'user', text: q, at }, { role: 'assistant', text, at, answer });
        opts.session.context = { docIds: answer.understanding.docIds, topic: q, kind, lastQuestion: q };
      }
      return answer;
    },
    obligations(id) {
      const d = requireDoc(id);
      return d.clauses.flatMap((c) =>
        sentences(d.text, c.start, c.end)
          .filter((s) => /牵头|负责|必须|严禁|要/.test(d.text.slice(s.start, s.end)))
          .map((s) => {
            const text = d.text.slice(s.start, s.end);
            return { clause: c.path, heading: c.heading, text, lead: /([\u4e00-\u9fa5]{2,8}部门)(牵头|要)/.exec(text)?.[1] ?? null, modality: ['严禁', '必须', '要'].find((w) => text.includes(w)) ?? null, start: s.start, end: s.end };
          }),
      );
    },
    async align(child, parent) {
      const external = typeof child !== 'string';
      const c = typeof child === 'string' ? requireDoc(child) : parseFakeDoc(child.name, await decodeUpload(child.name, child.bytes), titles());
      if (parent) return fakeAlign(c, requireDoc(parent), 'given', external);
      const cited = c.meta.citations.find((x) => x.foundId && x.foundId !== c.id);
      if (!cited?.foundId) throw new AppError('PARENT_NOT_FOUND', `No parent of ${c.id} was found in the index; choose one`);
      return fakeAlign(c, requireDoc(cited.foundId), 'index', external);
    },
    getSession(id) {
      const s = sessions.get(id);
      if (!s) throw new AppError('SESSION_NOT_FOUND', `No chat session with id ${id}`);
      return structuredClone(s);
    },
    createSession() {
      const now = new Date().toISOString();
      const s: ChatSession = { id: randomUUID(), createdAt: now, updatedAt: now, turns: [], context: { docIds: [], topic: '', kind: null, lastQuestion: null } };
      sessions.set(s.id, structuredClone(s));
      return s;
    },
    saveSession(s) {
      s.updatedAt = new Date().toISOString();
      sessions.set(s.id, structuredClone(s));
    },
    async close() {},
  };
  return ws;
}

/**
 * The real workspace over copies of the same corpus files, with the same `askError` hook.
 * Not used yet: once `createWorkspace` is complete, make {@link createTestWorkspace} return it.
 */
export async function createRealTestWorkspace(config: Config, options: FakeWorkspaceOptions = {}): Promise<Workspace> {
  mkdirSync(config.corpusDir, { recursive: true });
  for (const id of options.docs ?? [CHILD_ID, PARENT_ID]) copyFileSync(new URL(id, CORPUS_DIR), join(config.corpusDir, id));
  const { createWorkspace } = await import('../workspace.js');
  const ws = await createWorkspace(config);
  const { askError } = options;
  if (askError) {
    ws.ask = async (question, opts = {}) => {
      opts.onToken?.('…');
      throw askError;
    };
  }
  return ws;
}

/** The workspace API tests run against. Swap the fake for {@link createRealTestWorkspace} to test the real one. */
export async function createTestWorkspace(config: Config, options: FakeWorkspaceOptions = {}): Promise<Workspace> {
  return createFakeWorkspace(config, options);
}

export interface TestApp {
  app: FastifyInstance;
  workspace: Workspace;
  config: Config;
  close(): Promise<void>;
}

/** An app over a test workspace, ready for `app.inject()`; `close()` also removes the temp folders. */
export async function createTestApp(overrides: Partial<Config> = {}, options: FakeWorkspaceOptions = {}): Promise<TestApp> {
  const root = mkdtempSync(join(tmpdir(), 'policy-api-'));
  const config = testConfig(overrides, root);
  const workspace = await createTestWorkspace(config, options);
  await workspace.ensureIndex();
  const app = await buildApp({ workspace, config });
  await app.ready();
  return {
    app,
    workspace,
    config,
    async close() {
      await app.close();
      await workspace.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A multipart/form-data body for `app.inject` (or fetch): one file part plus text fields. */
export function multipartBody(file: { name: string; bytes: Buffer; type?: string; field?: string } | null, fields: Record<string, string> = {}): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----policy-test-${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
