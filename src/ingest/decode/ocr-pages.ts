/**
 * OCR of the scanned pages of one file (a PDF's image pages, a TIFF's pages, an image): the
 * OCR page limit, the engine check, pages run in parallel, a progress report per page.
 */
import { AppError } from '../../core/errors.js';
import type { LayoutPage } from './layout-lines.js';
import type { FormatLimits } from './limits.js';
import { recognizePage, requireOcr, type OcrInput, type OcrOptions } from './ocr.js';

/** Progress of decoding one file, reported per page. */
export interface DecodeProgress {
  /** The file's name (its id). */
  file: string;
  /** `page`: a page's text layer was read; `ocr`: a scanned page was recognised. */
  stage: 'page' | 'ocr';
  /** Pages done so far in this stage (`ocr`: 0 when the first scanned page has started). */
  page: number;
  /** Pages in this stage: the file's pages, or the scanned pages found so far (OCR of a PDF). */
  pages: number;
}

/** What a paged reader needs: the limits, the OCR engine settings and where to report progress. */
export interface PagedContext {
  limits: FormatLimits;
  ocr: OcrOptions;
  onProgress?: (progress: DecodeProgress) => void;
}

/**
 * OCR of a file's scanned pages as they are found: each page's image is made (rendered) only
 * when one of the `concurrency` OCR slots is free, so rendering the next page overlaps the OCR
 * of the previous ones and at most `concurrency` page images are in memory. The first page
 * checks that the engine is installed (OCR_UNAVAILABLE), the page past the limit stops the
 * file (OCR_TOO_MANY_PAGES), and the first failure is rethrown by the next call.
 */
export class OcrQueue {
  private readonly running = new Set<Promise<void>>();
  private readonly results = new Map<number, LayoutPage>();
  private failure: unknown = null;
  private added = 0;
  private done = 0;

  /** `expected`: how many pages will be added, when known (for progress; else counted as they come). */
  constructor(
    private readonly name: string,
    private readonly ctx: PagedContext,
    private readonly expected?: number,
  ) {}

  /** Queues page `key`; `input` makes its image once a slot is free. */
  async add(key: number, input: () => Promise<OcrInput>): Promise<void> {
    this.rethrow();
    if (++this.added > this.ctx.limits.maxOcrPages) {
      throw new AppError('OCR_TOO_MANY_PAGES', `${this.name} has more than ${this.ctx.limits.maxOcrPages} scanned pages, the OCR limit`, {
        details: { maxOcrPages: this.ctx.limits.maxOcrPages },
      });
    }
    if (this.added === 1) await requireOcr(this.name, this.ctx.ocr);
    while (this.running.size >= Math.max(1, this.ctx.ocr.concurrency)) await Promise.race(this.running);
    this.rethrow();
    const image = await input();
    const task = recognizePage(this.name, image, this.ctx.limits.ocrPageTimeoutMs, this.ctx.ocr)
      .then((page) => {
        this.results.set(key, page);
        this.done++;
        this.report();
      })
      .catch((err: unknown) => {
        this.failure ??= err;
      })
      .finally(() => this.running.delete(task));
    this.running.add(task);
    // A page's OCR takes seconds: say it has started, so progress shows OCR while the first one runs.
    this.report();
  }

  /** Reports the pages recognised so far of those found (or expected). */
  private report(): void {
    this.ctx.onProgress?.({ file: this.name, stage: 'ocr', page: this.done, pages: Math.max(this.expected ?? 0, this.added) });
  }

  /** Waits for every queued page; returns the OCR'd pages by key. */
  async finish(): Promise<Map<number, LayoutPage>> {
    while (this.running.size) await Promise.race(this.running);
    this.rethrow();
    return this.results;
  }

  private rethrow(): void {
    if (this.failure) throw this.failure;
  }
}
