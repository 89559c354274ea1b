/**
 * Which list of a sentence a "哪些…" question asks for. A question describes its list three
 * ways, each matched against the lists the enumeration grammar finds (`zh/enumerations.ts`):
 * by its head noun (实施哪些**工程** ↔ …等工程; 哪几种**类型** ↔ 绿色产业型、生态旅游型; 哪三道 ↔ 三道防线),
 * by its verb (**纳入**哪两个体系 ↔ 纳入A和B; **借**哪些日子 ↔ 利用A、B等时间节点), and by its count
 * (哪**两**个 ↔ two items). The words around the list that repeat the question's topic decide
 * between lists that fit equally.
 */
import { hintOverlap } from '../analysis/frames/slots.js';
import type { SlotAnswer } from '../analysis/frames/types.js';
import { isDepartmentCore } from '../zh/departments.js';
import { findEnumerations, type Enumeration } from '../zh/enumerations.js';
import { looksLikeOrg } from '../zh/organisations.js';
import { parseNumber } from '../zh/numerals.js';
import { GENERIC_LIST_HEADS, LIST_HEAD_EQUIVALENTS, VERB_EQUIVALENTS } from '../zh/question-cues.js';
import { getJieba } from '../zh/tokenize.js';

/** What a list question says about its list. */
export interface ListAsk {
  /** The noun after the question word (工程, 类型, 体系), or null. */
  head: string | null;
  /** It and the words after it that may name the list too (水保, 科技, 创新, 平台). */
  heads: string[];
  /** Words the question quotes (“亲自”抓的要求): a list whose items share one is the list meant. */
  quoted: string[];
  /** The verb before the question word (实施, 纳入, 借), or null. */
  verb: string | null;
  /** The words after the head (为抓手, 的小流域): the list's own tail may repeat them. */
  after: string;
  /** The count asked (哪两个 → 2), or null. */
  count: number | null;
}

/** Question words a list's head follows. */
const LIST_QUESTION = /^(?:哪些|哪几|哪|什么|啥|几)$/;
/** A classifier, with an optional count, between the question word and the head (两个, 几类, 三道). */
const CLASSIFIER = /^([一二两三四五六七八九十几\d]*)(个|种|类|条|项|道|大|方面|件|样|档|处|片)?$/;
/** Words between the verb and the question word that are no verb (要, 都, 主要). */
const FILLER = /^(?:要|都|还|主要|重点|应|应当|需要|必须|得|会|可以|具体|分别|一共|共|是|有|里|中|上)$/;

/**
 * The words after a question word that may name the list, up to 的 or the end of the phrase
 * (哪些|水保|科技|创新|平台; 哪两个|体系; 哪些|日子|开展|主题…): a question may qualify its head as it
 * likes, so each of them is tried against the list.
 */
function headsOf(rest: string[]): string[] {
  const out: string[] = [];
  for (const w of rest.slice(0, 5)) {
    if (!/^\p{Script=Han}{1,6}$/u.test(w) || /^(?:的|为|是|吗|呢|啊|都|有|要|在)$/.test(w)) break;
    if (!/^(?:和|与|及)$/.test(w)) out.push(w);
  }
  return out;
}

/** Reads what a list question says about its list; null when it asks no list. */
export function readListAsk(question: string): ListAsk | null {
  // Quotes around the head (几个“宜”) are not words of it.
  const words = getJieba().cut(question.normalize('NFKC').replace(/[“”"‘’']/g, ''), true);
  for (let i = 0; i < words.length; i++) {
    let w = words[i];
    let j = i + 1;
    let count: number | null = null;
    // The tokenizer keeps some counts on the question word (哪两个, 哪几类) or the classifier on the count.
    const fused = /^(哪|几)([一二两三四五六七八九十几\d]+)?(个|种|类|条|项|道|大|方面|件|样|档|处|片)?$/.exec(w);
    if (fused && (fused[2] || fused[3])) {
      if (fused[2] && fused[2] !== '几') count = /^\d+$/.test(fused[2]) ? Number(fused[2]) : parseNumber(fused[2]);
      w = fused[1];
    } else if (!LIST_QUESTION.test(w)) continue;
    for (; j < words.length; j++) {
      const m = CLASSIFIER.exec(words[j]);
      if (!m || !words[j]) break;
      if (m[1] && m[1] !== '几') count = /^\d+$/.test(m[1]) ? Number(m[1]) : parseNumber(m[1]);
    }
    const heads = headsOf(words.slice(j));
    const head = heads[0] ?? null;
    let k = i - 1;
    while (k >= 0 && FILLER.test(words[k])) k--;
    const verb = k >= 0 && /^\p{Script=Han}{1,4}$/u.test(words[k]) ? words[k] : null;
    const after = words
      .slice(j + 1)
      .join('')
      .replace(/[？?。！!，,]/g, '');
    const quoted = [...question.matchAll(/[“"‘]([^”"’]{1,8})[”"’]/g)].map((m) => m[1]);
    if (head || count !== null || w !== '什么') return { head, heads, quoted, verb, after, count };
  }
  return null;
}

/** Spellings that stand for the same verb (借 ↔ 利用, 防 ↔ 避免). */
function verbForms(verb: string): string[] {
  const group = VERB_EQUIVALENTS.find((g) => g.includes(verb));
  return group ? [...group] : [verb];
}

/** How well a list's name fits the best of the asked heads: 1 the same, 0.5 a generic head (内容, 要素), 0 another. */
function headFit(e: Enumeration, ask: ListAsk, sentence: string): number {
  // A quoted word the items share marks them (“亲自”抓的要求 ↔ 工作亲自抓、任务亲自部署); one the sentence lacks marks another sentence.
  if (ask.quoted.some((q) => e.items.filter((it) => it.text.includes(q)).length * 2 >= e.items.length)) return 1;
  if (ask.quoted.length && !ask.quoted.some((q) => sentence.includes(q))) return 0;
  if (!ask.head || GENERIC_LIST_HEADS.includes(ask.head)) return 0.5;
  return Math.max(...ask.heads.map((h) => fitOf(e, h)));
}

/** Whether a list item names a body: an organisation or post, or a department's core name (发展改革, 林草). */
export const namesBody = (text: string): boolean => looksLikeOrg(text) || isDepartmentCore(text);

/** Heads that ask for organisations (哪些部门): a list of organisations' names fits them. */
const ORGANISATION_HEADS = /^(?:部门|单位|机构|机关|组织)$/;

function fitOf(e: Enumeration, head: string): number {
  if (ORGANISATION_HEADS.test(head) && e.items.every((it) => namesBody(it.text))) return 1;
  const forms = [head, ...(LIST_HEAD_EQUIVALENTS.find(([h]) => h === head)?.[1] ?? [])];
  const names = [e.name ?? '', e.tail.slice(0, 16), e.lead.slice(-6)];
  if (forms.some((f) => names.some((n) => n && (n.includes(f) || (f.endsWith(n) && n === e.name))))) return 1;
  // Items that all end in the head's last character (哪些区域 ↔ …采矿区、…沉陷区), or in one of a short head's
  // characters (哪些节日 ↔ 植树节、世界环境日), or name it (哪些教育 ↔ 国民教育体系).
  const last = head.slice(-1);
  const endsInHead = (t: string) => t.endsWith(last) || (head.length <= 3 && head.includes(t.slice(-1)));
  if (e.items.every((it) => endsInHead(it.text)) || forms.some((f) => f.length >= 2 && e.items.some((it) => it.text.includes(f)))) return 0.8;
  return 0;
}

/** Score of a list for a question: head, verb, count and the topic around it. */
export function scoreEnumeration(e: Enumeration, ask: ListAsk, sentence: string, topic: string): number | null {
  const head = headFit(e, ask, sentence);
  // A list fronted by 将/把/对 has its verb after it, maybe in the next clause (将A、B等区域，适时纳入…).
  const after = sentence.slice(e.end, e.end + 30);
  const fronted = /[将把对]$/.test(e.lead);
  const verbFit = ask.verb && verbForms(ask.verb).some((v) => e.lead.includes(v) || (fronted && after.includes(v))) ? 1 : 0;
  // A list of another kind (哪些行为 ↔ 河流、湖泊、水库) that the question's verb does not point at either is not the one asked.
  if (head === 0 && !verbFit) return null;
  const afterFit = ask.after.length >= 2 ? hintOverlap(ask.after, after) : 0;
  const countFit = ask.count === null ? 0 : ask.count === e.items.length || ask.count === e.statedCount ? 1 : -1;
  const around = `${sentence.slice(Math.max(0, e.start - 24), e.start)}${after}`;
  // Items the question already names are what it asks about, not what it asks for (在A和B区，禁止干哪些事).
  const given = hintOverlap(e.items.map((it) => it.text).join(''), topic);
  return -0.5 * given + 0.45 * head + 0.3 * verbFit + 0.15 * afterFit + 0.3 * countFit + 0.4 * hintOverlap(topic, around) + (e.enumerated ? 0.1 : 0);
}

/**
 * The items of the list a question asks for in a sentence, as list slots (confidence from how
 * well the list fits), or [] when the sentence lists nothing the question describes.
 */
export function enumerationSlots(sentence: string, base: number, ask: ListAsk | null, topic = ''): SlotAnswer[] {
  const a: ListAsk = ask ?? { head: null, heads: [], quoted: [], verb: null, after: '', count: null };
  let best: { e: Enumeration; score: number } | null = null;
  for (const e of findEnumerations(sentence)) {
    // A pair joined only by 和 is a list when the question says it is (哪两个, its head, its verb).
    if (!e.enumerated && a.count !== 2 && headFit(e, a, sentence) < 1) continue;
    const score = scoreEnumeration(e, a, sentence, topic);
    if (score === null) continue;
    if (!best || score > best.score) best = { e, score };
  }
  if (!best) return [];
  const confidence = Math.max(0.3, Math.min(0.95, 0.35 + 0.5 * best.score));
  return best.e.items.map((it) => ({
    kind: 'list',
    text: it.text,
    start: base + it.start,
    end: base + it.end,
    confidence,
    detail: { role: 'item', pattern: `enumeration@${base + best.e.start}`, fit: Math.round(best.score * 100) / 100 },
  }));
}
