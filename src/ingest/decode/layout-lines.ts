/**
 * From positioned text to visual lines. Every paged reader (the PDF text layer, OCR word
 * boxes, OFD glyph runs) yields runs of text with a position and a size; this module groups
 * them into lines, joins the runs of a line the Chinese way (no space between CJK runs, one
 * space between two ASCII words) and splits a line into table cells at wide gaps, then lines
 * up the cells of consecutive table lines into columns so an empty cell keeps its place.
 *
 * Coordinates: any unit (points, pixels, millimetres), x to the right, y DOWN the page; `y`
 * of a run is its baseline, `size` its font size (≈ the width of a CJK glyph).
 */

/** A piece of text placed on a page. */
export interface TextRun {
  text: string;
  x: number;
  /** Baseline, measured down from the top of the page. */
  y: number;
  width: number;
  size: number;
}

/** A table cell (or the whole line when it has one cell), with its horizontal extent. */
export interface LineCell {
  text: string;
  x0: number;
  x1: number;
}

/** A visual line. `text` is its cells joined by tabs. */
export interface LayoutLine {
  text: string;
  cells: LineCell[];
  x0: number;
  x1: number;
  y: number;
  size: number;
}

/** Options of {@link groupRunsIntoLines} and {@link buildLine}. */
export interface LineOptions {
  /** A gap of at least this many font sizes between runs starts a new cell (a tab). Default 0.9. */
  cellGap: number;
  /** A gap of at least this many font sizes between two ASCII words is a space. Default 0.15. */
  spaceGap: number;
  /** Runs whose baselines differ by less than this many font sizes share a line. Default 0.45. */
  baselineTolerance: number;
}

/** Documented defaults of {@link LineOptions}. */
export const defaultLineOptions: LineOptions = { cellGap: 0.9, spaceGap: 0.15, baselineTolerance: 0.45 };

const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’《》〈〉【】〔〕…—·]/u;
const ASCII_WORD = /[A-Za-z0-9]/;

/** Joins two pieces of one line or one paragraph: a space only between two ASCII words. */
export function joinText(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  const last = a[a.length - 1];
  const first = b[0];
  if (/\s/.test(last) || /\s/.test(first)) return a + b;
  return ASCII_WORD.test(last) && ASCII_WORD.test(first) ? `${a} ${b}` : a + b;
}

/** Collapses runs of spaces inside a cell and trims it (tabs never occur inside a cell). */
function tidy(s: string): string {
  return s.replace(/[ \u00a0]{2,}/g, ' ').replace(/^[ \u00a0\u3000]+|[ \u00a0\u3000]+$/g, '');
}

/** Builds one line from runs already known to share it, splitting cells at wide gaps. */
export function buildLine(runs: TextRun[], options: Partial<LineOptions> = {}): LayoutLine | null {
  const opts = { ...defaultLineOptions, ...options };
  const sorted = runs.filter((r) => r.text.length > 0).sort((a, b) => a.x - b.x);
  if (!sorted.length) return null;
  const sizes = sorted
    .filter((r) => r.text.trim())
    .map((r) => r.size)
    .sort((a, b) => a - b);
  const size = sizes.length ? sizes[sizes.length >> 1] : sorted[0].size;
  const cells: LineCell[] = [];
  let cur: LineCell | null = null;
  let spaced = false;
  for (const r of sorted) {
    if (!r.text.trim()) {
      // A space glyph: its width counts towards the gap; it separates two ASCII words.
      spaced = true;
      continue;
    }
    const gap = cur ? r.x - cur.x1 : 0;
    if (!cur || gap >= opts.cellGap * size) {
      cur = { text: r.text, x0: r.x, x1: r.x + r.width };
      cells.push(cur);
    } else {
      // Runs that touch are one word ("20" + "23" from two fonts); a gap is a space, dropped next to CJK.
      cur.text = spaced || gap >= opts.spaceGap * size ? joinSpaced(cur.text, r.text) : cur.text + r.text;
      cur.x1 = Math.max(cur.x1, r.x + r.width);
    }
    spaced = false;
  }
  for (const c of cells) c.text = tidy(c.text);
  const kept = cells.filter((c) => c.text);
  if (!kept.length) return null;
  return {
    text: kept.map((c) => c.text).join('\t'),
    cells: kept,
    x0: kept[0].x0,
    x1: kept[kept.length - 1].x1,
    y: sorted.reduce((s, r) => s + r.y, 0) / sorted.length,
    size,
  };
}

/** Pieces of one line with a visible gap between them: a space, except next to CJK text. */
function joinSpaced(a: string, b: string): string {
  const last = a.slice(-1);
  if (CJK.test(last) || CJK.test(b[0]) || /\s/.test(last) || /\s/.test(b[0])) return a + b;
  return `${a} ${b}`;
}

/**
 * Groups the runs of one page into lines, top to bottom. Rotated text (watermarks, vertical
 * stamps) must be dropped by the caller: runs here are horizontal.
 */
export function groupRunsIntoLines(runs: TextRun[], options: Partial<LineOptions> = {}): LayoutLine[] {
  const opts = { ...defaultLineOptions, ...options };
  const sorted = runs.filter((r) => r.text.length && Number.isFinite(r.x) && Number.isFinite(r.y)).sort((a, b) => a.y - b.y || a.x - b.x);
  const groups: TextRun[][] = [];
  let group: TextRun[] = [];
  let baseline = -Infinity;
  let size = 0;
  for (const r of sorted) {
    if (group.length && Math.abs(r.y - baseline) <= opts.baselineTolerance * Math.max(size, r.size)) {
      group.push(r);
      continue;
    }
    if (group.length) groups.push(group);
    group = [r];
    baseline = r.y;
    size = r.size;
  }
  if (group.length) groups.push(group);
  return groups.map((g) => buildLine(g, opts)).filter((l): l is LayoutLine => l !== null);
}

/**
 * Lines up the cells of a block of consecutive table lines: the line with the most cells sets
 * the columns, and every other line's cells are placed in the columns they overlap most (in
 * order), so a row whose first cell is empty keeps a leading tab. Returns new lines.
 */
export function alignTableColumns(block: LayoutLine[]): LayoutLine[] {
  if (block.length < 2) return block;
  const ref = block.reduce((best, l) => (l.cells.length > best.cells.length ? l : best), block[0]);
  const cols = ref.cells.map((c) => ({ x0: c.x0, x1: c.x1 }));
  // Widen each column to the cells that clearly belong to it (same count as the reference).
  for (const l of block)
    if (l.cells.length === cols.length) l.cells.forEach((c, j) => ((cols[j].x0 = Math.min(cols[j].x0, c.x0)), (cols[j].x1 = Math.max(cols[j].x1, c.x1))));
  return block.map((line) => {
    if (line.cells.length >= cols.length) return line;
    const slots: string[] = Array(cols.length).fill('');
    let next = 0;
    line.cells.forEach((cell, i) => {
      const remaining = line.cells.length - i - 1;
      let best = next;
      let bestScore = -Infinity;
      for (let j = next; j < cols.length - remaining; j++) {
        const overlap = Math.min(cell.x1, cols[j].x1) - Math.max(cell.x0, cols[j].x0);
        const distance = Math.abs((cell.x0 + cell.x1) / 2 - (cols[j].x0 + cols[j].x1) / 2);
        const score = overlap > 0 ? overlap : -distance;
        if (score > bestScore) {
          bestScore = score;
          best = j;
        }
      }
      slots[best] = slots[best] ? `${slots[best]} ${cell.text}` : cell.text;
      next = best + 1;
    });
    while (slots.length && !slots[slots.length - 1]) slots.pop();
    return { ...line, text: slots.join('\t') };
  });
}

/** A page of lines, top to bottom, in the same units as its size. */
export interface LayoutPage {
  width: number;
  height: number;
  lines: LayoutLine[];
  /** The lines came from OCR of a scan. */
  ocr?: boolean;
}
