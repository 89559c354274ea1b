/**
 * PDF → text through Mozilla's pdf.js (pdfjs-dist 5.6.205, legacy build: the newest that runs
 * on Node 20). Chinese PDFs that use the standard CJK fonts (STSong-Light with UniGB-UCS2-H,
 * GBK-EUC-H, no ToUnicode) come back EMPTY, with only a warning, unless pdf.js is given its
 * CMaps (`cMapUrl`, `cMapPacked`) and standard font data — both ship inside pdfjs-dist.
 *
 * Each page's text layer is grouped into lines (layout-lines.ts). A page without a text layer
 * that paints an image, or whose text is garbage (fonts without a Unicode map), is rendered
 * onto @napi-rs/canvas — the copy pdf.js itself loads, through its canvas factory — and OCR'd.
 * The pages are then assembled into paragraphs with a page map (layout.ts).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../core/errors.js';
import { assemblePages, type AssembledText } from './layout.js';
import { groupRunsIntoLines, type LayoutPage, type TextRun } from './layout-lines.js';
import { checkPageCount, checkPixels, checkTextLength } from './limits.js';
import { OcrQueue, type PagedContext } from './ocr-pages.js';
import { fullPageImage } from './pdf-scan.js';

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = Awaited<ReturnType<Pdfjs['getDocument']>['promise']>;
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

let pdfjs: Promise<{ lib: Pdfjs; assets: string }> | undefined;

/** pdf.js and the folder of its assets (cmaps/, standard_fonts/, wasm/), loaded on the first PDF. */
function loadPdfjs(): Promise<{ lib: Pdfjs; assets: string }> {
  pdfjs ??= (async () => {
    const require = createRequire(import.meta.url);
    const assets = dirname(require.resolve('pdfjs-dist/package.json'));
    // The minified legacy build and worker: the same code, but loading it through tsx's module
    // hooks takes half the time (≈2.5 s instead of 6 s on the first PDF of a process).
    const minified: string = 'pdfjs-dist/legacy/build/pdf.min.mjs';
    const lib = (await import(minified)) as Pdfjs;
    lib.GlobalWorkerOptions.workerSrc = pathToFileURL(join(assets, 'legacy', 'build', 'pdf.worker.min.mjs')).href;
    return { lib, assets };
  })();
  return pdfjs;
}

/** Text with fewer letters or digits than this on a page that paints an image: a scan. */
const MIN_TEXT_CHARS = 10;

/** Counts the letters and digits of a text, and how many of them look like garbage (private-use, U+FFFD, controls). */
function textQuality(text: string): { meaningful: number; garbage: number } {
  let meaningful = 0;
  let garbage = 0;
  for (const ch of text) {
    if (/[\ue000-\uf8ff\ufffd\u0000-\u0008\u000e-\u001f]/.test(ch)) garbage++;
    else if (/[\p{L}\p{N}]/u.test(ch)) meaningful++;
  }
  return { meaningful, garbage };
}

/** The text layer of a page as runs, y down from the top; rotated text (watermarks, stamps) is left out. */
async function pageRuns(page: PdfPage): Promise<{ runs: TextRun[]; width: number; height: number }> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const runs: TextRun[] = [];
  for (const item of content.items) {
    if (!('str' in item) || !item.str) continue;
    const [a, b, c, d, e, f] = item.transform as number[];
    if (Math.abs(b) > 1e-3 || Math.abs(c) > 1e-3 || a <= 0) continue;
    const [x, y] = viewport.convertToViewportPoint(e, f);
    runs.push({ text: item.str, x, y, width: item.width, size: Math.abs(d) || item.height });
  }
  return { runs, width: viewport.width, height: viewport.height };
}

/** True when the page paints an image (a scan, or a photo of one). */
async function paintsImage(lib: Pdfjs, page: PdfPage): Promise<boolean> {
  const ops = await page.getOperatorList();
  const IMAGE_OPS = new Set<number>([
    lib.OPS.paintImageXObject,
    lib.OPS.paintInlineImageXObject,
    lib.OPS.paintImageMaskXObject,
    lib.OPS.paintImageXObjectRepeat,
    lib.OPS.paintInlineImageXObjectGroup,
  ]);
  return ops.fnArray.some((fn) => IMAGE_OPS.has(fn));
}

/**
 * An 8-bit grayscale PGM (P5) of RGBA pixels: tesseract reads it as fast as raw pixels, and
 * writing it costs a tenth of PNG-encoding the page (about 20 ms vs 200 ms at 200 dpi).
 */
export function rgbaToPgm(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Buffer {
  const head = Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1');
  const out = Buffer.allocUnsafe(head.length + width * height);
  head.copy(out, 0);
  for (let i = 0, o = head.length; i < width * height; i++, o++) {
    const p = i * 4;
    // Rec. 601 luma, integer weights.
    out[o] = (rgba[p] * 77 + rgba[p + 1] * 150 + rgba[p + 2] * 29) >> 8;
  }
  return out;
}

/** Renders a page at `dpi` on the canvas pdf.js itself uses, as a grayscale PGM. */
async function renderPage(doc: PdfDocument, page: PdfPage, name: string, dpi: number, ctx: PagedContext): Promise<Buffer> {
  const viewport = page.getViewport({ scale: dpi / 72 });
  const width = Math.ceil(viewport.width);
  const height = Math.ceil(viewport.height);
  checkPixels(name, width, height, ctx.limits);
  const factory = doc.canvasFactory as { create(w: number, h: number): { canvas: unknown; context: CanvasRenderingContext2D }; destroy(c: unknown): void };
  const target = factory.create(width, height);
  try {
    target.context.fillStyle = '#ffffff';
    target.context.fillRect(0, 0, width, height);
    await page.render({ canvas: null, canvasContext: target.context, viewport }).promise;
    return rgbaToPgm(target.context.getImageData(0, 0, width, height).data, width, height);
  } finally {
    factory.destroy(target);
  }
}

/** Maps pdf.js's load errors onto our codes. */
function loadError(name: string, err: unknown): AppError {
  const e = err as { name?: string; message?: string };
  if (e?.name === 'PasswordException') return new AppError('PDF_ENCRYPTED', `${name} is password-protected; save an unprotected copy`, { cause: err });
  return new AppError('PDF_INVALID', `${name} could not be read as a PDF (${e?.message ?? String(err)})`, { cause: err });
}

/**
 * Extracts the text of a PDF with its page map. Throws PDF_INVALID, PDF_ENCRYPTED,
 * TOO_MANY_PAGES, TEXT_TOO_LONG, FILE_TOO_COMPLEX (a page too large to render), and for
 * scanned pages OCR_UNAVAILABLE, OCR_TOO_MANY_PAGES, OCR_TIMEOUT or OCR_FAILED.
 */
export async function readPdf(bytes: Buffer, name: string, ctx: PagedContext): Promise<AssembledText & { ocr: boolean }> {
  const { lib, assets } = await loadPdfjs();
  const task = lib.getDocument({
    // A copy: pdf.js may take ownership of the array it is given.
    data: new Uint8Array(bytes),
    cMapUrl: join(assets, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(assets, 'standard_fonts') + '/',
    wasmUrl: join(assets, 'wasm') + '/',
    iccUrl: join(assets, 'iccs') + '/',
    // No code generated from the file, no system fonts, no network, errors only.
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    enableXfa: false,
    maxImageSize: ctx.limits.maxImagePixels,
    verbosity: 0,
  });
  let doc: PdfDocument;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    throw loadError(name, err);
  }
  try {
    const count = doc.numPages;
    checkPageCount(name, count, ctx.limits);
    const pages: LayoutPage[] = [];
    const ocr = new OcrQueue(name, ctx);
    let chars = 0;
    try {
      for (let i = 1; i <= count; i++) {
        const page = await doc.getPage(i);
        const { runs, width, height } = await pageRuns(page);
        const lines = groupRunsIntoLines(runs);
        const q = textQuality(lines.map((l) => l.text).join(''));
        const garbled = q.garbage > 0.3 * (q.garbage + q.meaningful);
        pages.push({ width, height, lines: garbled ? [] : lines });
        // A scan: little text but an image, or text in fonts without a Unicode map. pdf.js
        // caches the operator list built for the test per intent, so the render reuses it.
        if (garbled || (q.meaningful < MIN_TEXT_CHARS && (await paintsImage(lib, page)))) {
          await ocr.add(i - 1, async () => ({
            image: (await fullPageImage(lib, page, ctx.ocr.renderDpi)) ?? (await renderPage(doc, page, name, ctx.ocr.renderDpi, ctx)),
          }));
        }
        // Stop early on a huge text layer rather than after assembling it.
        chars += q.meaningful;
        checkTextLength(name, chars, ctx.limits);
        page.cleanup();
        ctx.onProgress?.({ file: name, stage: 'page', page: i, pages: count });
      }
    } finally {
      // Never leave tesseract processes behind a failed read.
      await ocr.finish().catch(() => undefined);
    }
    const ocred = await ocr.finish();
    // OCR'd pages stay in pixels: the layout measures margins per kind and size of page.
    for (const [k, p] of ocred) pages[k] = p;
    const assembled = assemblePages(pages);
    checkTextLength(name, assembled.text, ctx.limits);
    return { ...assembled, ocr: ocred.size > 0 };
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('PDF_INVALID', `${name} could not be read as a PDF (${(err as Error).message})`, { cause: err });
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}
