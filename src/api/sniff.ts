/**
 * Upload type detection from the bytes themselves. A browser's file name and MIME type say
 * what the client believes, not what the file is: a PNG renamed `.txt` must be refused, and a
 * GBK text file the browser labels `application/octet-stream` must be accepted. The upload is
 * then handed to ingest under a name whose extension matches what the bytes are.
 */
import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { AppError } from '../core/errors.js';
import { listZipEntries } from '../ingest/decode/zip-guard.js';
import { normaliseDocId } from '../workspace/upload-name.js';

/** What an upload turned out to be. */
export type SniffedFormat = 'txt' | 'md' | 'html' | 'docx';

export interface SniffResult {
  format: SniffedFormat;
  /** A safe file name whose extension matches `format` (the id the document will get): NFC, at most 200 bytes. */
  name: string;
}

/** Magic numbers of common non-document files, named in the refusal. */
const BINARY_SIGNATURES: { name: string; bytes: number[] }[] = [
  { name: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'a PDF file (convert it to text or .docx first)', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { name: 'a legacy .doc/.xls file (save it as .docx)', bytes: [0xd0, 0xcf, 0x11, 0xe0] },
  { name: 'a gzip archive', bytes: [0x1f, 0x8b] },
  { name: 'an executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'a RAR archive', bytes: [0x52, 0x61, 0x72, 0x21] },
  { name: 'a 7z archive', bytes: [0x37, 0x7a, 0xbc, 0xaf] },
  { name: 'a RIFF media file', bytes: [0x52, 0x49, 0x46, 0x46] },
];

const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** True when a zip's central directory has word/ entries (or, unreadable, its bytes name word/document.xml). */
function zipHoldsDocx(bytes: Buffer): boolean {
  let names: string[];
  try {
    names = listZipEntries(bytes).map((e) => e.name.toLowerCase());
  } catch {
    return bytes.includes('word/document.xml', 0, 'latin1');
  }
  return names.some((n) => n.startsWith('word/'));
}

function startsWith(bytes: Buffer, sig: number[]): boolean {
  return bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
}

/**
 * True when the sample looks binary: any NUL byte, or more than 5% C0 control characters
 * other than tab, newline, carriage return and form feed. GBK/GB18030 and UTF-8 text have
 * neither (their multi-byte sequences are all ≥ 0x40).
 */
export function looksBinary(sample: Buffer): boolean {
  let controls = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) controls += 1;
  }
  return sample.length > 0 && controls / sample.length > 0.05;
}

/** True when the text sample is an HTML page rather than plain text that mentions a tag. */
export function looksHtml(head: string): boolean {
  const start = head
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 1024)
    .toLowerCase();
  if (/^<!doctype\s+html/.test(start) || /^<html[\s>]/.test(start)) return true;
  if (/^<\?xml[^>]*>\s*<(!doctype\s+)?html/.test(start)) return true;
  // A fragment that starts with markup and has a body or head element.
  return start.startsWith('<') && /<(body|head|meta|title)[\s>]/.test(head.slice(0, 4096).toLowerCase());
}

/**
 * Detects the format of an upload from its bytes and gives it a name with a matching
 * extension. Throws FILE_EMPTY, FILE_UNSUPPORTED (a known non-document type) or FILE_BINARY.
 */
export function sniffUpload(bytes: Buffer, clientName: string | undefined): SniffResult {
  if (!bytes.length) throw new AppError('FILE_EMPTY', 'The uploaded file is empty');
  const fallback = `upload-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}`;
  const ext = extname(clientName ?? '').toLowerCase();
  const named = (format: SniffedFormat, extension: string): SniffResult => ({ format, name: normaliseDocId(clientName ?? '', extension, fallback) });

  if (startsWith(bytes, ZIP)) {
    // What the zip holds, from its central directory (nothing is inflated): a .docx has word/
    // entries. A zip without a readable directory is judged by the names in its local headers,
    // and the decoder then says what is wrong with it.
    if (zipHoldsDocx(bytes)) return named('docx', '.docx');
    throw new AppError('FILE_UNSUPPORTED', 'The upload is a ZIP archive, not a .docx document; upload .txt, .html or .docx');
  }
  for (const sig of BINARY_SIGNATURES) {
    if (startsWith(bytes, sig.bytes)) throw new AppError('FILE_UNSUPPORTED', `The upload is ${sig.name}; upload .txt, .html or .docx`);
  }
  const sample = bytes.subarray(0, 8192);
  if (looksBinary(sample)) throw new AppError('FILE_BINARY', 'The upload looks binary, not a text, HTML or .docx document');

  // Markup is ASCII in every encoding we accept, so latin1 is enough to recognise it.
  if (looksHtml(sample.toString('latin1'))) return named('html', ext === '.htm' ? '.htm' : '.html');
  if (ext === '.md') return named('md', '.md');
  return named('txt', '.txt');
}
