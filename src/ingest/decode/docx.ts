/**
 * .docx → text. mammoth converts the document to HTML (paragraphs, headings, lists and
 * tables survive; images are dropped), which is rendered like a web page: one line per
 * paragraph and one line per table row with tab-separated cells. mammoth's raw-text mode
 * puts every table cell on its own line and loses the rows, hence the HTML route.
 */
import { AppError } from '../../core/errors.js';
import { loadCheerio } from './html.js';
import { renderLines, type DomNode } from './html-lines.js';
import { defaultFormatLimits, type FormatLimits } from './limits.js';
import { guardZip } from './zip-guard.js';

/** mammoth, loaded on the first .docx (it costs every CLI call half a second otherwise). */
async function loadMammoth() {
  const mammoth = (await import('mammoth')).default;
  /** Image converter that drops images (mammoth would otherwise inline them as base64). */
  const dropImages = mammoth.images.imgElement(async () => ({ src: '' }));
  return { mammoth, dropImages };
}

/**
 * Extracts the text of a .docx. Throws DOCX_INVALID when the bytes are not a readable .docx
 * (a damaged zip, or a zip without `word/document.xml`), FILE_TOO_COMPLEX when the zip
 * exceeds the limits (checked before mammoth inflates anything), NO_TEXT when it has no text.
 */
export async function extractDocxText(bytes: Buffer, name = 'the file', limits: FormatLimits = defaultFormatLimits): Promise<string> {
  const entries = guardZip(bytes, name, limits, 'DOCX_INVALID');
  if (!entries.some((e) => /^word\//i.test(e.name))) throw new AppError('DOCX_INVALID', `${name} is a zip archive but not a .docx document (no word/ folder)`);
  const { mammoth, dropImages } = await loadMammoth();
  const { load } = loadCheerio();
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: bytes }, { convertImage: dropImages, ignoreEmptyParagraphs: true, externalFileAccess: false })).value;
  } catch (err) {
    throw new AppError('DOCX_INVALID', `${name} could not be read as a .docx document (${(err as Error).message}); re-save it from Word or WPS`, {
      cause: err,
    });
  }
  const $ = load(html);
  let lines = renderLines($.root()[0] as unknown as DomNode);
  if (!lines.length) {
    // Text in places the HTML conversion skips (rare): fall back to raw text, paragraphs kept.
    const raw = (await mammoth.extractRawText({ buffer: bytes })).value;
    lines = raw
      .split(/\n+/)
      .map((l) => l.trim())
      .filter(Boolean);
  }
  if (!lines.some((l) => /[\p{L}\p{N}]/u.test(l))) throw new AppError('NO_TEXT', `${name} contains no text`);
  return lines.join('\n');
}
