/** RawDocument → ParsedDocument: clean, read metadata, parse the clause tree and tables. */
import { createHash } from 'node:crypto';
import { AppError } from '../core/errors.js';
import { cleanText } from './clean.js';
import { extractMetadata } from './metadata.js';
import { parseStructure } from './structure.js';
import { extractTables } from './tables.js';
import type { ParsedDocument, RawDocument } from './types.js';

/**
 * Version of what parsing reads from a document (cleaning, metadata, clause tree, tables).
 * Bump it with any change that would parse the same bytes differently: an index built by an
 * older parser re-reads its files on the next ingest instead of keeping stale parses because
 * the bytes did not change.
 */
// 1: first recorded version (records, page maps, enumerations).
export const PARSER_VERSION = 1;

/** Options of {@link parseDocument}. */
export interface ParseOptions {
  /**
   * Longest line accepted, in UTF-16 units, checked before any parsing (LINE_TOO_LONG). Real
   * documents have lines of at most a few thousand characters, and a whole plan pasted as one
   * line is well under the default; a megabyte on one line is an attack or a broken file.
   * Every stage is linear in the text, so this bounds work per line, not correctness. Default 200000.
   */
  maxLineChars: number;
}

/** Documented defaults of {@link ParseOptions}. */
export const defaultParseOptions: ParseOptions = { maxLineChars: 200_000 };

/** Length of the longest line of `text` (lines end at \n, \r, \f, U+2028 or U+2029, as the cleaner splits them). One pass. */
export function longestLine(text: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d || c === 0x0c || c === 0x2028 || c === 0x2029) {
      if (run > longest) longest = run;
      run = 0;
    } else run++;
  }
  return Math.max(longest, run);
}

/** Parses a decoded document. Throws LINE_TOO_LONG before parsing, NO_TEXT when nothing is left after cleaning. */
export function parseDocument(raw: RawDocument, options: Partial<ParseOptions> = {}): ParsedDocument {
  const { maxLineChars } = { ...defaultParseOptions, ...options };
  const longest = longestLine(raw.text);
  if (longest > maxLineChars) {
    throw new AppError('LINE_TOO_LONG', `${raw.id} has a line of ${longest} characters; the limit is ${maxLineChars} (POLICY_MAX_LINE_CHARS)`, {
      details: { longestLine: longest, maxLineChars },
    });
  }
  const clean = cleanText(raw.text);
  if (!clean.text.replace(/\s/g, '')) throw new AppError('NO_TEXT', `${raw.id} has no text left after removing page chrome`);
  const contentHash = createHash('sha256').update(clean.text).digest('hex');
  const meta = extractMetadata(clean);
  const { sections, bodyStart } = parseStructure(clean);
  const tables = extractTables(clean, sections);
  return { id: raw.id, raw: { ...raw, contentHash }, clean, meta, sections, tables, bodyStart };
}
