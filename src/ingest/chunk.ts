/**
 * Chunking: one retrievable unit per clause. A leaf clause (heading kept with its body) is a
 * chunk; a clause's own text before its first sub-clause is a chunk; clauses longer than the
 * cap are split at sentence ends, then semicolons, then commas; each table row is a chunk of
 * its own. Chunks partition the document's non-blank text: in order, never overlapping, every
 * character in exactly one chunk, so a chunk's text is always a verbatim quote.
 */
import { toOriginalRange } from './clean.js';
import { sectionChainAt } from './structure.js';
import { findTables, formatTableRow } from './tables.js';
import type { Chunk, ChunkKind, ParsedDocument, Section } from './types.js';

/** Options of {@link chunkDocument}. */
export interface ChunkOptions {
  /** Hard cap on a chunk's text length (UTF-16 units; one per Chinese character). Default 400. */
  maxChars: number;
  /** A split piece shorter than this is merged into its neighbour when the cap allows. Default 60. */
  minChars: number;
}

/** Documented defaults of {@link ChunkOptions}. */
export const defaultOptions: ChunkOptions = { maxChars: 400, minChars: 60 };

/** Split points, strongest first: paragraphs, sentence ends, table cells, semicolons, commas. */
const SEPARATORS: RegExp[] = [/\n/, /[。！？!?]/, /\t/, /[；;]/, /[，,、：:]/];

type Range = [number, number];

/** Narrows a range to its first and last non-whitespace characters ([a,a] when blank). */
export function trimRange(text: string, a: number, b: number): Range {
  while (a < b && /\s/.test(text[a])) a++;
  while (b > a && /\s/.test(text[b - 1])) b--;
  return [a, b];
}

/** Cuts [a,b) after every separator character (the separator stays with the left part). */
function cutAt(text: string, a: number, b: number, sep: RegExp): Range[] {
  const out: Range[] = [];
  let from = a;
  for (let i = a; i < b; i++) {
    if (sep.test(text[i])) {
      out.push([from, i + 1]);
      from = i + 1;
    }
  }
  if (from < b) out.push([from, b]);
  return out;
}

/** Units no longer than `cap`, cut at the strongest separator that works, hard-cut as a last resort. */
function splitUnits(text: string, a: number, b: number, cap: number, level = 0): Range[] {
  if (b - a <= cap) return [[a, b]];
  if (level >= SEPARATORS.length) {
    const out: Range[] = [];
    for (let s = a; s < b; ) {
      let e = Math.min(b, s + cap);
      // Never cut a surrogate pair in half.
      if (e < b && /[\ud800-\udbff]/.test(text[e - 1])) e--;
      out.push([s, e]);
      s = e;
    }
    return out;
  }
  return cutAt(text, a, b, SEPARATORS[level]).flatMap(([s, e]) => splitUnits(text, s, e, cap, level + 1));
}

/** Greedy packing of consecutive units into pieces of at most `limit` (trimmed lengths). */
function pack(text: string, units: Range[], limit: number): Range[] {
  const out: Range[] = [];
  let cur: Range | null = null;
  for (const u of units) {
    if (cur) {
      const [ts, te] = trimRange(text, cur[0], u[1]);
      if (te - ts <= limit) {
        cur = [cur[0], u[1]];
        continue;
      }
      out.push(cur);
    }
    cur = [u[0], u[1]];
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * Splits the clean range [a,b) into trimmed, non-blank pieces of at most `maxChars`, as few as
 * the cap allows and as even as possible (so no tiny tail), cutting at the strongest separator.
 */
export function splitRange(text: string, a: number, b: number, options: Partial<ChunkOptions> = {}): Range[] {
  const { maxChars, minChars } = { ...defaultOptions, ...options };
  const [s, e] = trimRange(text, a, b);
  if (s === e) return [];
  if (e - s <= maxChars) return [[s, e]];
  const units = splitUnits(text, s, e, maxChars);
  const count = pack(text, units, maxChars).length;
  // Smallest limit that still needs no more pieces than the greedy fill: balanced pieces. The
  // even share counts blanks that trimming drops, so it may exceed the cap: never start above it.
  let hi = maxChars;
  let lo = Math.min(hi, Math.ceil((e - s) / count));
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pack(text, units, mid).length <= count) hi = mid;
    else lo = mid + 1;
  }
  const pieces = pack(text, units, lo)
    .map(([x, y]) => trimRange(text, x, y))
    .filter(([x, y]) => y > x);
  // A tiny leftover (cap-forced) joins its neighbour when the cap allows.
  for (let i = pieces.length - 1; i > 0; i--) {
    const [x, y] = pieces[i];
    if (y - x < minChars && y - pieces[i - 1][0] <= maxChars) pieces.splice(i - 1, 2, [pieces[i - 1][0], y]);
  }
  return pieces;
}

/** A range to emit, before splitting. */
interface Piece {
  kind: ChunkKind;
  range: Range;
  chain: Section[];
}

/** The document title used in every context: the metadata title, else the plan's title line. */
function documentTitle(doc: ParsedDocument): string {
  if (doc.meta?.title) return doc.meta.title;
  const line = doc.clean.text.slice(doc.bodyStart).split('\n', 1)[0] ?? '';
  return [...line].length <= 60 && !/[。；;]/.test(line) ? line.trim() : '';
}

/** Index of the first range of `sorted` (by start, not overlapping) that ends after `pos`: where a scan from `pos` starts. */
function firstEndingAfter(sorted: Range[], pos: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid][1] <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Removes the table-row ranges (sorted) from [a,b), returning what is left in order. */
function subtractRows(range: Range, rows: Range[]): Range[] {
  const out: Range[] = [];
  let from = range[0];
  for (let i = firstEndingAfter(rows, from); i < rows.length; i++) {
    const [rs, re] = rows[i];
    if (rs >= range[1]) break;
    if (re <= from) continue;
    if (rs > from) out.push([from, rs]);
    from = Math.max(from, re);
  }
  if (from < range[1]) out.push([from, range[1]]);
  return out;
}

/** The text pieces of the document: notice, preamble, each clause's own text, trailer. */
function collectPieces(doc: ParsedDocument): Piece[] {
  const n = doc.clean.text.length;
  const roots = doc.sections;
  const firstStart = roots.length ? roots[0].start : n;
  const bodyStart = Math.min(Math.max(0, doc.bodyStart), firstStart);
  const pieces: Piece[] = [
    { kind: 'notice', range: [0, bodyStart], chain: [] },
    { kind: 'preamble', range: [bodyStart, firstStart], chain: [] },
  ];
  const walk = (list: Section[], chain: Section[], limit: number) => {
    list.forEach((s, i) => {
      const next = i + 1 < list.length ? list[i + 1].start : limit;
      const own = s.children.length ? s.children[0].start : next;
      pieces.push({ kind: 'clause', range: [s.start, own], chain: [...chain, s] });
      if (s.children.length) walk(s.children, [...chain, s], next);
    });
  };
  walk(roots, [], n);
  if (roots.length) {
    // Text after the last clause (抄送, 印发, signature) is the document's colophon.
    const lastEnd = roots[roots.length - 1].end;
    const last = pieces[pieces.length - 1];
    last.range = [last.range[0], Math.max(last.range[0], Math.min(last.range[1], lastEnd))];
    pieces.push({ kind: 'notice', range: [lastEnd, n], chain: [] });
  }
  return pieces;
}

/**
 * Clean positions before which the cleaner dropped content (a web-chrome line between two
 * paragraphs). A chunk never spans one, so its original slice stays a verbatim quote.
 */
export function findDroppedGaps(doc: ParsedDocument): number[] {
  const { offsets, text } = doc.clean;
  const raw = doc.raw.text;
  const gaps: number[] = [];
  for (let i = 1; i < text.length; i++) {
    const prev = offsets[i - 1];
    const from = prev + ((raw.codePointAt(prev) ?? 0) > 0xffff ? 2 : 1);
    if (offsets[i] > from && /\S/.test(raw.slice(from, offsets[i]).replace(/\ufeff/g, ''))) gaps.push(i);
  }
  return gaps;
}

/** Splits a range at the given sorted positions. */
function cutRange(range: Range, cuts: number[]): Range[] {
  const out: Range[] = [];
  let from = range[0];
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cuts[mid] <= from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < cuts.length; i++) {
    const c = cuts[i];
    if (c >= range[1]) break;
    if (c <= from) continue;
    out.push([from, c]);
    from = c;
  }
  out.push([from, range[1]]);
  return out;
}

const flat = (s: string) => s.replace(/[\t\n]+/g, ' ').trim();

/**
 * Cuts a parsed document into chunks (see the module comment). `context` — what is embedded
 * and indexed — is title + clause path + heading chain + text; for a table row it is title +
 * table + caption + metric + the header-labelled row.
 */
export function chunkDocument(doc: ParsedDocument, options: Partial<ChunkOptions> = {}): Chunk[] {
  const opts = { ...defaultOptions, ...options };
  const text = doc.clean.text;
  const title = documentTitle(doc);
  const rows = [...(doc.tables ?? [])].sort((x, y) => x.start - y.start);
  const rowRanges = rows.map((r): Range => [r.start, r.end]);
  const gaps = findDroppedGaps(doc);
  const groups = new Map(findTables(doc.clean, doc.sections).map((b) => [b.table, b.groups]));

  const out: { kind: ChunkKind; range: Range; chain: Section[]; context: string }[] = [];
  for (const piece of collectPieces(doc)) {
    const path = piece.chain.length ? piece.chain[piece.chain.length - 1].path : '';
    const heading = piece.chain
      .map((s) => s.heading)
      .filter(Boolean)
      .join(' / ');
    for (const seg of subtractRows(piece.range, rowRanges).flatMap((r) => cutRange(r, gaps))) {
      for (const range of splitRange(text, seg[0], seg[1], opts)) {
        const context = [title, path, heading, flat(text.slice(range[0], range[1]))].filter(Boolean).join(' ');
        out.push({ kind: piece.kind, range, chain: piece.chain, context });
      }
    }
  }
  for (const row of rows) {
    const chain = sectionChainAt(doc.sections, row.start);
    const labels = [row.table, row.caption ?? '', ...(groups.get(row.table) ?? [])].filter(Boolean);
    const parts = splitRange(text, row.start, row.end, opts);
    for (const range of parts) {
      // A row too long for one chunk keeps its column labels in front of each piece.
      const body = parts.length === 1 ? formatTableRow(row) : `${(row.header ?? []).join(' ')} ${text.slice(range[0], range[1])}`;
      out.push({ kind: 'table-row', range, chain, context: [title, ...labels, flat(body)].filter(Boolean).join(' ') });
    }
  }
  out.sort((x, y) => x.range[0] - y.range[0]);
  return out.map((c, index) => {
    const { start, end } = toOriginalRange(doc.clean, doc.raw.text, c.range[0], c.range[1]);
    const inner = c.chain[c.chain.length - 1];
    return {
      id: `${doc.id}#${index}`,
      docId: doc.id,
      index,
      kind: c.kind,
      clausePath: inner ? inner.path : '',
      heading: c.chain
        .map((s) => s.heading)
        .filter(Boolean)
        .join(' / '),
      text: text.slice(c.range[0], c.range[1]),
      start,
      end,
      cleanStart: c.range[0],
      cleanEnd: c.range[1],
      context: c.context,
    };
  });
}
