/**
 * Running headers, footers and page numbers: the lines a printed document repeats at the top
 * or bottom of every page (— 3 —, 第3页 共12页, -3-, 3/12, a journal name, a print date).
 * They would otherwise land in the middle of sentences that run across pages. A line is
 * dropped when it sits among the first or last lines of a page, near the page edge, and
 * either reads as a page number or repeats (digits aside) on at least half of the pages.
 */
import type { LayoutLine, LayoutPage } from './layout-lines.js';

/** Options of {@link stripPageChrome}. */
export interface PageChromeOptions {
  /** How many lines at each end of a page are looked at. Default 2. */
  edgeLines: number;
  /** Fraction of the page height, from the top and from the bottom, where headers and footers sit. Default 0.15. */
  edgeBand: number;
  /** Fraction of pages a repeated line must appear on (and at least 2 pages). Default 0.5. */
  repeatShare: number;
}

/** Documented defaults of {@link PageChromeOptions}. */
export const defaultPageChromeOptions: PageChromeOptions = { edgeLines: 2, edgeBand: 0.15, repeatShare: 0.5 };

const DASHES = '\\-—–－~～_·•';
const PAGE_NUMBER_PATTERNS: RegExp[] = [
  new RegExp(`^[${DASHES}\\s]*\\d{1,4}[${DASHES}\\s]*$`),
  /^第\s*\d{1,4}\s*页\s*[,，/|]?\s*(共\s*\d{1,4}\s*页)?$/,
  /^共\s*\d{1,4}\s*页\s*[,，/|]?\s*第\s*\d{1,4}\s*页$/,
  /^\d{1,4}\s*\/\s*\d{1,4}$/,
  /^(page|p\.)\s*\d{1,4}(\s*(of|\/)\s*\d{1,4})?$/i,
];

/**
 * True when a line is only a page number in one of the usual forms, or (as OCR reads a
 * `— 3 —` footer: `一3一`, `= 一`) only digits and dash-like marks.
 */
export function isPageNumberLine(text: string): boolean {
  const t = text.normalize('NFKC').trim();
  if (!t || t.length > 24) return false;
  return PAGE_NUMBER_PATTERNS.some((re) => re.test(t)) || (t.length <= 12 && !t.replace(/[\s\d\-—–－~～_·•一=|]/g, ''));
}

/** What a running line has in common across pages: its text without digits and spaces. */
function signature(text: string): string {
  return text.normalize('NFKC').replace(/\d+/g, '#').replace(/\s+/g, '');
}

/**
 * Indexes of the lines of a page that could be a header (top) or footer (bottom): among the
 * first or last few, near the edge, and not a line of one cell spanning most of the page
 * width (that is body text wrapped at the margins, even when it repeats).
 */
function edgeCandidates(page: LayoutPage, opts: PageChromeOptions): { top: number[]; bottom: number[] } {
  const n = page.lines.length;
  const band = opts.edgeBand * page.height;
  const eligible = (l: LayoutLine) => l.cells.length > 1 || l.x1 - l.x0 < 0.65 * page.width || isPageNumberLine(l.text);
  const top: number[] = [];
  const bottom: number[] = [];
  for (let i = 0; i < Math.min(opts.edgeLines, n); i++) if (page.lines[i].y <= band + page.lines[i].size && eligible(page.lines[i])) top.push(i);
  for (let i = n - 1; i >= Math.max(0, n - opts.edgeLines); i--)
    if (page.lines[i].y >= page.height - band && !top.includes(i) && eligible(page.lines[i])) bottom.push(i);
  return { top, bottom };
}

/**
 * Removes running headers, footers and page numbers from every page. Pure: returns new pages
 * (the same line objects, fewer of them).
 */
export function stripPageChrome(pages: LayoutPage[], options: Partial<PageChromeOptions> = {}): LayoutPage[] {
  const opts = { ...defaultPageChromeOptions, ...options };
  const candidates = pages.map((p) => edgeCandidates(p, opts));
  const needed = Math.max(2, Math.ceil(opts.repeatShare * pages.length));
  const counts = { top: new Map<string, number>(), bottom: new Map<string, number>() };
  candidates.forEach((c, k) => {
    for (const side of ['top', 'bottom'] as const) {
      // Count each signature once per page.
      for (const sig of new Set(c[side].map((i) => signature(pages[k].lines[i].text)))) counts[side].set(sig, (counts[side].get(sig) ?? 0) + 1);
    }
  });
  const seenTableHeaders = new Set<string>();
  return pages.map((page, k) => {
    const drop = new Set<number>();
    for (const side of ['top', 'bottom'] as const) {
      for (const i of candidates[k][side]) {
        const line: LayoutLine = page.lines[i];
        if (isPageNumberLine(line.text)) {
          drop.add(i);
          continue;
        }
        if ((counts[side].get(signature(line.text)) ?? 0) < needed) continue;
        // A table's header row repeated atop each page it runs over: keep the first one.
        const sig = signature(line.text);
        if (side === 'top' && line.cells.length > 1 && (page.lines[i + 1]?.cells.length ?? 0) > 1 && !seenTableHeaders.has(sig)) {
          seenTableHeaders.add(sig);
          continue;
        }
        drop.add(i);
      }
    }
    return drop.size ? { ...page, lines: page.lines.filter((_, i) => !drop.has(i)) } : page;
  });
}
