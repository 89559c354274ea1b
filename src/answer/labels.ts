/**
 * Labelled definitions (`工作落实较好：办理单位能积极主动…提前按要求完成工作任务的；…`): a
 * grading scale, a list of terms, the categories of a plan. Asked one way ("提前完成了任务算哪一档？")
 * the label whose description the question retells is the answer; asked the other way ("工作落实好
 * 是什么标准？") the description of the label the question names is. Read from the clean text of
 * the documents in scope; every answer cites the labelled line.
 */
import type { ParsedDocument } from '../ingest/types.js';
import { citeClean } from './evidence.js';
import type { Draft } from './extractive.js';
import { hanBigrams } from '../zh/bigrams.js';

/** A label and its description, with clean offsets of the whole line. */
export interface LabelledLine {
  doc: ParsedDocument;
  label: string;
  description: string;
  start: number;
  end: number;
}

/** A line `LABEL：DESCRIPTION` whose label is a short phrase (no sentence punctuation, 2–12 characters). */
const LABELLED = /^([^：:，,。；;、\s\d()（）]{2,12})[：:]\s*(\S.{4,})$/u;

/** The labelled lines of a document's body (a grading scale, a glossary). */
export function labelledLines(doc: ParsedDocument): LabelledLine[] {
  const out: LabelledLine[] = [];
  const text = doc.clean.text;
  let at = doc.bodyStart;
  for (const line of text.slice(doc.bodyStart).split('\n')) {
    const m = LABELLED.exec(line.trim());
    if (m && !/^(?:附件|来源|时间|索引号|发布|抄送|主送|电话|地址)/.test(m[1])) {
      const start = at + line.indexOf(m[1]);
      out.push({ doc, label: m[1], description: m[2], start, end: at + line.length });
    }
    at += line.length + 1;
  }
  // A scale is three or more labels sharing a stem (工作落实好/较好/…): single labels are ordinary prose.
  return out.filter((l) => out.filter((o) => o.doc === l.doc && sharedPrefix(o.label, l.label) >= 2).length >= 3);
}

const sharedPrefix = (a: string, b: string) => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
};

/** Words that ask which label a case falls under. */
const WHICH_LABEL =
  /算(?:哪|什么|啥)|哪一档|哪档|哪个档|哪一级|定成哪|评为(?:哪|什么)|评成(?:哪|什么)|属于(?:哪|什么)|哪一类|什么档次|哪个等级|什么等级|怎么评/;
/** Words that ask for the labels themselves (分哪几档, 有几个等级). */
const LIST_LABELS = /(?:分|有|划分)(?:为)?(?:哪几|几)(?:档|个档次|个等级|级|类|个层次)|哪几(?:档|个档次|个等级|类)|(?:等级|档次)(?:有|分)(?:哪些|几)/;
/** Words that ask what a label means. */
const WHAT_LABEL = /是什么标准|什么标准|标准是什么|是指什么|指什么|什么意思|怎么算|如何认定|什么情况/;

/**
 * The label a question's case falls under, or the description of the label it names; null when
 * the documents have no labelled scale the question is about.
 */
export function draftFromLabels(question: string, docs: ParsedDocument[]): Draft | null {
  const asksLabel = WHICH_LABEL.test(question);
  const asksMeaning = WHAT_LABEL.test(question);
  const asksList = LIST_LABELS.test(question);
  if (!asksLabel && !asksMeaning && !asksList) return null;
  const lines = docs.flatMap(labelledLines);
  if (!lines.length) return null;
  if (asksList) {
    // The scale itself: its labels in order, from the document whose scale the question's words touch most.
    const byDoc = new Map<ParsedDocument, LabelledLine[]>();
    for (const l of lines) byDoc.set(l.doc, [...(byDoc.get(l.doc) ?? []), l]);
    const [doc, scale] = [...byDoc].sort((a, b) => b[1].length - a[1].length)[0];
    // 分几档 asks how many as well as which.
    const howMany = /(?<!哪)几/.test(question) ? `共${scale.length}档：` : '';
    return {
      answer: `${howMany}${scale.map((l) => l.label).join('、')}`,
      citations: [citeClean(doc, scale[0].start, scale[scale.length - 1].end)],
      confidence: 0.8,
      docIds: [doc.id],
    };
  }
  const q = hanBigrams(question);
  if (asksMeaning) {
    // The label named in the question (“工作落实好”): the longest label it contains.
    const named = lines.filter((l) => question.includes(l.label)).sort((a, b) => b.label.length - a.label.length)[0];
    if (named) {
      const first = named.description.split(/[；;]/)[0];
      return { answer: `${named.label}：${first}`, citations: [citeClean(named.doc, named.start, named.end)], confidence: 0.85, docIds: [named.doc.id] };
    }
    if (!asksLabel) return null;
  }
  // Which description does the question retell? The one sharing the most of its bigrams, well ahead of the rest.
  const scored = lines
    .map((l) => {
      let n = 0;
      for (const g of hanBigrams(l.description)) if (q.has(g)) n++;
      return { l, n };
    })
    .sort((a, b) => b.n - a.n);
  const [best, second] = scored;
  if (!best || best.n < 3 || (second && second.n >= best.n)) return null;
  return { answer: best.l.label, citations: [citeClean(best.l.doc, best.l.start, best.l.end)], confidence: 0.8, docIds: [best.l.doc.id] };
}
