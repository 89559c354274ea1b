/**
 * Quantities of a matched pair: a target's number or unit that differs (66.18% → 56.04%), a
 * standard that moved (25度 → 30度), a number the parent sets that is gone — dropped while its
 * object stays (weakened) or replaced by something else (changed). What a change means depends on
 * the kind of quantity (`zh/units.ts`): a count is the child's share of a total (low severity);
 * a standard is looser or stricter (looser is high); a rate of the whole area is compared with
 * the parent's own decomposition for the child's region, and left to the child without one.
 */
import type { ParsedDocument } from '../../ingest/types.js';
import { AGGREGATE_SCOPE, loosens, quantityClass, type QuantityClass } from '../../zh/units.js';
import type { Target } from '../frames/types.js';
import type { PhraseFacts } from './facts.js';
import { lcsLength } from './lcs.js';
import { type LocalizeContext, normalizeForMatch } from './localize.js';
import type { Phrase } from './segment.js';
import { findDecomposition } from './sides.js';

/** A changed, dropped or replaced quantity. */
export interface QuantityChange {
  kind: 'target_changed' | 'weakened';
  severity: 'high' | 'medium' | 'low';
  metric: string;
  parentValue: string;
  childValue: string;
  direction: 'higher' | 'lower' | 'different';
  /** Looser (true), stricter (false) or neither (null) for the reviewer. */
  looser: boolean | null;
  cls: QuantityClass | null;
  target: Target | null;
  /** The parent's own figure for the child's region, when it has one. */
  decomposition: { region: string; year: string; value: string; clause: string } | null;
  /** The child text that stands where the quantity was, when the child sets no number there. */
  replacedBy?: string;
  /** Offsets (clean, parent) of the quantity. */
  start: number;
  end: number;
}

/** What a comparison needs beyond the two phrases. */
export interface QuantityContext {
  ctx: LocalizeContext;
  parent: ParsedDocument;
  child: ParsedDocument;
  /** The parent phrase's sentence text and clean start (for the scope word before a metric). */
  pSentence: { text: string; start: number };
}

const amountOf = (t: Target) => t.amount.text.replace(/\s+/g, '');
const digitsOf = (t: string) => (t.match(/\d+(?:\.\d+)?/g) ?? []).join(',');
const squash = (t: string) => t.replace(/\s+/g, '');

/** A document's clean text without whitespace, once per document (every dropped target searches it). */
const squashed = new WeakMap<ParsedDocument, string>();
function squashedText(doc: ParsedDocument): string {
  let text = squashed.get(doc);
  if (text === undefined) squashed.set(doc, (text = squash(doc.clean.text)));
  return text;
}

/** Share of the shorter metric's characters found in the longer (after localisation). */
export function metricOverlap(a: string | null, b: string | null, ctx: LocalizeContext): number {
  const x = normalizeForMatch(a ?? '', ctx);
  const y = normalizeForMatch(b ?? '', ctx);
  if (!x || !y) return 0;
  const [s, l] = x.length <= y.length ? [x, y] : [y, x];
  let hit = 0;
  for (const ch of s) if (l.includes(ch)) hit++;
  return hit / s.length;
}

/** Share of the shorter metric's character bigrams found in the longer (after localisation); 1 for one-character metrics that are equal. */
export function metricBigramOverlap(a: string | null, b: string | null, ctx: LocalizeContext): number {
  const x = normalizeForMatch(a ?? '', ctx);
  const y = normalizeForMatch(b ?? '', ctx);
  if (!x || !y) return 0;
  const grams = (t: string) => (t.length < 2 ? [t] : [...t].slice(1).map((ch, i) => t[i] + ch));
  const [s, l] = x.length <= y.length ? [grams(x), new Set(grams(y))] : [grams(y), new Set(grams(x))];
  return s.filter((g) => l.has(g)).length / s.length;
}

/** The child states this amount for this metric somewhere (`…扶持1000个水保生态经济专业户的…部署`): restated, not dropped. */
export function statedAnywhere(child: ParsedDocument, value: string, unit: string, metric: string, ctx: LocalizeContext): boolean {
  const text = squashedText(child);
  const amount = `${value}${unit.trim().slice(0, 1)}`;
  const core = normalizeForMatch(metric, ctx).slice(-4);
  for (let at = text.indexOf(amount); at >= 0; at = text.indexOf(amount, at + 1)) {
    if (/[\d.]/.test(text[at - 1] ?? '')) continue;
    if (!core || normalizeForMatch(text.slice(Math.max(0, at - 40), at + amount.length + 40), ctx).includes(core)) return true;
  }
  return false;
}

/** How a changed value reads to a reviewer, with the severity it deserves. */
function judge(
  cls: QuantityClass | null,
  unit: string,
  from: number,
  to: number,
  upperBound: boolean,
): { severity: QuantityChange['severity']; looser: boolean | null } {
  if (cls === 'count') return { severity: 'low', looser: null };
  const looser = loosens(unit, from, to, upperBound);
  if (looser === null) return { severity: 'medium', looser: null };
  return { severity: looser ? 'high' : 'low', looser };
}

/** Is the parent target an aggregate of the whole area (`全省水土保持率…`)? */
function aggregate(t: Target, q: QuantityContext): boolean {
  const before = q.pSentence.text.slice(0, Math.max(0, t.start - q.pSentence.start)).replace(/\s+/g, '');
  const metric = squash(t.metric ?? '');
  return AGGREGATE_SCOPE.test(before) || /^(?:全省|全市|全县|全区|全域)/.test(metric);
}

/** Compares the quantities of a matched pair (see the module comment). */
export function compareQuantities(pf: PhraseFacts, c: Phrase, cf: PhraseFacts, q: QuantityContext): QuantityChange[] {
  const { ctx } = q;
  const out: QuantityChange[] = [];
  const childNorm = normalizeForMatch(c.text, ctx);
  const usedChild = new Set<Target>();
  const base = (t: Target) => ({ target: t, start: t.start, end: t.end, metric: (t.metric ?? '').trim(), parentValue: amountOf(t) });
  for (const t of pf.targets) {
    const metric = (t.metric ?? '').trim();
    const cls = t.unit === '%' || t.unit === '％' ? 'rate' : quantityClass(t.unit);
    // The child's counterpart: the same unit and a similar metric (or the only target of that unit).
    const sameUnit = cf.targets.filter((x) => !usedChild.has(x) && x.unit === t.unit);
    const lone =
      sameUnit.length === 1 && (!metric || !sameUnit[0].metric || metricBigramOverlap(sameUnit[0].metric, metric, ctx) >= 0.5) ? sameUnit[0] : undefined;
    const other =
      sameUnit.find((x) => x.value === t.value) ??
      sameUnit.find((x) => metricOverlap(x.metric, metric, ctx) > 0.3 && metricBigramOverlap(x.metric, metric, ctx) >= 0.5) ??
      lone;
    if (other) {
      usedChild.add(other);
      if (other.value === t.value) continue;
      const decomposition = findDecomposition(q.parent, q.child, t);
      let from = t.value;
      if (cls === 'rate' && aggregate(t, q)) {
        // A rate of the whole area: the child's region sets its own, checked against the parent's breakdown only.
        if (!decomposition || Number(decomposition.value) === other.value) continue;
        from = Number(decomposition.value);
      }
      const j = judge(cls, t.unit, from, other.value, t.op === '<=');
      out.push({
        ...base(t),
        kind: 'target_changed',
        ...j,
        metric: metric || other.metric || '',
        childValue: amountOf(other),
        direction: other.value > from ? 'higher' : 'lower',
        cls,
        decomposition,
      });
      continue;
    }
    const unitChanged = cf.targets.find((x) => !usedChild.has(x) && metricOverlap(x.metric, metric, ctx) > 0.6);
    if (unitChanged) {
      usedChild.add(unitChanged);
      // One character of the unit lost in extraction (`100万亩` → `100亩`), the digits unchanged: damage, not a change.
      const [pa, ca] = [amountOf(t), amountOf(unitChanged)];
      if (digitsOf(pa) === digitsOf(ca) && ca.length === pa.length - 1 && lcsLength(pa, ca) === ca.length) continue;
      out.push({ ...base(t), kind: 'target_changed', severity: 'medium', looser: null, childValue: ca, direction: 'different', cls, decomposition: null });
      continue;
    }
    // The same number still there without its unit (`100万` for `100万亩`): extraction lost the unit, the target stays.
    if (new RegExp(`(?<![\\d.])${t.valueText.replace('.', '\\.')}(?![\\d.])`).test(c.text)) continue;
    if (statedAnywhere(q.child, t.valueText, t.unit, metric, ctx)) continue;
    // No such number in the child: the count was dropped (its object stays) or replaced by something else.
    // The object stays when the child keeps the metric's words in order (`坡耕地综合治理` in `坡耕地水土流失综合治理`).
    const metricNorm = normalizeForMatch(metric, ctx);
    const kept = metricNorm.length >= 2 && lcsLength(metricNorm, childNorm) >= Math.ceil(metricNorm.length * 0.8);
    out.push({
      ...base(t),
      kind: kept ? 'weakened' : 'target_changed',
      severity: 'medium',
      looser: kept ? true : null,
      childValue: '（无）',
      ...(kept ? {} : { replacedBy: c.text }),
      direction: 'different',
      cls,
      decomposition: null,
    });
  }
  out.push(...compareNumbers(pf, cf, q));
  return out;
}

/** Numbers that are not targets (`25度以上`, `300米见绿`): changed (looser or stricter) or dropped. */
function compareNumbers(pf: PhraseFacts, cf: PhraseFacts, q: QuantityContext): QuantityChange[] {
  const out: QuantityChange[] = [];
  const used = new Set<PhraseFacts['numbers'][number]>();
  for (const n of pf.numbers) {
    // The same value first, its unit read to its first character (`300米见绿` lost 见: `300米绿`); then the same unit.
    const same =
      cf.numbers.find((x) => !used.has(x) && x.value === n.value && x.unit.slice(0, 1) === n.unit.slice(0, 1)) ??
      cf.numbers.find((x) => !used.has(x) && x.unit === n.unit);
    if (same) used.add(same);
    if (same && same.value === n.value) continue;
    const cls = quantityClass(n.unit);
    const common = { metric: n.unit, parentValue: `${n.value}${n.unit}`, target: null, decomposition: null, cls, start: n.start, end: n.end };
    if (same) {
      const j = judge(cls, n.unit, Number(n.value), Number(same.value), false);
      out.push({
        ...common,
        kind: 'target_changed',
        ...j,
        childValue: `${same.value}${same.unit}`,
        direction: Number(same.value) > Number(n.value) ? 'higher' : 'lower',
      });
    } else if (!cf.numbers.length && !cf.targets.length && !statedAnywhere(q.child, n.value, n.unit, '', q.ctx)) {
      // A numeric standard that went (`严禁在25度以上的坡面开垦` → `严禁违法违规开垦`).
      out.push({ ...common, kind: 'weakened', severity: 'medium', looser: true, childValue: '（无）', direction: 'different' });
    }
  }
  return out;
}
