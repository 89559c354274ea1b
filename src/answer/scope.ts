/**
 * Which documents a question is about, from what the index knows of them — never from lists of
 * particular documents: the places they are "of" (their region and its short form: 宁武县 →
 * 宁武), their level (全省/省里 → the provincial plan), their kind (解读 → a policy
 * interpretation, 行动方案, 机制), their 文号, and the rare words of their titles (a question
 * saying 青山保卫战 or 水保实施方案 points at the plans whose titles say so).
 */
import type { AdminLevel, DocumentKind, ParsedDocument } from '../ingest/types.js';
import { PROVINCE_SCOPE } from '../zh/question-cues.js';
import { getJieba } from '../zh/tokenize.js';
import { expandAbbreviations } from './expand.js';
import { hanBigrams } from '../zh/bigrams.js';

/** A place name a question uses, with the documents that are "of" it. */
export interface PlaceEntry {
  name: string;
  /** Documents whose own region this name is. */
  own: string[];
}

const SUFFIX = /(省|市|县|区|自治县|旗)$/;

/** Place names known from the indexed documents' regions, with their short forms (宁武县 → 宁武), longest first. */
export function buildGazetteer(docs: Iterable<ParsedDocument>): PlaceEntry[] {
  const byName = new Map<string, Set<string>>();
  const add = (name: string | null, id: string) => {
    if (!name) return;
    for (const n of [name, name.replace(SUFFIX, '')]) {
      if (n.length < 2) continue;
      if (!byName.has(n)) byName.set(n, new Set());
      byName.get(n)!.add(id);
    }
  };
  for (const d of docs) add(d.meta.region.name, d.id);
  return [...byName.entries()].map(([name, ids]) => ({ name, own: [...ids] })).sort((a, b) => b.name.length - a.name.length);
}

/** Place-like words of a text as jieba tags them (宁武县/ns, 大同市/n), at least three characters. */
function placeWords(text: string): string[] {
  return getJieba()
    .tag(text, true)
    .filter((t) => (t.tag === 'ns' || t.tag === 'n') && t.word.length >= 3 && /[省市县区乡镇]$/.test(t.word))
    .map((t) => t.word);
}

/** What a question says about where its answer is. */
export interface Scope {
  /** Places named, in the order found. */
  places: string[];
  /** Documents the question points at (empty: it does not say). */
  docIds: string[];
  /** Place names no indexed document is of or mentions. */
  unknownPlaces: string[];
  /** The question names the province's plan (全省, 省里, 省方案). */
  province: boolean;
}

/** Words that name a kind of document, and the kinds they name. */
const KIND_WORDS: [RegExp, DocumentKind[]][] = [
  [/解读/, ['政策解读']],
  [/行动方案/, ['行动方案']],
  [/实施方案/, ['实施方案']],
  // 机制 alone is often the topic (协调机制): only "this mechanism" names a document.
  [/(?:这个|那个|这份|那份|该|推进|抓落实)机制/, ['工作机制', '政策解读']],
];

/** Level words: which level of document a question points at. */
const LEVEL_WORDS: [RegExp, AdminLevel][] = [
  [/(?:县里|县级|县政府|县方案)/, '县'],
  [/(?:市里|市级方案|市方案)/, '市'],
];

/**
 * Bigrams of the runs of whole question words a title contains (这个|推进|机制 → 推进机制): a word
 * the title holds only part of (生态保护红线 against 生态保护与修复) names something else.
 */
function titledBigrams(words: string[], title: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    let run = '';
    let j = i;
    while (j < words.length && title.includes(run + words[j])) run += words[j++];
    if (run.length >= 2) {
      for (const g of hanBigrams(run)) out.add(g);
      i = j - 1;
    }
  }
  return out;
}

/**
 * Documents whose titles share rare bigrams with the question (bigrams in at most half of the
 * titles): the best-scoring ones when they score at least two such bigrams.
 */
export function docsByTitle(question: string, docs: ParsedDocument[]): string[] {
  if (docs.length < 2) return [];
  const titleTexts = docs.map((d) => `${d.meta.title ?? ''}${d.meta.noticeTitle ?? ''}`);
  const titles = titleTexts.map(hanBigrams);
  const df = new Map<string, number>();
  for (const t of titles) for (const g of t) df.set(g, (df.get(g) ?? 0) + 1);
  const words = getJieba().cut(expandAbbreviations(question), true);
  const scores = titles.map((t, i) => {
    let s = 0;
    for (const g of titledBigrams(words, titleTexts[i])) {
      const n = df.get(g) ?? 0;
      if (t.has(g) && n <= docs.length / 2) s += 1 / n;
    }
    return s;
  });
  const best = Math.max(...scores);
  if (best < 2) return [];
  return docs.filter((_, i) => scores[i] >= best - 0.5).map((d) => d.id);
}

/** Documents whose own 文号 the question quotes (晋政办发〔2023〕36号). */
function docsByNumber(question: string, docs: ParsedDocument[]): string[] {
  const compact = question.replace(/\s+/g, '');
  return docs
    .filter((d) => {
      const n = d.meta.docNumber;
      return !!n && [n.raw, n.normalized].some((x) => !!x && compact.includes(x.replace(/\s+/g, '')));
    })
    .map((d) => d.id);
}

/** Intersects two document sets when both say something; otherwise whichever does. */
function narrow(a: string[], b: string[]): string[] {
  if (!a.length) return b;
  if (!b.length) return a;
  const both = a.filter((x) => b.includes(x));
  return both.length ? both : a;
}

/** Resolves what a question says about where its answer is. */
export function resolveScope(question: string, docs: ParsedDocument[], gazetteer: PlaceEntry[] = buildGazetteer(docs)): Scope {
  let q = question;
  const places: string[] = [];
  const unknownPlaces: string[] = [];
  const placeIds = new Set<string>();
  for (const entry of gazetteer) {
    if (!q.includes(entry.name)) continue;
    places.push(entry.name);
    entry.own.forEach((id) => placeIds.add(id));
    q = q.split(entry.name).join(' ');
  }
  // A place no document is "of" but some mention (忻州市 in a table), or none mention (a county not indexed).
  for (const name of placeWords(q)) {
    const holders = docs.filter((d) => d.clean.text.includes(name)).map((d) => d.id);
    if (!holders.length) unknownPlaces.push(name);
    else if (holders.length < docs.length) {
      places.push(name);
      holders.forEach((id) => placeIds.add(id));
    }
  }
  const province = PROVINCE_SCOPE.test(question);
  const byNumber = docsByNumber(question, docs);
  let ids = byNumber.length ? byNumber : [...placeIds];
  if (province && !ids.length) ids = docs.filter((d) => d.meta.level === '省').map((d) => d.id);
  for (const [re, level] of LEVEL_WORDS) if (re.test(question) && !ids.length) ids = docs.filter((d) => d.meta.level === level).map((d) => d.id);
  if (!byNumber.length) {
    ids = narrow(ids, docsByTitle(question, docs));
    for (const [re, kinds] of KIND_WORDS) {
      if (!re.test(question)) continue;
      const ofKind = docs.filter((d) => kinds.includes(d.meta.kind)).map((d) => d.id);
      if (ofKind.length < docs.length) ids = narrow(ids, ofKind);
    }
  }
  return { places, docIds: ids, unknownPlaces, province };
}
