/**
 * Questions about a document itself — its 文号, 发文机关, 主送 and 抄送, 落款 and dates, 索引号,
 * 来源, 附件, the documents it implements or cites — answered as a lookup in the record read at
 * ingest (`meta.record`), with the line that states the field as the citation. A field the
 * record lacks is stated as absent, never guessed from another line.
 */
import type { CitedDocument, ParsedDocument, RecordField, RecordFieldName } from '../ingest/types.js';
import { RECORD_FIELD_CUES, type RecordAsk } from '../zh/question-cues.js';
import { expandAbbreviations } from './expand.js';
import { citeClean } from './evidence.js';
import type { Citation } from './types.js';
import { hanBigrams } from '../zh/bigrams.js';

export type { RecordAsk };

/** Chinese names of the fields, for answers that label their parts. */
export const RECORD_LABELS: Record<RecordAsk, string> = {
  issuer: '发文机关',
  recipients: '主送',
  copyTo: '抄送',
  signature: '落款',
  signedDate: '成文日期',
  imprint: '印发机关',
  issuedDate: '印发日期',
  publishedDate: '发布日期',
  indexNumber: '索引号',
  source: '来源',
  topic: '主题分类',
  attachment: '附件',
  basis: '依据',
  publicity: '公开属性',
  docNumber: '文号',
  title: '标题',
  date: '日期',
  cited: '引用文件',
};

/** Words that point at a document the text cites (落实/贯彻 are left out: titles use them, 抓落实工作推进机制). */
const CITED =
  /引用|援引|转发|照着|参照|上级文件|(?:依据|根据|按照|遵照)(?:的|了)?.{0,14}(?:哪|什么|那个|那份)|(?:依据|根据|按照|遵照)的.{0,12}(?:文件|通知|意见|方案|规划)/;

/** The record fields a question asks for, in the order asked (empty: not a header question). */
export function detectRecordAsks(question: string): RecordAsk[] {
  const q = question.normalize('NFKC');
  const found: { ask: RecordAsk; at: number }[] = [];
  for (const [ask, re] of RECORD_FIELD_CUES) {
    const m = re.exec(q);
    if (m && !found.some((f) => f.at === m.index)) found.push({ ask, at: m.index });
  }
  // 落款日期 names the signature and its date: the date is what is asked.
  const asks = found.sort((a, b) => a.at - b.at).map((f) => f.ask);
  return asks.includes('signedDate') ? asks.filter((a) => a !== 'signature') : asks;
}

/** How much of `text` the question's bigrams cover, weighted toward rare ones among `pool`. */
function overlap(question: Set<string>, text: string, pool: Set<string>[]): number {
  let score = 0;
  for (const g of hanBigrams(text)) {
    if (!question.has(g)) continue;
    const df = pool.filter((p) => p.has(g)).length;
    score += 1 / Math.max(1, df);
  }
  return score;
}

/** Levels of issuing bodies, as questions name them (中央, 省里, 市里). */
type Level = 'central' | 'province' | 'city' | 'county';
const LEVEL_CUES: [Level, RegExp][] = [
  ['central', /中央|国家|国务院|中办|国办|部委/],
  ['province', /省里|省级|省政府|省委|省(?:的|那个)|全省/],
  ['city', /市里|市级|市政府|市(?:的|那个)/],
  ['county', /县里|县级|县政府/],
];

/** Levels a question wants and those it sets aside (除了中央和省里的 → not central, not province). */
function levelWords(question: string): { wanted: Level[]; excluded: Level[] } {
  const except = /除了?(.{1,20}?)(?:的|以外|之外)?[,，、]?(?:还|另外|其他)/.exec(question);
  const excludedText = except ? except[1] : '';
  const rest = except ? question.replace(except[0], '') : question;
  return {
    wanted: LEVEL_CUES.filter(([, re]) => re.test(rest)).map(([l]) => l),
    excluded: LEVEL_CUES.filter(([, re]) => re.test(excludedText)).map(([l]) => l),
  };
}

/** The level of a cited document, from the body named in its description (国务院办公厅, 山西省…, 忻州市…). */
function citedLevel(c: CitedDocument, described: string): Level | null {
  const text = `${described}${c.title ?? ''}`;
  if (/中共中央|国务院|自然资源部|水利部|生态环境部|国家/.test(text)) return 'central';
  const title = c.title ?? '';
  if (/^[\p{Script=Han}]{2,4}省/u.test(title) || /省人民政府|省委|省自然资源厅|省水利厅/.test(text)) return 'province';
  if (/^[\p{Script=Han}]{2,4}市/u.test(title)) return 'city';
  if (/^[\p{Script=Han}]{2,4}[县区]/u.test(title)) return 'county';
  return null;
}

/** A drafted answer: text and citations (verified by the caller). */
export interface RecordDraft {
  answer: string | null;
  citations: Citation[];
  reason?: string;
}

const cite = (doc: ParsedDocument, f: { start: number; end: number }) => citeClean(doc, f.start, f.end);
const fieldsOf = (doc: ParsedDocument, name: RecordFieldName) => doc.meta.record.filter((r) => r.field === name);

/** A cited document as a reader names it: 《title》 and its 文号. */
function citedName(c: CitedDocument): string {
  return [c.title ? `《${c.title}》` : '', c.docNumber ? `（${c.docNumber.raw}）` : ''].join('');
}

/** Longest list of cited documents given with full titles; a longer one is given by 文号. */
const MAX_NAMES_CHARS = 60;

/** Cited documents named in an answer: by title and 文号, or by 文号 alone when asked for it or when the titles run long. */
function namesOf(cited: CitedDocument[], byNumber: boolean): string {
  const full = [...new Set(cited.map(citedName))].join('、');
  if (!byNumber && (full.length <= MAX_NAMES_CHARS || cited.length === 1)) return full;
  return [...new Set(cited.map((c) => c.docNumber?.raw ?? citedName(c)))].join('、');
}

/**
 * The cited documents a question is about: the ones whose title and surrounding words share
 * the most rare bigrams with it (所引用的临汾市政府办…通知 → that citation), preferring the
 * documents the record lists as the basis. All of them when the question names none.
 */
function pickCited(doc: ParsedDocument, question: string, basisOnly: boolean): CitedDocument[] {
  const basisSpans = fieldsOf(doc, 'basis');
  const isBasis = (c: CitedDocument) =>
    basisSpans.some(
      (b) =>
        (c.start < b.end && b.start < c.end) ||
        (!!c.title && b.value.includes(c.title.replace(/\s+/g, ''))) ||
        (!!c.docNumber && b.value.includes(c.docNumber.raw)),
    );
  // A question about the basis prefers the documents the record lists as such, but one that names
  // another citation better (督导考核…依据省自然资源厅办公室哪个文件) gets that one.
  const pool = doc.meta.citations;
  if (!pool.length) return [];
  const text = doc.clean.text;
  // A citation is described by its title and the words around it (中共中央办公厅、国务院办公厅《…》; 督导考核…依据《…》).
  const described = pool.map((c) => text.slice(Math.max(0, c.start - 24), Math.min(text.length, c.end + 12)));
  const grams = described.map(hanBigrams);
  const q = hanBigrams(expandAbbreviations(question));
  const { wanted, excluded } = levelWords(question);
  const scores = described.map((d, i) => {
    const level = citedLevel(pool[i], d);
    if (level && excluded.includes(level)) return -1;
    return overlap(q, d, grams) + (level && wanted.includes(level) ? 2 : 0) + (isBasis(pool[i]) ? (basisOnly ? 1.5 : 0.5) : 0);
  });
  const best = Math.max(...scores);
  const plural = /哪些|哪几|哪两|哪三|几个/.test(question);
  if (plural || best < 1) return pool.filter((c, i) => scores[i] >= 0 && (!(plural || basisOnly) || !basisSpans.length || isBasis(c)));
  return pool.filter((_, i) => scores[i] >= best - 0.5);
}

/** The indexed document (other than `doc`) whose title is the citation's title, if any. */
function indexedByTitle(c: CitedDocument, doc: ParsedDocument, library?: ReadonlyMap<string, ParsedDocument>): ParsedDocument | null {
  if (!library || !c.title) return null;
  const want = squashTitle(c.title);
  for (const d of library.values()) if (d.id !== doc.id && d.meta.title && squashTitle(d.meta.title) === want) return d;
  return null;
}

const squashTitle = (t: string) => t.replace(/[\s《》“”"]/g, '');

/** Answers one ask about `doc` from its record. */
function answerAsk(doc: ParsedDocument, ask: RecordAsk, question: string, library?: ReadonlyMap<string, ParsedDocument>): RecordDraft {
  const absent = (what: string): RecordDraft => ({ answer: null, citations: [], reason: `The document does not state its ${what}.` });
  const aboutCited = ask === 'cited' || (CITED.test(question) && (ask === 'docNumber' || ask === 'basis' || ask === 'title' || ask === 'issuer'));
  if (aboutCited) {
    const cited = pickCited(doc, question, ask !== 'cited' && (ask === 'basis' || /依据|根据|按照|落实|贯彻/.test(question)));
    if (!cited.length) return absent('cited documents');
    const wantsNumber = ask === 'docNumber' || (ask === 'cited' && /文号|字号/.test(question));
    // A citation that gives no 文号 (按照《…实施方案》) is looked up among the indexed documents by its title.
    const indexed = wantsNumber ? cited.map((c) => (c.docNumber ? null : indexedByTitle(c, doc, library))) : [];
    const known = cited.map((c, i) => (indexed[i]?.meta.docNumber ? { ...c, docNumber: indexed[i]!.meta.docNumber! } : c));
    const more = indexed.flatMap((d) => {
      const n = d?.meta.docNumber;
      const at = n ? d!.clean.text.indexOf(n.raw) : -1;
      return d && n && at >= 0 ? [cite(d, { start: at, end: at + n.raw.length })] : [];
    });
    return { answer: namesOf(known, wantsNumber), citations: [...cited.map((c) => cite(doc, c)), ...more] };
  }
  if (ask === 'docNumber') {
    const n = doc.meta.docNumber;
    if (!n) return absent('文号');
    const at = doc.clean.text.indexOf(n.raw);
    return { answer: n.raw, citations: at >= 0 ? [cite(doc, { start: at, end: at + n.raw.length })] : [] };
  }
  if (ask === 'title') {
    const t = doc.meta.title;
    if (!t) return absent('title');
    const at = doc.clean.text.indexOf(t);
    return { answer: t, citations: at >= 0 ? [cite(doc, { start: at, end: at + t.length })] : [] };
  }
  if (ask === 'issuer') {
    const f = fieldsOf(doc, 'issuer')[0] ?? fieldsOf(doc, 'signature')[0];
    if (f) return { answer: f.value, citations: [cite(doc, f)] };
    if (!doc.meta.issuer) return absent('issuer');
    const at = doc.clean.text.indexOf(doc.meta.issuer);
    return { answer: doc.meta.issuer, citations: at >= 0 ? [cite(doc, { start: at, end: at + doc.meta.issuer.length })] : [] };
  }
  if (ask === 'date' || ask === 'signedDate' || ask === 'issuedDate') {
    // The signature's own date first (落款), then the dates of the imprint and the web page; a notice
    // without an imprint line was issued on the date it was signed.
    const order: RecordFieldName[] =
      ask === 'signedDate' ? ['signedDate'] : ask === 'issuedDate' ? ['issuedDate', 'signedDate'] : ['signedDate', 'issuedDate', 'publishedDate'];
    for (const name of order) {
      const fs = fieldsOf(doc, name);
      const signed = name === 'signedDate' ? fs.find((f) => fieldsOf(doc, 'signature').some((s) => s.end < f.start && f.start - s.end <= 3)) : undefined;
      const f = signed ?? fs[0];
      if (f) return { answer: f.value, citations: [cite(doc, f)] };
    }
    return absent('date');
  }
  if (ask === 'basis') {
    const fs = fieldsOf(doc, 'basis');
    if (!fs.length) return absent('basis');
    const cited = pickCited(doc, question, true);
    if (cited.length) return { answer: namesOf(cited, false), citations: cited.map((c) => cite(doc, c)) };
    return { answer: fs.map((f) => f.value).join('、'), citations: fs.map((f) => cite(doc, f)) };
  }
  const fs = fieldsOf(doc, ask);
  if (!fs.length) return absent(RECORD_LABELS[ask]);
  if (ask === 'attachment') {
    const list = fs.length > 1 ? `共${fs.length}个：${fs.map((f, i) => `${i + 1}. ${f.value}`).join('；')}` : fs[0].value;
    return { answer: list, citations: fs.map((f) => cite(doc, f)) };
  }
  return { answer: fs.map((f) => f.value).join('；'), citations: fs.map((f) => cite(doc, f)) };
}

/** Answers the record asks of a question about `doc`; the parts joined when several are asked. */
export function answerFromRecord(doc: ParsedDocument, question: string, asks: RecordAsk[], library?: ReadonlyMap<string, ParsedDocument>): RecordDraft {
  const drafts = asks.map((a) => ({ ask: a, draft: answerAsk(doc, a, question, library) }));
  const missing = drafts.find((d) => d.draft.answer === null);
  if (missing) return missing.draft;
  if (drafts.length === 1) return drafts[0].draft;
  return {
    answer: drafts.map((d) => `${RECORD_LABELS[d.ask]}：${d.draft.answer}`).join('；'),
    citations: drafts.flatMap((d) => d.draft.citations),
  };
}

/** The record fields of a document, for callers that list them. */
export function recordFields(doc: ParsedDocument): RecordField[] {
  return doc.meta.record;
}
