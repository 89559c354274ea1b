/**
 * OCR of scanned pages, offline, with Debian's tesseract (`tesseract-ocr` +
 * `tesseract-ocr-chi-sim`) run as a program. Measured on this project's 2-core machine against
 * tesseract.js 7 pointed at the same Debian traineddata: the same accuracy (2.2% vs 2.0%
 * character errors on a 300 dpi page of prose) and speed (2.4 s a page each), but the program
 * needs half the memory (170 MB vs 340 MB), no npm dependency, and a stuck page is killed by
 * a timeout. One thread per process (`OMP_THREAD_LIMIT=1`: with two, OpenMP made a page 2.5×
 * slower here); pages run in parallel instead.
 *
 * Output is tesseract's TSV (word boxes grouped into lines), turned into the same line model
 * as a PDF text layer, so scanned pages get the same paragraph joining, header/footer removal
 * and table cells.
 */
import { AppError } from '../../core/errors.js';
import { buildLine, type LayoutLine, type LayoutPage, type TextRun } from './layout-lines.js';
import { runTool } from './tool.js';

/** Options of the OCR engine. Defaults in {@link defaultOcrOptions}. */
export interface OcrOptions {
  /** The tesseract program. Default `tesseract` (on PATH). */
  command: string;
  /** Languages, `+`-joined. Default `chi_sim` (its model reads Latin letters and digits too). */
  languages: string;
  /** Page segmentation mode: 6 (one uniform block) kept every line of test pages where 3 (automatic) dropped some. Default 6. */
  pageSegMode: number;
  /** Folder of the .traineddata files; tesseract's built-in default (Debian: /usr/share/tesseract-ocr/5/tessdata) when unset. */
  tessdataDir?: string;
  /** Pages OCR'd at once (one process each, one thread each). Default 2. */
  concurrency: number;
  /**
   * Resolution scanned PDF pages are rendered at. On test scans 150 dpi read as well as 200
   * (1.0–1.3% character errors for 10.5–16 pt text) and up to a third faster; 300 dpi read
   * worse (3–4.5%: tesseract works best on glyphs 25–45 px high). Default 150.
   */
  renderDpi: number;
  /** PNG/JPEG scans wider than this many pixels are scaled down to `scaledWidth` first (TIFFs are OCR'd as they are). Default 1600. */
  maxImageWidth: number;
  /** The width large scans are scaled to (A4 at 150 dpi). Default 1240. */
  scaledWidth: number;
}

/** Documented defaults of {@link OcrOptions}. */
export const defaultOcrOptions: OcrOptions = {
  command: 'tesseract',
  languages: 'chi_sim',
  pageSegMode: 6,
  concurrency: 2,
  renderDpi: 150,
  maxImageWidth: 1600,
  scaledWidth: 1240,
};

/** Gap between word boxes, in glyph heights, that separates table cells in OCR output. */
const OCR_CELL_GAP = 1.6;

const availability = new Map<string, Promise<string | null>>();

/**
 * Null when the OCR engine and its languages are installed, else why not. Probed once per
 * command and language set (a process per call would cost 50 ms).
 */
export function probeOcr(options: Partial<OcrOptions> = {}): Promise<string | null> {
  const opts = { ...defaultOcrOptions, ...options };
  const key = `${opts.command}\0${opts.languages}\0${opts.tessdataDir ?? ''}`;
  let probe = availability.get(key);
  if (!probe) {
    const args = [...(opts.tessdataDir ? ['--tessdata-dir', opts.tessdataDir] : []), '--list-langs'];
    probe = runTool(opts.command, args, { timeoutMs: 15_000 }).then((r) => {
      if (r.status === 'missing') return `${opts.command} is not installed`;
      if (r.status !== 'ok') return `${opts.command} --list-langs failed: ${r.stderr.trim().slice(0, 200)}`;
      const langs = new Set(`${r.stdout.toString('utf8')}\n${r.stderr}`.split(/\s+/));
      const missing = opts.languages.split('+').filter((l) => !langs.has(l));
      return missing.length ? `tesseract has no ${missing.join(', ')} model` : null;
    });
    availability.set(key, probe);
  }
  return probe;
}

/** Throws OCR_UNAVAILABLE (naming the packages to install) when OCR cannot run. */
export async function requireOcr(name: string, options: Partial<OcrOptions> = {}): Promise<void> {
  const why = await probeOcr(options);
  if (why)
    throw new AppError('OCR_UNAVAILABLE', `${name} needs OCR, but ${why}: apt-get install tesseract-ocr tesseract-ocr-chi-sim`, {
      details: { packages: ['tesseract-ocr', 'tesseract-ocr-chi-sim'] },
    });
}

/** What to OCR: image bytes (PNG, JPEG, TIFF, …), and for a multi-page TIFF the page. */
export interface OcrInput {
  image: Buffer;
  /** 0-based page of a multi-page TIFF. */
  tiffPage?: number;
}

/**
 * OCRs one page. Throws OCR_TIMEOUT past `timeoutMs`, OCR_FAILED when tesseract cannot read
 * the image, OCR_UNAVAILABLE when it is not installed.
 */
export async function recognizePage(name: string, input: OcrInput, timeoutMs: number, options: Partial<OcrOptions> = {}): Promise<LayoutPage> {
  const opts = { ...defaultOcrOptions, ...options };
  const args = [
    'stdin',
    'stdout',
    ...(opts.tessdataDir ? ['--tessdata-dir', opts.tessdataDir] : []),
    '-l',
    opts.languages,
    '--psm',
    String(opts.pageSegMode),
    ...(input.tiffPage !== undefined ? ['-c', `tessedit_page_number=${input.tiffPage}`] : []),
    'tsv',
  ];
  const r = await runTool(opts.command, args, { input: input.image, timeoutMs, env: { OMP_THREAD_LIMIT: '1' } });
  if (r.status === 'missing')
    throw new AppError('OCR_UNAVAILABLE', `${name} needs OCR, but ${opts.command} is not installed: apt-get install tesseract-ocr tesseract-ocr-chi-sim`);
  if (r.status === 'timeout') {
    throw new AppError('OCR_TIMEOUT', `${name}: OCR of a page took longer than ${timeoutMs} ms`, { details: { ocrPageTimeoutMs: timeoutMs } });
  }
  if (r.status !== 'ok') throw new AppError('OCR_FAILED', `${name}: OCR failed (${r.stderr.trim().split('\n').pop()?.slice(0, 200) ?? r.status})`);
  return { ...parseTesseractTsv(r.stdout.toString('utf8')), ocr: true };
}

/**
 * Parses tesseract's TSV into a page of lines. Tesseract's own line grouping is kept (it
 * follows skewed scans); the words of a line are joined like any other runs (no space
 * between CJK words, a tab at a wide gap). Pure.
 */
export function parseTesseractTsv(tsv: string): LayoutPage {
  let width = 0;
  let height = 0;
  const lines = new Map<string, TextRun[]>();
  for (const row of tsv.split('\n')) {
    const f = row.split('\t');
    if (f.length < 12 || f[0] === 'level') continue;
    const [level, , block, par, line, , left, top, w, h, conf] = f.map(Number);
    if (level === 1) {
      width = Math.max(width, left + w);
      height = Math.max(height, top + h);
      continue;
    }
    const text = f.slice(11).join('\t').trim();
    if (level !== 5 || !text || conf < 0) continue;
    const key = `${block}.${par}.${line}`;
    const runs = lines.get(key) ?? [];
    runs.push({ text, x: left, y: top + h, width: w, size: h });
    lines.set(key, runs);
  }
  const out: LayoutLine[] = [];
  for (const runs of lines.values()) {
    // A CJK word box is about one glyph high; the tallest boxes of a line are its font size.
    const sizes = runs.map((r) => r.size).sort((a, b) => a - b);
    const size = sizes[Math.floor(sizes.length * 0.75)] ?? sizes[0];
    const baseline = Math.max(...runs.map((r) => r.y));
    // Word boxes hug the ink: a 、 ends well before its cell does, so a cell gap must be wider than in a text layer.
    const built = buildLine(
      runs.map((r) => ({ ...r, size, y: baseline })),
      { cellGap: OCR_CELL_GAP },
    );
    if (built) out.push(built);
  }
  out.sort((a, b) => a.y - b.y);
  return { width, height, lines: out };
}
