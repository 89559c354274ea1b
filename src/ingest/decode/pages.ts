/**
 * Page addressing for paged sources (PDF, OFD, scans): which page an offset of
 * `RawDocument.text` lies on, so a citation can say 第3页. Pure functions over the page map
 * the readers build.
 */
import { AppError } from '../../core/errors.js';
import type { PageSpan, RawDocument } from '../types.js';

/**
 * The 1-based page holding original offset `offset` of `raw.text`, or null when the document
 * has no page map or the offset lies outside the text. An offset on the line break between two
 * pages (or on an empty page) belongs to the next page that has text at or after it.
 */
export function pageAt(raw: Pick<RawDocument, 'pages' | 'text'>, offset: number): number | null {
  const pages = raw.pages;
  if (!pages?.length || !Number.isFinite(offset) || offset < 0 || offset > raw.text.length) return null;
  // First page whose end lies beyond the offset (pages are ordered and disjoint).
  let lo = 0;
  let hi = pages.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pages[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  // An empty page holds no text: the offset belongs to the next page that has some.
  while (lo < pages.length && pages[lo].start === pages[lo].end) lo++;
  if (lo < pages.length) return lo + 1;
  // The offset is the very end of the text: it closes the last page with text.
  for (let i = pages.length - 1; i >= 0; i--) if (pages[i].end > pages[i].start) return i + 1;
  return null;
}

/**
 * The pages a range `[start, end)` of `raw.text` spans (a quote across a page break), as
 * `{ first, last }`, or null without a page map.
 */
export function pageRange(raw: Pick<RawDocument, 'pages' | 'text'>, start: number, end: number): { first: number; last: number } | null {
  const first = pageAt(raw, start);
  if (first === null) return null;
  const last = end > start ? pageAt(raw, end - 1) : first;
  return { first, last: Math.max(first, last ?? first) };
}

/** True when the page at `offset` was read by OCR (its quotes are only as good as the OCR). */
export function isOcrAt(raw: Pick<RawDocument, 'pages' | 'text'>, offset: number): boolean {
  const page = pageAt(raw, offset);
  return page !== null && raw.pages![page - 1].ocr === true;
}

/** Validates a page map against its text (ordered, disjoint, in range): a programmer error otherwise. */
export function assertPageMap(pages: PageSpan[], textLength: number): void {
  let prev = 0;
  pages.forEach((p, i) => {
    if (!(p.start >= prev && p.end >= p.start && p.end <= textLength))
      throw new Error(`page map: page ${i + 1} [${p.start}, ${p.end}) is out of order or range`);
    prev = p.end;
  });
}

/** The text of one page of a paged source, with its place in `RawDocument.text`. */
export interface PageText {
  /** The page, 1-based. */
  page: number;
  /** Pages of the document. */
  pages: number;
  /** Offset of the page's first character in the original text (`RawDocument.text`). */
  start: number;
  /** Offset one past its last character. */
  end: number;
  /** `text.slice(start, end)` of the original: a citation's `[start, end)` inside it is its quote. */
  text: string;
  /** True when the page was read by OCR. */
  ocr: boolean;
}

/**
 * Page `page` (1-based) of a document. Throws DOC_NOT_PAGED for a document without a page map
 * (text, HTML, .docx), PAGE_NOT_FOUND for a page it does not have.
 */
export function pageText(raw: Pick<RawDocument, 'id' | 'pages' | 'text'>, page: number): PageText {
  const pages = raw.pages;
  if (!pages?.length) throw new AppError('DOC_NOT_PAGED', `${raw.id} has no pages (only PDF, OFD and scanned images do); cite it by its offsets`);
  if (!Number.isInteger(page) || page < 1 || page > pages.length) {
    throw new AppError('PAGE_NOT_FOUND', `${raw.id} has ${pages.length} page${pages.length > 1 ? 's' : ''}; there is no page ${page}`, {
      details: { pages: pages.length },
    });
  }
  const { start, end, ocr } = pages[page - 1];
  return { page, pages: pages.length, start, end, text: raw.text.slice(start, end), ocr: ocr === true };
}
