/**
 * Key terms of a question and how much of them a piece of evidence covers. Terms are weighted
 * by how rare they are in the index (a question's "组长" or "电话" matters more than its "县"),
 * so "does this sentence talk about what was asked?" is one number, and a term the corpus
 * never uses is a sign the documents do not say.
 */
import type { TermStats } from '../retrieval/types.js';
import { equivalentForms } from '../zh/question-cues.js';
import { getJieba, tokenizeWords } from '../zh/tokenize.js';

/** Words a question uses to ask, not to say what it is about. */
const ASKING = new Set(
  (
    '什么 多少 哪些 哪个 哪里 哪一 哪一级 哪几个 哪几 几个 怎么 怎样 如何 是否 能否 可否 可以 能 吗 呢 要求 规定 方面 情况 ' +
    '具体 分别 主要 一次 多久 多长 时间 时候 何时 哪天 需要 应该 应当 要 还 都 包括 包含 有 哪 谁 由谁 来 按 ' +
    '方案 文件 这份 这个 里 中 提出 明确 目标 部门 单位 负责 责任 主体 县 省 市 区 全县 全省 请问 ' +
    '多长时间 长时间 一次 几次 几号 几年 几月 几批 第几 层级 级别 一级 哪级 类型 方式 办法 内容 措施 具体内容 名义 ' +
    '时限 期限 频率 频次 周期 月度 标准是 数量 规模 是谁'
  ).split(' '),
);

export interface KeyTerm {
  term: string;
  /** Inverse document frequency in the index (higher: rarer). */
  weight: number;
  /** How many chunks of the index contain the term (0: the corpus never uses it). */
  df: number;
  /** Tagged as a noun (名字, 电话, 罚款): a noun the corpus never uses is a thing it does not talk about. */
  noun: boolean;
}

/** Nouns, idioms, verbal nouns and time words (今天: the documents do not know what day it is). */
const NOUN_TAGS = new Set(['n', 'nr', 'nt', 'nz', 'ng', 'l', 'i', 'vn', 'an', 't']);

/**
 * Asking phrases glued to a noun, which the tokenizer may read as one word (多大面积 → 大面积,
 * 哪几种类型 → 哪几种): cut out before the topic is tokenised, whatever noun follows.
 */
const ASKING_PHRASE = /多[大高长宽深重远久]|哪[一几]?[种类项个条样批级些]|几[种类项个条样批]/g;

/** Content words of a question topic with their weights, longest first, without words inside longer ones. */
export function keyTerms(topic: string, stats: TermStats): KeyTerm[] {
  topic = topic.replace(ASKING_PHRASE, ' ');
  const words = [...new Set(tokenizeWords(topic))].filter((w) => w.length >= 2 && !ASKING.has(w) && !/^\d+$/.test(w));
  words.sort((a, b) => b.length - a.length);
  const kept: string[] = [];
  for (const w of words) if (!kept.some((k) => k.includes(w))) kept.push(w);
  const nouns = new Set(
    getJieba()
      .tag(topic, true)
      .filter((t) => NOUN_TAGS.has(t.tag))
      .map((t) => t.word.toLowerCase()),
  );
  const out: KeyTerm[] = [];
  for (const term of kept) {
    const df = stats.documentFrequency(term);
    const noun = nouns.has(term);
    // A non-noun the corpus never uses is a tokenizer artefact (报给, 后要), not a topic.
    if (df === 0 && !noun) continue;
    // Nouns say what the question is about; verbs mostly how it is phrased.
    out.push({ term, df, weight: Math.log(1 + stats.size / (1 + df)) * (noun ? 1 : 0.5), noun });
  }
  return out;
}

const FORMS = new Map<string, (string | RegExp)[]>();

/** The other forms of a term, as substrings or (one-character verbs before an organisation) patterns; computed once per term. */
function formsOf(term: string): (string | RegExp)[] {
  let forms = FORMS.get(term);
  if (!forms) {
    forms = equivalentForms(term)
      .filter((f) => f.word !== term)
      .map((f) => (f.beforeOrganisation ? new RegExp(`${f.word}(?=[省市县区乡镇各])`) : f.word));
    FORMS.set(term, forms);
  }
  return forms;
}

/** Does `text` contain `term`, or (for long words) all its character bigrams in order-free form? */
export function mentions(text: string, term: string): boolean {
  if (text.includes(term)) return true;
  // The same verb or period in the plan's own word (报送 → 报县…; 每月 → 本月).
  for (const f of formsOf(term)) if (typeof f === 'string' ? text.includes(f) : f.test(text)) return true;
  if (term.length < 4) return false;
  // 生态保护修复 vs 生态保护和修复: a long term counts when most of its bigrams are there.
  let hit = 0;
  for (let i = 0; i + 1 < term.length; i++) if (text.includes(term.slice(i, i + 2))) hit++;
  return hit / (term.length - 1) >= 0.75;
}

/** Weighted share (0..1) of the key terms `text` mentions; 1 when there are none. */
export function coverage(terms: KeyTerm[], text: string): number {
  let all = 0;
  let got = 0;
  for (const t of terms) {
    all += t.weight;
    if (mentions(text, t.term)) got += t.weight;
  }
  return all ? got / all : 1;
}

/** Key terms `text` does not mention. */
export function uncovered(terms: KeyTerm[], text: string): KeyTerm[] {
  return terms.filter((t) => !mentions(text, t.term));
}

/** Distinct CJK/alphanumeric character bigrams of a text (the topic's phrasing, beyond its words). */
export function topicBigrams(topic: string): string[] {
  const grams = new Set<string>();
  for (const run of topic.normalize('NFKC').match(/[\p{Script=Han}A-Za-z0-9]+/gu) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) grams.add(run.slice(i, i + 2));
  }
  return [...grams];
}

/** Share (0..1) of the bigrams `text` contains; 0 when there are none. */
export function bigramCoverage(bigrams: string[], text: string): number {
  if (!bigrams.length) return 0;
  let hit = 0;
  for (const g of bigrams) if (text.includes(g)) hit++;
  return hit / bigrams.length;
}
