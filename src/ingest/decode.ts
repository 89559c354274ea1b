/**
 * Reading an input file into a {@link RawDocument}: what kind of file it is and which encoding
 * it uses are decided from its bytes (a GBK file named .txt, an HTML page saved as .txt and a
 * PDF renamed .docx all occur); the name only rules out formats we do not read.
 *
 * `text` of the result is the "original" every later offset points into: the decoded file for
 * .txt/.md, the extracted article text for HTML and .docx.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { AppError } from '../core/errors.js';
import { extractDocxText } from './decode/docx.js';
import { declaredCharset, extractHtmlText, looksLikeHtml, type HtmlOptions } from './decode/html.js';
import { decodeText, looksBinary } from './decode/text.js';
import type { RawDocument, SourceFormat } from './types.js';

/** Options of {@link readDocument}. */
export interface DecodeOptions {
  /** Largest file accepted, in bytes. Default 5 MB. */
  maxBytes: number;
  /** HTML extraction settings (article containers, minimum article size). */
  html?: Partial<HtmlOptions>;
}

/** Defaults of {@link DecodeOptions}. */
export const defaultDecodeOptions: DecodeOptions = { maxBytes: 5 * 1024 * 1024 };

/** Extensions read as documents. Files with no extension are sniffed. */
const TEXT_EXTENSIONS = new Set(['.txt', '.text', '.md', '.markdown']);
const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml', '.shtml']);
const READABLE_EXTENSIONS = new Set([...TEXT_EXTENSIONS, ...HTML_EXTENSIONS, '.docx', '']);

/** What the bytes are, by their first bytes. */
export type Sniffed = 'zip' | 'pdf' | 'ole' | 'rtf' | 'binary' | 'text';

/**
 * Sniffs the container format from the bytes: a zip (PK header, a .docx candidate), PDF, an
 * OLE2 compound file (legacy .doc/.wps/.xls), RTF, other binary, or text.
 */
export function sniffBytes(bytes: Uint8Array): Sniffed {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return 'zip';
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf';
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'ole';
  if (starts(0x7b, 0x5c, 0x72, 0x74, 0x66)) return 'rtf';
  return looksBinary(bytes) ? 'binary' : 'text';
}

/**
 * Decodes one input file. `name` is the file name (its base name becomes the id); `path` is
 * kept for reporting. Throws AppError: FILE_EMPTY, FILE_TOO_LARGE, FILE_UNSUPPORTED,
 * FILE_BINARY, FILE_UNDECODABLE, DOCX_INVALID, NO_TEXT.
 */
export async function readDocument(
  input: { path?: string; name: string; bytes: Buffer },
  options: Partial<DecodeOptions> = {},
): Promise<RawDocument> {
  const opts: DecodeOptions = { ...defaultDecodeOptions, ...options };
  const { bytes } = input;
  const id = basename(input.name);
  const ext = extname(id).toLowerCase();
  if (bytes.length === 0) throw new AppError('FILE_EMPTY', `${id} is empty (0 bytes)`);
  if (bytes.length > opts.maxBytes) {
    throw new AppError('FILE_TOO_LARGE', `${id} is ${bytes.length} bytes; the limit is ${opts.maxBytes}`, { details: { bytes: bytes.length, maxBytes: opts.maxBytes } });
  }
  if (!READABLE_EXTENSIONS.has(ext)) {
    throw new AppError('FILE_UNSUPPORTED', `${id}: ${ext} files are not supported; use .txt, .md, .html or .docx (save PDFs and scans as text first)`);
  }
  const base = { id, ...(input.path !== undefined ? { path: input.path } : {}), sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
  const kind = sniffBytes(bytes);
  if (kind === 'pdf') throw new AppError('FILE_UNSUPPORTED', `${id} is a PDF; convert it to .txt or .docx first`);
  if (kind === 'ole') throw new AppError('FILE_UNSUPPORTED', `${id} is a legacy Word/WPS/Excel file; save it as .docx first`);
  if (kind === 'rtf') throw new AppError('FILE_UNSUPPORTED', `${id} is an RTF file; save it as .docx or .txt first`);
  if (kind === 'binary') throw new AppError('FILE_BINARY', `${id} looks like a binary file, not text, HTML or .docx`);
  if (kind === 'zip') {
    const text = await extractDocxText(bytes, id);
    return { ...base, format: 'docx', encoding: 'n/a', text };
  }
  if (ext === '.docx') throw new AppError('DOCX_INVALID', `${id} is named .docx but is not a .docx (zip) file`);

  const decoded = decodeText(bytes, declaredCharset(bytes));
  if (!decoded) throw new AppError('FILE_UNDECODABLE', `${id} is neither valid UTF-8 nor readable GB18030/GBK text`);
  if (!decoded.text.replace(/[\s\ufeff\u200b]/g, '')) throw new AppError('FILE_EMPTY', `${id} contains only whitespace`);
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
    throw new AppError('FILE_TOO_LARGE', `${basename(path)} is ${size} bytes; the limit is ${opts.maxBytes}`, { details: { bytes: size, maxBytes: opts.maxBytes } });
  }
  const bytes = await readFile(path);
  return readDocument({ path, name: basename(path), bytes }, opts);
}
