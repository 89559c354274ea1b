/**
 * Reading an input file into a {@link RawDocument}: what kind of file it is and which encoding
 * it uses are decided from its bytes (a GBK file named .txt, an HTML page saved as .txt and a
 * PDF renamed .docx all occur); the name only rules out formats we do not read, and chooses
 * between the legacy formats that share a container (.doc / .wps / .xls are all OLE2 files).
 *
 * `text` of the result is the "original" every later offset points into: the decoded file for
 * .txt/.md, the extracted article text for HTML and .docx, the assembled page text for PDF,
 * OFD and scans (with a page map, `pages`, and `ocr` when some of it was recognised).
 * Formats and their readers: decode/pdf.ts, decode/image.ts (OCR), decode/doc.ts,
 * decode/office.ts (.wps/.xls via LibreOffice), decode/ofd.ts; limits in decode/limits.ts.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { AppError, type ErrorCode } from '../core/errors.js';
import { extractDocText } from './decode/doc.js';
import { extractDocxText } from './decode/docx.js';
import { declaredCharset, extractHtmlText, looksLikeHtml, type HtmlOptions } from './decode/html.js';
import { readImage, sniffImage } from './decode/image.js';
import type { AssembledText } from './decode/layout.js';
import { checkTextLength, defaultFormatLimits, type FormatLimits } from './decode/limits.js';
import { defaultOcrOptions, type OcrOptions } from './decode/ocr.js';
import type { DecodeProgress, PagedContext } from './decode/ocr-pages.js';
import { extractConvertedText, type ConvertOptions } from './decode/office.js';
import { readOfd } from './decode/ofd.js';
import { checkOleFile } from './decode/ole-guard.js';
import { readPdf } from './decode/pdf.js';
import { decodeText, looksBinary } from './decode/text.js';
import { listZipEntries } from './decode/zip-guard.js';
import type { RawDocument, SourceFormat } from './types.js';

export { pageAt, pageRange, isOcrAt, pageText, type PageText } from './decode/pages.js';
export type { DecodeProgress } from './decode/ocr-pages.js';
export type { FormatLimits } from './decode/limits.js';
export { defaultFormatLimits } from './decode/limits.js';

/** Options of {@link readDocument}. */
export interface DecodeOptions {
  /** Largest file accepted, in bytes. Default 5 MB. */
  maxBytes: number;
  /** HTML extraction settings (article containers, minimum article size). */
  html?: Partial<HtmlOptions>;
  /** Pages, OCR, zip and text limits (see {@link FormatLimits}; defaults in `defaultFormatLimits`). */
  limits?: Partial<FormatLimits>;
  /** The OCR engine (tesseract program, languages, render resolution, parallel pages). */
  ocr?: Partial<OcrOptions>;
  /** The LibreOffice program used for .wps and .xls. */
  convert?: Partial<ConvertOptions>;
  /** Called after each page is read (PDF, OFD) or OCR'd (scans), for a progress bar. */
  onProgress?: (progress: DecodeProgress) => void;
}

/** Defaults of {@link DecodeOptions}. */
export const defaultDecodeOptions: DecodeOptions = { maxBytes: 5 * 1024 * 1024 };

/** Extensions read as documents. Files with no extension are sniffed. */
const TEXT_EXTENSIONS = new Set(['.txt', '.text', '.md', '.markdown']);
const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml', '.shtml']);
const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.tif', '.tiff']);
const BINARY_EXTENSIONS: Record<string, ErrorCode> = {
  '.docx': 'DOCX_INVALID',
  '.pdf': 'PDF_INVALID',
  '.doc': 'DOC_INVALID',
  '.ofd': 'OFD_INVALID',
  '.wps': 'CONVERSION_FAILED',
  '.xls': 'CONVERSION_FAILED',
};
for (const e of IMAGE_EXTENSIONS) BINARY_EXTENSIONS[e] = 'IMAGE_INVALID';
/** Every extension {@link readDocument} accepts ('' = no extension, sniffed). */
export const READABLE_EXTENSIONS: ReadonlySet<string> = new Set([...TEXT_EXTENSIONS, ...HTML_EXTENSIONS, ...Object.keys(BINARY_EXTENSIONS), '']);

/** What the bytes are, by their first bytes. */
export type Sniffed = 'zip' | 'pdf' | 'ole' | 'rtf' | 'image' | 'binary' | 'text';

/**
 * Sniffs the container format from the bytes: a zip (PK header: .docx or OFD), PDF (its
 * header may follow up to 1 KB of junk, as readers allow), an OLE2 compound file (legacy
 * .doc/.wps/.xls), RTF, a PNG/JPEG/TIFF image, other binary, or text.
 */
export function sniffBytes(bytes: Uint8Array): Sniffed {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return 'zip';
  if (Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).includes('%PDF-', 0, 'latin1')) return 'pdf';
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'ole';
  if (starts(0x7b, 0x5c, 0x72, 0x74, 0x66)) return 'rtf';
  if (sniffImage(bytes)) return 'image';
  return looksBinary(bytes) ? 'binary' : 'text';
}

/**
 * The extension that names what the bytes are (`.pdf`, `.png`, `.doc`, `.xls`, `.docx`,
 * `.ofd`), or null for text, HTML and anything unreadable: for an upload whose client-given
 * name cannot be trusted.
 */
export function suggestExtension(bytes: Buffer): string | null {
  const kind = sniffBytes(bytes);
  if (kind === 'pdf') return '.pdf';
  if (kind === 'image') return { png: '.png', jpeg: '.jpg', tiff: '.tif' }[sniffImage(bytes)!];
  try {
    if (kind === 'ole') return checkOleFile(bytes, 'upload', 'DOC_INVALID').names.some((n) => n === 'Workbook' || n === 'Book') ? '.xls' : '.doc';
    if (kind === 'zip') return zipKind(bytes, 'upload', '') === 'ofd' ? '.ofd' : '.docx';
  } catch {
    return null;
  }
  return null;
}

/** Which zip-based format a zip is, from its central directory (nothing inflated). */
function zipKind(bytes: Buffer, id: string, ext: string): 'docx' | 'ofd' {
  const code = ext === '.ofd' ? 'OFD_INVALID' : 'DOCX_INVALID';
  const names = listZipEntries(bytes, id, code).map((e) => e.name.toLowerCase());
  if (names.includes('ofd.xml')) return 'ofd';
  if (names.some((n) => n.startsWith('word/'))) return 'docx';
  throw new AppError(code, `${id} is a zip archive but neither a .docx nor an OFD document`);
}

/** Decodes a binary (non-text) format; null for text and HTML. */
async function readBinary(
  kind: Sniffed,
  bytes: Buffer,
  id: string,
  ext: string,
  opts: DecodeOptions,
  limits: FormatLimits,
): Promise<{ format: SourceFormat; text: string; paged?: AssembledText & { ocr?: boolean } } | null> {
  const ctx: PagedContext = { limits, ocr: { ...defaultOcrOptions, ...opts.ocr }, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) };
  if (kind === 'pdf') {
    const paged = await readPdf(bytes, id, ctx);
    if (!/[\p{L}\p{N}]/u.test(paged.text)) throw new AppError('NO_TEXT', `${id} has no text (blank pages, or vector drawings only)`);
    return { format: 'pdf', text: paged.text, paged };
  }
  if (kind === 'image') {
    // OCR is costly and an image under a text name is more likely a mistake than a scan.
    if (ext && !IMAGE_EXTENSIONS.has(ext))
      throw new AppError('FILE_BINARY', `${id} is an image, not a text document; name it .png, .jpg or .tif to have it OCR'd`);
    const paged = await readImage(bytes, id, ctx);
    return { format: 'image', text: paged.text, paged: { ...paged, ocr: true } };
  }
  if (kind === 'ole') {
    const names = checkOleFile(bytes, id, ext === '.xls' || ext === '.wps' ? 'CONVERSION_FAILED' : 'DOC_INVALID').names;
    const isBook = names.some((n) => n === 'Workbook' || n === 'Book');
    if (ext === '.xls' || isBook) return { format: 'xls', text: await extractConvertedText(bytes, id, 'xls', limits, opts.convert) };
    if (ext === '.wps') return { format: 'wps', text: await extractConvertedText(bytes, id, 'wps', limits, opts.convert) };
    return { format: 'doc', text: await extractDocText(bytes, id) };
  }
  if (kind === 'zip') {
    if (zipKind(bytes, id, ext) === 'ofd') {
      const paged = await readOfd(bytes, id, limits, opts.onProgress);
      return { format: 'ofd', text: paged.text, paged };
    }
    return { format: 'docx', text: await extractDocxText(bytes, id, limits) };
  }
  return null;
}

/**
 * Decodes one input file. `name` is the file name (its base name becomes the id); `path` is
 * kept for reporting. Throws AppError: FILE_EMPTY, FILE_TOO_LARGE, FILE_UNSUPPORTED,
 * FILE_BINARY, FILE_UNDECODABLE, DOCX_INVALID, NO_TEXT, TEXT_TOO_LONG, and for the paged and
 * legacy formats PDF_INVALID, PDF_ENCRYPTED, IMAGE_INVALID, DOC_INVALID, OFD_INVALID,
 * FILE_TOO_COMPLEX, TOO_MANY_PAGES, OCR_UNAVAILABLE, OCR_TOO_MANY_PAGES, OCR_TIMEOUT,
 * OCR_FAILED, CONVERTER_UNAVAILABLE, CONVERSION_FAILED.
 */
export async function readDocument(input: { path?: string; name: string; bytes: Buffer }, options: Partial<DecodeOptions> = {}): Promise<RawDocument> {
  const opts: DecodeOptions = { ...defaultDecodeOptions, ...options };
  const limits: FormatLimits = { ...defaultFormatLimits, ...opts.limits };
  const { bytes } = input;
  const id = basename(input.name);
  const ext = extname(id).toLowerCase();
  if (bytes.length === 0) throw new AppError('FILE_EMPTY', `${id} is empty (0 bytes)`);
  if (bytes.length > opts.maxBytes) {
    throw new AppError('FILE_TOO_LARGE', `${id} is ${bytes.length} bytes; the limit is ${opts.maxBytes}`, {
      details: { bytes: bytes.length, maxBytes: opts.maxBytes },
    });
  }
  if (!READABLE_EXTENSIONS.has(ext)) {
    throw new AppError(
      'FILE_UNSUPPORTED',
      `${id}: ${ext} files are not supported; use .txt, .md, .html, .docx, .doc, .wps, .xls, .pdf, .ofd or a .png/.jpg/.tif scan`,
    );
  }
  const base = { id, ...(input.path !== undefined ? { path: input.path } : {}), sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
  const kind = sniffBytes(bytes);
  if (kind === 'rtf') throw new AppError('FILE_UNSUPPORTED', `${id} is an RTF file; save it as .docx or .txt first`);
  if (kind === 'binary') throw new AppError('FILE_BINARY', `${id} looks like a binary file, not a document format we read`);
  const binary = await readBinary(kind, bytes, id, ext, opts, limits);
  if (binary) {
    checkTextLength(id, binary.text, limits);
    const paged = binary.paged ? { pages: binary.paged.pages, ...(binary.paged.ocr ? { ocr: true } : {}) } : {};
    return { ...base, format: binary.format, encoding: 'n/a', text: binary.text, ...paged };
  }
  const expected = BINARY_EXTENSIONS[ext];
  if (expected) throw new AppError(expected, `${id} is named ${ext} but is not a ${ext} file (its bytes are text)`);

  const decoded = decodeText(bytes, declaredCharset(bytes));
  if (!decoded) throw new AppError('FILE_UNDECODABLE', `${id} is neither valid UTF-8 nor readable GB18030/GBK text`);
  if (!decoded.text.replace(/[\s\ufeff\u200b]/g, '')) throw new AppError('FILE_EMPTY', `${id} contains only whitespace`);
  checkTextLength(id, decoded.text, limits);
  const isHtml = looksLikeHtml(decoded.text) || (HTML_EXTENSIONS.has(ext) && /<\/?[a-z][a-z0-9]*[\s>]/i.test(decoded.text));
  if (isHtml) {
    let text: string;
    try {
      text = extractHtmlText(decoded.text, opts.html);
    } catch (err) {
      if (err instanceof AppError && err.code === 'NO_TEXT') throw new AppError('NO_TEXT', `${id}: ${err.message}`, { cause: err });
      throw err;
    }
    return { ...base, format: 'html', encoding: decoded.encoding, text };
  }
  const format: SourceFormat = ext === '.md' || ext === '.markdown' ? 'md' : 'txt';
  return { ...base, format, encoding: decoded.encoding, text: decoded.text };
}

/**
 * Reads and decodes a file from disk. Checks the size before reading, so an oversize file is
 * never loaded. Throws FILE_NOT_FOUND when it does not exist, else as {@link readDocument}.
 */
export async function readDocumentFile(path: string, options: Partial<DecodeOptions> = {}): Promise<RawDocument> {
  const opts: DecodeOptions = { ...defaultDecodeOptions, ...options };
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new AppError('FILE_NOT_FOUND', `${path} is not a file`);
    size = s.size;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('FILE_NOT_FOUND', `${path} does not exist`, { cause: err });
  }
  if (size > opts.maxBytes) {
    throw new AppError('FILE_TOO_LARGE', `${basename(path)} is ${size} bytes; the limit is ${opts.maxBytes}`, {
      details: { bytes: size, maxBytes: opts.maxBytes },
    });
  }
  const bytes = await readFile(path);
  return readDocument({ path, name: basename(path), bytes }, opts);
}
