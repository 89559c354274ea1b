/**
 * Document metadata from the cleaned text: the plan's title and its covering notice's title,
 * the issuer (发文机关), the 文号, dates (成文/印发/发布), the issuing region and its level, the
 * kind of document, and the documents it cites. Every value is read from the text as written;
 * what cannot be read is null (a damaged date keeps its raw form with `iso: null`).
 *
 * Parts live in `./metadata/`: 文号 (doc-number.ts), dates (dates.ts), region gazetteer
 * (region.ts), header lines and titles (header.ts), citations (cited.ts).
 */
import type { CitedDocument, CleanText, DocNumber, DocumentMeta } from './types.js';
import { isChromeLine } from './clean.js';
import { findCitations } from './metadata/cited.js';
import { findDates } from './metadata/dates.js';
import { findDocNumbers, normalizeDocNumber } from './metadata/doc-number.js';
import {
  findNoticeTitle,
  findPlanTitle,
  headerLines,
  kindOfTitle,
  parseFields,
  planInNotice,
  splitLines,
  squeeze,
  TITLE_KIND,
  type Field,
  type Line,
} from './metadata/header.js';
import { defaultGazetteer, type Gazetteer } from '../zh/gazetteer.js';
import { inferRegion } from './metadata/region.js';
import { ISSUER_LINE } from '../zh/organisations.js';
import { extractRecord } from './metadata/record.js';

/** Pure helpers, re-exported for callers and tests: 文号 and date parsing, region inference. */
export { normalizeDocNumber } from './metadata/doc-number.js';
export { parseChineseDate } from './metadata/dates.js';
export { inferRegion } from './metadata/region.js';

/** Options of {@link extractMetadata}. */
export interface MetadataOptions {
  /** Places known with their parents. Default: Shanxi in full, Shaanxi's prefectures and 铜川市's districts. */
  gazetteer: Gazetteer;
  /** Header lines read when a document has no level-1 clause (一、/第一条). Default 40. */
  maxHeaderLines: number;
  /** Lines at the end read for the signature and imprint (印发) dates. Default 12. */
  tailLines: number;
}

/** Defaults of {@link MetadataOptions}. */
export const defaultMetadataOptions: MetadataOptions = { gazetteer: defaultGazetteer, maxHeaderLines: 40, tailLines: 12 };

/** An organisation name, without a trailing 文件 (the letterhead), or null. */
function orgName(s: string | null | undefined): string | null {
  if (!s) return null;
  const m = ISSUER_LINE.exec(squeeze(s));
  return m ? m[1] : null;
}

/** The issuer: 发文机关 field, the notice title's lead, the letterhead line, then the signature. */
function findIssuer(fields: Field[], notice: { text: string; first: number } | null, header: Line[], signatureLines: Line[]): string | null {
  for (const f of fields) if ((f.label === '发文机关' || f.label === '发布机构') && orgName(f.value)) return orgName(f.value);
  if (notice) {
    const lead = orgName(notice.text.split('关于')[0]);
    if (lead) return lead;
  }
  const before = notice ? header.slice(0, notice.first) : header;
  for (const l of before) {
    const org = orgName(l.text);
    if (org) return org;
  }
  // A signature: an organisation line followed by a date line.
  for (let i = 0; i + 1 < signatureLines.length; i++) {
    const org = orgName(signatureLines[i].text);
    if (org && /^(19|20)\d{2}\s*年|^(19|20)\d{2}[-/.]\d|^(19|20)\d{5,6}/.test(signatureLines[i + 1].text)) return org;
  }
  return null;
}

/** The document's own 文号: the 发文字号 field, else a header line that is a 文号. */
function findOwnNumber(fields: Field[], header: Line[], noticeFirst: number): DocNumber | null {
  for (const f of fields) {
    if ((f.label === '发文字号' || f.label === '文号') && f.value) {
      const n = normalizeDocNumber(f.value);
      if (n.prefix) return n;
    }
  }
  for (const l of header.slice(0, noticeFirst)) {
    const found = findDocNumbers(l.text);
    if (found.length && found[0].start === 0 && /^\s*(签发人.*)?$/.test(l.text.slice(found[0].end))) return found[0].docNumber;
  }
  return null;
}

/**
 * A policy interpretation cites the document it interprets in its 原文链接 / 标题 fields
 * (`文字解读:长子县人民政府办公室关于印发…的通知`).
 */
function interpretedDocuments(fields: Field[]): CitedDocument[] {
  const out: CitedDocument[] = [];
  for (const f of fields) {
    if (f.label !== '原文链接' && f.label !== '标题' && f.label !== '名称') continue;
    const lead = /^(?:(?:文字|图文|图片|视频|政策)?解读\s*[:：]?\s*)/.exec(f.value)?.[0] ?? '';
    if (f.label !== '原文链接' && !lead) continue;
    const title = f.value.slice(lead.length).trim();
    if (!title || /^https?:|^www\./i.test(title) || !TITLE_KIND.test(title)) continue;
    out.push({ title: squeeze(title), docNumber: null, start: f.start + lead.length, end: f.start + f.value.length });
  }
  return out;
}

/**
 * Extracts {@link DocumentMeta} from a cleaned text (or any text: offsets of citations are
 * into the string given). Pure; robust to titles broken by spaces or line breaks.
 */
export function extractMetadata(clean: CleanText | string, options: Partial<MetadataOptions> = {}): DocumentMeta {
  const opts: MetadataOptions = { ...defaultMetadataOptions, ...options };
  const text = typeof clean === 'string' ? clean : clean.text;
  const lines = splitLines(text).filter((l) => !isChromeLine(l.text));
  const header = headerLines(lines, opts.maxHeaderLines);
  const tail = lines.slice(Math.max(header.length, lines.length - opts.tailLines));
  const fields = header.flatMap(parseFields);

  const notice = findNoticeTitle(header);
  const embedded = notice ? planInNotice(notice.text) : null;
  const planLine = findPlanTitle(header, notice ? notice.last + 1 : 0);
  const fieldTitle = fields.find((f) => (f.label === '标题' || f.label === '名称') && f.value)?.value;
  const title = planLine?.text ?? embedded ?? notice?.text ?? (fieldTitle ? squeeze(fieldTitle) : null);
  const noticeTitle = notice?.text ?? null;

  const afterNotice = notice ? header.slice(notice.last + 1) : header;
  const issuer = findIssuer(fields, notice, header, [...afterNotice, ...tail]);
  const docNumber = findOwnNumber(fields, header, notice ? notice.first : header.length);
  const dates = findDates([...header, ...tail]).map(({ kind, raw, iso }) => ({ kind, raw, iso }));

  let { region, level } = inferRegion(issuer, opts.gazetteer);
  for (const t of [title, noticeTitle]) {
    if (region.name) break;
    ({ region, level } = inferRegion(t, opts.gazetteer));
  }

  const kind = kindOfTitle(title) ?? kindOfTitle(embedded) ?? (notice ? '通知' : '其他');
  const extra = kind === '政策解读' ? interpretedDocuments(fields) : [];
  const citations = findCitations(text, { titles: [title, noticeTitle, embedded], docNumber }, extra);
  const record = extractRecord({
    lines,
    headerEnd: header.length,
    noticeLast: notice ? notice.last : -1,
    planTitle: planLine ? planLine.index : -1,
    fields,
    citations,
    text,
  });
  return { title, noticeTitle, issuer, docNumber, dates, level, region, kind, citations, record };
}
