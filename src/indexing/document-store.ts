/**
 * The parsed documents of a generation on disk: `documents.jsonl`, one document per line, the
 * clean-to-original offset map as base64 of its Int32Array rather than a JSON array of numbers
 * (a 5 MB upload has a million offsets: as JSON numbers they were half the file and most of its
 * parse time). One document per line lets the server read a new generation a document at a
 * time, giving the event loop a turn between documents, instead of parsing one large JSON
 * array in a single blocking call. Generations written before (`documents.json`) still read.
 */
import { readFileSync, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { AppError } from '../core/errors.js';
import type { DocumentMeta, ParsedDocument, RawDocument, Section, TableRow } from '../ingest/types.js';

/** A ParsedDocument as stored: the offset map as base64 (this format) or a plain array (`documents.json`). */
interface StoredDocument {
  id: string;
  raw: RawDocument;
  clean: { text: string; offsets?: number[]; offsets64?: string };
  meta: DocumentMeta;
  sections: Section[];
  tables: TableRow[];
  bodyStart: number;
}

const LINES_FILE = 'documents.jsonl';
const LEGACY_FILE = 'documents.json';

/** The stored form of a document, one line of `documents.jsonl`. */
function storedLine(d: ParsedDocument): string {
  const offsets = Buffer.from(d.clean.offsets.buffer, d.clean.offsets.byteOffset, d.clean.offsets.byteLength).toString('base64');
  const stored: StoredDocument = {
    id: d.id,
    raw: d.raw,
    clean: { text: d.clean.text, offsets64: offsets },
    meta: d.meta,
    sections: d.sections,
    tables: d.tables,
    bodyStart: d.bodyStart,
  };
  return JSON.stringify(stored);
}

/** The documents file's content (JSON lines). */
export function serializeDocuments(documents: ParsedDocument[]): string {
  return documents.map((d) => `${storedLine(d)}\n`).join('');
}

/** Name of the documents file this module writes. */
export const DOCUMENTS_FILE = LINES_FILE;

function revive(d: StoredDocument): ParsedDocument {
  let offsets: Int32Array;
  if (d.clean.offsets64 !== undefined) {
    const bytes = Buffer.from(d.clean.offsets64, 'base64');
    // A copy into its own aligned buffer: a Buffer may sit at any byte offset of a shared pool.
    offsets = new Int32Array(bytes.byteLength / 4);
    new Uint8Array(offsets.buffer).set(bytes);
  } else offsets = Int32Array.from(d.clean.offsets ?? []);
  return { id: d.id, raw: d.raw, clean: { text: d.clean.text, offsets }, meta: d.meta, sections: d.sections, tables: d.tables, bodyStart: d.bodyStart };
}

const corrupt = (p: string, cause: unknown) => new AppError('INDEX_CORRUPT', `Cannot read ${p}; re-run \`policy ingest\``, { cause });

/** Reads the documents of a generation folder in one go (workers, the CLI). */
export function readDocumentsSync(genDir: string): ParsedDocument[] {
  const lines = join(genDir, LINES_FILE);
  const p = existsSync(lines) ? lines : join(genDir, LEGACY_FILE);
  try {
    const text = readFileSync(p, 'utf8');
    if (p === lines)
      return text
        .split('\n')
        .filter(Boolean)
        .map((l) => revive(JSON.parse(l) as StoredDocument));
    return (JSON.parse(text) as StoredDocument[]).map(revive);
  } catch (cause) {
    throw corrupt(p, cause);
  }
}

/**
 * Reads the documents of a generation folder without holding the event loop: the file is read
 * asynchronously and parsed a document at a time, yielding whenever `sliceMs` of work is done.
 */
export async function readDocumentsAsync(genDir: string, sliceMs = 10): Promise<ParsedDocument[]> {
  const lines = join(genDir, LINES_FILE);
  if (!existsSync(lines)) return readDocumentsSync(genDir);
  let text: string;
  try {
    text = await readFile(lines, 'utf8');
  } catch (cause) {
    throw corrupt(lines, cause);
  }
  const docs: ParsedDocument[] = [];
  let start = 0;
  let slice = performance.now();
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end > start) {
      try {
        docs.push(revive(JSON.parse(text.slice(start, end)) as StoredDocument));
      } catch (cause) {
        throw corrupt(lines, cause);
      }
    }
    start = end + 1;
    if (performance.now() - slice > sliceMs) {
      await yieldToEventLoop();
      slice = performance.now();
    }
  }
  return docs;
}
