/**
 * Units of the numbers plans set, as data: what kind of quantity each measures, which tells a
 * reviewer whether a lower-level plan may change it.
 *
 * - count: a total over the plan's area (100条精品小流域, 400座淤地坝, 100万亩): a smaller area
 *   sets a smaller total, so a lower number is usually the local share, checked at low severity;
 * - standard: a threshold every place applies (25度以上的坡面, 300米见绿, 30日内): a change is
 *   looser or stricter, and looser is what a reviewer must act on;
 * - rate: a percentage. A rate of the whole area (全省水土保持率) is an aggregate each region
 *   sets for itself (compared with the parent's decomposition table when there is one); any other
 *   rate (审批率达到98%) is a standard.
 */

/** The kind of quantity a unit measures. */
export type QuantityClass = 'count' | 'standard' | 'rate';

/** Units of totals over an area: items, areas, lengths of works, money. Longest first when matched. */
export const COUNT_UNITS: readonly string[] = [
  '平方公里',
  '平方千米',
  '万亩',
  '公顷',
  '万元',
  '亿元',
  '万吨',
  '公里',
  '千米',
  'km2',
  'km²',
  '亩',
  '个',
  '条',
  '座',
  '处',
  '户',
  '家',
  '项',
  '所',
  '名',
  '人',
  '批',
  '片',
  '块',
  '套',
  '台',
  '眼',
  '道',
  '元',
  '吨',
];

/**
 * Units of standards, with the direction that LOOSENS them: a steeper slope before farming is
 * banned, a longer distance to the nearest green space, a longer time limit all ask less.
 */
export const STANDARD_UNITS: readonly { unit: string; looserWhen: 'higher' | 'lower' }[] = [
  { unit: '度', looserWhen: 'higher' },
  { unit: '米', looserWhen: 'higher' },
  { unit: '个月', looserWhen: 'higher' },
  { unit: '小时', looserWhen: 'higher' },
  { unit: '天', looserWhen: 'higher' },
  { unit: '日', looserWhen: 'higher' },
  { unit: '周', looserWhen: 'higher' },
  { unit: '年', looserWhen: 'higher' },
];

/** Percent signs: a rate is looser when lower, unless it is an upper bound (`控制在5%以下`). */
export const RATE_UNITS: readonly string[] = ['%', '％', '‰'];

/** Words before a metric that make a rate an aggregate of the whole area (`全省水土保持率`). */
export const AGGREGATE_SCOPE = /(?:全省|全市|全县|全区|全域|全|我省|我市|我县|我区)$/;

/** The class of a unit as written (`万亩` → count, `度以` → standard, `%` → rate), null when unknown. */
export function quantityClass(unit: string): QuantityClass | null {
  const u = unit.trim();
  if (!u) return null;
  if (RATE_UNITS.some((r) => u.startsWith(r))) return 'rate';
  if (STANDARD_UNITS.some((s) => u.startsWith(s.unit))) return 'standard';
  if (COUNT_UNITS.some((c) => u.startsWith(c))) return 'count';
  return null;
}

/** For a standard or rate: does a change from `from` to `to` loosen it? `upperBound` marks a rate that must stay below its value. */
export function loosens(unit: string, from: number, to: number, upperBound = false): boolean | null {
  if (from === to) return null;
  const cls = quantityClass(unit);
  if (cls === 'rate') return upperBound ? to > from : to < from;
  const std = STANDARD_UNITS.find((s) => unit.trim().startsWith(s.unit));
  if (!std) return null;
  return std.looserWhen === 'higher' ? to > from : to < from;
}
