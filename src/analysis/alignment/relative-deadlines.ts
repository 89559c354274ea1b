/**
 * Deadlines written relative to a year (`当年年底前`, `次年6月底前`, `本年度内`, `上半年`,
 * `年底前`; the words are data in `zh/relative-time.ts`), resolved to a year and month so they
 * compare with an absolute deadline of the other plan: a year named earlier in the same sentence
 * is the reference (`2024年试点，次年底前推开` → 2025年底), else the plan's own issue date (a
 * county plan issued in 2024 that writes `当年年底前` for the province's `2025年底前` moved the
 * deadline a year earlier). A deadline resolved from the issue date keeps its relative form: two
 * plans that both write `年底前` ask the same, whatever year each was issued in.
 */
import type { ParsedDocument } from '../../ingest/types.js';
import { findRelativeTimes } from '../../zh/relative-time.js';
import { statedYears } from '../../zh/years.js';
import type { Timing } from '../frames/types.js';

/** A deadline resolved from relative words. */
export interface RelativeDeadline extends Timing {
  kind: 'deadline';
  year: number;
  month: number;
  /** Resolved from the plan's issue year (not from a year named in the sentence): months after the start of that year it is due, for comparing two such deadlines. */
  fromIssue: number | null;
  /** How a reader sees it: the words and the date they resolve to (`当年年底前（2024年12月）`). */
  shown: string;
}

/** Dates of a plan in the order they date its issue: 印发 (issued), then 发布 (published), then 成文 (signed). */
const ISSUE_ORDER = ['印发', '发布', '成文'] as const;

/**
 * The year a plan's relative times refer to by default: the year of its issue date (印发, else
 * 发布, else 成文; only a date that parsed), else the year of its 文号 (`〔2023〕36号`), else null.
 */
export function referenceYear(doc: ParsedDocument): number | null {
  for (const kind of ISSUE_ORDER) {
    const d = doc.meta.dates.find((x) => x.kind === kind && x.iso);
    if (d) return Number(d.iso!.slice(0, 4));
  }
  return doc.meta.docNumber?.year ?? null;
}

/** The text with 《》 titles, 〔〕 document numbers and brackets blanked (same length): the years they name date nothing. */
const withoutTitles = (text: string) => text.replace(/《[^》]*》|〔[^〕]*〕|[(（][^)）]*[)）]/g, (m) => ' '.repeat(m.length));

const monthText = (month: number) => (month === 12 ? '年底' : `年${month}月`);

/**
 * The relative deadlines of a sentence (offsets of its document, like its frame's): each
 * resolved against the last year written before it in the sentence, else against `issueYear`;
 * none when neither is known.
 */
export function relativeDeadlines(sentence: { text: string; start: number }, issueYear: number | null): RelativeDeadline[] {
  const plain = withoutTitles(sentence.text);
  const out: RelativeDeadline[] = [];
  for (const r of findRelativeTimes(sentence.text)) {
    let year: number;
    let fromIssue: number | null = null;
    if (r.year !== null) year = r.year;
    else {
      // The last year the sentence names before it (statedYears lists each year once, in order of first mention).
      const named = statedYears(plain.slice(0, r.start)).pop();
      if (named !== undefined) year = named + (r.offset ?? 0);
      else if (issueYear !== null) {
        year = issueYear + (r.offset ?? 0);
        fromIssue = (r.offset ?? 0) * 12 + r.month;
      } else continue;
    }
    out.push({
      kind: 'deadline',
      period: null,
      year,
      month: r.month,
      day: null,
      vague: false,
      recipient: null,
      text: r.text,
      start: sentence.start + r.start,
      end: sentence.start + r.end,
      fromIssue,
      shown: r.year !== null ? r.text : `${r.text}（${year}${monthText(r.month)}）`,
    });
  }
  return out;
}

/** `extra` deadlines that overlap none of `timing` (the frame's own reading of a span wins). */
export function withoutOverlap<T extends { start: number; end: number }>(extra: T[], timing: { start: number; end: number }[]): T[] {
  return extra.filter((e) => !timing.some((t) => t.start < e.end && e.start < t.end));
}
