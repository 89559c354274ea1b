/**
 * Zip bombs, refused before any zip library sees the bytes. A .docx, .xlsx or OFD is a zip;
 * mammoth and jszip inflate whatever the archive holds, so a 40 KB file that inflates to
 * 4 GB would take the process down. The central directory declares every entry's sizes: it
 * is read here (no inflation) and checked against the limits, then each deflated entry is
 * inflated with a hard output cap at its declared size, so an archive that lies about its
 * sizes is caught too, without ever producing more bytes than the limits allow.
 */
import { inflateRawSync } from 'node:zlib';
import { AppError, type ErrorCode } from '../../core/errors.js';
import type { FormatLimits } from './limits.js';

/** The limits a zip is checked against. */
export type ZipLimits = Pick<FormatLimits, 'maxZipEntries' | 'maxUnzippedBytes' | 'maxCompressionRatio'>;

/** An entry as the central directory declares it. */
export interface ZipEntryInfo {
  name: string;
  /** 0 stored, 8 deflated (others are refused when read). */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the entry's local header. */
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Entries smaller than this inflated are never bombs, whatever their ratio (a 10 KB run of spaces). */
const RATIO_FLOOR = 1024 * 1024;

/** Code for a damaged archive: the reader's own (DOCX_INVALID, OFD_INVALID); size problems are always FILE_TOO_COMPLEX. */
export type ZipInvalidCode = Extract<ErrorCode, 'DOCX_INVALID' | 'OFD_INVALID' | 'CONVERSION_FAILED'>;

const invalid = (code: ZipInvalidCode, name: string, why: string) => new AppError(code, `${name} is not a readable zip archive (${why})`);

/** Finds the end-of-central-directory record, scanning back over a comment of up to 64 KB. */
function findEocd(b: Buffer): number {
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (b.readUInt32LE(i) === EOCD) return i;
  }
  return -1;
}

/**
 * Lists the entries of a zip from its central directory alone. Throws FILE_TOO_COMPLEX when
 * the directory is missing or inconsistent (a zip we cannot bound is a zip we do not open).
 */
export function listZipEntries(bytes: Buffer, name = 'the file', code: ZipInvalidCode = 'DOCX_INVALID'): ZipEntryInfo[] {
  try {
    return readCentralDirectory(bytes, name, code);
  } catch (err) {
    if (err instanceof AppError) throw err;
    // A field pointing past the end of the buffer.
    throw invalid(code, name, (err as Error).message);
  }
}

function readCentralDirectory(bytes: Buffer, name: string, code: ZipInvalidCode): ZipEntryInfo[] {
  const eocd = findEocd(bytes);
  if (eocd < 0) throw invalid(code, name, 'no central directory');
  let count = bytes.readUInt16LE(eocd + 10);
  let cdSize = bytes.readUInt32LE(eocd + 12);
  let cdOffset = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // ZIP64: the real numbers are in the zip64 end record the locator points to.
    const loc = eocd - 20;
    if (loc < 0 || bytes.readUInt32LE(loc) !== ZIP64_LOCATOR) throw invalid(code, name, 'zip64 locator missing');
    const rec = Number(bytes.readBigUInt64LE(loc + 8));
    if (rec + 56 > bytes.length || bytes.readUInt32LE(rec) !== ZIP64_EOCD) throw invalid(code, name, 'zip64 record missing');
    count = Number(bytes.readBigUInt64LE(rec + 32));
    cdSize = Number(bytes.readBigUInt64LE(rec + 40));
    cdOffset = Number(bytes.readBigUInt64LE(rec + 48));
  }
  if (cdOffset + cdSize > bytes.length) throw invalid(code, name, 'central directory out of range');
  const entries: ZipEntryInfo[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== CENTRAL) throw invalid(code, name, `central entry ${i} damaged`);
    const flags = bytes.readUInt16LE(p + 8);
    const method = bytes.readUInt16LE(p + 10);
    let compressedSize = bytes.readUInt32LE(p + 20);
    let uncompressedSize = bytes.readUInt32LE(p + 24);
    const nameLen = bytes.readUInt16LE(p + 28);
    const extraLen = bytes.readUInt16LE(p + 30);
    const commentLen = bytes.readUInt16LE(p + 32);
    let localOffset = bytes.readUInt32LE(p + 42);
    const rawName = bytes.subarray(p + 46, p + 46 + nameLen);
    const entryName = flags & 0x800 ? rawName.toString('utf8') : rawName.toString('latin1');
    // ZIP64 extra field (id 1): the 64-bit values, in order, for each 32-bit field that is all ones.
    let q = p + 46 + nameLen;
    const extraEnd = q + extraLen;
    while (q + 4 <= extraEnd) {
      const id = bytes.readUInt16LE(q);
      const len = bytes.readUInt16LE(q + 2);
      if (id === 1) {
        let r = q + 4;
        const next = () => {
          if (r + 8 > q + 4 + len) throw invalid(code, name, 'zip64 extra field too short');
          const v = Number(bytes.readBigUInt64LE(r));
          r += 8;
          return v;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localOffset === 0xffffffff) localOffset = next();
      }
      q += 4 + len;
    }
    entries.push({ name: entryName, method, compressedSize, uncompressedSize, localOffset });
    p = extraEnd + commentLen;
  }
  return entries;
}

/**
 * Checks a zip against the limits without inflating anything: entry count, total declared
 * inflated size, and the ratio of each large entry. Returns the entries. Throws
 * FILE_TOO_COMPLEX.
 */
export function checkZipDirectory(bytes: Buffer, name: string, limits: ZipLimits, code: ZipInvalidCode = 'DOCX_INVALID'): ZipEntryInfo[] {
  const entries = listZipEntries(bytes, name, code);
  if (entries.length > limits.maxZipEntries) {
    throw new AppError('FILE_TOO_COMPLEX', `${name} holds ${entries.length} zip entries; the limit is ${limits.maxZipEntries}`, {
      details: { entries: entries.length, maxZipEntries: limits.maxZipEntries },
    });
  }
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    if (total > limits.maxUnzippedBytes) {
      throw new AppError('FILE_TOO_COMPLEX', `${name} inflates to more than ${limits.maxUnzippedBytes} bytes`, {
        details: { maxUnzippedBytes: limits.maxUnzippedBytes },
      });
    }
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    if (e.uncompressedSize > RATIO_FLOOR && ratio > limits.maxCompressionRatio) {
      throw new AppError('FILE_TOO_COMPLEX', `${name}: entry ${e.name} is compressed ${Math.round(ratio)}:1; the limit is ${limits.maxCompressionRatio}:1`, {
        details: { entry: e.name, ratio: Math.round(ratio), maxCompressionRatio: limits.maxCompressionRatio },
      });
    }
  }
  return entries;
}

/** The stored bytes of an entry (still compressed), located through its local header. */
function entryData(bytes: Buffer, e: ZipEntryInfo, name: string, code: ZipInvalidCode): Buffer {
  const p = e.localOffset;
  if (p + 30 > bytes.length || bytes.readUInt32LE(p) !== LOCAL) throw invalid(code, name, `local header of ${e.name} missing`);
  const start = p + 30 + bytes.readUInt16LE(p + 26) + bytes.readUInt16LE(p + 28);
  if (start + e.compressedSize > bytes.length) throw invalid(code, name, `data of ${e.name} truncated`);
  return bytes.subarray(start, start + e.compressedSize);
}

/**
 * Inflates one entry, never producing more than its declared size: an archive whose deflate
 * stream is longer than its directory says is refused (FILE_TOO_COMPLEX) instead of trusted.
 */
export function inflateEntry(bytes: Buffer, e: ZipEntryInfo, name: string, code: ZipInvalidCode = 'DOCX_INVALID'): Buffer {
  const data = entryData(bytes, e, name, code);
  if (e.method === 0) return data;
  if (e.method !== 8) throw invalid(code, name, `entry ${e.name} uses compression method ${e.method}`);
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, e.uncompressedSize) });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new AppError('FILE_TOO_COMPLEX', `${name}: entry ${e.name} inflates beyond its declared ${e.uncompressedSize} bytes`, { cause: err });
    }
    throw invalid(code, name, `entry ${e.name} does not inflate: ${(err as Error).message}`);
  }
}

/**
 * The full guard for a zip handed to a library that inflates it: the directory checks of
 * {@link checkZipDirectory}, then each entry inflated under its declared cap (the work is
 * bounded by `maxUnzippedBytes`). Returns the entries.
 */
export function guardZip(bytes: Buffer, name: string, limits: ZipLimits, code: ZipInvalidCode = 'DOCX_INVALID'): ZipEntryInfo[] {
  const entries = checkZipDirectory(bytes, name, limits, code);
  for (const e of entries) if (!e.name.endsWith('/')) inflateEntry(bytes, e, name, code);
  return entries;
}
