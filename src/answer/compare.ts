/**
 * Questions about several documents: "宁武县和全省分别…", "省里叫什么，宁武叫什么", "翼城和长子
 * 都引用了哪份文件", "一样吗", and set differences ("宁武比省方案少了哪个部门"). Each scope (a place
 * whose documents the index has, or the province's plan) is asked on its own, pinned to its
 * documents, so one document never answers for the other; the answer names each.
 */
import type { ParsedDocument } from '../ingest/types.js';
import { COMPARISON_CUES, PROVINCE_SCOPE, SET_DIFFERENCE_CUES } from '../zh/question-cues.js';
import { citeClean } from './evidence.js';
import type { Draft } from './extractive.js';
import { findListDifference, holds } from './list-difference.js';
import { modifierSpans } from './gap.js';
import { diffParallel } from './parallel-diff.js';
import type { Understanding } from './understand.js';

/** One side of a comparison: how the question names it, and its documents. */
export interface ComparisonScope {
  label: string;
  docIds: string[];
  /** Where the question names it. */
  at: number;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The scopes a question names that are documents of their own: places the index has plans "of",
 * and the province's plan (全省, 省里, 省方案). Two names of the same documents are one scope.
 */
export function comparisonScopes(question: string, u: Understanding, own: Map<string, string[]>, docs: ParsedDocument[]): ComparisonScope[] {
  const scopes: ComparisonScope[] = [];
  for (const p of u.places) {
    const ids = own.get(p) ?? [];
    if (ids.length) scopes.push({ label: p, docIds: ids, at: question.indexOf(p) });
  }
  const province = PROVINCE_SCOPE.exec(question);
  const provinceDocs = docs.filter((d) => d.meta.level === '省').map((d) => d.id);
  if (province && provinceDocs.length) scopes.push({ label: province[0], docIds: provinceDocs, at: province.index });
  const seen = new Set<string>();
  return scopes
    .sort((a, b) => a.at - b.at)
    .filter((s) => {
      const key = [...s.docIds].sort().join('|');
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** Answers shorter than this (in Han characters and digits) are facts already, not sentences to compare word by word. */
const MIN_SENTENCE_CHARS = 12;

/** The noun a comparison asks about (分别是哪级财政 → 财政, 各建的什么协调机制 → 协调机制), or null. */
function askedHead(question: string): string | null {
  return /(?:哪一?级|哪一?类|哪种|哪个|什么)(\p{Script=Han}{2,4}?)(?:[？?，,。]|$|是|不同|区别)/u.exec(question)?.[1] ?? null;
}

/** Words of a comparison that a question about one scope no longer needs. */
const COMPARING = /分别|各自|都|(?:是不是|是否)?一样(?:吗|不)?|相同吗|有(?:什么|何)(?:不同|区别)|比一比|对比|相比/g;

/** The question about one scope: the other scopes' names (and the 和/与 joining them) and the comparison words taken out. */
export function narrowQuestion(question: string, others: string[]): string {
  let sub = question;
  for (const p of others) sub = sub.replace(new RegExp(`[和与及、]?${escapeRegExp(p)}(?:方案|的)?[和与及、]?`, 'g'), '');
  return sub
    .replace(COMPARING, '')
    .replace(/各(?=\p{Script=Han})/gu, '')
    .replace(/，\s*[，,]/g, '，');
}

/** Whether a question asks for the same thing of several scopes. */
export function asksComparison(question: string): boolean {
  // 宁武和全省各要建多少座: 各 after two joined names asks each of them; 省里要建多少座，宁武呢: the same question of another;
  // 省里叫什么，宁武叫什么: one question asked twice.
  return (
    COMPARISON_CUES.test(question) ||
    SET_DIFFERENCE_CUES.test(question) ||
    /都|两个|两份|二者|两者|[和与跟及].{1,8}各|[，,]\s*\p{Script=Han}{1,6}呢[？?]?\s*$/u.test(question) ||
    /(什么|多少|哪\p{Script=Han}|几\p{Script=Han}|谁)[^，,]*[，,][^，,]+\1/u.test(question)
  );
}

/** An asking word: a segment that holds one is a question of its own. */
const ASKS = /什么|多少|哪|几|谁|吗|怎么|如何/;

/** Comparison words that end the scopes' part of a question (…的报备时限|分别是什么). */
const SHARED_TAIL = /分别|各自|各(?=\p{Script=Han})|都/u;

/**
 * The question about each scope when each is named with words of its own ("长子县月度工作情况的
 * 报送时限和翼城县季度项目进展的报备时限分别是什么" → "长子县月度工作情况的报送时限是什么", …;
 * "省里叫什么，宁武叫什么"; "省里要建多少座，宁武呢" → the first question with 宁武). Null when the
 * scopes are only joined names (宁武和全省分别…): the whole question then narrows to each.
 */
export function scopedQuestions(question: string, scopes: ComparisonScope[]): string[] | null {
  if (scopes.length !== 2 || scopes.some((s) => s.at < 0)) return null;
  const [a, b] = scopes;
  const prefix = question.slice(0, a.at);
  const seg1 = question.slice(a.at, b.at).replace(/[和与跟及同、，,\s]+$/, '');
  let rest = question.slice(b.at);
  const own = (seg: string, label: string) => seg.slice(label.length).replace(/[的里方案那份这份\s]/g, '');
  // 省里要建多少座，宁武呢: the first question, about the second scope.
  if (new RegExp(`^${escapeRegExp(b.label)}(?:方案|的|那边|那份)?呢`).test(rest) && ASKS.test(seg1))
    return [`${prefix}${seg1}？`, `${prefix}${b.label}${seg1.slice(a.label.length)}？`];
  if (own(seg1, a.label).length < 2) return null;
  // 省里叫什么，宁武叫什么: each segment asks on its own.
  if (ASKS.test(seg1)) return [`${prefix}${seg1}？`, `${prefix}${rest}`];
  // …的报送时限和…的报备时限分别是什么: each segment with the shared ask.
  const tail = SHARED_TAIL.exec(rest) ?? /[，,]/.exec(rest);
  if (!tail) return null;
  const ask = rest
    .slice(tail.index)
    .replace(SHARED_TAIL, '')
    .replace(/^[，,]/, '');
  rest = rest.slice(0, tail.index).replace(/[，,\s]+$/, '');
  if (own(rest, b.label).length < 2) return null;
  return [`${prefix}${seg1}${ask}`, `${prefix}${rest}${ask}`];
}

/** Items of a list answer (发展改革、财政、林业和草原). */
function itemsOf(answer: string): string[] {
  return answer
    .split(/[、；;，,]/)
    .map((x) =>
      x
        .replace(/^.*[：:]/, '')
        .replace(/等(?:相关|有关)?(?:部门|单位)?$/, '')
        .trim(),
    )
    .filter(Boolean);
}

/** Words saying the subject's list lacks items (少了哪个) rather than has more (多了哪个). */
const FEWER = /少了|少列|没有列|没列|没有|缺|漏|去掉|删/;

/**
 * Which of two scopes the question makes the subject of a set difference: the one before 比, or
 * the one the 没有列出 clause names (the later one).
 */
function subjectIsFirst(question: string, first: string, second: string): boolean {
  return /比/.test(question) ? question.indexOf(first) < question.indexOf('比') : question.lastIndexOf(first) > question.lastIndexOf(second);
}

/**
 * A set difference: which items one scope's list has that the other's lacks. "A比B少了哪个" is
 * B − A; "A比B多了哪个" is A − B; "B列出的…中，哪个在A里没有列出" is B − A.
 */
function difference(question: string, parts: { scope: ComparisonScope; draft: Draft }[]): string | null {
  const [first, second] = parts;
  const a = itemsOf(first.draft.answer ?? '');
  const b = itemsOf(second.draft.answer ?? '');
  if (!a.length || !b.length) return null;
  const [subject, other] = subjectIsFirst(question, first.scope.label, second.scope.label) ? [a, b] : [b, a];
  const out = FEWER.test(question) ? other.filter((x) => !holds(subject, x)) : subject.filter((x) => !holds(other, x));
  return out.length ? out.join('、') : null;
}

/** An item the question names as the difference (哪个县多了林业 → 林业), or null. */
const NAMED_ITEM = /(?:多了|少了|多出|缺了|没有|多列了|少列了)(?!哪|什么|几)(\p{Script=Han}{2,8}?)(?:部门|单位)?(?:[？?。，,]|$)/u;

/** Asks which scope (哪个县多了林业), not which items. */
const WHICH_SCOPE = /哪(?:个|一|份)(?:县|市|区|地方|方案|文件|机制|地)/;

/**
 * A set difference read off the two scopes' parallel list sentences ({@link findListDifference}),
 * or null when no parallel pair the question's terms cover differs.
 */
function draftListDifference(question: string, scopes: ComparisonScope[], docs: ParsedDocument[], cover: (text: string) => number): Draft | null {
  const [first, second] = scopes;
  const docsOf = (s: ComparisonScope) => docs.filter((d) => s.docIds.includes(d.id));
  const named = NAMED_ITEM.exec(question)?.[1] ?? null;
  const d = findListDifference(docsOf(first), docsOf(second), cover, named);
  if (!d) return null;
  const subjectFirst = subjectIsFirst(question, first.label, second.label);
  const fewer = FEWER.test(question);
  let answer: string;
  if (named && WHICH_SCOPE.test(question)) {
    // 哪个县多了林业: the scope whose list has it (or, asked 少了, the one whose list lacks it).
    const inFirst = d.onlyA.some((x) => x.includes(named) || named.includes(x));
    answer = inFirst !== fewer ? first.label : second.label;
  } else {
    const items = subjectFirst === fewer ? d.onlyB : d.onlyA;
    if (!items.length) return null;
    answer = items.join('、');
  }
  const citations = [citeClean(d.a.doc, d.a.start, d.a.end), citeClean(d.b.doc, d.b.start, d.b.end)];
  return { answer, citations, confidence: Math.min(0.9, d.coverage), docIds: [d.a.doc.id, d.b.doc.id] };
}

/**
 * A comparison over the scopes a question names, each asked through `ask` pinned to its documents;
 * null when the question names fewer than two scopes or does not compare.
 */
export async function draftComparison(
  question: string,
  u: Understanding,
  own: Map<string, string[]>,
  docs: ParsedDocument[],
  ask: (question: string, docIds: string[]) => Promise<Draft>,
  cover?: (text: string) => number,
): Promise<Draft | null> {
  const scopes = comparisonScopes(question, u, own, docs);
  if (scopes.length < 2) return null;
  if (cover && scopes.length === 2 && SET_DIFFERENCE_CUES.test(question)) {
    const listed = draftListDifference(question, scopes, docs, cover);
    if (listed) return listed;
  }
  // 省里哪个规划 describes a document's level; only two places, or a comparison cue, make two scopes.
  const provinceWord = PROVINCE_SCOPE.test(question) && scopes.some((s) => PROVINCE_SCOPE.test(s.label));
  if (provinceWord && !asksComparison(question) && scopes.filter((s) => !PROVINCE_SCOPE.test(s.label)).length < 2) return null;
  const parts: { scope: ComparisonScope; draft: Draft }[] = [];
  const setDifference = SET_DIFFERENCE_CUES.test(question);
  const scoped = setDifference ? null : scopedQuestions(question, scopes);
  for (const [i, scope] of scopes.slice(0, 3).entries()) {
    let sub =
      scoped?.[i] ??
      narrowQuestion(
        question,
        scopes.filter((x) => x !== scope).map((x) => x.label),
      );
    // Each side of a difference is asked for its whole list.
    if (setDifference)
      sub = `${sub
        .replace(SET_DIFFERENCE_CUES, '')
        .replace(/比/g, '')
        .replace(/[？?]+$/, '')}有哪些？`;
    parts.push({ scope, draft: await ask(sub, scope.docIds) });
  }
  const answered = parts.filter((x) => x.draft.answer !== null);
  if (!answered.length) return { ...parts[0].draft, reason: parts[0].draft.reason ?? 'The documents do not say.' };
  const citations = answered.flatMap((x) => x.draft.citations.slice(0, 2));
  const docIds = [...new Set(answered.flatMap((x) => x.draft.docIds))];
  const confidence = Math.min(...answered.map((x) => x.draft.confidence)) * (answered.length / parts.length);
  if (setDifference && answered.length >= 2) {
    const diff = difference(question, answered);
    if (diff) return { answer: diff, citations, confidence, docIds };
  }
  // 标准一样吗: what is compared is what each side puts before the named head (its quote or modifier), else the whole answer.
  const head =
    /(\p{Script=Han}{2})(?:是不是|是否)?(?:一样|相同)/u.exec(question)?.[1] ?? /(\p{Script=Han}{2})[，,].{0,12}(?:一样|相同)/u.exec(question)?.[1] ?? null;
  // The fact may sit outside the short answer, in the sentence it cites.
  const factOf = (d: Draft) => (head ? (modifierSpans(`${d.answer}。${d.citations[0]?.quote ?? ''}`, head)[0]?.text ?? d.answer!) : d.answer!);
  const norm = (s: string) => s.replace(/[全本我][省市县区]|[省市县区]级?/g, '').replace(/[^\p{Script=Han}\d%.]/gu, '');
  let facts = answered.map((x) => factOf(x.draft));
  // Two reworded sentences (厅际协调机制… / 部门协调机制…): each side's answer is what it says differently.
  const diff = answered.length === 2 ? diffParallel(facts[0], facts[1], askedHead(question)) : null;
  const sentences = facts.every((f) => !/[；;]/.test(f) && f.replace(/[^\p{Script=Han}\d]/gu, '').length >= MIN_SENTENCE_CHARS);
  // 都…什么 asks what they share: a difference is not read out in place of the facts.
  if (diff && sentences && (diff.a.length || diff.b.length) && !/都/.test(question))
    facts = [diff.a, diff.b].map((spans) => spans.map((x) => x.text).join('、') || '（未写此项）');
  const same =
    answered.length === parts.length && (facts.every((f) => norm(f) === norm(facts[0])) || (!!diff && sentences && !diff.a.length && !diff.b.length));
  const body = same ? `都是${facts[0]}` : answered.map((x, i) => `${x.scope.label}：${facts[i]}`).join('；');
  const verdict = /一样|相同/.test(question) ? (same ? '一样。' : '不一样。') : '';
  const partsOut = answered.map((x, i) => ({ label: x.scope.label, answer: facts[i], docIds: x.draft.docIds }));
  return { answer: `${verdict}${body}`, citations, confidence, docIds, parts: partsOut };
}
