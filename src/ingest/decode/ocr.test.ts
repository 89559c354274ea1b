/**
 * Scans: image headers and limits (no engine needed), the TSV reader, and OCR itself with
 * Debian's tesseract + chi_sim (skipped, saying why, without it; required under CI).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../../core/errors.js';
import { PARENT_ID, readCorpusText } from '../../testing/corpus.js';
import { characterErrorRate } from '../../testing/fixtures/cer.js';
import { buildPdf, typesetPdfPages } from '../../testing/fixtures/pdf.js';
import { buildScannedPdf, buildTiff, renderScan, type ScanPage } from '../../testing/fixtures/scan.js';
import { requireTool, shouldRunWith } from '../../testing/fixtures/tools.js';
import { readDocument } from '../decode.js';
import { readImageInfo } from './image.js';
import type { DecodeProgress } from './ocr-pages.js';
import { parseTesseractTsv } from './ocr.js';
import { imageToPgm } from './pdf-scan.js';

async function codeOf(p: Promise<unknown>): Promise<ErrorCode | 'ok'> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

const PROSE = readCorpusText(PARENT_ID)
  .split('\n')
  .filter((l) => l.length > 60);

describe('image headers and limits (no OCR engine needed)', () => {
  const small = renderScan(PROSE.slice(2, 3), { dpi: 100 });

  it('reads sizes and pages from the headers', () => {
    expect(readImageInfo(small.png, 'a.png', 10)).toEqual({ kind: 'png', pages: [{ width: small.width, height: small.height }] });
    expect(readImageInfo(small.jpeg, 'a.jpg', 10)).toEqual({ kind: 'jpeg', pages: [{ width: small.width, height: small.height }] });
    const tiff = buildTiff([small, small, small]);
    expect(readImageInfo(tiff, 'a.tif', 10).pages).toHaveLength(3);
  });

  it('refuses pixel bombs, TIFFs over the page limit and damaged headers before any OCR', async () => {
    const bomb = Buffer.from(small.png);
    bomb.writeUInt32BE(100_000, 16);
    bomb.writeUInt32BE(100_000, 20);
    expect(await codeOf(readDocument({ name: 'bomb.png', bytes: bomb }))).toBe('FILE_TOO_COMPLEX');
    expect(await codeOf(readDocument({ name: 'three.tif', bytes: buildTiff([small, small, small]) }, { limits: { maxPages: 2 } }))).toBe('TOO_MANY_PAGES');
    const loop = buildTiff([small]);
    loop.writeUInt32LE(loop.readUInt32LE(4), loop.readUInt32LE(4) + 2 + 12 * loop.readUInt16LE(loop.readUInt32LE(4)));
    expect(await codeOf(readDocument({ name: 'loop.tif', bytes: loop }))).toBe('IMAGE_INVALID');
    expect(await codeOf(readDocument({ name: 'cut.jpg', bytes: small.jpeg.subarray(0, 10) }))).toBe('IMAGE_INVALID');
  });

  it('refuses a scan with OCR_UNAVAILABLE naming the packages when the engine is missing', async () => {
    const ocr = { command: '/nonexistent/tesseract' };
    try {
      await readDocument({ name: 'scan.png', bytes: small.png }, { ocr });
      expect.unreachable();
    } catch (err) {
      expect((err as AppError).code).toBe('OCR_UNAVAILABLE');
      expect((err as AppError).message).toContain('tesseract-ocr tesseract-ocr-chi-sim');
      expect((err as AppError).toJSON().message).toContain('tesseract-ocr-chi-sim');
    }
    // Files that need no OCR still read.
    expect(await codeOf(readDocument({ name: 'text.pdf', bytes: buildPdf(typesetPdfPages(['一、总体目标'])) }, { ocr }))).toBe('ok');
  });
});

describe('scanned page pixels', () => {
  it('turns pdf.js image data (RGB, RGBA, 1-bit) into a gray PGM, box-filtered down to the OCR width', () => {
    const rgb = {
      width: 4,
      height: 2,
      kind: 2,
      data: new Uint8Array([0, 0, 0, 255, 255, 255, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255, 255, 255, 0, 0, 0, 0, 0, 0]),
    };
    const pgm = imageToPgm(rgb, 2);
    expect(pgm.subarray(0, 11).toString('latin1')).toBe('P5\n2 1\n255\n');
    expect([...pgm.subarray(11)]).toEqual([191, 0]);
    const rgba = { width: 1, height: 1, kind: 3, data: new Uint8Array([255, 255, 255, 255]) };
    expect([...imageToPgm(rgba, 10).subarray(-1)]).toEqual([255]);
    const bits = { width: 9, height: 1, kind: 1, data: new Uint8Array([0b10100000, 0b10000000]) };
    expect([...imageToPgm(bits, 9).subarray(-9)]).toEqual([255, 0, 255, 0, 0, 0, 0, 0, 255]);
  });
});

describe('tesseract TSV', () => {
  it('keeps tesseract lines, joins CJK words without spaces and English words with one', () => {
    const row = (level: number, line: number, left: number, top: number, w: number, h: number, text = '') =>
      [level, 1, 1, 1, line, 1, left, top, w, h, level === 5 ? 95 : -1, text].join('\t');
    const tsv = [
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
      row(1, 0, 0, 0, 1000, 1400),
      row(5, 1, 100, 100, 60, 30, '水土'),
      row(5, 1, 162, 100, 60, 30, '保持'),
      row(5, 1, 240, 100, 50, 30, 'soil'),
      row(5, 1, 300, 100, 60, 30, 'test'),
      row(5, 2, 100, 150, 60, 30, '牵头'),
      row(5, 2, 400, 150, 60, 30, '县水利局'),
    ].join('\n');
    const page = parseTesseractTsv(tsv);
    expect(page).toMatchObject({ width: 1000, height: 1400 });
    expect(page.lines.map((l) => l.text)).toEqual(['水土保持soil test', '牵头\t县水利局']);
  });
});

describe.runIf(shouldRunWith('tesseract', 'OCR of scanned pages'))('OCR with tesseract (chi_sim)', () => {
  let p1: ScanPage;
  let p2: ScanPage;
  beforeAll(() => {
    requireTool('tesseract');
    // Two paragraphs a page: enough text for a stable error rate, little enough to stay quick.
    p1 = renderScan(PROSE.slice(2, 4), { footer: '— 1 —' });
    p2 = renderScan(PROSE.slice(8, 10), { footer: '— 2 —' });
  });

  it('reads a scanned PDF: ≤ 3% character errors, footers dropped, pages marked as OCR, progress per page', async () => {
    const seen: DecodeProgress[] = [];
    const raw = await readDocument({ name: 'scan.pdf', bytes: buildScannedPdf([p1, p2]) }, { maxBytes: 20e6, onProgress: (p) => seen.push(p) });
    expect(raw.format).toBe('pdf');
    expect(raw.ocr).toBe(true);
    expect(raw.pages?.map((p) => p.ocr)).toEqual([true, true]);
    const page = (i: number) => raw.text.slice(raw.pages![i].start, raw.pages![i].end);
    expect(characterErrorRate(p1.text, page(0))).toBeLessThanOrEqual(0.03);
    expect(characterErrorRate(p2.text, page(1))).toBeLessThanOrEqual(0.03);
    expect(raw.text).not.toMatch(/[—一]\s*[12]\s*[—一]/);
    // OCR progress: the first page is reported as started (0 done), then each page as it is recognised.
    const ocr = seen.filter((p) => p.stage === 'ocr');
    expect(ocr[0].page).toBe(0);
    expect(ocr.at(-1)).toMatchObject({ page: 2, pages: 2 });
    expect(ocr.every((p, i) => i === 0 || p.page >= ocr[i - 1].page)).toBe(true);
  }, 60_000);

  it('reads PNG, JPEG and multi-page TIFF scans', async () => {
    for (const [name, bytes] of [
      ['s.png', p1.png],
      ['s.jpg', p1.jpeg],
    ] as const) {
      const raw = await readDocument({ name, bytes }, { maxBytes: 20e6 });
      expect(raw.format, name).toBe('image');
      expect(characterErrorRate(p1.text, raw.text), name).toBeLessThanOrEqual(0.03);
    }
    const half = (p: ScanPage) => renderScan(p.text.split('\n'), { dpi: 200, footer: '' });
    const tif = await readDocument({ name: 's.tif', bytes: buildTiff([half(p1), half(p2)]) }, { maxBytes: 20e6 });
    expect(tif.pages).toHaveLength(2);
    expect(characterErrorRate(`${p1.text}${p2.text}`, tif.text)).toBeLessThanOrEqual(0.03);
  }, 90_000);

  it('OCRs only the scanned page of a mixed PDF, and enforces the OCR limits', async () => {
    const text = typesetPdfPages(['一、总体目标', '到2025年，全县水土保持率达到56.04%。'])[0];
    const scan = buildScannedPdf([p1]);
    // A PDF whose first page has a text layer and second page is the scan: build both pages by hand.
    // The scan is placed with a margin, so it is not a full-page image: the page is rendered (not the fast path).
    const W = (p1.width * 72) / p1.dpi;
    const H = (p1.height * 72) / p1.dpi;
    const placed = { jpeg: p1.jpeg, width: p1.width, height: p1.height, box: [20, 20, W - 40, H - 40] as [number, number, number, number] };
    const mixed = buildPdf([text, { width: W, height: H, image: placed }]);
    const raw = await readDocument({ name: 'mixed.pdf', bytes: mixed }, { maxBytes: 20e6 });
    expect(raw.pages?.map((p) => p.ocr ?? false)).toEqual([false, true]);
    expect(raw.text.startsWith('一、总体目标\n到2025年，全县水土保持率达到56.04%。\n')).toBe(true);
    expect(characterErrorRate(p1.text, raw.text.slice(raw.pages![1].start))).toBeLessThanOrEqual(0.03);
    expect(await codeOf(readDocument({ name: 'two.pdf', bytes: buildScannedPdf([p1, p2]) }, { maxBytes: 20e6, limits: { maxOcrPages: 1 } }))).toBe(
      'OCR_TOO_MANY_PAGES',
    );
    expect(await codeOf(readDocument({ name: 'slow.pdf', bytes: scan }, { maxBytes: 20e6, limits: { ocrPageTimeoutMs: 20 } }))).toBe('OCR_TIMEOUT');
  }, 90_000);
});
