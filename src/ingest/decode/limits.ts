/**
 * The limits every format reader obeys, in one place. A government PDF of 300 pages or a
 * 40-page scan is normal; a zip that inflates to gigabytes, a 10 000-page PDF or an image of a
 * billion pixels is an attack or a mistake, and is refused with a stable code before the
 * expensive work starts (FILE_TOO_COMPLEX, TOO_MANY_PAGES, OCR_TOO_MANY_PAGES, OCR_TIMEOUT,
 * TEXT_TOO_LONG). The byte size of the file itself is `DecodeOptions.maxBytes`.
 */
import { AppError } from '../../core/errors.js';

/** Limits of the format readers. Defaults in {@link defaultFormatLimits}. */
export interface FormatLimits {
  /** Most pages of a PDF, OFD or multi-page TIFF. Default 1000 (`POLICY_MAX_PAGES`). */
  maxPages: number;
  /** Most pages OCR'd in one file; 0 turns OCR off (scans are then refused). Default 100 (`POLICY_MAX_OCR_PAGES`). */
  maxOcrPages: number;
  /** Longest OCR of one page, in ms, before the file is refused with OCR_TIMEOUT. Default 60 000 (`POLICY_OCR_PAGE_TIMEOUT_MS`). */
  ocrPageTimeoutMs: number;
  /** Longest extracted text, in UTF-16 code units. Default 2 000 000 (`POLICY_MAX_TEXT_CHARS`). */
  maxTextChars: number;
  /** Most entries of a zip-based file (.docx, .xlsx, OFD). Default 10 000. */
  maxZipEntries: number;
  /** Most bytes all entries of a zip-based file may inflate to, per its central directory. Default 100 MB. */
  maxUnzippedBytes: number;
  /** Largest inflated/compressed ratio of an entry bigger than 1 MB inflated (XML compresses ~10–30×; bombs 1000×). Default 100. */
  maxCompressionRatio: number;
  /** Most pixels of an image OCR'd or a page rendered for OCR. Default 60 megapixels (A3 at 400 dpi is 31). */
  maxImagePixels: number;
  /**
   * Most bytes the XML parts of a .docx may inflate to, by its central directory (FILE_TOO_COMPLEX
   * before mammoth runs): mammoth holds about 60× its XML in memory. Default 6 MB (`POLICY_MAX_DOCX_XML_BYTES`).
   */
  maxDocxXmlBytes: number;
  /** Longest LibreOffice conversion of a .wps or .xls, in ms. Default 60 000. */
  convertTimeoutMs: number;
}

/** Documented defaults of {@link FormatLimits}. */
export const defaultFormatLimits: FormatLimits = {
  maxPages: 1000,
  maxOcrPages: 100,
  ocrPageTimeoutMs: 60_000,
  maxTextChars: 2_000_000,
  maxZipEntries: 10_000,
  maxUnzippedBytes: 100 * 1024 * 1024,
  maxCompressionRatio: 100,
  maxImagePixels: 60_000_000,
  maxDocxXmlBytes: 6 * 1024 * 1024,
  convertTimeoutMs: 60_000,
};

/** Refuses a document with more pages than allowed (TOO_MANY_PAGES). */
export function checkPageCount(name: string, pages: number, limits: Pick<FormatLimits, 'maxPages'>): void {
  if (pages > limits.maxPages) {
    throw new AppError('TOO_MANY_PAGES', `${name} has ${pages} pages; the limit is ${limits.maxPages}`, { details: { pages, maxPages: limits.maxPages } });
  }
}

/** Refuses extracted text longer than allowed (TEXT_TOO_LONG); `text` may be the text or its length so far. */
export function checkTextLength(name: string, text: string | number, limits: Pick<FormatLimits, 'maxTextChars'>): void {
  const length = typeof text === 'number' ? text : text.length;
  if (length > limits.maxTextChars) {
    throw new AppError('TEXT_TOO_LONG', `${name} yields more than ${limits.maxTextChars} characters of text`, {
      details: { maxTextChars: limits.maxTextChars },
    });
  }
}

/** Refuses an image (or a page to render) of more pixels than allowed (FILE_TOO_COMPLEX). */
export function checkPixels(name: string, width: number, height: number, limits: Pick<FormatLimits, 'maxImagePixels'>): void {
  if (!(width > 0 && height > 0)) throw new AppError('IMAGE_INVALID', `${name}: the image has no size (${width}×${height})`);
  if (width * height > limits.maxImagePixels) {
    throw new AppError('FILE_TOO_COMPLEX', `${name}: an image of ${width}×${height} pixels exceeds the limit of ${limits.maxImagePixels} pixels`, {
      details: { width, height, maxImagePixels: limits.maxImagePixels },
    });
  }
}
