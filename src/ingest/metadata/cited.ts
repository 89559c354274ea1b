/**
 * What a document cites: every 《title》 and every 文号 in its text, paired when a title is
 * followed by its 文号 in brackets (`《…通知》(晋自然资发〔2022〕9号)`), deduplicated, and
 * without the document's own title and 文号.
 */
import { normalizeTitle } from '../citations.js';
import type { CitedDocument, DocNumber } from '../types.js';
import { findDocNumbers } from './doc-number.js';

interface TitleSpan {
  title: string;
  start: number;
  end: number;
}

/** Punctuation that ends the text a dangling 》 can reach back to. */
const SENTENCE_END = /[。;；!！?？\n]/;

/**
 * 《…》 spans. Nested titles use 〈〉 or <> inside 《》 and stay part of the outer title. A 》
 * whose 《 was lost in extraction reaches back to the line start (or sentence start) when
 * what lies between reads as a title.
 */
function findTitleSpans(text: string): TitleSpan[] {
  const out: TitleSpan[] = [];
  let open = -1;
  let lastBoundary = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (SENTENCE_END.test(ch)) {
      // A title may wrap onto the next line in raw text, but no title runs on for 150 characters.
      if (open >= 0 && i - open > 150) open = -1;
      lastBoundary = i + 1;
    } else if (ch === '《') {
      open = i;
    } else if (ch === '》') {
      if (open >= 0 && i - open <= 150) {
        const title = text.slice(open + 1, i).trim();
        if (title) out.push({ title, start: open, end: i + 1 });
        open = -1;
      } else {
        // A lost 《: the title starts at the last sentence boundary, after any lead-in words.
        let s = lastBoundary;
        const prev = out.length ? out[out.length - 1].end : 0;
        if (prev > s) s = prev;
        const chunk = text.slice(s, i);
        const title = chunk.replace(/^[\s、,，和及与]+/, '');
        if (title.length >= 4 && title.length <= 100 && !/[,，:：]/.test(title)) out.push({ title: title.trim(), start: i - title.length, end: i + 1 });
      }
    }
  }
  return out;
}

/** Things that are the document itself and must not be reported as cited. */
export interface OwnDocument {
  titles: (string | null)[];
  docNumber: DocNumber | null;
}

/** A sentence issuing the title it contains ("《X》已经…同意，现印发给你们"): X is the document itself. */
function issuesItself(text: string, span: TitleSpan): boolean {
  // Up to the next title: "根据《A》，现将《B》印发给你们" issues B, not A.
  const rest = text.slice(span.end, span.end + 80).split(/[。\n《]/)[0];
  const before =
    text
      .slice(Math.max(0, span.start - 30), span.start)
      .split(/[。\n]/)
      .pop() ?? '';
  return /现印发给你们|现予印发|印发给你们/.test(rest) || (/(现将|制定了)$/.test(before) && /印发/.test(rest));
}

const docKey = (n: DocNumber | null) => (n ? (n.normalized ?? n.raw.replace(/\s/g, '')) : null);

/**
 * Cited documents in `text`, in order of first mention, with offsets into `text`. `extra`
 * adds citations found elsewhere (a web page's 原文链接 field) before deduplication.
 */
export function findCitations(text: string, own: OwnDocument, extra: CitedDocument[] = []): CitedDocument[] {
  const titles = findTitleSpans(text);
  const numbers = findDocNumbers(text);
  const ownTitles = new Set(own.titles.filter((t): t is string => !!t).map(normalizeTitle));
  const ownNumber = docKey(own.docNumber);
  const used = new Set<number>();
  const found: CitedDocument[] = [...extra];

  for (const span of titles) {
    // Its 文号 follows in brackets: "》(晋政办发〔2023〕36号)" or "》（…".
    const idx = numbers.findIndex((n, k) => !used.has(k) && n.start >= span.end && /^\s*[(（]?\s*$/.test(text.slice(span.end, n.start)));
    let end = span.end;
    let docNumber: DocNumber | null = null;
    if (idx >= 0) {
      used.add(idx);
      docNumber = numbers[idx].docNumber;
      end = numbers[idx].end;
      if (/^[)）]/.test(text.slice(end, end + 1)) && /[(（]/.test(text.slice(span.end, numbers[idx].start))) end++;
    }
    const isOwn =
      ownTitles.has(normalizeTitle(span.title)) || (ownNumber !== null && docKey(docNumber) === ownNumber) || (!docNumber && issuesItself(text, span));
    if (isOwn) continue;
    found.push({ title: span.title, docNumber, start: span.start, end });
  }
  numbers.forEach((n, k) => {
    if (used.has(k) || docKey(n.docNumber) === ownNumber) return;
    found.push({ title: null, docNumber: n.docNumber, start: n.start, end: n.end });
  });
  found.sort((a, b) => a.start - b.start);
  return dedupe(found);
}

/** Keeps the first mention of each document; a later mention may add the 文号 or title the first lacked. */
function dedupe(cites: CitedDocument[]): CitedDocument[] {
  const out: CitedDocument[] = [];
  for (const c of cites) {
    const nKey = docKey(c.docNumber);
    const tKey = c.title ? normalizeTitle(c.title) : null;
    const same = out.find((o) => {
      if (nKey !== null && docKey(o.docNumber) === nKey) return true;
      // The same title under two different 文号 is two documents.
      const conflict = nKey !== null && o.docNumber !== null && docKey(o.docNumber) !== nKey;
      return tKey !== null && o.title !== null && !conflict && normalizeTitle(o.title) === tKey;
    });
    if (!same) {
      out.push({ ...c });
      continue;
    }
    if (!same.docNumber && c.docNumber) same.docNumber = c.docNumber;
    if (!same.title && c.title) same.title = c.title;
  }
  return out;
}
