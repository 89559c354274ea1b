/**
 * Quantitative targets: a number with a unit (`66.18%`, `400座以上`, `100万亩`, `133.29km2`),
 * its comparator (达到, 不低于, 控制在, 以上, 以内), the metric it measures (the noun phrase
 * before it — `全省水土保持率达到66.18%` → 水土保持率 — or after it for counts:
 * `打造100条高质量精品小流域` → 高质量精品小流域), and its year or period.
 */
import { clauseSegments, maskTitles } from './text.js';
import { extractTiming } from './timing.js';
import type { Comparator, Target } from './types.js';

/** Options of {@link extractTargets}. */
export interface TargetOptions {
  /** Year stated earlier in the clause (`到2025年,…。…全省水土保持率达到66.18%`), used when the sentence has none. */
  contextYear?: number | null;
}

const UNITS = [
  '平方公里',
  '平方千米',
  '平方米',
  'km2',
  'km²',
  '公顷',
  '万亩',
  '亩',
  '亿元',
  '万元',
  '万吨',
  '吨',
  '万株',
  '株',
  '万人',
  '人次',
  '%',
  '％',
  '‰',
  '座',
  '个',
  '条',
  '户',
  '处',
  '家',
  '所',
  '项',
  '台',
  '套',
  '眼',
  '宗',
  '片',
  '公里',
  '千米',
  '倍',
];
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\%]/g, '\\$&');
const RE_NUMBER = new RegExp(`(?<![\\d.])(\\d+(?:\\.\\d+)?)\\s*(${UNITS.map(esc).join('|')})(?![A-Za-z\\d])\\s*(及以上|以上|以内|以下|左右)?`, 'g');
const RE_COMP_BEFORE =
  /(不低于|不少于|不超过|不高于|超过|高于|低于|控制在|保持在|稳定在|提高到|提高至|提升到|提升至|增加到|增加至|减少到|降低到|降至|达到|达)\s*$/;
/** Comparator words that bound from above (`控制在…以内`); every other comparator bounds from below. */
const LE_WORDS = new Set(['以内', '以下', '不超过', '不高于', '控制在', '低于', '减少到', '降低到', '降至']);
const EQ_WORDS = new Set(['保持在', '稳定在', '左右']);
const RE_TIME_PREFIX = /^(?:(?:到|至)?\s*\d{4}\s*年(?:底|末)?(?:前)?|[“"]?十[一二三四五]五[”"]?(?:期间|时期|末)?|每年度?|每季度|每月)+/;
const RE_SCOPE_PREFIX = /^(?:全省|全市|全县|全区|全国|我省|我市|我县|我区|全(?![面力部体新链流过程年方]))/;
const RE_VERB_PREFIX = /^(?:累计|实施|建设|打造|扶持|选取|完成|建成|创建|培育|新建|实现|力争|确保)+/;
const RE_POST_STOP = /开展|实施|建设|试点|推进|用于|作为|纳入|达到|为|,|，|;|；|。/;

/** Reads the quantitative targets of a sentence, left to right. Offsets are `baseOffset` + index. */
export function extractTargets(text: string, baseOffset = 0, options: TargetOptions = {}): Target[] {
  const masked = maskTitles(text);
  const segments = clauseSegments(masked);
  const timings = extractTiming(text, 0);
  const out: Target[] = [];
  RE_NUMBER.lastIndex = 0;
  for (let m = RE_NUMBER.exec(masked); m; m = RE_NUMBER.exec(masked)) {
    const numStart = m.index;
    let end = numStart + m[0].replace(/\s+$/, '').length;
    const [segStart, segEnd] = segments.find(([s, e]) => numStart >= s && numStart < e) ?? [0, masked.length];
    const seg = masked.slice(segStart, numStart);
    // `以46处省级以上自然保护区…为重点`: a scope, not a target.
    if (/^\s*以/.test(seg) && /为(?:重点|主线|抓手|依托|核心)/.test(masked.slice(numStart, segEnd + 20))) continue;
    // A number inside a 〔〕 or a bracketed note (文号, (市、区)) is not a target.
    if (/[〔(（][^〕)）]*$/.test(seg)) continue;

    const compBefore = RE_COMP_BEFORE.exec(seg);
    const preEnd = segStart + seg.length - (compBefore ? compBefore[0].length : 0);
    let preStart = segStart;
    const prefix = (re: RegExp) => {
      const p = re.exec(masked.slice(preStart, preEnd));
      if (p) preStart += p[0].length;
    };
    prefix(/^\s+/);
    prefix(RE_TIME_PREFIX);
    prefix(RE_SCOPE_PREFIX);
    prefix(RE_VERB_PREFIX);
    let metricStart = preStart;
    const de = masked.lastIndexOf('的', preEnd - 1);
    if (de >= preStart && de + 1 < preEnd) metricStart = de + 1;
    let metric: string | null = metricStart < preEnd ? text.slice(metricStart, preEnd).trim() : null;
    let spanStart = metric ? metricStart : numStart;
    if (!metric) {
      // Counts name their metric after the unit: `打造100条高质量精品小流域`.
      const after = masked.slice(end, segEnd);
      const stop = RE_POST_STOP.exec(after);
      const len = stop ? stop.index : after.length;
      if (len > 0) {
        metric = text.slice(end, end + len).trim() || null;
        if (metric) end = end + len;
      }
      spanStart = numStart;
    }

    const comparatorWords = [compBefore?.[1], m[3]].filter(Boolean) as string[];
    const comparator = comparatorWords.length ? comparatorWords.join('…') : null;
    const op: Comparator = comparatorWords.some((w) => LE_WORDS.has(w)) ? '<=' : comparatorWords.some((w) => !EQ_WORDS.has(w)) ? '>=' : '=';
    const before = timings.filter((t) => t.start < numStart);
    const dated =
      [...before].reverse().find((t) => t.year !== null && t.kind !== 'frequency') ?? timings.find((t) => t.year !== null && t.kind !== 'frequency');
    // A 五年规划 period scopes the rest of the sentence; `每年` only its own clause.
    const periodic = [...before].reverse().find((t) => t.kind === 'period' || (t.kind === 'frequency' && !t.vague && t.start >= segStart));
    const year = dated?.year ?? options.contextYear ?? null;
    const amountEnd = numStart + m[0].replace(/\s+$/, '').length;
    out.push({
      metric,
      value: Number(m[1]),
      valueText: m[1],
      unit: m[2],
      comparator,
      op,
      year,
      ...(dated?.year == null && options.contextYear != null ? { yearInherited: true } : {}),
      period: periodic ? periodic.text : null,
      start: baseOffset + spanStart,
      end: baseOffset + Math.max(end, amountEnd),
      raw: text.slice(spanStart, Math.max(end, amountEnd)),
      amount: { text: text.slice(numStart, amountEnd), start: baseOffset + numStart, end: baseOffset + amountEnd },
    });
  }
  return out;
}
