/**
 * Deadlines of a matched pair, with their direction: a concrete deadline or a five-year period
 * (`“十四五”期间` = 2021–2025, due at its end) that moved later (a loosening: high) or earlier
 * (stricter: low) or vanished; the year a target is due by, also when the parent states it once
 * for a whole paragraph (`到2035年,…,全省水土保持率达到72.43%`); relative time limits (`30日内`);
 * a reporting cycle that changed; a `在…前` qualifier that went. Compared even when a number
 * of the same sentence changed too: both are reported. A deadline written relative to a year
 * (`当年年底前`, `次年6月底前`) is resolved first (`relative-deadlines.ts`) and compared by the
 * date it stands for; two deadlines both resolved from their plans' issue years by their words.
 */
import type { Timing } from '../frames/types.js';
import type { PhraseFacts } from './facts.js';
import { findRelativeTimes } from '../../zh/relative-time.js';
import { lcsLength } from './lcs.js';
import { type LocalizeContext, normalizeForMatch } from './localize.js';
import { type RelativeDeadline, relativeDeadlines, withoutOverlap } from './relative-deadlines.js';
import type { AlignSentence, Phrase } from './segment.js';

/** A deadline, cycle, time limit or 在…前 qualifier that moved or vanished. */
export interface TimingChange {
  parent: string;
  child: string;
  change: 'later' | 'earlier' | 'removed' | 'cycle';
  severity: 'high' | 'medium' | 'low';
  start: number;
  end: number;
}

const concrete = (t: Timing) => (t.kind === 'deadline' || t.kind === 'period') && !t.vague && t.year !== null;
const squash = (t: string) => t.replace(/\s+/g, '');
/** A time as one comparable number: year and month (a period or a bare year is due at its end). */
const due = (t: { year: number | null; month?: number | null }) => (t.year ?? 0) * 12 + (t.month ?? 12);
const periodText = (t: Timing) => (t.kind === 'period' && t.year !== null ? `${t.text}（${t.year - 4}—${t.year}年）` : t.text);

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const DAYS: Record<string, number> = { 工作日: 1.4, 日: 1, 天: 1, 周: 7, 个月: 30, 月: 30, 年: 365 };
const RELATIVE = /(\d+|[一二两三四五六七八九十]{1,3})\s*(工作日|个月|日|天|周|月|年)(?:内|以内|之内)/g;

/** Relative time limits of a text (`30日内`, `三个月内`), in days. */
export function relativeLimits(text: string, base = 0): { text: string; days: number; start: number; end: number }[] {
  const out: { text: string; days: number; start: number; end: number }[] = [];
  for (const m of text.matchAll(RELATIVE)) {
    const n = /^\d+$/.test(m[1]) ? Number(m[1]) : [...m[1]].reduce((a, ch) => (ch === '十' ? (a || 1) * 10 : a + (CN_DIGITS[ch] ?? 0)), 0);
    if (!n) continue;
    out.push({ text: m[0], days: n * DAYS[m[2]], start: base + m.index!, end: base + m.index! + m[0].length });
  }
  return out;
}

/** A concrete deadline of a sentence: one its frame read, or one resolved from relative words. */
type Deadline = Timing | RelativeDeadline;

/** The reference years of the two plans' relative deadlines (see {@link referenceYear}); null when unknown. */
export interface PlanYears {
  parent: number | null;
  child: number | null;
}

const NO_YEARS: PlanYears = { parent: null, child: null };

/** The concrete deadlines of a sentence, in text order: its frame's, and the relative ones resolved against `year`. */
function sentenceDeadlines(s: AlignSentence, year: number | null): Deadline[] {
  const own = s.frame.timing.filter(concrete);
  return [...own, ...withoutOverlap(relativeDeadlines(s, year), own)].sort((a, b) => a.start - b.start);
}

const fromIssue = (t: Deadline) => ('fromIssue' in t ? t.fromIssue : null);
/** How a deadline reads in a finding: a resolved one with its date, a parent's period with its years, a child's as written. */
const shown = (t: Deadline, side: 'parent' | 'child') => ('shown' in t ? t.shown : side === 'parent' ? periodText(t) : t.text);

/** The child's deadline for a phrase: its own, else the last one before it in its sentence (a deadline often opens the sentence). */
function childDeadline(c: Phrase, ts: Deadline[]): Deadline | null {
  return ts.find((x) => x.start >= c.start && x.end <= c.end) ?? ts.filter((x) => x.end <= c.start).pop() ?? null;
}

/**
 * Two deadlines as comparable numbers: both resolved from their plans' issue years compare by
 * their words (`年底前` = `年底前`, `上半年` before `年底前`), any other pair by the date.
 */
function comparable(t: Deadline, theirs: Deadline): [number, number] {
  const a = fromIssue(t);
  const b = fromIssue(theirs);
  return a !== null && b !== null ? [a, b] : [due(t), due(theirs)];
}

/** Compares the timing of a matched pair (see the module comment). `quantityDropped` silences a vanished deadline the quantity finding already reports. */
export function compareTiming(
  p: Phrase,
  pf: PhraseFacts,
  pSentence: AlignSentence,
  c: Phrase,
  cf: PhraseFacts,
  cSentence: AlignSentence,
  ctx: LocalizeContext,
  quantityDropped = false,
  years: PlanYears = NO_YEARS,
): TimingChange[] {
  const out: TimingChange[] = [];
  const childText = squash(cSentence.text);
  const cText = squash(c.text);
  const theirs = childDeadline(c, sentenceDeadlines(cSentence, years.child));
  const shift = (parent: string, p: number, child: string, q: number, start: number, end: number) =>
    out.push(q > p ? { parent, child, change: 'later', severity: 'high', start, end } : { parent, child, change: 'earlier', severity: 'low', start, end });
  const own = pf.timing.filter(concrete);
  // The parent's relative deadlines count only against a deadline of the child (one that went is not read from relative words).
  const relative = theirs ? withoutOverlap(relativeDeadlines(pSentence, years.parent), own).filter((t) => t.start >= p.start && t.end <= p.end) : [];
  for (const t of [...own, ...relative]) {
    if (theirs) {
      const [mine, their] = comparable(t, theirs);
      if (mine === their) continue;
    }
    if (theirs && t.kind === 'period' && theirs.kind === 'period' && theirs.year === t.year) continue;
    // One character lost in extraction (`每季度末下2日前`) is not a new deadline; a changed digit is.
    const written = squash(t.text);
    const digitsKept = (written.match(/\d+/g) ?? []).every((d) => cText.includes(d));
    if (written.length >= 4 && digitsKept && lcsLength(written, cText) >= written.length - 1) continue;
    if (theirs) {
      const [mine, their] = comparable(t, theirs);
      shift(shown(t, 'parent'), mine, shown(theirs, 'child'), their, t.start, t.end);
      continue;
    }
    // Extraction damage keeps the digits (`2025选取…` for `到2025年,选取…`): the year is still there.
    if (t.year !== null && childText.includes(String(t.year)) && t.month === null) continue;
    if (t.kind === 'period' && childText.includes(squash(t.text).replace(/[“”"]/g, ''))) continue;
    // A relative deadline the child's plan gives no year for (no issue date) is still a deadline, not none.
    if (findRelativeTimes(c.text).length) continue;
    if (!quantityDropped) out.push({ parent: periodText(t), child: '（无）', change: 'removed', severity: 'high', start: t.start, end: t.end });
  }
  // The year a target is due by, stated once for the paragraph on either side (`到2035年,…达到72.43%` → `到2030年,…提高到58.5%`).
  if (!out.length && !pf.timing.some(concrete)) {
    for (const t of pf.targets) {
      const other = cf.targets.find((x) => x.unit === t.unit && x.year !== null);
      if (t.year === null || !other || other.year === t.year || (t.yearInherited && other.yearInherited)) continue;
      shift(`${t.year}年`, due({ year: t.year }), `${other.year}年`, due({ year: other.year }), t.start, t.end);
      break;
    }
  }
  for (const r of relativeLimits(pSentence.text, pSentence.start).filter((x) => x.start >= p.start && x.end <= p.end)) {
    const mine = relativeLimits(c.text, c.start);
    if (!mine.length || mine.some((x) => x.days === r.days)) continue;
    shift(r.text, r.days, mine[0].text, mine[0].days, r.start, r.end);
  }
  out.push(...compareCycles(pf, pSentence, c, cSentence));
  const childNorm = normalizeForMatch(c.text, ctx);
  for (const q of pf.conditions.filter((x) => x.kind === 'before')) {
    const core = normalizeForMatch(q.text.replace(/^在/, '').replace(/(?:之前|以前|前)$/, ''), ctx);
    // The step itself kept (`在规划审批前` → `在报批前`: the approval of the plan is meant) is no change.
    if (core && !childNorm.includes(core) && !childNorm.includes(`${core.slice(-2)}前`) && lcsLength(core, childNorm) < core.length - 1)
      out.push({ parent: q.text, child: '（无）', change: 'removed', severity: 'high', start: q.start, end: q.end });
  }
  return out;
}

const CYCLE_DAYS: Record<string, number> = { week: 7, month: 30, quarter: 91, 'half-year': 182, year: 365 };

/** Reporting and work cycles (`按月跟踪` → `按季度跟踪`): a longer cycle is a loosening. */
function compareCycles(pf: PhraseFacts, pSentence: AlignSentence, c: Phrase, cSentence: AlignSentence): TimingChange[] {
  const out: TimingChange[] = [];
  const cycles = (ts: Timing[]) => ts.filter((x) => x.kind === 'frequency' && !x.vague && x.period);
  for (const t of cycles(pf.timing)) {
    // The child phrase's own cycle decides (`按月整理` → `按季度整理` while `按月跟踪` stays in the
    // sentence); without one, the cycle may have moved within the sentence: count them there.
    const own = cycles(cSentence.frame.timing).filter((x) => x.start >= c.start && x.end <= c.end);
    if (own.some((x) => x.period === t.period)) continue;
    // The cycle lost a character in extraction (`按月跟踪` → `月跟踪`, `每季度` → `每度`): still there.
    const written = squash(t.text);
    if (!own.length && written.length >= 2 && lcsLength(written, squash(c.text)) >= written.length - 1) continue;
    if (
      !own.length &&
      cycles(cSentence.frame.timing).filter((x) => x.period === t.period).length >= cycles(pSentence.frame.timing).filter((x) => x.period === t.period).length
    )
      continue;
    const longer = own[0]?.period ? CYCLE_DAYS[own[0].period] > CYCLE_DAYS[t.period!] : true;
    out.push({ parent: t.text, child: own[0]?.text ?? '（无）', change: 'cycle', severity: longer ? 'high' : 'low', start: t.start, end: t.end });
  }
  return out;
}
