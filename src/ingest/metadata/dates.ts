/**
 * Dates of a document: parsing one written date (`2022年11月28日`, `2024-01-03`,
 * `二〇二二年十一月二十八日`) and finding the dated lines of a document's header and
 * signature (成文 on the signature, 印发 on the imprint line, 发布 on the web page).
 */
import { parseNumber, readDigitByDigit } from '../../zh/numerals.js';
import { endsWithIssuer } from '../../zh/organisations.js';
import type { DateKind, ParsedDate } from '../types.js';

function validIso(y: number, m: number, d: number): string | null {
  if (y < 1949 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Parses a date as written into ISO `YYYY-MM-DD`, or null when it is not a complete,
 * unambiguous, valid date. Accepts `2022年11月28日` (the final 日 may be missing), Chinese
 * numerals (`二〇二二年十一月二十八日`), `2024-01-03` / `2024/1/3` / `2024.1.3` (a time after
 * it is ignored), compact `20240103`, and a trailing 印发/发布/签发/成文. A seven-digit run such
 * as the damaged `2024416` is ambiguous (4-16? 41-6?) and gives null.
 */
export function parseChineseDate(raw: string): string | null {
  const s = raw
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/(印发|发布|签发|成文)$/, '');
  let m = /^(\d{4}|[〇○零一二三四五六七八九O]{4})年([\d〇○零一二三四五六七八九十]{1,3})月([\d〇○零一二三四五六七八九十]{1,3})日?$/.exec(s);
  if (m) {
    const y = /^\d+$/.test(m[1]) ? Number(m[1]) : readDigitByDigit(m[1]);
    const mo = parseNumber(m[2]);
    const d = parseNumber(m[3]);
    if (y === null) return null;
    return mo === null || d === null ? null : validIso(y, mo, d);
  }
  m = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:T?\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s);
  if (m) return validIso(Number(m[1]), Number(m[3]), Number(m[4]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return validIso(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/** A written date: Chinese, ISO-like, Chinese numerals, or a run of 5–8 digits starting 19/20 (possibly damaged). */
export const DATE_TOKEN =
  '(?<!\\d)(?:(?:19|20)\\d{2}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}(?:\\s*日)?|(?:19|20)\\d{2}[-/.]\\d{1,2}[-/.]\\d{1,2}(?:\\s+\\d{1,2}:\\d{2}(?::\\d{2})?)?|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日|(?:19|20)\\d{3,6})(?!\\d)';

/** Field labels that date a web page or a document, with the kind they give. */
const LABELS: [RegExp, DateKind][] = [
  [/(成文日期|成文时间)$/, '成文'],
  [/(发文日期|发文时间|印发日期|印发时间)$/, '印发'],
  [/(发布日期|发布时间|公开日期|公开时间|时间|日期)$/, '发布'],
];
/** A bare 时间/日期 label dates the page only when no labelled 发布 date does (page widgets carry other times). */
const GENERIC_LABEL = /(?<!发布|公开|成文|发文|印发)(时间|日期)$/;

/** Endings of organisation names: a date right after one is a signature date. */

/** A dated place in the text, with the line it sits in. */
export interface FoundDate extends ParsedDate {
  start: number;
  end: number;
}

/**
 * Dates found in the given lines (the header and signature lines of a document): after a
 * field label (kind from the label), before 印发/发布, alone on a line or right after an
 * organisation name (a signature: 成文). Dates inside sentences are not the document's own.
 */
export function findDates(lines: { text: string; start: number }[]): FoundDate[] {
  const re = new RegExp(DATE_TOKEN, 'gu');
  const out: FoundDate[] = [];
  const generic = new Set<number>();
  for (const line of lines) {
    for (const m of line.text.matchAll(re)) {
      const raw = m[0].trim();
      const before = line.text.slice(0, m.index).replace(/[\s:：]+$/, '');
      const after = line.text.slice(m.index + m[0].length).replace(/^\s+/, '');
      let kind: DateKind | null = null;
      const label = LABELS.find(([l]) => l.test(before));
      if (label) kind = label[1];
      if (label && GENERIC_LABEL.test(before)) generic.add(out.length);
      else if (/^印发/.test(after)) kind = '印发';
      else if (/^发布/.test(after)) kind = '发布';
      else if ((before === '' && /^([(（]|$)/.test(after)) || endsWithIssuer(before)) kind = '成文';
      if (!kind) continue;
      // A bare run of digits is only a date in a signature or field position (never a count).
      const start = line.start + m.index;
      out.push({ kind, raw, iso: parseChineseDate(raw), start, end: start + raw.length });
    }
  }
  const labelled = out.some((d, i) => d.kind === '发布' && !generic.has(i));
  const seen = new Set<string>();
  return out.filter((d, i) => {
    if (labelled && generic.has(i)) return false;
    const key = `${d.kind}|${d.raw}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
