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
import { checkZipDirectory, inflateEntry, type ZipEntryInfo } from './zip-guard.js';

/** mammoth, loaded on the first .docx (it costs every CLI call half a second otherwise). */
async function loadMammoth() {
  const mammoth = (await import('mammoth')).default;
  /** Image converter that drops images (mammoth would otherwise inline them as base64). */
  const dropImages = mammoth.images.imgElement(async () => ({ src: '' }));
  return { mammoth, dropImages };
}

/** The parts mammoth parses: XML and relationships. Images it opens only to inline them, which we never do. */
const PARSED_PART = /\.(xml|rels)$/i;

/**
 * Refuses a .docx whose XML inflates beyond `maxDocxXmlBytes` (FILE_TOO_COMPLEX), from the sizes
 * its central directory declares: mammoth builds an object tree of about 60× the XML (measured:
 * 13 MB of document.xml in a 1.8 MB .docx took 10 s and 920 MB before TEXT_TOO_LONG could be said).
 */
export function checkDocxXmlSize(entries: ZipEntryInfo[], name: string, limits: Pick<FormatLimits, 'maxDocxXmlBytes'>): void {
  let xml = 0;
  for (const e of entries) if (/\.xml$/i.test(e.name)) xml += e.uncompressedSize;
  if (xml > limits.maxDocxXmlBytes) {
    const mb = (n: number) => `${Math.round((n / 1048576) * 10) / 10} MB`;
    throw new AppError(
      'FILE_TOO_COMPLEX',
      `${name}: its Word XML inflates to ${mb(xml)}; the limit is ${mb(limits.maxDocxXmlBytes)} (POLICY_MAX_DOCX_XML_BYTES); split the document or save it as .txt`,
      { details: { xmlBytes: xml, maxDocxXmlBytes: limits.maxDocxXmlBytes } },
    );
  }
}

/**
 * Refuses (DOCX_INVALID) an XML part with a `<` that cannot open markup (followed by another `<`,
 * a space, a digit…). One linear pass: mammoth's XML parser backtracks on such text (measured:
 * 200 KB of `<` ran for minutes), so broken XML must be refused before it gets there.
 */
function checkMarkupStarts(xml: Buffer, entry: string, name: string): void {
  for (let i = xml.indexOf(0x3c); i !== -1; i = xml.indexOf(0x3c, i + 1)) {
    const c = xml[i + 1] ?? 0;
    // '/', '?', '!', ':', '_', ASCII letters, or any non-ASCII byte (a UTF-8 name start).
    const opens = c === 0x2f || c === 0x3f || c === 0x21 || c === 0x3a || c === 0x5f || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c >= 0x80;
    if (!opens)
      throw new AppError(
        'DOCX_INVALID',
        `${name} could not be read as a .docx document (${entry} is not well-formed XML at byte ${i}); re-save it from Word or WPS`,
      );
  }
}

/**
 * Extracts the text of a .docx. Throws DOCX_INVALID when the bytes are not a readable .docx
 * (a damaged zip, or a zip without `word/document.xml`), FILE_TOO_COMPLEX when the zip
 * exceeds the limits or its XML is larger than `maxDocxXmlBytes` (both checked before mammoth
 * inflates anything), NO_TEXT when it has no text.
 */
export async function extractDocxText(bytes: Buffer, name = 'the file', limits: FormatLimits = defaultFormatLimits): Promise<string> {
  const entries = checkZipDirectory(bytes, name, limits, 'DOCX_INVALID');
  if (!entries.some((e) => /^word\//i.test(e.name))) throw new AppError('DOCX_INVALID', `${name} is a zip archive but not a .docx document (no word/ folder)`);
  checkDocxXmlSize(entries, name, limits);
  // Only the parts mammoth will inflate are inflated here (under their declared size, so a size
  // that lies is caught first): never the images, which used to be inflated once for nothing.
  for (const e of entries) if (PARSED_PART.test(e.name)) checkMarkupStarts(inflateEntry(bytes, e, name, 'DOCX_INVALID'), e.name, name);
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
