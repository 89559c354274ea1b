/** RawDocument → ParsedDocument: clean, read metadata, parse the clause tree and tables. */
import { createHash } from 'node:crypto';
import { AppError } from '../core/errors.js';
import { cleanText } from './clean.js';
import { extractMetadata } from './metadata.js';
import { parseStructure } from './structure.js';
import { extractTables } from './tables.js';
import type { ParsedDocument, RawDocument } from './types.js';

/** Parses a decoded document. Throws NO_TEXT when nothing is left after cleaning. */
export function parseDocument(raw: RawDocument): ParsedDocument {
  const clean = cleanText(raw.text);
  if (!clean.text.replace(/\s/g, '')) throw new AppError('NO_TEXT', `${raw.id} has no text left after removing page chrome`);
  const contentHash = createHash('sha256').update(clean.text).digest('hex');
  const meta = extractMetadata(clean);
  const { sections, bodyStart } = parseStructure(clean);
  const tables = extractTables(clean, sections);
  return { id: raw.id, raw: { ...raw, contentHash }, clean, meta, sections, tables, bodyStart };
}
