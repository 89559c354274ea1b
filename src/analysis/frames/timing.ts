/**
 * Timing: deadlines (`2020年底前`, `于每月25日前`, `每季度末下月2日前`), frequencies (`每季度`,
 * `按月`, `定期`) and periods (`“十四五”期间`), with normalised fields and the recipient of a
 * report when the sentence names one (`报送自然资源局`, `向领导小组办公室报备`). Also the
 * conditions that qualify a duty (`在规划审批前`, `在…前提下`, `除…外`, `对…的`).
 */
import { ORG_NAME_LONGEST } from '../../zh/organisations.js';
import { clauseSegments, maskTitles } from './text.js';
import type { Condition, ConditionKind, PeriodUnit, Span, Timing, TimingKind } from './types.js';

interface Rule {
  re: RegExp;
  kind: TimingKind;
  build: (m: RegExpExecArray) => Partial<Timing>;
}

const n = (s: string | undefined) => (s ? Number(s) : null);
const FIVE_YEAR: Record<string, [number, number]> = {
  十一五: [2006, 2010],
  十二五: [2011, 2015],
  十三五: [2016, 2020],
  十四五: [2021, 2025],
  十五五: [2026, 2030],
};
const PERIOD_WORDS: [RegExp, PeriodUnit][] = [
  [/周/, 'week'],
  [/半年/, 'half-year'],
  [/季/, 'quarter'],
  [/月/, 'month'],
  [/年/, 'year'],
];
const periodOf = (s: string): PeriodUnit | null => PERIOD_WORDS.find(([re]) => re.test(s))?.[1] ?? null;

/** Rules, most specific first: a span claimed by one rule is not read again by a later one. */
const RULES: Rule[] = [
  {
    re: /(?:于)?每季度(?:末|结束后)(?:的)?(下月|次月)?(\d{1,2})日(?:前|之前|以前)/g,
    kind: 'deadline',
    build: (m) => ({ period: 'quarter', day: n(m[2]), ...(m[1] ? { monthOffset: 1 } : {}) }),
  },
  { re: /(?:于)?每月(\d{1,2})日(?:前|之前|以前)/g, kind: 'deadline', build: (m) => ({ period: 'month', day: n(m[1]) }) },
  {
    re: /(?:于)?每(?:年|年度)(\d{1,2})月(?:(\d{1,2})日)?(?:底)?(?:前|之前|以前)/g,
    kind: 'deadline',
    build: (m) => ({ period: 'year', month: n(m[1]), day: n(m[2]) }),
  },
  { re: /(?:于)?每(?:季度|月|年|半年)(?:末|底)(?:前|之前)?/g, kind: 'deadline', build: (m) => ({ period: periodOf(m[0].replace(/末|底|前|之前|于/g, '')) }) },
  {
    re: /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?\s*(?:底)?\s*(?:前|之前|以前)/g,
    kind: 'deadline',
    build: (m) => ({ year: n(m[1]), month: n(m[2]), day: n(m[3]) }),
  },
  { re: /(?:到|至|于)?\s*(\d{4})\s*年\s*(?:底|末)\s*(?:前|之前|以前)?/g, kind: 'deadline', build: (m) => ({ year: n(m[1]), month: 12 }) },
  { re: /(?:到|至)\s*(\d{4})\s*年(?:前)?|(\d{4})\s*年(?:前|之前|以前)/g, kind: 'deadline', build: (m) => ({ year: n(m[1] ?? m[2]) }) },
  { re: /(?<![\d年])(?:于)?(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:前|之前|以前)/g, kind: 'deadline', build: (m) => ({ month: n(m[1]), day: n(m[2]) }) },
  { re: /(?<![\d年])(?:于)?(\d{1,2})\s*月(?:底|末)\s*(?:前|之前)?/g, kind: 'deadline', build: (m) => ({ month: n(m[1]) }) },
  { re: /(?:年底|年末)(?:前|之前)/g, kind: 'deadline', build: () => ({ month: 12 }) },
  { re: /[“"]?(十[一二三四五])五[”"]?(?:期间|时期|末)?/g, kind: 'period', build: (m) => ({ year: FIVE_YEAR[`${m[1]}五`]?.[1] ?? null }) },
  { re: /每半年|半年一次/g, kind: 'frequency', build: () => ({ period: 'half-year' }) },
  { re: /每周|按周/g, kind: 'frequency', build: () => ({ period: 'week' }) },
  { re: /每季度|每季|按季度|按季|逐季|(?<![\d本上下当每按])季报/g, kind: 'frequency', build: () => ({ period: 'quarter' }) },
  { re: /每月|按月|逐月|(?<![\d本上下当每按])月(?:报告|报|调度)/g, kind: 'frequency', build: () => ({ period: 'month' }) },
  { re: /每年度|每年|按年|逐年|(?<![\d本上下当每按])年报/g, kind: 'frequency', build: () => ({ period: 'year' }) },
  { re: /定期或不定期|不定期|定期|随时/g, kind: 'frequency', build: () => ({ vague: true }) },
  { re: /及时|按时|限期|尽快|立即/g, kind: 'deadline', build: () => ({ vague: true }) },
];

const REPORT_VERB = '报送|上报|报至|报告|报备|汇报|呈报|提交|报给|报';
const RE_RECIPIENT = new RegExp(`(?:${REPORT_VERB})(?<![通申举预月年季公情海电]报)(${ORG_NAME_LONGEST})`, 'g');
const RE_TO = new RegExp(`向(${ORG_NAME_LONGEST})[^,，;；。]{0,12}?(?:报备|报告|报送|汇报|反馈|通报|提交|申报)`, 'g');

/** Recipients of reports named in a text (`报送自然资源局`, `向领导小组办公室报备`), left to right. */
export function extractRecipients(text: string, baseOffset = 0): Span[] {
  const masked = maskTitles(text);
  const out: Span[] = [];
  for (const re of [RE_RECIPIENT, RE_TO]) {
    re.lastIndex = 0;
    for (let m = re.exec(masked); m; m = re.exec(masked)) {
      const a = m.index + m[0].indexOf(m[1], re === RE_TO ? 1 : 0);
      if (/^(信息|情况|结果|问题)/.test(m[1])) continue;
      if (!out.some((o) => o.start === baseOffset + a))
        out.push({ text: text.slice(a, a + m[1].length), start: baseOffset + a, end: baseOffset + a + m[1].length });
    }
  }
  return out.sort((x, y) => x.start - y.start);
}

/**
 * Deadlines, frequencies and periods of a text, left to right. A vague 定期 right next to a
 * concrete frequency (`每季度定期召开`) is dropped: the concrete one says it all.
 */
export function extractTiming(text: string, baseOffset = 0): Timing[] {
  const masked = maskTitles(text);
  const claimed = new Uint8Array(masked.length);
  const found: Timing[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(masked); m; m = rule.re.exec(masked)) {
      let a = m.index;
      let b = a + m[0].length;
      while (a < b && /\s/.test(masked[a])) a++;
      while (b > a && /\s/.test(masked[b - 1])) b--;
      if (b <= a || claimed.subarray(a, b).some((x) => x)) continue;
      claimed.fill(1, a, b);
      found.push({
        kind: rule.kind,
        period: null,
        year: null,
        month: null,
        day: null,
        vague: false,
        recipient: null,
        ...rule.build(m),
        text: text.slice(a, b),
        start: baseOffset + a,
        end: baseOffset + b,
      });
    }
  }
  found.sort((x, y) => x.start - y.start);
  const kept = found.filter((t, i) => {
    if (!(t.vague && t.kind === 'frequency')) return true;
    const near = (o: Timing | undefined) => !!o && !o.vague && o.kind === 'frequency' && Math.min(Math.abs(o.end - t.start), Math.abs(t.end - o.start)) <= 1;
    return !near(found[i - 1]) && !near(found[i + 1]);
  });
  assignRecipients(kept, extractRecipients(text, baseOffset));
  return kept;
}

/**
 * Gives each deadline/frequency the first recipient after it (before the next timing), else the
 * nearest one before it: `每季度向领导小组办公室报备,时间为每季度末下月2日前` → both get 领导小组办公室.
 */
function assignRecipients(timings: Timing[], recipients: Span[]): void {
  timings.forEach((t, i) => {
    if (t.kind === 'period') return;
    const next = timings[i + 1]?.start ?? Infinity;
    const after = recipients.find((r) => r.start >= t.end && r.start < next);
    // Only a recipient just before (`向领导小组办公室报备,时间为每季度末…`) belongs to a later timing.
    const before = [...recipients].reverse().find((r) => r.end <= t.start && t.start - r.end <= 10);
    t.recipient = after ?? before ?? null;
  });
}

const CONDITION_RULES: [RegExp, ConditionKind][] = [
  [/在[^,，;；。]{1,40}?(?:的)?前提下/g, 'provided'],
  [/在[^,，;；。]{1,30}?(?:之前|以前|前)(?!提)/g, 'before'],
  [/除[^,，;；。]{1,40}?(?:以)?外/g, 'except'],
  [/对于[^,，;；。]{1,60}/g, 'scope'],
  [/(?:一旦|如果|如遇|凡是|凡)[^,，;；。]{1,40}/g, 'trigger'],
];

/** Conditions and qualifiers of a duty, left to right (`在规划审批前`, `除国家重大战略项目外`). */
export function extractConditions(text: string, baseOffset = 0): Condition[] {
  const masked = maskTitles(text);
  const out: Condition[] = [];
  const add = (a: number, b: number, kind: ConditionKind) => {
    if (out.some((c) => a < c.end - baseOffset && c.start - baseOffset < b)) return;
    out.push({ kind, text: text.slice(a, b), start: baseOffset + a, end: baseOffset + b });
  };
  for (const [re, kind] of CONDITION_RULES) {
    re.lastIndex = 0;
    for (let m = re.exec(masked); m; m = re.exec(masked)) add(m.index, m.index + m[0].length, kind);
  }
  // `对…的,` and other clauses ending in 的 before a comma: the cases a duty applies to.
  for (const [s, e] of clauseSegments(masked)) {
    if (e < masked.length && /[,，]/.test(masked[e]) && masked[e - 1] === '的' && e - s >= 4) add(s, e, 'scope');
  }
  return out.sort((x, y) => x.start - y.start);
}
