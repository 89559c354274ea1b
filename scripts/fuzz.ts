/**
 * `npm run fuzz`: the hostile-input suite against a real server (its own process, default
 * settings, worker threads on, temp folders holding 宁武县 002 and 山西省 004). For every
 * hostile file, sent as an upload and as an alignment upload, it prints the status and code,
 * whether the server survived (its process alive and /healthz answering), whether any data
 * changed (served generation, documents, stored uploads, corpus), the slowest /healthz seen
 * while the request ran, and the server's peak RSS during it. Then: cross-site and Host
 * checks, repeated uploads, the largest uploads the size limit allows (peak RSS), kill -9 in the
 * middle of an ingest and the restart, and the growth of parse time with input size for the
 * shapes that used to be quadratic. Exits non-zero on any crash or data change.
 *
 * Targets (issue 11): 0 crashes, 0 data changes, peak RSS < 1 GB for any upload within the limit.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { mb, multipart, runClients, sampleRss, startServerChild, type ServerHandle } from './load/harness.js';
import {
  binaryNoise,
  docxBomb,
  docxManyEntries,
  docxNestedZip,
  docxOneParagraph,
  loneSurrogateBytes,
  oneLineText,
  repeatedClauses,
  zipOfBomb,
} from '../src/testing/hostile.js';
import { buildDocx } from '../src/testing/fixtures/docx.js';
import { CHILD_ID, corpusPath, PARENT_ID } from '../src/testing/corpus.js';
import { linearityTable } from './fuzz/linearity.js';

const root = mkdtempSync(join(tmpdir(), 'policy-fuzz-'));
const dirs = { corpus: join(root, 'corpus'), index: join(root, 'index'), data: join(root, 'data') };
mkdirSync(dirs.corpus);
for (const id of [CHILD_ID, PARENT_ID]) copyFileSync(corpusPath(id), join(dirs.corpus, id));
const env = { POLICY_CORPUS_DIR: dirs.corpus, POLICY_INDEX_DIR: dirs.index, POLICY_DATA_DIR: dirs.data };

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex').slice(0, 16);
const listing = (dir: string, keep: (f: string) => boolean = () => true) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter(keep)
        .sort()
        .map((f) => `${f}:${sha(readFileSync(join(dir, f)))}`)
        .join('|')
    : '';

/** Everything a refused upload must leave as it was. */
async function snapshot(server: ServerHandle): Promise<string> {
  const health = (await (await fetch(`${server.url}/healthz`)).json()) as { generation: string; documents: number };
  const docs = ((await (await fetch(`${server.url}/v1/documents`)).json()) as { documents: { id: string }[] }).documents.map((d) => d.id).sort();
  return JSON.stringify([
    health.generation,
    docs,
    listing(join(dirs.data, 'uploads')),
    listing(join(dirs.data, 'upload-queue'), (f) => f.endsWith('.part')),
    listing(dirs.corpus),
  ]);
}

interface Row {
  input: string;
  route: string;
  bytes: string;
  answer: string;
  crash: string;
  'data changed': string;
  s: number;
  'healthz max ms': number;
  'peak RSS': string;
}

let failures = 0;

/** Sends one hostile request while a probe watches /healthz and the server's RSS is sampled. */
async function probe(server: ServerHandle, input: string, route: 'upload' | 'align', name: string, bytes: Buffer): Promise<Row> {
  const before = await snapshot(server);
  const health = runClients(server.url, { path: '/healthz' }, 1);
  const rss = sampleRss(server.pid, 10);
  const t0 = performance.now();
  let answer: string;
  try {
    const res =
      route === 'upload'
        ? await fetch(`${server.url}/v1/documents`, { method: 'POST', body: multipart(name, bytes) })
        : await fetch(`${server.url}/v1/align`, { method: 'POST', body: multipart(name, bytes, { parent: PARENT_ID }) });
    const body = (await res.json()) as { code?: string };
    answer = res.ok ? String(res.status) : `${res.status} ${body.code}`;
  } catch (err) {
    answer = `no answer (${(err as Error).message})`;
  }
  const seconds = (performance.now() - t0) / 1000;
  const peak = rss.stop();
  const h = await health.stop();
  const alive =
    server.child.exitCode === null &&
    (await fetch(`${server.url}/healthz`).then(
      (r) => r.ok,
      () => false,
    ));
  const changed = alive ? (await snapshot(server)) !== before : true;
  if (!alive || (changed && route === 'upload' && !answer.startsWith('2')) || (changed && route === 'align')) failures++;
  return {
    input,
    route,
    bytes: `${Math.round(bytes.length / 1024)} KB`,
    answer,
    crash: alive ? 'no' : 'YES',
    'data changed': changed ? 'YES' : 'no',
    s: Math.round(seconds * 10) / 10,
    'healthz max ms': Math.round(Math.max(0, ...h.latencies)),
    'peak RSS': mb(peak),
  };
}

const HOSTILE: [string, string, () => Buffer][] = [
  ['.docx zip bomb, 256 MiB inside', 'bomb.docx', () => docxBomb(256)],
  ['.docx zip bomb, sizes that lie', 'liar.docx', () => docxBomb(256, true)],
  ['.docx with 20,000 entries', 'many.docx', () => docxManyEntries(20_000)],
  ['zip bomb as a .docx part (nested)', 'nested.docx', () => docxNestedZip()],
  ['plain zip holding a bomb', 'archive.docx', () => zipOfBomb()],
  ['1.2 MB text on one line', 'line.txt', () => oneLineText(1_200_000)],
  ['290 KB text on one line', 'line-290k.txt', () => oneLineText(290 * 1024)],
  ['.docx, one 300,000-char paragraph', 'para.docx', () => docxOneParagraph(300_000)],
  ['5,000 near-identical clauses', 'clauses.txt', () => repeatedClauses(5000)],
  ['binary noise named .txt', 'noise.txt', () => binaryNoise(1 << 20)],
  ['lone surrogates (CESU bytes)', 'lone.txt', () => loneSurrogateBytes()],
];

async function hostileFiles(server: ServerHandle): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [input, name, make] of HOSTILE) {
    const bytes = make();
    for (const route of ['upload', 'align'] as const) rows.push(await probe(server, input, route, name, bytes));
  }
  return rows;
}

/** The largest uploads the default 5 MB limit lets through: peak RSS of the server while each is ingested. */
async function largestUploads(server: ServerHandle): Promise<Row[]> {
  const plan = readFileSync(corpusPath(PARENT_ID), 'utf8');
  const lines = plan.split('\n');
  let text = '';
  for (let k = 0; Buffer.byteLength(text) < 4.9 * 1024 * 1024; k++) text += `${lines.map((l) => (l.trim() ? `${l}（${k}）` : l)).join('\n')}\n`;
  const paragraphs: string[] = [];
  for (let k = 0, size = 0; size < 4.5 * 1024 * 1024; k++) {
    const p = `${lines[k % lines.length]}（第${k}段）`;
    paragraphs.push(p);
    size += Buffer.byteLength(p) / 2.5;
  }
  const rows: Row[] = [];
  rows.push(await probe(server, '4.9 MB plan (text, many lines)', 'upload', 'big-text.txt', Buffer.from(text)));
  rows.push(await probe(server, 'largest .docx under 5 MB', 'upload', 'big.docx', buildDocx(paragraphs).subarray(0)));
  return rows;
}

/** Cross-site and Host checks against the real server. */
async function requestChecks(server: ServerHandle): Promise<{ check: string; answer: string; expected: string }[]> {
  const form = () => multipart('csrf.txt', Buffer.from('一、总则\n测试。\n'));
  const send = async (path: string, init: RequestInit) => {
    const res = await fetch(`${server.url}${path}`, init);
    const body = (await res.json().catch(() => ({}))) as { code?: string };
    return `${res.status}${body.code ? ` ${body.code}` : ''}`;
  };
  const host = new URL(server.url).host;
  return [
    {
      check: 'upload from Origin http://evil.example',
      answer: await send('/v1/documents', { method: 'POST', body: form(), headers: { origin: 'http://evil.example' } }),
      expected: '403 ORIGIN_NOT_ALLOWED',
    },
    {
      check: 'upload from Origin null',
      answer: await send('/v1/documents', { method: 'POST', body: form(), headers: { origin: 'null' } }),
      expected: '403 ORIGIN_NOT_ALLOWED',
    },
    {
      check: 'delete, Sec-Fetch-Site: cross-site',
      answer: await send(`/v1/documents/${CHILD_ID}`, { method: 'DELETE', headers: { 'sec-fetch-site': 'cross-site' } }),
      expected: '403 ORIGIN_NOT_ALLOWED',
    },
    {
      check: 'align upload from another origin',
      answer: await send('/v1/align', {
        method: 'POST',
        body: multipart('c.txt', readFileSync(corpusPath(CHILD_ID))),
        headers: { origin: 'http://evil.example' },
      }),
      expected: '403 ORIGIN_NOT_ALLOWED',
    },
    {
      check: "re-index from the server's own origin",
      answer: await send('/v1/reindex', { method: 'POST', headers: { origin: `http://${host}` } }),
      expected: '200',
    },
    {
      check: 'GET with Host: attacker.example (DNS rebinding)',
      answer: await rawStatus(server, 'GET', '/v1/documents', 'attacker.example'),
      expected: '403 HOST_NOT_ALLOWED',
    },
    {
      check: 'POST re-index with Host: attacker.example',
      answer: await rawStatus(server, 'POST', '/v1/reindex', 'attacker.example'),
      expected: '403 HOST_NOT_ALLOWED',
    },
  ];
}

/** fetch cannot set Host: a raw request can. */
async function rawStatus(server: ServerHandle, method: string, path: string, host: string): Promise<string> {
  const { request } = await import('node:http');
  const url = new URL(server.url);
  return new Promise((resolve) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve(`${res.statusCode} ${(JSON.parse(body || '{}') as { code?: string }).code ?? ''}`.trim()));
    });
    req.end();
  });
}

/** The same file five times at once, other content under a taken name, a corpus name. */
async function repeatedUploads(server: ServerHandle): Promise<{ check: string; answer: string; expected: string }[]> {
  const bytes = Buffer.from('一、总则\n县水务局牵头，每半年报告河湖长制落实情况。\n');
  const answers = await Promise.all(
    Array.from({ length: 5 }, () => fetch(`${server.url}/v1/documents`, { method: 'POST', body: multipart('repeat.txt', bytes) }).then((r) => r.status)),
  );
  const other = await fetch(`${server.url}/v1/documents`, { method: 'POST', body: multipart('repeat.txt', Buffer.from(`${bytes}二、补充\n`)) });
  const fake = readFileSync(corpusPath(CHILD_ID), 'utf8').replaceAll('56.04%', '99.99%');
  const corpusName = await fetch(`${server.url}/v1/documents`, { method: 'POST', body: multipart(CHILD_ID, Buffer.from(fake)) });
  const ask = (await (
    await fetch(`${server.url}/v1/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: '宁武县到2025年水土保持率要达到多少？', docIds: [CHILD_ID] }),
    })
  ).json()) as { answer: string };
  return [
    { check: 'the same file 5 times at once', answer: answers.join(' '), expected: '201 ×5 (one added, four unchanged)' },
    { check: 'other content under an uploaded name', answer: `${other.status} ${((await other.json()) as { code: string }).code}`, expected: '409 DOC_EXISTS' },
    {
      check: 'a corpus document\'s name with "99.99%"',
      answer: `${corpusName.status} ${((await corpusName.json()) as { code: string }).code}`,
      expected: '409 DOC_EXISTS',
    },
    { check: '宁武县 2025 target after all that', answer: ask.answer, expected: 'contains 56.04%' },
  ];
}

/** kill -9 while an upload is being ingested, then a restart on the same folders. */
async function killDuringIngest(): Promise<{ step: string; result: string }[]> {
  const steps: { step: string; result: string }[] = [];
  let server = await startServerChild(env);
  const plan = Buffer.from(`${readFileSync(corpusPath(PARENT_ID), 'utf8').replace(/山西省/g, '某省')}\n（kill -9 测试）\n`);
  const res = await fetch(`${server.url}/v1/documents?wait=false`, { method: 'POST', body: multipart('killed.txt', plan) });
  const { job } = (await res.json()) as { job: { id: string } };
  let status = '';
  for (let i = 0; i < 2000 && status !== 'indexing'; i++) {
    status = ((await (await fetch(`${server.url}/v1/uploads/${job.id}`)).json()) as { status: string }).status;
    if (status === 'indexed') break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  steps.push({ step: 'upload accepted (202), job seen', result: status });
  server.child.kill('SIGKILL');
  steps.push({ step: 'kill -9 the server', result: `exit ${await server.exited}` });
  steps.push({
    step: 'left behind',
    result: readdirSync(dirs.index)
      .filter((f) => f !== 'CURRENT')
      .join(', '),
  });
  server = await startServerChild(env);
  let final = { status: '', error: null as unknown };
  for (let i = 0; i < 600 && !['indexed', 'failed'].includes(final.status); i++) {
    final = (await (await fetch(`${server.url}/v1/uploads/${job.id}`)).json()) as typeof final;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  steps.push({ step: 'after restart, the job', result: `${final.status}${final.error ? ` ${JSON.stringify(final.error)}` : ''}` });
  const health = (await (await fetch(`${server.url}/healthz`)).json()) as { documents: number; ready: boolean };
  steps.push({ step: 'documents served', result: `${health.documents} (ready: ${health.ready})` });
  steps.push({ step: 'stored file', result: existsSync(join(dirs.data, 'uploads', 'killed.txt')) ? 'present' : 'missing' });
  await server.stop();
  if (final.status !== 'indexed') failures++;
  return steps;
}

async function main(): Promise<void> {
  console.log(`fuzz: server on temp folders ${root}`);
  const server = await startServerChild(env);
  try {
    const rows = await hostileFiles(server);
    console.log('\nHostile files (upload = POST /v1/documents, align = POST /v1/align with parent 004):');
    console.table(rows);
    console.log('\nThe largest uploads within the 5 MB limit:');
    console.table(await largestUploads(server));
    console.log('\nCross-site writes and DNS rebinding:');
    console.table(await requestChecks(server));
    console.log('\nRepeated uploads and names that are taken:');
    console.table(await repeatedUploads(server));
    const m = await server.memory();
    console.log(`server peak RSS over the hostile run: ${mb(m.peak)}`);
  } finally {
    await server.stop();
  }
  console.log('\nkill -9 during an ingest, then a restart:');
  console.table(await killDuringIngest());
  console.log('\nParse time as the input grows ×4 (linear ≈ ×4):');
  console.table(await linearityTable());
  rmSync(root, { recursive: true, force: true });
  console.log(failures ? `\n${failures} failure(s): a crash, a data change, or an unfinished restart` : '\n0 crashes, 0 data changes');
  if (failures) process.exitCode = 1;
}

await main();
