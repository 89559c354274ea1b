/**
 * The shape of the answer a question wants, read from its question word (answer types from the
 * wh-word, checked by shape): 哪年 wants a year, 多少钱 an amount of money, 多久一次 a specific
 * period, 叫什么名字 a person's name, 哪个乡 a name ending in 乡, 哪种林子 a noun ending in 林,
 * 哪六条河 six names ending in 河. A candidate of the wrong shape loses; a clause holding nothing
 * of the shape does not answer, however close its words are. Spans of the shape are also found
 * in a sentence directly, nearest the question's own words.
 */
import { getJieba } from '../zh/tokenize.js';
import { parseNumber } from '../zh/numerals.js';

/** What a question's gap must look like; null: anything that answers. */
export type GapShape =
  | { kind: 'year' }
  | { kind: 'money' }
  | { kind: 'interval' }
  | { kind: 'duration'; unit: string }
  | { kind: 'person' }
  | { kind: 'contact' }
  | { kind: 'noun'; head: string; count: number | null }
  | { kind: 'modifier'; head: string }
  | { kind: 'purpose' }
  | { kind: 'count'; units: readonly string[] };

/**
 * How many grades, kinds or items (分几档, 有几类, 包括几个方面): the classifier asked, and the ones
 * documents write for it (几档 ↔ 五个等级).
 */
const COUNT_UNITS: Record<string, readonly string[]> = {
  档: ['档', '个档次', '档次', '个等级', '等级', '级'],
  等级: ['个等级', '等级', '档', '级'],
  级: ['级', '个等级', '等级', '档'],
  类: ['类', '个类别', '种'],
  种: ['种', '类'],
  项: ['项', '个方面', '条'],
  方面: ['个方面', '方面', '项'],
};
const COUNT_QUESTION = /(?<!哪)几\s*(?:个)?(档|等级|级|类|种|项|方面)/;

const countPattern = (units: readonly string[]) => new RegExp(`(?:[一二两三四五六七八九十]+|\\d+)\\s*(?:${units.join('|')})`, 'g');

/** Colloquial heads and the head documents write (林子 → 林). */
const HEAD_FORMS: Record<string, string> = { 林子: '林', 河流: '河', 山头: '山', 乡镇: '乡' };

/**
 * Heads whose answer is a name ending in the head (a place, a water body, a landform, a kind of
 * forest, a level of government): 哪个乡 → 薛家洼乡, 哪个流域 → 汾河流域, 哪一级 → 乡级. Other heads
 * (什么原则, 哪些方面) are answered by what stands before the head, which the classes handle.
 */
const NAME_HEADS = /^(?:乡|镇|村|县|区|市|省|街道|社区|河|江|湖|库|水库|渠|山|岭|沟|峪|流域|林|草|园|公园|湿地|级|费|税|金|基金)$/;

/** Reads the gap's shape from a question; null when it asks for something a class answers as is. */
export function gapShape(question: string): GapShape | null {
  const q = question.normalize('NFKC');
  if (/叫什么名字|姓名|叫什么(?:同志)?[？?]?$|哪位.{0,8}叫/.test(q)) return { kind: 'person' };
  if (/哪一?年|几几年|哪个年份|什么年份/.test(q)) return { kind: 'year' };
  if (/地址|电话|联系方式|邮箱|网址|传真/.test(q)) return { kind: 'contact' };
  if (/多少钱|多少万元|多少亿元|多少元|投资多少|资金多少|几万块|多少.{0,8}(?:资金|经费|投资|钱|补助|奖金|罚款)|(?:罚款|补偿费|奖励).{0,6}(?:标准|多少)/.test(q))
    return { kind: 'money' };
  if (/(?:多久|多长时间|每隔多久|隔多长时间).{0,6}一次|频次|频率|几天一次/.test(q)) return { kind: 'interval' };
  if (
    PURPOSE_QUESTION.test(q) ||
    getJieba()
      .cut(q, true)
      .some((w) => PURPOSE_WORDS.has(w))
  )
    return { kind: 'purpose' };
  const duration = /分几(年|期|批|步|个阶段)|用几(年)|几(年)(?:内|完成|干完|实施)/.exec(q);
  if (duration) return { kind: 'duration', unit: duration[1] ?? duration[2] ?? duration[3] };
  const counted = COUNT_QUESTION.exec(q);
  if (counted) return { kind: 'count', units: COUNT_UNITS[counted[1]] };
  return nounShape(q);
}

/** Question words a noun gap follows (哪个流域, 哪种林子, 什么林). */
const NOUN_QUESTION = new Set(['哪', '哪个', '哪种', '哪类', '哪一个', '哪一种', '哪一类', '哪些', '什么', '啥', '什么样']);
/** Classifiers between the question word and the noun (哪 | 六条 | 河, 哪 | 一级 | 政府). */
const CLASSIFIER = /^([一二两三四五六七八九十几\d]*)(个|种|类|条|座|项|位|家|级|批|处|片|块|大)$/;

/** `哪个流域` → a noun ending in 流域; `哪六条河` → six ending in 河; `哪一级政府` → one ending in 级. */
function nounShape(q: string): GapShape | null {
  const words = getJieba().cut(q, true);
  for (let i = 0; i < words.length; i++) {
    if (!NOUN_QUESTION.has(words[i])) continue;
    let j = i + 1;
    let count: number | null = null;
    let level = false;
    for (; j < words.length; j++) {
      const m = CLASSIFIER.exec(words[j]);
      if (!m) break;
      if (m[1] && m[1] !== '几') count = /^\d+$/.test(m[1]) ? Number(m[1]) : parseNumber(m[1]);
      if (m[2] === '级') level = true;
    }
    const word = level ? '级' : words[j];
    if (!word || !/^\p{Script=Han}+$/u.test(word)) continue;
    const head = HEAD_FORMS[word] ?? word;
    if (NAME_HEADS.test(head)) return { kind: 'noun', head, count: count && count > 1 ? count : null };
    // 什么原则, 什么协调机制: the answer is what the document puts before the head (a quote or a modifier).
    const compound = /^\p{Script=Han}+$/u.test(words[j + 1] ?? '') && MODIFIER_HEADS.test(words[j + 1]) ? `${word}${words[j + 1]}` : word;
    if (MODIFIER_HEADS.test(compound) && !count) return { kind: 'modifier', head: compound };
  }
  return null;
}

/** Questions that ask what something is for (为啥要建…, 目的是什么, 是为了什么). */
const PURPOSE_QUESTION = /为什么|为啥|为何|干嘛要|是为了|为了什么|图什么|意图|(?:解决|破解|克服)(?:什么|哪些|啥)(?:问题|困难)/;
/** Words (as the tokenizer cuts them: 项目|的 is no 目的) that ask for a purpose. */
const PURPOSE_WORDS = new Set(['目的', '用意', '初衷']);
/** A clause that states a purpose: 为了避免…, 为突出…, 旨在…, 以便…. */
// 破解…资金不足的难题 states what a measure is for as much as 为了… does.
const PURPOSE_CLAUSE = /(?:^|[，,；;。])\s*(为了|为|旨在|以便|以期|目的是|破解|解决|克服)([^，,；;。]{4,40})/g;

/** Heads whose answer is the quote or modifier the document puts before them (“谁破坏、谁治理”的原则, 厅际协调机制). */
const MODIFIER_HEADS = /(?:标准|原则|理念|机制|方针|模式|制度|体系|格局|战略|思路|方式|难题|短板|瓶颈)$/;

/** Specific periods (每季度, 按月, 每年, 半年) — not 定期, 适时, 及时, which name no period. */
const INTERVAL = /每(?:周|旬|月|季度?|半年|年|天|日)|按(?:周|旬|月|季度?|半年|年)|(?:一|两|二|三|半)(?:周|个月|月|季度|年)一次|季度|半年|月度|年度/;
/** Frequencies the documents state without a period (定期, 不定期, 适时). */
export const VAGUE_INTERVAL = /(?:不)?定期|适时|随时|经常|不定时/;
const YEAR = /(?<!\d)(?:19|20)\d{2}(?=\s*年|[^\d]|$)|[“"]?十[一二三四五六七八九]五[”"]?(?:期间|时期|末)?/;
const MONEY = /\d+(?:\.\d+)?\s*(?:亿元|万元|元|亿|万)(?![亩人])/;

/** Whether a text names a specific period (每季度, 按月), not just 定期. */
export function fitsPeriod(text: string): boolean {
  return INTERVAL.test(text.normalize('NFKC'));
}

/** Whether an answer text has the shape asked for. */
export function fitsShape(text: string, shape: GapShape): boolean {
  const t = text.normalize('NFKC');
  switch (shape.kind) {
    case 'year':
      return YEAR.test(t);
    case 'money':
      return MONEY.test(t);
    case 'interval':
      // 定期 names no period, but it is what the document says: it answers, marked as unspecific.
      return INTERVAL.test(t) || VAGUE_INTERVAL.test(t);
    case 'duration':
      return new RegExp(`(?<!\\d)(?:\\d{1,2}|[一二三四五六七八九十两])\\s*(?:个)?${shape.unit}`).test(t);
    case 'person':
      return personNames(t).length > 0;
    case 'contact':
      return /\d{3,4}-?\d{7,8}|(?<!\d)1\d{10}(?!\d)|\S{2,}(?:路|街|巷)\d*号?|@|https?:|www\./.test(t);
    case 'noun':
      return nounSpans(t, shape).length >= (shape.count ?? 1);
    case 'modifier':
      return modifierSpans(t, shape.head).length > 0;
    case 'purpose':
      return purposeSpans(t).length > 0;
    case 'count':
      return countPattern(shape.units).test(t);
  }
}

/** A level of government as documents write it (市县级政府, 乡级, 省政府). */
const LEVEL = /(?:省|市|县|区|乡|镇|村|市县|县乡|县区|省市|市县乡)(?:级)?\+?(?:人民)?政府|(?:省|市|县|区|乡|镇|村)级/g;

/** Personal names jieba recognises (nr), two to four characters. */
function personNames(text: string): string[] {
  return getJieba()
    .tag(text, true)
    .filter((w) => w.tag === 'nr' && w.word.length >= 2 && w.word.length <= 4)
    .map((w) => w.word);
}

/** A span of a sentence with clean offsets. */
export interface ShapeSpan {
  text: string;
  start: number;
  end: number;
}

/** Words before a head that start no name (汾河流域, not 我县汾河流域; 经果林, not 的经果林). */
const NOT_NAME_START = /^(?:的|和|与|及|或|在|对|以|为|将|把|我|本|全|各|县|市|省|区|其)/;

/**
 * Names of the shape's head in a sentence: the head with the word before it (经果林, 汾河流域,
 * 薛家洼乡), at most eight characters, never starting with a function word; each once.
 */
export function nounSpans(sentence: string, shape: Extract<GapShape, { kind: 'noun' }>, base = 0): ShapeSpan[] {
  if (shape.head === '级') return [...sentence.matchAll(LEVEL)].map((m) => ({ text: m[0], start: base + m.index!, end: base + m.index! + m[0].length }));
  const out: ShapeSpan[] = [];
  const seen = new Set<string>();
  const words = getJieba().tag(sentence, true);
  let at = 0;
  const spans = words.map((w) => {
    const s = { word: w.word, tag: w.tag, start: at, end: at + w.word.length };
    at += w.word.length;
    return s;
  });
  for (let i = 0; i < spans.length; i++) {
    const w = spans[i];
    if (!w.word.endsWith(shape.head) || !/\p{Script=Han}/u.test(w.word)) continue;
    let start = w.start;
    // A bare head (流域, 乡) or a short word ending in it (洼乡 of 薛家洼乡) takes the name before it.
    if ((w.word === shape.head || w.word.length <= 2) && i > 0) {
      const prev = spans[i - 1];
      // Names the dictionary lacks come back untagged (x): 薛家|洼乡, 金锁|关镇.
      const nameLike = /^(?:n|nr|ns|nz|ng|x)$/.test(prev.tag) || w.word === shape.head;
      if (/^\p{Script=Han}+$/u.test(prev.word) && nameLike && !NOT_NAME_START.test(prev.word)) start = prev.start;
    }
    // A short word ending in the head takes the noun before it too (水土保持|补偿费).
    if (
      start === w.start &&
      w.word.length <= 3 &&
      i > 0 &&
      /^(?:n|nz|nr|l)$/.test(spans[i - 1].tag) &&
      spans[i - 1].word.length <= 4 &&
      !NOT_NAME_START.test(spans[i - 1].word)
    )
      start = spans[i - 1].start;
    let text = sentence.slice(start, w.end);
    while (text.length > 1 && NOT_NAME_START.test(text) && text.length > shape.head.length) {
      text = text.slice(1);
      start++;
    }
    if (text === shape.head || text.length > 8 || seen.has(text)) continue;
    seen.add(text);
    out.push({ text, start: base + start, end: base + w.end });
  }
  return out;
}

/** Words before a head that are no modifier of it (建立机制, 的机制 without a quote). */
const NOT_MODIFIER = /^(?:建立|完善|健全|形成|实行|推行|落实|按照|依据|坚持|创新|加强|的|和|与|及|等|各项|相关|有关|工作|一|这|该)$/;

/** Verbs that introduce what a head is (按照…的原则, 建成…的约束机制). */
const MODIFIER_VERB = /(?:按照|依照|依据|遵循|坚持|实行|推行|建立|建成|形成|构建|树立|落实|破解|解决|补齐|突破|纳入|列入|融入)/g;
/** Longest object a verb puts before a head without 的 (落实|草原禁牧休牧和草畜平衡|制度), in characters. */
const MAX_BARE_MODIFIER = 20;

/**
 * What a document puts before a head, with the head: a quote (“谁破坏、谁治理”的原则), the phrase a
 * verb introduces (按照谁治理、谁受益的原则; 建成矿业权人…法定义务的约束机制), or the word before it
 * (厅际协调机制); each once, in text order.
 */
export function modifierSpans(sentence: string, head: string, base = 0): ShapeSpan[] {
  const out: ShapeSpan[] = [];
  const seen = new Set<string>();
  const push = (start: number, end: number) => {
    const text = sentence.slice(start, end);
    if (!seen.has(text)) {
      seen.add(text);
      out.push({ text, start: base + start, end: base + end });
    }
  };
  for (let at = sentence.indexOf(head); at >= 0; at = sentence.indexOf(head, at + 1)) {
    const end = at + head.length;
    const lead = sentence.slice(Math.max(0, at - 50), at);
    const offset = at - lead.length;
    const quoted = /[“"][^“”"]{2,30}[”"]的?$/.exec(lead);
    if (quoted) {
      push(offset + quoted.index!, end);
      continue;
    }
    // The phrase after the last introducing verb, within the clause, ending in 的.
    const clause = lead.slice(
      Math.max(lead.lastIndexOf('，'), lead.lastIndexOf(','), lead.lastIndexOf('。'), lead.lastIndexOf('；'), lead.lastIndexOf(';')) + 1,
    );
    const verbs = [...clause.matchAll(MODIFIER_VERB)];
    const verb = verbs[verbs.length - 1];
    if (verb && clause.endsWith('的') && clause.length - verb.index! - verb[0].length >= 3) {
      push(at - clause.length + verb.index! + verb[0].length, end);
      continue;
    }
    // The verb's whole object before the head, without 的 (落实草原禁牧休牧和草畜平衡制度; 纳入全区…目标责任考核体系).
    const bare = verb ? clause.length - verb.index! - verb[0].length : 0;
    if (verb && bare >= 4 && bare <= MAX_BARE_MODIFIER) {
      push(at - bare, end);
      continue;
    }
    const words = getJieba().cut(lead, true);
    const prev = words[words.length - 1] ?? '';
    if (prev.length >= 2 && prev.length <= 6 && /^\p{Script=Han}+$/u.test(prev) && !NOT_MODIFIER.test(prev)) push(at - prev.length, end);
  }
  return out;
}

/** The purposes a sentence states (为了避免…单打独斗…; 为突出…科学性), the marker dropped. */
export function purposeSpans(sentence: string, base = 0): ShapeSpan[] {
  return [...sentence.matchAll(PURPOSE_CLAUSE)].map((m) => {
    const start = m.index! + m[0].length - m[2].length;
    return { text: m[2], start: base + start, end: base + start + m[2].length };
  });
}

/** Spans of a sentence that have the shape, nearest the question's words first. */
export function shapeSpans(sentence: string, shape: GapShape, base: number, anchor: (at: number) => number): ShapeSpan[] {
  let spans: ShapeSpan[] = [];
  if (shape.kind === 'noun') spans = nounSpans(sentence, shape, base);
  else if (shape.kind === 'modifier') spans = modifierSpans(sentence, shape.head, base);
  else if (shape.kind === 'purpose') spans = purposeSpans(sentence, base);
  else if (shape.kind === 'count')
    spans = [...sentence.matchAll(countPattern(shape.units))].map((m) => ({ text: m[0], start: base + m.index!, end: base + m.index! + m[0].length }));
  else if (shape.kind === 'duration') {
    // 分3年实施: the number with the verb phrase around it, up to the next comma.
    const re = new RegExp(`(?:分|用|在)?(?<!\\d)(?:\\d{1,2}|[一二三四五六七八九十两])\\s*(?:个)?${shape.unit}(?:内|时间)?[^,，。；;、]{0,4}`, 'g');
    spans = [...sentence.matchAll(re)].map((m) => ({ text: m[0], start: base + m.index!, end: base + m.index! + m[0].length }));
  } else if (shape.kind === 'interval') {
    const re = new RegExp(`${INTERVAL.source}|${VAGUE_INTERVAL.source}`, 'g');
    spans = [...sentence.matchAll(re)].map((m) => ({ text: m[0], start: base + m.index!, end: base + m.index! + m[0].length }));
  }
  return spans.sort((a, b) => anchor(a.start - base) - anchor(b.start - base));
}
