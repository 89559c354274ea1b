/**
 * What changed between a parent phrase and its child counterpart: the frame diff. Pure
 * functions over two phrases (and their sentences' frames), each returning the evidence for
 * one finding kind or null:
 *
 * - modality: the strongest cue dropped a level (必须→∅, 严禁→避免, 确保→力争, 应当→鼓励),
 *   or an intensifier went (大力, 高效); a duty verb that vanished (科学划定… → 对…) counts too;
 * - quantities: a target's number or unit differs (66.18% → 56.04%), or a number the parent
 *   sets (25度, 10个) is gone — dropped while its object stays (weakened) or replaced (changed);
 * - timing: a concrete deadline moved or vanished, a cycle changed, a 在…前 qualifier went.
 */
import { extractFrame } from '../frames/frame.js';
import { DUTY_VERBS } from '../frames/text.js';
import { lcsLength } from './lcs.js';
import type { Condition, Target, Timing } from '../frames/types.js';
import { normalizeForMatch, type LocalizeContext } from './localize.js';
import type { AlignSentence, Phrase, Segmented } from './segment.js';

/** The frame facts of one phrase. Offsets are clean offsets of its document. */
export interface PhraseFacts {
  level: number;
  cue: string | null;
  /** The cue is a bare directive verb (`划定…`), not a modal word. */
  implicit: boolean;
  negative: boolean;
  targets: Target[];
  /** Numbers with a unit word that are not targets, years or scope counts (`25 度`). */
  numbers: { value: string; unit: string; start: number; end: number }[];
  timing: Timing[];
  conditions: Condition[];
}

/** Adverbs that make a duty stronger without changing its modal level. */
export const INTENSIFIERS = ['大力', '全面', '切实', '着力', '高效', '加快', '全力', '从严', '高标准', '高质量', '率先'];

const within = (x: { start: number; end: number }, p: { start: number; end: number }) => x.start >= p.start && x.end <= p.end;

/** Numbers with a unit word, outside 《》/brackets and `以…为重点` scopes, that are not dates. */
function plainNumbers(p: Phrase, targets: Target[]): PhraseFacts['numbers'] {
  if (/^以.*为(?:重点|主线|抓手|依托|核心)$/.test(p.text)) return [];
  const out: PhraseFacts['numbers'] = [];
  const re = /(?<![\d.])(\d+(?:\.\d+)?)\s*([^\d\s,，。、；;:：)）(（“”"《》]{1,2})?/g;
  for (let m = re.exec(p.text); m; m = re.exec(p.text)) {
    const start = p.start + m.index;
    const unit = m[2] ?? '';
    if (/^[年月日号期届次]/.test(unit) || /^\d{4}$/.test(m[1])) continue;
    if (/[〔(（《][^〕)）》]*$/.test(p.text.slice(0, m.index))) continue;
    if (targets.some((t) => start >= t.amount.start && start < t.amount.end)) continue;
    out.push({ value: m[1], unit: unit.replace(/以$/, ''), start, end: start + m[0].length });
  }
  return out;
}

/** Reads the facts of a phrase: its own modality (with implicit directives), and the sentence frame's targets, timing and conditions inside it. */
export function phraseFacts(seg: Segmented, p: Phrase): PhraseFacts {
  const sentence = seg.sentences[p.sentence];
  const own = extractFrame(p.text, p.start, { heading: false });
  const targets = sentence.frame.targets.filter((t) => t.amount.start >= p.start && t.amount.end <= p.end);
  return {
    level: own.modality.level,
    cue: own.modality.cue?.cue ?? null,
    implicit: !!own.modality.cue?.implicit,
    negative: own.modality.cue?.polarity === 'negative',
    targets,
    numbers: plainNumbers(p, targets),
    timing: sentence.frame.timing.filter((t) => within(t, p)),
    conditions: sentence.frame.conditions.filter((c) => within(c, p)),
  };
}

/** A modality or intensity drop. */
export interface Weakening {
  from: string;
  to: string;
  levels: [number, number];
  kind: 'modality' | 'intensifier' | 'verb';
}

/** Verbs of stance rather than task (`坚持…` → `按照…的原则` keeps the duty), and the 把-construction markers. */
const STANCE_VERBS = /^(坚持|贯彻|围绕|聚焦|依托|遵循|按照|立足|注重|突出|将|把)$/;

/** A conditional clause right after a phrase: `,在实施过程中可能造成水土流失的,`. */
const CONDITION_FOLLOWS = /^\s*[,，]\s*[^,，。;；]{2,40}的\s*[,，]/;

/** Occurrences of `word` in `text`. */
function count(text: string, word: string): number {
  let n = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) n++;
  return n;
}

/**
 * The weakening from `pf` to `cf`, or null. `rewrite` marks a pair that is not a match but a
 * replacement: a vanished verb then says nothing (the whole phrase changed). `pSentence` and
 * `cSentence` are the texts of the two sentences: a modal word the child moved to another
 * clause of its sentence (`各部门要依据职责…` → `依据职责…各部门要…`) was not dropped.
 */
export function compareModality(
  p: Phrase,
  pf: PhraseFacts,
  c: Phrase,
  cf: PhraseFacts,
  pSentence: string,
  cSentence: string,
  rewrite = false,
): Weakening | null {
  const moved = !!pf.cue && !pf.implicit && count(cSentence, pf.cue) >= count(pSentence, pf.cue);
  // A bare directive verb left in the child (`提出…`) is no modal word: the child says nothing about how binding it is.
  const to = cf.cue && !cf.implicit ? cf.cue : '（无）';
  if (pf.level >= 4 && cf.level < pf.level && !moved) return { from: pf.cue ?? '', to, levels: [pf.level, cf.level], kind: 'modality' };
  // 应当/要 → 鼓励/力争: an explicit weaker cue.
  if (pf.level === 3 && cf.level > 0 && cf.level < 3 && !moved) return { from: pf.cue ?? '', to, levels: [3, cf.level], kind: 'modality' };
  if (pf.level === 3 && cf.level === 0 && pf.cue && !moved) {
    if (!pf.implicit) return { from: pf.cue, to: '（无）', levels: [3, 0], kind: 'modality' };
    // A bare directive whose verb vanished (`科学划定…` → `对…`): every character of the verb must be
    // gone (extraction damage drops one: `提高` → `提`), and no new duty verb may take its place
    // (`编制…方案` → `完成…方案` is a rewrite; `治理` inside the kept `重点治理区` is no verb).
    // Nor when the phrase is the topic of a condition (`制定涉及…的规划,在实施过程中可能造成水土流失的,必须…`):
    // the duty is what follows the `…的,` clause, and a child that words the topic without the verb keeps it.
    const topic = CONDITION_FOLLOWS.test(pSentence.slice(Math.max(0, pSentence.indexOf(p.text) + p.text.length)));
    const gone =
      !rewrite &&
      !topic &&
      !STANCE_VERBS.test(pf.cue) &&
      ![...pf.cue].some((ch) => c.text.includes(ch)) &&
      !DUTY_VERBS.some((v) => c.text.includes(v) && !p.text.includes(v));
    if (gone) return { from: pf.cue, to: '（无）', levels: [3, 0], kind: 'verb' };
  }
  const lost = INTENSIFIERS.filter((w) => p.text.includes(w) && ![...w].some((ch) => c.text.includes(ch)));
  if (lost.length && cf.level <= pf.level) return { from: lost.join('、'), to: '（无）', levels: [pf.level, cf.level], kind: 'intensifier' };
  return null;
}

/** A changed, dropped or replaced quantity. */
export interface QuantityChange {
  kind: 'target_changed' | 'weakened';
  metric: string;
  parentValue: string;
  childValue: string;
  direction: 'higher' | 'lower' | 'different';
  target: Target | null;
  /** The child text that stands where the quantity was, when the child sets no number there. */
  replacedBy?: string;
  /** Offsets (clean, parent) of the quantity. */
  start: number;
  end: number;
}

const amountOf = (t: Target) => t.amount.text.replace(/\s+/g, '');
const digitsOf = (t: string) => (t.match(/\d+(?:\.\d+)?/g) ?? []).join(',');

/** Compares the quantities of a matched pair: changed values, dropped numbers, replaced counts. */
export function compareQuantities(pf: PhraseFacts, c: Phrase, cf: PhraseFacts, ctx: LocalizeContext): QuantityChange[] {
  const out: QuantityChange[] = [];
  const childNorm = normalizeForMatch(c.text, ctx);
  const usedChild = new Set<Target>();
  for (const t of pf.targets) {
    const metric = (t.metric ?? '').trim();
    // The child's counterpart: the same unit and a similar metric (or the only target of that unit).
    const sameUnit = cf.targets.filter((x) => !usedChild.has(x) && x.unit === t.unit);
    // The only target of that unit stands for this one unless both name clearly different things
    // (水土保持率 is not 水土流失治理率: they share characters, not words).
    const lone =
      sameUnit.length === 1 && (!metric || !sameUnit[0].metric || metricBigramOverlap(sameUnit[0].metric, metric, ctx) >= 0.5) ? sameUnit[0] : undefined;
    const other =
      sameUnit.find((x) => x.value === t.value) ??
      sameUnit.find((x) => metricOverlap(x.metric, metric, ctx) > 0.3 && metricBigramOverlap(x.metric, metric, ctx) >= 0.5) ??
      lone;
    if (other) {
      usedChild.add(other);
      if (other.value === t.value) continue;
      out.push({
        kind: 'target_changed',
        metric: metric || other.metric || '',
        parentValue: amountOf(t),
        childValue: amountOf(other),
        direction: other.value > t.value ? 'higher' : 'lower',
        target: t,
        start: t.start,
        end: t.end,
      });
      continue;
    }
    const unitChanged = cf.targets.find((x) => !usedChild.has(x) && metricOverlap(x.metric, metric, ctx) > 0.6);
    if (unitChanged) {
      usedChild.add(unitChanged);
      // One character of the unit lost in extraction (`100万亩` → `100亩`), the digits unchanged: damage, not a change.
      const [pa, ca] = [amountOf(t), amountOf(unitChanged)];
      if (digitsOf(pa) === digitsOf(ca) && ca.length === pa.length - 1 && lcsLength(pa, ca) === ca.length) continue;
      out.push({
        kind: 'target_changed',
        metric,
        parentValue: amountOf(t),
        childValue: amountOf(unitChanged),
        direction: 'different',
        target: t,
        start: t.start,
        end: t.end,
      });
      continue;
    }
    // The same number still there without its unit (`100万` for `100万亩`): extraction lost the unit, the target stays.
    if (new RegExp(`(?<![\\d.])${t.valueText.replace('.', '\\.')}(?![\\d.])`).test(c.text)) continue;
    // No such number in the child: the count was dropped (its object stays) or replaced by something else.
    const metricNorm = normalizeForMatch(metric, ctx);
    const kept = metricNorm.length >= 2 && childNorm.includes(metricNorm);
    out.push({
      kind: kept ? 'weakened' : 'target_changed',
      metric,
      parentValue: amountOf(t),
      childValue: '（无）',
      ...(kept ? {} : { replacedBy: c.text }),
      direction: 'different',
      target: t,
      start: t.start,
      end: t.end,
    });
  }
  const usedNumbers = new Set<PhraseFacts['numbers'][number]>();
  for (const n of pf.numbers) {
    // The same value first, its unit read to its first character (`300米见绿` lost 见: `300米绿`); then the same unit.
    const same =
      cf.numbers.find((x) => !usedNumbers.has(x) && x.value === n.value && x.unit.slice(0, 1) === n.unit.slice(0, 1)) ??
      cf.numbers.find((x) => !usedNumbers.has(x) && x.unit === n.unit);
    if (same) usedNumbers.add(same);
    if (same && same.value === n.value) continue;
    if (same) {
      out.push({
        kind: 'target_changed',
        metric: n.unit,
        parentValue: `${n.value}${n.unit}`,
        childValue: `${same.value}${same.unit}`,
        direction: Number(same.value) > Number(n.value) ? 'higher' : 'lower',
        target: null,
        start: n.start,
        end: n.end,
      });
    } else if (!cf.numbers.length && !cf.targets.length) {
      // A numeric standard that went (`严禁在25度以上的坡面开垦` → `严禁违法违规开垦`).
      out.push({
        kind: 'weakened',
        metric: n.unit,
        parentValue: `${n.value}${n.unit}`,
        childValue: '（无）',
        direction: 'different',
        target: null,
        start: n.start,
        end: n.end,
      });
    }
  }
  return out;
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

/** A deadline, cycle or 在…前 qualifier that moved or vanished. */
export interface TimingChange {
  parent: string;
  child: string;
  change: 'moved' | 'removed' | 'cycle';
  start: number;
  end: number;
}

const concrete = (t: Timing) => t.kind === 'deadline' && !t.vague && (t.year !== null || t.month !== null || t.day !== null);
const stamp = (t: Timing) => `${t.year ?? ''}-${t.month ?? ''}-${t.day ?? ''}-${t.period ?? ''}`;

/** Compares timing of a matched pair; the child side is read from its whole sentence (a deadline often opens it). */
export function compareTiming(pf: PhraseFacts, pSentence: AlignSentence, c: Phrase, cSentence: AlignSentence, ctx: LocalizeContext): TimingChange[] {
  const out: TimingChange[] = [];
  const childTimings = cSentence.frame.timing;
  const childText = cSentence.text.replace(/\s+/g, '');
  for (const t of pf.timing.filter(concrete)) {
    if (childTimings.some((x) => concrete(x) && stamp(x) === stamp(t))) continue;
    // Extraction damage keeps the digits (`2025选取…` for `到2025年,选取…`): the year is still there.
    if (t.year !== null && childText.includes(String(t.year)) && t.month === null) continue;
    // One character lost in extraction (`每季度末下2日前`) is not a new deadline; a changed digit is.
    const written = t.text.replace(/\s+/g, '');
    const cText = c.text.replace(/\s+/g, '');
    const digitsKept = (written.match(/\d+/g) ?? []).every((d) => cText.includes(d));
    if (written.length >= 4 && digitsKept && lcsLength(written, cText) >= written.length - 1) continue;
    const moved = childTimings.find((x) => concrete(x) && x.start >= c.start - 40 && x.end <= c.end);
    out.push({ parent: t.text, child: moved?.text ?? '（无）', change: moved ? 'moved' : 'removed', start: t.start, end: t.end });
  }
  const cycles = (ts: Timing[]) => ts.filter((x) => x.kind === 'frequency' && !x.vague && x.period);
  for (const t of cycles(pf.timing)) {
    // The child phrase's own cycle decides (`按月整理` → `按季度整理` while `按月跟踪` stays in the
    // sentence); without one, the cycle may have moved within the sentence: count them there.
    const own = cycles(childTimings).filter((x) => x.start >= c.start && x.end <= c.end);
    if (own.some((x) => x.period === t.period)) continue;
    // The cycle lost a character in extraction (`按月跟踪` → `月跟踪`, `每季度` → `每度`): still there.
    const written = t.text.replace(/\s+/g, '');
    if (!own.length && written.length >= 2 && lcsLength(written, c.text.replace(/\s+/g, '')) >= written.length - 1) continue;
    if (
      !own.length &&
      cycles(childTimings).filter((x) => x.period === t.period).length >= cycles(pSentence.frame.timing).filter((x) => x.period === t.period).length
    )
      continue;
    out.push({ parent: t.text, child: own[0]?.text ?? '（无）', change: 'cycle', start: t.start, end: t.end });
  }
  const childNorm = normalizeForMatch(c.text, ctx);
  for (const q of pf.conditions.filter((x) => x.kind === 'before')) {
    const core = normalizeForMatch(q.text.replace(/^在/, '').replace(/(?:之前|以前|前)$/, ''), ctx);
    if (core && !childNorm.includes(core) && lcsLength(core, childNorm) < core.length - 1)
      out.push({ parent: q.text, child: '（无）', change: 'removed', start: q.start, end: q.end });
  }
  return out;
}
