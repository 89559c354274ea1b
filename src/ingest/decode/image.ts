/**
 * Scanned images (.png, .jpg/.jpeg, .tif/.tiff): their size and pages are read from the
 * headers, without decoding a pixel, so an image bomb (a 100 000 × 100 000 PNG of 50 KB) or a
 * TIFF of 10 000 pages is refused before OCR starts.
 */
import { AppError } from '../../core/errors.js';
import { scaleImage } from './canvas.js';
import { assemblePages, type AssembledText } from './layout.js';
import { checkPageCount, checkPixels, checkTextLength } from './limits.js';
import { OcrQueue, type PagedContext } from './ocr-pages.js';

/** Image containers we OCR. */
export type ImageKind = 'png' | 'jpeg' | 'tiff';

/** Size of each page of an image (one page unless a multi-page TIFF). */
export interface ImageInfo {
  kind: ImageKind;
  pages: { width: number; height: number }[];
}

/** The image container of the bytes, by signature, or null. */
export function sniffImage(b: Uint8Array): ImageKind | null {
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 4 && ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && b[3] === 0x2a)))
    return 'tiff';
  return null;
}

const invalid = (name: string, why: string) => new AppError('IMAGE_INVALID', `${name}: ${why}`);

function pngSize(b: Buffer, name: string): { width: number; height: number } {
  if (b.length < 24 || b.toString('latin1', 12, 16) !== 'IHDR') throw invalid(name, 'not a readable PNG (no IHDR header)');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function jpegSize(b: Buffer, name: string): { width: number; height: number } {
  let p = 2;
  while (p + 9 < b.length) {
    if (b[p] !== 0xff) throw invalid(name, 'not a readable JPEG (marker expected)');
    const marker = b[p + 1];
    if (marker === 0xff) {
      p++;
      continue;
    }
    // SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: b.readUInt16BE(p + 5), width: b.readUInt16BE(p + 7) };
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      p += 2;
      continue;
    }
    p += 2 + b.readUInt16BE(p + 2);
  }
  throw invalid(name, 'not a readable JPEG (no frame header)');
}

/** Walks the IFD chain of a TIFF (stopping past `maxPages`, or on a loop) for each page's size. */
function tiffPages(b: Buffer, name: string, maxPages: number): { width: number; height: number }[] {
  const le = b[0] === 0x49;
  const u16 = (o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const pages: { width: number; height: number }[] = [];
  const seen = new Set<number>();
  let ifd = u32(4);
  while (ifd !== 0) {
    if (seen.has(ifd) || ifd + 2 > b.length) throw invalid(name, 'not a readable TIFF (damaged directory chain)');
    seen.add(ifd);
    const n = u16(ifd);
    if (ifd + 2 + n * 12 + 4 > b.length) throw invalid(name, 'not a readable TIFF (truncated directory)');
    let width = 0;
    let height = 0;
    for (let i = 0; i < n; i++) {
      const e = ifd + 2 + i * 12;
      const tag = u16(e);
      const type = u16(e + 2);
      const value = type === 3 ? u16(e + 8) : u32(e + 8);
      if (tag === 256) width = value;
      if (tag === 257) height = value;
    }
    pages.push({ width, height });
    // One past the limit is enough to refuse; the rest is not read.
    if (pages.length > maxPages) break;
    ifd = u32(ifd + 2 + n * 12);
  }
  if (!pages.length) throw invalid(name, 'not a readable TIFF (no pages)');
  return pages;
}

/**
 * Reads the kind and page sizes of an image from its headers. Throws IMAGE_INVALID when the
 * header cannot be read. A TIFF is read up to `maxPages + 1` pages.
 */
export function readImageInfo(bytes: Buffer, name: string, maxPages: number): ImageInfo {
  const kind = sniffImage(bytes);
  if (!kind) throw invalid(name, 'not a PNG, JPEG or TIFF image');
  try {
    if (kind === 'png') return { kind, pages: [pngSize(bytes, name)] };
    if (kind === 'jpeg') return { kind, pages: [jpegSize(bytes, name)] };
    return { kind, pages: tiffPages(bytes, name, maxPages) };
  } catch (err) {
    if (err instanceof AppError) throw err;
    // A read past the end of a truncated header.
    throw invalid(name, `damaged image header (${(err as Error).message})`);
  }
}

/**
 * OCRs a scanned image (each page of a multi-page TIFF) into text with a page map. Throws
 * IMAGE_INVALID, FILE_TOO_COMPLEX (pixels), TOO_MANY_PAGES, TEXT_TOO_LONG, NO_TEXT and the
 * OCR errors (OCR_UNAVAILABLE, OCR_TOO_MANY_PAGES, OCR_TIMEOUT, OCR_FAILED).
 */
export async function readImage(bytes: Buffer, name: string, ctx: PagedContext): Promise<AssembledText> {
  const info = readImageInfo(bytes, name, ctx.limits.maxPages);
  checkPageCount(name, info.pages.length, ctx.limits);
  for (const p of info.pages) checkPixels(name, p.width, p.height, ctx.limits);
  const multi = info.kind === 'tiff' && info.pages.length > 1;
  const { width } = info.pages[0];
  const scale = info.kind !== 'tiff' && width > ctx.ocr.maxImageWidth;
  const queue = new OcrQueue(name, ctx, info.pages.length);
  try {
    for (let k = 0; k < info.pages.length; k++) {
      await queue.add(k, async () => {
        if (scale) return { image: (await scaleImage(bytes, ctx.ocr.scaledWidth)) ?? bytes };
        return { image: bytes, ...(multi ? { tiffPage: k } : {}) };
      });
    }
  } finally {
    await queue.finish().catch(() => undefined);
  }
  const ocred = await queue.finish();
  const assembled = assemblePages(info.pages.map((_, k) => ocred.get(k)!));
  checkTextLength(name, assembled.text, ctx.limits);
  if (!/[\p{L}\p{N}]/u.test(assembled.text)) throw new AppError('NO_TEXT', `${name}: OCR found no text in the image`);
  return assembled;
}
