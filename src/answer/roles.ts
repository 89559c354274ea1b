/**
 * Roles in a sentence, found from the question's own verb (the question as a statement with a
 * gap): 由谁召集联席调度会 → [GAP] 召集(召开) 联席调度会 — the organisation before 召开 in the
 * sentence; 约谈谁 → 约谈 [GAP] — the post after 约谈; 征求哪个部门意见 → 征求 [GAP] 意见; 汇总后
 * 再报哪 → the recipient after the 报 nearest 汇总. One mechanism for every verb and word order,
 * with verb equivalences as data (`zh/question-cues.ts`).
 */
import type { SlotAnswer } from '../analysis/frames/types.js';
import { ORG_NAME_LONGEST } from '../zh/organisations.js';
import { VERB_EQUIVALENTS } from '../zh/question-cues.js';
import { getJieba } from '../zh/tokenize.js';
import { hanBigrams } from '../zh/bigrams.js';

/** A role question as a statement with a gap. */
export interface RoleGap {
  /** The verb the gap attaches to, with its equivalents (召集 → 召开). */
  verbs: string[];
  /** The gap is the verb's subject (由谁召集) or its object (约谈谁, 报给哪里). */
  side: 'subject' | 'object';
  /** Words of the question besides the verb and the gap: they pick among several occurrences. */
  context: string;
  /** For 征求…意见: what closes the object. */
  closer: string | null;
  /** The noun the question attaches to the verb (组长 in 组长由谁担任): an occurrence followed by it exactly wins. */
  noun: string | null;
  /** The verb as the question says it: an occurrence of that very verb beats an equivalent (反馈 over 通报). */
  asked?: string;
}

/** Question words that stand for an organisation or post. */
const WHO = '(?:谁|哪个部门|哪个单位|哪个机构|哪个机关|哪些部门|哪些单位|哪几个部门|哪几个单位|哪几家|哪一级政府|哪级政府|哪家|哪里|哪儿|哪|什么部门|什么单位)';
/** Words between a subject gap and its verb (由谁来考, 谁负责牵头). */
const LINK = /^(?:来|去|具体|专门|统一)*/;

/** The verb a gap attaches to, with its equivalents from the data table. */
function equivalents(verb: string): string[] {
  const out = new Set([verb]);
  for (const group of VERB_EQUIVALENTS) if (group.includes(verb)) group.forEach((v) => out.add(v));
  return [...out].sort((a, b) => b.length - a.length);
}

/** The verb a phrase opens with: the longest verb of the data table it starts with, else jieba's first verb. */
function leadingVerb(text: string): string | null {
  const known = VERB_EQUIVALENTS.flat()
    .filter((v) => text.startsWith(v))
    .sort((a, b) => b.length - a.length)[0];
  return known ?? firstVerb(text);
}

/** The first verb of a text (jieba tags), or its first two characters. */
function firstVerb(text: string): string | null {
  const words = getJieba().tag(text, true);
  const v = words.find((w) => /^v/.test(w.tag) && w.word.length >= 2);
  return v ? v.word : null;
}

/** Reads a role question's gap: 由谁召集…, 哪个部门负责…, 约谈谁, 报给哪里, 征求哪个部门意见. */
export function roleGapOf(question: string): RoleGap | null {
  const q = question.normalize('NFKC').replace(/[？?。!！]+$/, '');
  // Object gap with the verb after it: 往哪报, 向谁汇报, 到哪里报送.
  const after = new RegExp(`(?:往|到|向)${WHO}(\\p{Script=Han}{1,4})$`, 'u').exec(q);
  if (after) {
    const verb = leadingVerb(after[1]) ?? after[1];
    return { verbs: equivalents(verb), asked: verb, side: 'object', context: q.slice(0, after.index), closer: null, noun: null };
  }
  // Object gap: a verb right before the question word (约谈谁, 移交给谁, 报到哪里, 征求哪个部门(的)意见).
  const obj = new RegExp(`(\\p{Script=Han}{1,4}?)(?:给|到|至|往|向)?${WHO}(?:的)?(意见)?`, 'u').exec(q);
  // The question word ends the question (约谈谁) or only 意见 follows it: a verb phrase after it makes it a subject.
  const trailing = obj ? q.slice(obj.index + obj[0].length) : '';
  if (obj && !/由$|^(?:是|为|归|被|让|靠|在)$/.test(obj[1]) && /^(?:呢|啊|了|的|处理|办理)?$/.test(trailing)) {
    const verb =
      VERB_EQUIVALENTS.flat()
        .filter((v) => obj[1].endsWith(v))
        .sort((a, b) => b.length - a.length)[0] ??
      firstVerb(obj[1]) ??
      obj[1];
    if (verb.length >= 1 && !/^(?:由|是|有|为)/.test(verb)) {
      return { verbs: equivalents(verb), asked: verb, side: 'object', context: q.slice(0, obj.index), closer: obj[2] ?? null, noun: null };
    }
  }
  // Subject gap: the question word, then the verb phrase (由谁召集联席调度会, 谁牵头召开协调会议).
  const subj = new RegExp(`(?:由)?${WHO}(.{2,24})$`, 'u').exec(q);
  if (subj) {
    const rest = subj[1].replace(LINK, '');
    const verb = leadingVerb(rest) ?? rest.slice(0, 2);
    // 组长由谁担任: the noun before the question word is what the verb takes (担任组长, not 担任副组长).
    const before = getJieba()
      .cut(q.slice(0, subj.index), true)
      .filter((w) => /\p{Script=Han}/u.test(w));
    const noun = before.length && !/^(?:的|了|是)$/.test(before[before.length - 1]) ? before[before.length - 1] : null;
    if (verb) return { verbs: equivalents(verb), asked: verb, side: 'subject', context: `${q.slice(0, subj.index)}${rest}`, closer: null, noun };
  }
  return null;
}

/** Posts a role may name (分管副县长, 主要负责人, 组长). */
const POST = '(?:分管|主要|常务)?(?:副)?(?:省|市|县|区|镇|乡)长|(?:党委|党组)?书记|(?:副)?(?:组长|主任|总指挥)|(?:主要|分管|直接)?负责(?:人|同志)|第一责任人';
const ORG = new RegExp(`(?:${ORG_NAME_LONGEST}|${POST}|纪检监察机关|[市县区乡镇]级?(?:人民)?政府)`, 'g');
/** An organisation list: names joined by 、/和/或/及. */
const ORG_LIST = new RegExp(`${ORG.source}(?:(?:、|和|或|及|以及)${ORG.source})*`, 'u');

/** How much of the question's context the text around an occurrence shares. */
function contextScore(context: Set<string>, text: string): number {
  let n = 0;
  for (const g of hanBigrams(text)) if (context.has(g)) n++;
  return n;
}

/**
 * Organisations filling the gap in `sentence`, best first: for each occurrence of the verb, the
 * organisation list right after it (object) or ending right before it, else the sentence's subject.
 */
export function fillRoleGap(sentence: string, base: number, gap: RoleGap): SlotAnswer[] {
  const context = hanBigrams(gap.context);
  const found: { span: SlotAnswer; score: number }[] = [];
  const covered: [number, number][] = [];
  for (const verb of gap.verbs) {
    for (let at = sentence.indexOf(verb); at >= 0; at = sentence.indexOf(verb, at + 1)) {
      // 报 inside 报告 is the longer verb's occurrence, already read.
      if (covered.some(([a, b]) => at >= a && at < b)) continue;
      covered.push([at, at + verb.length]);
      const span = gap.side === 'object' ? (objectAfter(sentence, at + verb.length, gap.closer) ?? objectFronted(sentence, at)) : subjectBefore(sentence, at);
      // The words around the occurrence, without the filler itself (it answers, it does not match the question).
      const from = Math.max(0, at - 12);
      const to = at + verb.length + 12;
      const around = span ? `${sentence.slice(from, Math.max(from, span.start))}${sentence.slice(Math.min(to, span.end), to)}` : sentence.slice(from, to);
      const follows = gap.noun && sentence.startsWith(gap.noun, at + verb.length) ? 3 : 0;
      const own = verb === gap.asked ? 1 : 0;
      const score = contextScore(context, around) + verb.length / 10 + follows + own;
      if (span)
        found.push({
          span: { kind: 'who', text: span.text, start: base + span.start, end: base + span.end, confidence: 0.92, detail: { role: 'gap', ownVerb: own === 1 } },
          score,
        });
    }
  }
  const seen = new Set<string>();
  return found
    .sort((a, b) => b.score - a.score || a.span.start - b.span.start)
    .map((f) => f.span)
    .filter((sp) => !seen.has(`${sp.start}:${sp.end}`) && (seen.add(`${sp.start}:${sp.end}`), true));
}

/** An object put before its verb by 向/对/给 (向各承办单位主要负责人|反馈评价结果): the list right before the verb. */
const FRONTED = new RegExp(`(?:向|对|给)([^，,。；;向对给]{0,20}?(?:${ORG.source}))$`, 'u');
function objectFronted(sentence: string, at: number): { text: string; start: number; end: number } | null {
  const m = FRONTED.exec(sentence.slice(Math.max(0, at - 40), at));
  if (!m) return null;
  const start = at - m[1].length;
  return { text: m[1], start, end: at };
}

/** The organisation list after a verb (skipping 给/至/到/其/向), up to a closer such as 意见. */
function objectAfter(sentence: string, from: number, closer: string | null): { text: string; start: number; end: number } | null {
  const lead = /^(?:给|至|到|往|向|其|了|并)*/.exec(sentence.slice(from))![0].length;
  const start = from + lead;
  const rest = sentence.slice(start, start + 60);
  if (closer) {
    const end = rest.indexOf(closer);
    if (end > 0) return { text: rest.slice(0, end).replace(/的$/, ''), start, end: start + rest.slice(0, end).replace(/的$/, '').length };
  }
  const m = ORG_LIST.exec(rest);
  // 通报的单位: a relative clause's head, not an object.
  return m && m.index === 0 && !m[0].startsWith('的') ? { text: m[0], start, end: start + m[0].length } : null;
}

/** The organisation list ending right before a verb (由X召开, X要负责), else the sentence's own subject. */
function subjectBefore(sentence: string, verbAt: number): { text: string; start: number; end: number } | null {
  let clauseStart = Math.max(...['，', ',', '；', ';', '。', ':', '：'].map((p) => sentence.lastIndexOf(p, verbAt - 1))) + 1;
  // 对于迟缓工作由牵头部门召开: the subject follows 由.
  const by = sentence.lastIndexOf('由', verbAt - 1);
  if (by >= clauseStart) clauseStart = by + 1;
  const clause = sentence.slice(clauseStart, verbAt).replace(/(?:要|应当|应|须|需|将|负责|统一|定期|及时|每月|每季度|共同|牵头|按月|按季度)+$/, '');
  const lists = [...clause.matchAll(new RegExp(ORG_LIST.source, 'gu'))];
  const last = lists.pop();
  if (last && last.index! + last[0].length >= clause.length - 2) {
    const start = clauseStart + last.index!;
    return { text: last[0], start, end: start + last[0].length };
  }
  // The verb's own clause names nobody: the sentence's subject (工作领导组按照…标准,…量化考核…).
  const head = new RegExp(`^(${ORG_LIST.source})(?=要|应|将|按照|对|负责|统一|根据|依托|在|与|会同|牵头|定期|及时)`, 'u').exec(sentence);
  return head ? { text: head[1], start: 0, end: head[1].length } : null;
}
