/**
 * Years a text states, the grammar in one place: `2025年`, `2025 年`, each year of a list that
 * shares one 年 (`2025、2035年`, `2025至2035年`), two-digit years staff type (`25年` → 2025), and
 * a year whose 年 extraction lost at the start of a line (`2025选取…`).
 */

/** Options of {@link statedYears}. */
export interface YearOptions {
  /** Read `25年` as 2025 (questions; documents write four digits). Default false. */
  twoDigit: boolean;
  /** Read a four-digit year that opens a line and is followed by a Han character as a year whose 年 was lost. Default false. */
  lineStart: boolean;
}

export const defaultYearOptions: YearOptions = { twoDigit: false, lineStart: false };

/** A year followed by 年, or by a joiner and another year with 年 (the first of a list). */
const FOUR = '(?:19|20)\\d{2}';
const LIST_TAIL = `\\s*(?:年|[、和与及至到—-]\\s*${FOUR}\\s*年)`;

/** The years a text states, in order, each once. */
export function statedYears(text: string, options: Partial<YearOptions> = {}): number[] {
  const o = { ...defaultYearOptions, ...options };
  const digits = o.twoDigit ? `${FOUR}|\\d{2}` : FOUR;
  const parts = [`(?<!\\d)(${digits})(?=${LIST_TAIL})`];
  // A question's range may leave 年 out altogether (从2025到2035): both ends are years.
  if (o.twoDigit) parts.push(`(?<!\\d)(${FOUR})(?=\\s*[到至—-]\\s*${FOUR}(?!\\d))`, `(?<=[到至—-]\\s*)(${FOUR})(?!\\d)`);
  if (o.lineStart) parts.push(`^(${FOUR})(?=\\p{Script=Han})`);
  const re = new RegExp(parts.join('|'), 'gmu');
  const out: number[] = [];
  for (const m of text.matchAll(re)) {
    const raw = m.slice(1).find((x) => x !== undefined)!;
    const y = raw.length === 2 ? 2000 + Number(raw) : Number(raw);
    if (!out.includes(y)) out.push(y);
  }
  return out;
}
