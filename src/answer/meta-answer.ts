/**
 * Questions about a document itself rather than its clauses: its 文号, 发文机关, when it was
 * issued or published, and which documents it implements (依据). These are answered from the
 * metadata the ingest read, cited where the text states them.
 */
import type { ParsedDocument } from '../ingest/types.js';
import { citeClean, locateQuote } from './evidence.js';
import type { Citation } from './types.js';

export type MetaAsk = 'docNumber' | 'issuer' | 'date' | 'basis';

const ASKS: [MetaAsk, RegExp][] = [
  ['docNumber', /文号|发文字号/],
  ['issuer', /发文机关|发文单位|(哪个|什么)(单位|部门|机关)(印发|发布|发文|制定|出台)|由(谁|哪个单位)(印发|发布)/],
  [
    'date',
    /(什么时候|何时|哪天|哪一天|日期|时间|哪年|哪一年)\S{0,3}(印发|发布|出台|成文|发文)|(印发|发布|出台|成文|发文)\S{0,4}(什么时候|何时|哪天|哪一天|日期|时间)/,
  ],
  [
    'basis',
    /(出台|制定)依据|依据(的)?(是)?(哪|什么).{0,6}(文件|方案|政策|通知|意见)|(按照|根据|依据).{0,6}(哪些|哪几个|哪两个|哪个).{0,4}(上级)?(文件|方案|政策|通知|意见)/,
  ],
];

/** What a question asks about the document's metadata, in the order asked (empty: not a metadata question). */
export function detectMetaAsks(question: string): MetaAsk[] {
  const q = question.normalize('NFKC');
  return ASKS.filter(([, re]) => re.test(q))
    .map(([ask, re]) => ({ ask, at: re.exec(q)!.index }))
    .sort((a, b) => a.at - b.at)
    .map((x) => x.ask);
}

export interface MetaAnswer {
  answer: string;
  citations: Citation[];
}

function cite(doc: ParsedDocument, text: string | null | undefined): Citation[] {
  if (!text) return [];
  const c = locateQuote(doc, text);
  return c ? [c] : [];
}

/** Which date a question wants: 发布 (published) or 印发/成文 (issued/signed). */
function pickDate(doc: ParsedDocument, question: string) {
  const dates = doc.meta.dates;
  const wantPublished = /发布|公开/.test(question);
  const order = wantPublished ? ['发布', '印发', '成文'] : ['印发', '成文', '发布'];
  for (const kind of order) {
    const d = dates.find((x) => x.kind === kind && x.iso) ?? null;
    if (d) return d;
  }
  return null;
}

/** Answers the metadata parts of a question about `doc`; null when the metadata does not say. */
export function answerFromMetadata(doc: ParsedDocument, question: string, asks: MetaAsk[]): MetaAnswer | null {
  const parts: string[] = [];
  const citations: Citation[] = [];
  for (const ask of asks) {
    if (ask === 'docNumber' && doc.meta.docNumber) {
      parts.push(doc.meta.docNumber.raw);
      citations.push(...cite(doc, doc.meta.docNumber.raw));
    } else if (ask === 'issuer' && doc.meta.issuer) {
      parts.push(doc.meta.issuer);
      citations.push(...cite(doc, doc.meta.issuer));
    } else if (ask === 'date') {
      const d = pickDate(doc, question);
      if (d) {
        parts.push(d.raw);
        citations.push(...cite(doc, d.raw));
      }
    } else if (ask === 'basis' && doc.meta.citations.length) {
      const names = doc.meta.citations.map((c) => [c.title ? `《${c.title}》` : '', c.docNumber ? `(${c.docNumber.raw})` : ''].join(''));
      parts.push([...new Set(names)].join('、'));
      for (const c of doc.meta.citations) citations.push(citeClean(doc, c.start, c.end));
    }
  }
  if (parts.length < asks.length || !citations.length) return null;
  return { answer: parts.join('；'), citations };
}
