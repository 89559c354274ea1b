/**
 * Relative times of a plan's deadlines, as data: a year named relative to another (当年, 次年),
 * a part of a year (年底, 上半年, 三季度), and the words around them that make them a deadline
 * or rule that out (每年年底前 recurs every year; 三年内 is a time limit, not a date). Only the
 * words are read here; which year they refer to — a year named earlier in the same sentence, or
 * the plan's own issue date — is decided by the caller.
 */

/** A year named relative to the reference year, with how many years after it. Longest first when matched. */
export const RELATIVE_YEARS: readonly { word: string; offset: number; note: string }[] = [
  { word: '下一年度', offset: 1, note: 'the year after the reference year' },
  { word: '本年度', offset: 0, note: 'the plan year itself (`本年度内完成`)' },
  { word: '下年度', offset: 1, note: 'the year after' },
  { word: '下一年', offset: 1, note: 'the year after' },
  { word: '第二年', offset: 1, note: 'the year after a named year (`2024年试点，第二年推开`)' },
  { word: '当年', offset: 0, note: 'the year just named, else the plan year (`当年年底前`)' },
  { word: '本年', offset: 0, note: 'the plan year' },
  { word: '今年', offset: 0, note: 'the plan year (`今年底前`)' },
  { word: '次年', offset: 1, note: 'the year after (`次年6月底前`)' },
  { word: '翌年', offset: 1, note: 'the year after, formal' },
  { word: '明年', offset: 1, note: 'the year after the plan year' },
  { word: '来年', offset: 1, note: 'the year after the plan year' },
  // 上年/去年/上年度 name past years (`上年度工作总结`), never a deadline: not listed.
];

/**
 * Parts of a year and the month they end in (a deadline is due at the end of the part). `alone`:
 * the part is a time on its own (`上半年完成`); otherwise, without a year before it, it needs a
 * deadline word after it or a marker before it (`年底前`, `到年底`), because as a noun it names
 * an event (`年中评估`). `底`/`末` alone count only right after a year (`当年底`, `今年末`).
 * 年终 is not listed: it is nearly always a noun (`年终考核`).
 */
export const YEAR_PARTS: readonly { word: string; month: number; alone: boolean; note: string }[] = [
  { word: '第一季度', month: 3, alone: true, note: 'the first quarter' },
  { word: '第二季度', month: 6, alone: true, note: 'the second quarter' },
  { word: '第三季度', month: 9, alone: true, note: 'the third quarter' },
  { word: '第四季度', month: 12, alone: true, note: 'the fourth quarter' },
  { word: '前三季度', month: 9, alone: true, note: 'the first three quarters' },
  { word: '一季度', month: 3, alone: true, note: 'the first quarter' },
  { word: '二季度', month: 6, alone: true, note: 'the second quarter' },
  { word: '三季度', month: 9, alone: true, note: 'the third quarter' },
  { word: '四季度', month: 12, alone: true, note: 'the fourth quarter' },
  { word: '上半年', month: 6, alone: true, note: 'the first half: due by the end of June' },
  { word: '下半年', month: 12, alone: true, note: 'the second half: due by the end of the year' },
  { word: '年底', month: 12, alone: false, note: 'the end of the year (`年底前`)' },
  { word: '年末', month: 12, alone: false, note: 'the end of the year (`年末前`)' },
  { word: '年中', month: 6, alone: false, note: 'the middle of the year (`年中前`; `年中评估` is an event)' },
  { word: '年内', month: 12, alone: true, note: 'within the year (not `三年内`, a time limit)' },
];

/** Words that end a deadline (`前`, `以前`, `内`) or close it (`底前` after a month). Longest first. */
export const DEADLINE_SUFFIXES: readonly string[] = ['之前', '以前', '以内', '之内', '底前', '末前', '前', '内', '底', '末'];

/** Words before a time that make it a deadline (`到当年年底`, `于次年6月底前`). */
export const DEADLINE_MARKERS = /(?:到|于|在|至|截至|截止)\s*$/;

/**
 * Text before a part of a year that makes it recurring or a span, not one date: every year
 * (`每年年底前`, `各年度`, `逐年`, `年年`), or a count of years (`三年内`, `两个年度内`).
 */
export const NOT_A_DATE_BEFORE = /(?:每|各|逐|年|[\d一二两三四五六七八九十百几]|个)\s*$/;

/** A relative time read from a text: where it is, the year it names (absolute or relative) and the month it is due in. */
export interface RelativeTime {
  text: string;
  start: number;
  end: number;
  /** Years after the reference year when a relative year word names it (`次年` 1), else null. */
  offset: number | null;
  /** A year written with the part (`2025年上半年` → 2025), else null. */
  year: number | null;
  /** The month the time is due in (12 for a bare year word or a year end). */
  month: number;
  /** The part of the year, month or suffix that makes it a deadline, as written (`年底`, `6月底前`). */
  part: string | null;
}

const alt = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).join('|');
const YEAR_WORD = alt(RELATIVE_YEARS.map((r) => r.word));
const PART_WORD = alt(YEAR_PARTS.map((p) => p.word));
const SUFFIX = alt(DEADLINE_SUFFIXES);
/** `次年` `次年6月底前` `当年年底前` `本年度内` `2025年上半年` `上半年` `年底前`. */
const PATTERN = new RegExp(
  `(?<abs>(?<![\\d.])(?:19|20)\\d{2}\\s*年(?:度)?\\s*)?(?<rel>${YEAR_WORD})?\\s*(?:(?<part>${PART_WORD})|(?<month>\\d{1,2})\\s*月(?:\\s*(?<day>\\d{1,2})\\s*日)?|(?<ends>底|末))?\\s*(?<suffix>${SUFFIX})?`,
  'g',
);

const PARTS = new Map(YEAR_PARTS.map((p) => [p.word, p]));

/**
 * The relative times of a text (see the module comment): a relative year word, with a part of the
 * year, a month or a deadline word after it or a deadline marker before it (`次年全面推开` alone is
 * a year of work, not a deadline: `2025年完成` is not one either); a part of a year after a
 * written year (`2025年上半年`); or a part of a year on its own (`上半年`, `年底前`). Never a part
 * after 每年/各/逐 or a count of years (`每年年底前`, `三年内`).
 */
export function findRelativeTimes(text: string): RelativeTime[] {
  const out: RelativeTime[] = [];
  for (const m of text.matchAll(PATTERN)) {
    const g = m.groups!;
    if (!m[0].trim()) continue;
    const rel = g.rel ? RELATIVE_YEARS.find((r) => r.word === g.rel)! : null;
    const part = g.part ?? null;
    const month = g.month ? Number(g.month) : null;
    const before = text.slice(0, m.index);
    if (rel) {
      if (!part && month === null && !g.ends && !g.suffix && !DEADLINE_MARKERS.test(before)) continue;
      if (month !== null && (month < 1 || month > 12)) continue;
    } else if (g.abs) {
      // A written year with a month or a year end is the frames' own deadline; only a part of a year is new here.
      if (!part) continue;
    } else {
      if (!part || NOT_A_DATE_BEFORE.test(before)) continue;
      if (!PARTS.get(part)!.alone && !g.suffix && !DEADLINE_MARKERS.test(before)) continue;
    }
    const start = m.index!;
    const written = m[0].replace(/\s+$/, '');
    out.push({
      text: written,
      start,
      end: m.index! + written.length,
      offset: rel ? rel.offset : null,
      year: g.abs ? Number(g.abs.match(/\d{4}/)![0]) : null,
      month: part ? PARTS.get(part)!.month : (month ?? 12),
      part: part ?? (month !== null ? `${month}月` : (g.ends ?? g.suffix ?? null)),
    });
  }
  return out;
}
