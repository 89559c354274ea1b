/**
 * `policy ingest` progress: a bar on stderr only when it is a terminal and the output is not
 * `--json`. Checked on the display itself (a fake terminal) and on the real command run under
 * a pseudo-terminal (`script`), where `--json` must print no progress at all.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestProgress } from '../../indexing/pipeline.js';
import { buildPagedPlanPdf } from '../../testing/fixtures/paged-plan.js';
import { createIngestProgress } from './ingest.js';

/** A stream that records what is written; a terminal when `tty`. */
function fakeStream(tty: boolean): Writable & { isTTY: boolean; columns: number; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as Writable & { isTTY: boolean; columns: number; text: () => string };
  stream.isTTY = tty;
  stream.columns = 120;
  stream.text = () => chunks.join('');
  return stream;
}

const EVENTS: IngestProgress[] = [
  { stage: 'read', done: 0, total: 1, file: 'scan.pdf' },
  { stage: 'page', done: 1, total: 4, file: 'scan.pdf', page: 1, pages: 4 },
  { stage: 'ocr', done: 0, total: 2, file: 'scan.pdf', page: 2, pages: 4 },
  { stage: 'ocr', done: 1, total: 2, file: 'scan.pdf', page: 4, pages: 4 },
  { stage: 'embed', done: 10, total: 10 },
  { stage: 'write', done: 1, total: 1 },
];

describe('ingest progress display', () => {
  it('draws a bar per stage on a terminal, with the OCR count and the pages read', () => {
    const stream = fakeStream(true);
    const view = createIngestProgress(stream, { json: false });
    for (const e of EVENTS) view.update(e);
    view.stop();
    const text = stream.text();
    expect(text).toContain('OCR pages');
    expect(text).toMatch(/1\/2 scan\.pdf \(page 4\/4\)/);
    expect(text).toContain('embedding');
  });

  it('draws nothing with --json, or when stderr is not a terminal', () => {
    for (const [tty, json] of [
      [true, true],
      [false, false],
    ]) {
      const stream = fakeStream(tty);
      const view = createIngestProgress(stream, { json });
      for (const e of EVENTS) view.update(e);
      view.stop();
      expect(stream.text(), `tty ${tty} json ${json}`).toBe('');
    }
  });
});

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = join(ROOT, 'src/cli/main.ts');
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'policy-cli-progress-'));
  mkdirSync(join(root, 'corpus'));
  writeFileSync(join(root, 'corpus', 'plan.pdf'), buildPagedPlanPdf());
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs `ingest` with stderr on a pseudo-terminal (util-linux `script`); stdout goes to a file. Returns what the terminal showed. */
function ingestOnTerminal(flags: string[], index: string): { code: number | null; terminal: string; stdout: string } {
  const out = join(root, `stdout-${flags.join('')}.txt`);
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, '--import', 'tsx', MAIN, 'ingest', join(root, 'corpus'), '--index', index, ...flags].map(quote).join(' ');
  const env = { ...process.env, POLICY_DATA_DIR: join(root, 'data'), LOG_LEVEL: 'warn', TERM: 'xterm' };
  const r = spawnSync('script', ['-qec', `${command} > ${quote(out)}`, '/dev/null'], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, terminal: r.stdout, stdout: readFileSync(out, 'utf8') };
}

describe('policy ingest on a terminal', () => {
  it('shows the bar without --json and none with --json', () => {
    const plain = ingestOnTerminal([], join(root, 'index-plain'));
    expect(plain.code, plain.terminal).toBe(0);
    // The positive control: the same terminal does show the bar, page by page.
    expect(plain.terminal).toMatch(/pages {5}\[.*\] 3\/3 plan\.pdf/);
    const json = ingestOnTerminal(['--json'], join(root, 'index-json'));
    expect(json.code, json.terminal).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ changed: true, documents: 1 });
    // Only the summary line for people reaches the terminal: no bar, no cursor control.
    expect(json.terminal).not.toMatch(/pages {5}\[|embedding|\x1b\[\?25l/);
    expect(json.terminal).toContain('ingest: 1 documents');
  }, 120_000);
});
