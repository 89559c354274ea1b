/**
 * Chinese numerals as the documents write them: clause numerals (`二十七`), month and day
 * numerals (`十一月二十八日`) and years read digit by digit (`二〇二三`). One grammar for every
 * layer, so a heading numeral and a date numeral can never be read by two drifting rules.
 */

/** Characters of Chinese numerals up to 999 (零/〇 and 两 included). */
export const NUMERAL_CHARS = '零〇一二两三四五六七八九十百';

/**
 * Digit values, including the look-alikes extraction produces for 〇 in years (`○` U+25CB,
 * full-width `Ｏ`, Latin `O`), which only {@link readDigitByDigit} accepts.
 */
export const DIGIT_VALUES: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  '○': 0,
  Ｏ: 0,
  O: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

const D = '一二两三四五六七八九';
/** Well-formed numerals below 1000: [d百][零][d]十[d] — `一二` or `十十` are not numbers. */
const WELL_FORMED = new RegExp(`^(?:([${D}])百)?(?:(零)?([${D}])?(十))?(?:(零)?([${D}]))?$`);

/**
 * Parses a Chinese numeral below 1000 (`二十七` → 27, `一百零五` → 105, `十` → 10, `零` → 0);
 * null when `s` is not a well-formed numeral.
 */
export function parseChineseNumeral(s: string): number | null {
  if (!s) return null;
  const t = s.replace(/〇/g, '零');
  if (t === '零') return 0;
  const m = WELL_FORMED.exec(t);
  if (!m?.[0]) return null;
  const [, h, zeroBeforeTens, tens, ten, zeroBeforeUnit, unit] = m;
  // 零 stands only for a skipped place: after hundreds (一百零五), never leading.
  if ((zeroBeforeTens && !h) || (zeroBeforeTens && !tens) || (zeroBeforeUnit && (!h || ten))) return null;
  const hundreds = h ? DIGIT_VALUES[h] : 0;
  const tensValue = ten ? (tens ? DIGIT_VALUES[tens] : 1) : 0;
  const units = unit ? DIGIT_VALUES[unit] : 0;
  return hundreds * 100 + tensValue * 10 + units;
}

/** A number written in digits or as a Chinese numeral (`12` or `十二` → 12); null otherwise. */
export function parseNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  return parseChineseNumeral(s);
}

/** A digit-by-digit Chinese number (`二〇二三` → 2023, look-alikes of 〇 accepted); null otherwise. */
export function readDigitByDigit(s: string): number | null {
  if (!s) return null;
  let n = 0;
  for (const ch of s) {
    const d = DIGIT_VALUES[ch];
    if (d === undefined || ch === '两') return null;
    n = n * 10 + d;
  }
  return n;
}

/** Formats 1–999 as a Chinese numeral the way headings write it (`27` → `二十七`). */
export function formatChineseNumeral(n: number): string {
  const d = '零一二三四五六七八九';
  if (n < 10) return d[n];
  if (n < 20) return '十' + (n % 10 ? d[n % 10] : '');
  if (n < 100) return d[Math.floor(n / 10)] + '十' + (n % 10 ? d[n % 10] : '');
  const rest = n % 100;
  return (
    d[Math.floor(n / 100)] + '百' + (rest === 0 ? '' : rest < 10 ? '零' + d[rest] : rest < 20 ? '一' + formatChineseNumeral(rest) : formatChineseNumeral(rest))
  );
}
