/**
 * Format benchmark: for each format ingest reads, the character error rate against the text
 * the fixture was made from, pages per second, and peak RSS. Prints a table (or `--json`).
 *
 *   npx tsx scripts/bench-formats.ts [--scan-pages N] [--big-pages N] [--json]
 *
 * Needs Debian's chromium (text-layer PDF of 004), tesseract + chi_sim (scans) and LibreOffice
 * (.wps/.xls); rows whose tool is missing say so instead of a number. The 300-page PDF runs in
 * a child process so its peak RSS is its own.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readDocument } from '../src/ingest/decode.js';
import { parseDocument } from '../src/ingest/parse.js';
import type { RawDocument } from '../src/ingest/types.js';
import { PARENT_ID, fixturePath, readCorpusText } from '../src/testing/corpus.js';
import { characterErrorRate } from '../src/testing/fixtures/cer.js';
import { policyHtml, printHtmlToPdf } from '../src/testing/fixtures/chromium.js';
import { DOC_FIXTURE_BLOCKS, XLS_FIXTURE_ROWS } from '../src/testing/fixtures/make-office-fixtures.js';
import { buildOfd } from '../src/testing/fixtures/ofd.js';
import { buildPdf, typesetPdfPages } from '../src/testing/fixtures/pdf.js';
import { buildScannedPdf, buildTiff, renderScan } from '../src/testing/fixtures/scan.js';
import { toolProblem } from '../src/testing/fixtures/tools.js';

interface Row {
  format: string;
  pages: number | null;
  cer: number | null;
  pagesPerSecond: number | null;
  seconds: number | null;
  peakRssMb: number | null;
  note: string;
}

const { values } = parseArgs({
  options: { json: { type: 'boolean' }, 'scan-pages': { type: 'string' }, 'big-pages': { type: 'string' }, 'rss-child': { type: 'string' } },
});
const TEXT = readCorpusText(PARENT_ID);
const PROSE = TEXT.split('\n').filter((l) => l.length > 60);
const LIMITS = { maxBytes: 200 * 1024 * 1024, limits: { maxOcrPages: 1000, maxPages: 5000, maxTextChars: 50_000_000 } };
const mb = (b: number) => Math.round(b / 1024 / 1024);

/** Runs `read` once to warm up (module loading), then `times` times; seconds per run. */
async function timed(read: () => Promise<unknown>, times = 3): Promise<number> {
  await read();
  const t0 = performance.now();
  for (let i = 0; i < times; i++) await read();
  return (performance.now() - t0) / 1000 / times;
}

/** A row for a format that could not be measured (its system tool is missing: `note` says which). */
const missingRow = (format: string, note: string): Row => ({ format, pages: null, cer: null, pagesPerSecond: null, seconds: null, peakRssMb: null, note });

/**
 * A row for a paged format: `read` once for the text, which `measure` scores (character error
 * rate and a note), then timed over 5 runs.
 */
async function pagedRow(format: string, read: () => Promise<RawDocument>, measure: (raw: RawDocument) => { cer: number; note: string }): Promise<Row> {
  const raw = await read();
  const { cer, note } = measure(raw);
  const seconds = await timed(read, 5);
  const pages = raw.pages!.length;
  return { format, pages, cer, pagesPerSecond: pages / seconds, seconds, peakRssMb: null, note };
}

/** A text-layer PDF of `pages` pages: 004's paragraphs repeated, printed by Chromium or typeset by hand. */
async function bigPdf(pages: number): Promise<{ bytes: Buffer; how: string }> {
  if (!toolProblem('chromium')) {
    const copies = Math.ceil(pages / 9);
    const html = policyHtml(Array.from({ length: copies }, () => TEXT).join('\n'));
    return { bytes: await printHtmlToPdf(html, 300_000), how: 'Chromium' };
  }
  const paras = Array.from({ length: pages * 2 }, (_, i) => PROSE[i % PROSE.length]);
  return { bytes: buildPdf(typesetPdfPages(paras, { linesPerPage: 22 }).slice(0, pages)), how: 'hand-typeset' };
}

/** Child mode: reads the given PDF and prints its page count, seconds and peak RSS. */
async function rssChild(path: string): Promise<void> {
  const bytes = readFileSync(path);
  const t0 = performance.now();
  let firstPage = 0;
  const raw = await readDocument({ name: 'big.pdf', bytes }, { ...LIMITS, onProgress: (p) => (p.page === 1 ? (firstPage = performance.now()) : undefined) });
  const end = performance.now();
  const pages = raw.pages?.length ?? 0;
  // Warm: pages after the first (the first pays for loading pdf.js through tsx, 2–5 s).
  console.log(
    JSON.stringify({
      pages,
      seconds: (end - t0) / 1000,
      coldSeconds: (firstPage - t0) / 1000,
      warmPagesPerSecond: (pages - 1) / ((end - firstPage) / 1000),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

async function textPdfRows(rows: Row[]): Promise<void> {
  const chromiumProblem = toolProblem('chromium');
  if (chromiumProblem) rows.push(missingRow('PDF text layer (Chromium, 004)', chromiumProblem));
  else {
    const pdf = await printHtmlToPdf(policyHtml(TEXT));
    const txtDoc = parseDocument(await readDocument({ name: PARENT_ID, bytes: Buffer.from(TEXT) }));
    const row = await pagedRow(
      'PDF text layer (Chromium, 004)',
      () => readDocument({ name: '004.pdf', bytes: pdf }, LIMITS),
      (raw) => {
        const pdfDoc = parseDocument(raw);
        const chapters = pdfDoc.sections.filter((x) => x.level === 1 && !x.path.startsWith('附件'));
        const subs = pdfDoc.sections.filter((s) => !s.path.startsWith('附件')).flatMap((s) => s.children).length;
        const same = JSON.stringify(pdfDoc.meta.title) === JSON.stringify(txtDoc.meta.title) && pdfDoc.tables.length === txtDoc.tables.length;
        return {
          cer: characterErrorRate(txtDoc.clean.text, pdfDoc.clean.text),
          note: `${chapters.length} chapters, ${subs} clauses, ${pdfDoc.tables.length} table rows${same ? ', same as .txt' : ', DIFFERS from .txt'}`,
        };
      },
    );
    rows.push(row);
  }
  const paras = PROSE.slice(0, 12);
  const hand = buildPdf(typesetPdfPages(paras, { header: '某县人民政府公报', footer: (n, N) => `第${n}页 共${N}页` }));
  rows.push(
    await pagedRow(
      'PDF STSong-Light + UniGB-UCS2-H (no embedded font)',
      () => readDocument({ name: 'cjk.pdf', bytes: hand }, LIMITS),
      (raw) => ({ cer: characterErrorRate(paras.join('\n'), raw.text), note: 'header/footer dropped' }),
    ),
  );
}

async function bigPdfRow(rows: Row[], pages: number): Promise<void> {
  const { bytes, how } = await bigPdf(pages);
  const path = join(tmpdir(), 'bench-formats-big.pdf');
  writeFileSync(path, bytes);
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--rss-child', path], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const out = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as {
    pages: number;
    seconds: number;
    coldSeconds: number;
    warmPagesPerSecond: number;
    peakRssMb: number;
  };
  rows.push({
    format: `PDF text layer, ${out.pages} pages (${how})`,
    pages: out.pages,
    cer: null,
    pagesPerSecond: out.warmPagesPerSecond,
    seconds: out.seconds,
    peakRssMb: out.peakRssMb,
    note: `${mb(bytes.length)} MB file, new process: ${out.coldSeconds.toFixed(1)} s to page 1, pages/s after it`,
  });
}

async function scanRows(rows: Row[], pages: number): Promise<void> {
  const problem = toolProblem('tesseract');
  if (problem) {
    rows.push(missingRow('Scanned PDF, 300 dpi (OCR)', problem));
    return;
  }
  const scans = Array.from({ length: pages }, (_, i) =>
    renderScan(PROSE.slice((i * 3) % PROSE.length, ((i * 3) % PROSE.length) + 3), { footer: `— ${i + 1} —` }),
  );
  const reference = scans.map((p) => p.text).join('\n');
  const cases: [string, string, Buffer, number][] = [
    ['Scanned PDF, 300 dpi JPEG pages (rendered at 150 dpi)', 'scan.pdf', buildScannedPdf(scans), 150],
    ['Scanned PDF, same, renderDpi 200', 'scan.pdf', buildScannedPdf(scans), 200],
    ['PNG scan, 300 dpi (OCR, 1 page)', 'scan.png', scans[0].png, 150],
    ['TIFF scan, 300 dpi, multi-page (OCR)', 'scan.tif', buildTiff(scans.slice(0, 2)), 150],
  ];
  for (const [format, name, bytes, renderDpi] of cases) {
    const t0 = performance.now();
    const raw = await readDocument({ name, bytes }, { ...LIMITS, ocr: { renderDpi } });
    const s = (performance.now() - t0) / 1000;
    const n = raw.pages!.length;
    const ref =
      name === 'scan.png'
        ? scans[0].text
        : name === 'scan.tif'
          ? scans
              .slice(0, 2)
              .map((p) => p.text)
              .join('\n')
          : reference;
    rows.push({
      format,
      pages: n,
      cer: characterErrorRate(ref, raw.text),
      pagesPerSecond: n / s,
      seconds: s,
      peakRssMb: null,
      note: name === 'scan.tif' ? 'TIFF is OCR’d at full resolution' : 'clean scan of 三号 prose',
    });
  }
}

async function otherRows(rows: Row[]): Promise<void> {
  const paras = PROSE.slice(0, 20);
  const ofd = buildOfd(paras, { perGlyph: true });
  rows.push(
    await pagedRow(
      'OFD, one TextObject per glyph',
      () => readDocument({ name: 'a.ofd', bytes: ofd }, LIMITS),
      (raw) => ({ cer: characterErrorRate(paras.join('\n'), raw.text), note: '' }),
    ),
  );
  const docLines = DOC_FIXTURE_BLOCKS.flatMap((b) => (typeof b === 'string' ? [b] : b.table.map((r) => r.join('\t')))).join('\n');
  const doc = readFileSync(fixturePath('policy-sample.doc'));
  const readDoc = () => readDocument({ name: 'a.doc', bytes: doc }, LIMITS);
  const docRaw = await readDoc();
  rows.push({
    format: 'Word 97 .doc (word-extractor)',
    pages: null,
    cer: characterErrorRate(docLines, docRaw.text),
    pagesPerSecond: null,
    seconds: await timed(readDoc, 5),
    peakRssMb: null,
    note: '',
  });
  const problem = toolProblem('soffice');
  for (const [format, name, bytes, ref] of [
    ['.wps (LibreOffice → .docx)', 'a.wps', doc, docLines],
    ['.xls (LibreOffice → .xlsx)', 'a.xls', readFileSync(fixturePath('policy-sample.xls')), XLS_FIXTURE_ROWS.map((r) => r.join('\t')).join('\n')],
  ] as const) {
    if (problem) {
      rows.push(missingRow(format, problem));
      continue;
    }
    const t0 = performance.now();
    const r = await readDocument({ name, bytes }, LIMITS);
    rows.push({
      format,
      pages: null,
      cer: characterErrorRate(ref, r.text),
      pagesPerSecond: null,
      seconds: (performance.now() - t0) / 1000,
      peakRssMb: null,
      note: 'fresh LibreOffice profile per file',
    });
  }
}

function printTable(rows: Row[]): void {
  const fmt = (v: number | null, d: number, suffix = '') => (v === null ? '—' : `${v.toFixed(d)}${suffix}`);
  const table = rows.map((r) => [
    r.format,
    r.pages === null ? '—' : String(r.pages),
    fmt(r.cer === null ? null : r.cer * 100, 2, '%'),
    fmt(r.pagesPerSecond, 1),
    fmt(r.seconds, 2, ' s'),
    fmt(r.peakRssMb, 0, ' MB'),
    r.note,
  ]);
  const head = ['format', 'pages', 'CER', 'pages/s', 'time', 'peak RSS', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log([line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...table.map(line)].join('\n'));
}

async function main(): Promise<void> {
  if (values['rss-child']) return rssChild(values['rss-child']);
  const rows: Row[] = [];
  await textPdfRows(rows);
  await bigPdfRow(rows, Number(values['big-pages'] ?? 300));
  await scanRows(rows, Number(values['scan-pages'] ?? 4));
  await otherRows(rows);
  if (values.json) console.log(JSON.stringify({ machine: { cpus: availableParallelism(), node: process.version }, rows }, null, 2));
  else {
    printTable(rows);
    // Other work on the machine slows every row: say how busy it was.
    console.log(
      `\nload average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${availableParallelism()} cores`,
    );
  }
}

await main();
