/**
 * Arithmetic on two stated figures ("宁武县的目标比全省低多少个百分点？", "晋城市2035年比2025年
 * 提高几个百分点？", "从落款到印发隔了几天？"): the question is split into its two operands —
 * two places, two years, or two record dates — each operand is answered as a question of its
 * own (so each figure is found and cited the usual way), and the result is shown with its
 * working: `全省66.18% − 宁武县56.04% = 10.14个百分点`. Nothing is computed from a figure that
 * was not found.
 */
import { ARITHMETIC_CUES } from '../zh/question-cues.js';
import { questionYears } from './table-answer.js';

/** One operand: what it is called in the answer, and the question that finds it. */
export interface Operand {
  label: string;
  question: string;
}

/** A figure read from an operand's answer. */
export interface Figure {
  value: number;
  /** Decimal places as written (the result keeps the larger). */
  decimals: number;
  /** Unit as written (`%`, `座`, `万亩`), '' when none. */
  unit: string;
  text: string;
}

const UNIT = '(%|％|个百分点|万亩|亩|万元|亿元|元|座|个|条|处|家|km2|平方公里|公顷|万人|人|天|年)?';
const NUMBER = new RegExp(`(?<![\\d.])(\\d+(?:\\.\\d+)?)\\s*${UNIT}`, 'g');

/**
 * The figure an answer states: the first number that is not a year (`运城市 2025年：77.25%` →
 * 77.25%), with its unit. Null when there is none.
 */
export function readFigure(answer: string): Figure | null {
  const text = answer.normalize('NFKC').replace(/(?<!\d)(?:19|20)\d{2}\s*年/g, ' ');
  for (const m of text.matchAll(NUMBER)) {
    const unit = (m[2] ?? '').replace('％', '%');
    if (unit === '年' && /^(?:19|20)\d{2}$/.test(m[1])) continue;
    return { value: Number(m[1]), decimals: (m[1].split('.')[1] ?? '').length, unit, text: `${m[1]}${unit}` };
  }
  return null;
}

/** Whether a question asks for arithmetic. */
export function asksArithmetic(question: string): boolean {
  return ARITHMETIC_CUES.test(question.normalize('NFKC'));
}

/** The question without its comparison words: the shared part both operands ask about (cut at the cue). */
function shared(question: string): string {
  const q = question.normalize('NFKC').replace(/[?？。!！]+$/, '');
  const cue = ARITHMETIC_CUES.exec(q);
  const head = cue ? q.slice(0, cue.index) : q;
  return head.replace(/比(?=[^比]*$)/, '').replace(/(?:要|还|的|会|能)+$/, '');
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The two operands of an arithmetic question: the two places (or table rows) it names, else its
 * two years; null when it names fewer than two of either. `places` are the place words the
 * question uses, in any order.
 */
export function planOperands(question: string, places: string[]): Operand[] | null {
  const q = question.normalize('NFKC');
  const named = [...new Set(places)].filter((p) => q.includes(p)).sort((a, b) => q.indexOf(a) - q.indexOf(b));
  const base = shared(q);
  // "A比B…": A is the last place before 比, B the last (most specific) one after it.
  const bi = q.lastIndexOf('比');
  const before = bi > 0 ? named.filter((p) => q.indexOf(p) < bi) : [];
  const after = bi > 0 ? named.filter((p) => q.lastIndexOf(p) > bi) : [];
  const pair = before.length && after.length ? [before[before.length - 1], after[after.length - 1]] : named.slice(0, 2);
  if (pair.length >= 2 && pair[0] !== pair[1]) {
    const [a, b] = pair;
    // Each operand's question keeps its own place and drops every other (short forms too: 忻州 for 忻州市).
    const forms = (p: string) => [p, p.replace(/(市|县|区|省)$/, '')].filter((f) => f.length >= 2);
    const others = (keep: string) => named.filter((p) => p !== keep && !keep.includes(p)).flatMap(forms);
    const without = (text: string, drop: string[]) =>
      drop.sort((x, y) => y.length - x.length).reduce((t, p) => t.replace(new RegExp(`[和与及、]?${escapeRegExp(p)}(?:的)?`, 'g'), ''), text);
    return [
      { label: a, question: `${without(base, others(a))}是多少？` },
      { label: b, question: `${b}${without(base, [...others(b), ...forms(b)])}是多少？` },
    ];
  }
  const years = questionYears(q);
  if (years.length >= 2) {
    const [a, b] = years;
    const yearRe = (y: number) => new RegExp(`(?:${y}|(?<!\\d)${String(y).slice(2)}(?=\\s*年))(?!\\d)\\s*年?(?:的)?`, 'g');
    return [
      { label: `${a}年`, question: `${base.replace(yearRe(b), '')}是多少？` },
      { label: `${b}年`, question: `${base.replace(yearRe(a), '')}是多少？` },
    ];
  }
  return null;
}

const round = (x: number, decimals: number) => Number(x.toFixed(decimals));

/** The difference of two figures with its working, in the unit a reader expects (% → 个百分点). */
export function formatDifference(a: { label: string; figure: Figure }, b: { label: string; figure: Figure }): string | null {
  const ua = a.figure.unit === '个百分点' ? '%' : a.figure.unit;
  const ub = b.figure.unit === '个百分点' ? '%' : b.figure.unit;
  if (ua && ub && ua !== ub) return null;
  const unit = ua || ub;
  const [hi, lo] = a.figure.value >= b.figure.value ? [a, b] : [b, a];
  const decimals = Math.max(a.figure.decimals, b.figure.decimals);
  const diff = round(hi.figure.value - lo.figure.value, decimals);
  const out = unit === '%' ? '个百分点' : unit;
  return `${hi.label}${hi.figure.text} − ${lo.label}${lo.figure.text} = ${diff}${out}`;
}

/** Days between two ISO dates (`2023-06-11`, `2023-06-15` → 4). */
export function daysBetween(a: string, b: string): number {
  return Math.round(Math.abs(Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Whether a question asks how far apart two of a document's dates are (落款到印发隔了几天). */
export function asksDateGap(question: string): boolean {
  return /(?:隔|相隔|间隔|差|相差|过了)(?:了)?(?:几|多少)天|几天(?:后|之后)/.test(question);
}
