/**
 * Upload type detection from the bytes themselves. A browser's file name and MIME type say
 * what the client believes, not what the file is: a GIF renamed `.txt` must be refused, and a
 * GBK text file the browser labels `application/octet-stream` must be accepted. The upload is
 * then handed to ingest under a name whose extension matches what the bytes are, and the
 * decoder reads it under the same limits as any ingested file (pages, OCR pages, text length,
 * zip sizes); a scan needs tesseract and a .wps/.xls LibreOffice, else the job fails with
 * OCR_UNAVAILABLE or CONVERTER_UNAVAILABLE (422).
 */
import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { AppError } from '../core/errors.js';
import { sniffBytes, suggestExtension } from '../ingest/decode.js';
import { listZipEntries } from '../ingest/decode/zip-guard.js';
import { normaliseDocId } from '../workspace/upload-name.js';

/** What an upload turned out to be (the decoder's format names). */
export type SniffedFormat = 'txt' | 'md' | 'html' | 'docx' | 'pdf' | 'image' | 'doc' | 'wps' | 'xls' | 'ofd';

export interface SniffResult {
  format: SniffedFormat;
  /** A safe file name whose extension matches `format` (the id the document will get): NFC, at most 200 bytes. */
  name: string;
}

/** Magic numbers of common non-document files, named in the refusal. */
const BINARY_SIGNATURES: { name: string; bytes: number[] }[] = [
  { name: 'a GIF image (scans are read as PNG, JPEG or TIFF)', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'an RTF file (save it as .docx)', bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66] },
  { name: 'a gzip archive', bytes: [0x1f, 0x8b] },
  { name: 'an executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'a RAR archive', bytes: [0x52, 0x61, 0x72, 0x21] },
  { name: 'a 7z archive', bytes: [0x37, 0x7a, 0xbc, 0xaf] },
  { name: 'a RIFF media file', bytes: [0x52, 0x49, 0x46, 0x46] },
];

/** What the formats are, for a refusal. */
const ACCEPTED = '.txt, .md, .html, .docx, .doc, .wps, .xls, .pdf, .ofd or a .png/.jpg/.tif scan';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const IMAGE_EXTENSIONS: Record<string, string[]> = { '.png': ['.png'], '.jpg': ['.jpg', '.jpeg'], '.tif': ['.tif', '.tiff'] };

/**
 * What a zip holds, from its central directory (nothing inflated): a .docx has word/ entries, an
 * OFD an OFD.xml. Without a readable directory, the names in its local headers decide, and the
 * decoder then says what is wrong with it.
 */
function zipKind(bytes: Buffer): 'docx' | 'ofd' | null {
  let names: string[];
  try {
    names = listZipEntries(bytes).map((e) => e.name.toLowerCase());
  } catch {
    if (bytes.includes('word/document.xml', 0, 'latin1')) return 'docx';
    return bytes.includes('OFD.xml', 0, 'latin1') ? 'ofd' : null;
  }
  if (names.some((n) => n.startsWith('word/'))) return 'docx';
  return names.includes('ofd.xml') ? 'ofd' : null;
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
    const kind = zipKind(bytes);
    if (kind) return named(kind, `.${kind}`);
    throw new AppError('FILE_UNSUPPORTED', `The upload is a ZIP archive, not a .docx or OFD document; upload ${ACCEPTED}`);
  }
  for (const sig of BINARY_SIGNATURES) {
    if (startsWith(bytes, sig.bytes)) throw new AppError('FILE_UNSUPPORTED', `The upload is ${sig.name}; upload ${ACCEPTED}`);
  }
  const kind = sniffBytes(bytes);
  if (kind === 'pdf') return named('pdf', '.pdf');
  if (kind === 'image') {
    // The client's spelling of the extension (.jpeg, .tiff) is kept when it names the same kind.
    const suggested = suggestExtension(bytes) ?? '.png';
    return named('image', IMAGE_EXTENSIONS[suggested]?.includes(ext) ? ext : suggested);
  }
  if (kind === 'ole') {
    // A .doc, .wps and .xls are all OLE2 files: a workbook stream says .xls; otherwise the client's
    // .wps is believed (WPS Writer files look like Word 97 ones), else .doc. A damaged file keeps
    // the client's legacy extension and the decoder says what is wrong with it.
    const suggested = suggestExtension(bytes);
    const legacy = ext === '.doc' || ext === '.wps' || ext === '.xls' ? ext : '.doc';
    const chosen = suggested === '.xls' ? '.xls' : suggested === '.doc' ? (ext === '.wps' ? '.wps' : '.doc') : legacy;
    return named(chosen.slice(1) as SniffedFormat, chosen);
  }
  const sample = bytes.subarray(0, 8192);
  if (looksBinary(sample)) throw new AppError('FILE_BINARY', `The upload looks binary, not a document; upload ${ACCEPTED}`);

  // Markup is ASCII in every encoding we accept, so latin1 is enough to recognise it.
  if (looksHtml(sample.toString('latin1'))) return named('html', ext === '.htm' ? '.htm' : '.html');
  if (ext === '.md') return named('md', '.md');
  return named('txt', '.txt');
}
