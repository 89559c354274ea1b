/**
 * The document record: the fields of a notice's header and closing that staff ask about, each
 * with the span of the text that states it (so an answer can cite the line): 主送 (recipients),
 * 抄送, the signature (落款: issuer and 成文 date), the imprint (印发 office and date), web-page
 * fields (索引号, 来源, 发布日期, 主题分类), attachments (附件), the documents it implements or
 * is based on (根据/依据/按照/贯彻落实《…》), and whether it is published (此件公开发布).
 *
 * Read from lines of the cleaned text; values are as written (squeezed of extraction spaces).
 */
import type { CitedDocument, RecordField, RecordFieldName } from '../types.js';
import { opensClause } from '../../zh/clause-markers.js';
import { ISSUER_LINE } from '../../zh/organisations.js';
import { type Field, isFieldLine, type Line, squeeze } from './header.js';

/** What {@link extractRecord} reads from. */
export interface RecordInput {
  /** Non-chrome lines of the cleaned text. */
  lines: Line[];
  /** Index in `lines` after the header (the first level-1 clause), or lines.length. */
  headerEnd: number;
  /** Index of the notice title's last line, or -1. */
  noticeLast: number;
  /** Index of the plan's own title line, or -1. */
  planTitle: number;
  /** Labelled web-page fields of the header. */
  fields: Field[];
  citations: CitedDocument[];
  text: string;
}

/** Web-page field labels and the record field each fills. */
const FIELD_OF_LABEL: Record<string, RecordFieldName> = {
  索引号: 'indexNumber',
  来源: 'source',
  信息来源: 'source',
  发布日期: 'publishedDate',
  发布时间: 'publishedDate',
  发文时间: 'signedDate',
  发文日期: 'signedDate',
  成文日期: 'signedDate',
  成文时间: 'signedDate',
  主题分类: 'topic',
  公文种类: 'topic',
  发布机构: 'issuer',
  发文机关: 'issuer',
};

/** Organisation words a 主送 line lists (各市、县人民政府, 县直各有关单位, 各镇人民政府、街道办事处). */
const RECIPIENT_WORDS = /(政府|单位|部门|机关|局|委|办|厅|街道|镇|乡|村|企业|学校|公司|党委|党组)/;
/** A written date, alone or at the end of a line (with 印发 after it for an imprint). */
const DATE =
  /((?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日?|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}|(?:19|20)\d{5,6}|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)/;
/** Verbs that make a cited document the basis of this one. */
const BASIS_VERB = /根据|依据|按照|遵照|贯彻落实|贯彻|落实|执行|依照/g;
/** An attachment line: `附件:1. 重点工作任务分工表`, `附件：铜川市青山范围`, `附件2`. */
const ATTACHMENT_LINE = /^附\s*件\s*(\d{0,2})\s*[:：]?\s*(.*)$/;
/** An item of an attachment list continued on the next line (`2. 全省水土保持率目标值分解表`). */
const LIST_ITEM = /^(\d{1,2})\s*[.．、]\s*(\S.*)$/;

/** A field whose value is `text.slice(start, end)` (trimmed of whitespace). */
function field(name: RecordFieldName, text: string, start: number, end: number): RecordField | null {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return e > s ? { field: name, value: squeeze(text.slice(s, e)), start: s, end: e } : null;
}

/** The 主送 line: after the notice title, before its body, ending with a colon and naming organisations. */
function recipients(input: RecordInput): RecordField | null {
  const from = input.noticeLast >= 0 ? input.noticeLast + 1 : 0;
  const to = input.planTitle >= 0 ? input.planTitle : input.headerEnd;
  for (let i = from; i < Math.min(to, from + 6); i++) {
    const l = input.lines[i];
    const m = /^(.{4,120}?)\s*[:：]\s*$/.exec(l.text);
    if (!m || isFieldLine(l.text) || !RECIPIENT_WORDS.test(m[1])) continue;
    return field('recipients', input.text, l.start, l.start + m[1].length);
  }
  return null;
}

/** An organisation line followed by a date line (the signature), or `org date印发` on one line (the imprint). */
function signatures(input: RecordInput): RecordField[] {
  const out: RecordField[] = [];
  const { lines, text } = input;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const t = l.text;
    const imprint = new RegExp(`^(.*?)\\s*${DATE.source}\\s*印发$`).exec(t);
    if (imprint) {
      const org = imprint[1].trim();
      const dateAt = l.start + t.lastIndexOf(imprint[2]);
      if (org) out.push(field('imprint', text, l.start, l.start + imprint[1].length)!);
      else if (i > 0 && ISSUER_LINE.test(squeeze(lines[i - 1].text)))
        out.push(field('imprint', text, lines[i - 1].start, lines[i - 1].start + lines[i - 1].text.length)!);
      out.push(field('issuedDate', text, dateAt, dateAt + imprint[2].length)!);
      continue;
    }
    const date = new RegExp(`^${DATE.source}$`).exec(t);
    if (!date || i === 0 || !ISSUER_LINE.test(squeeze(lines[i - 1].text))) continue;
    const org = lines[i - 1];
    out.push(field('signature', text, org.start, org.start + org.text.length)!, field('signedDate', text, l.start, l.start + t.length)!);
  }
  return out;
}

/** 抄送 (and 抄报) lists, continued onto following lines until the imprint. */
function copyTo(input: RecordInput): RecordField | null {
  const { lines, text } = input;
  const i = lines.findIndex((l) => /^(抄送|抄报)\s*[:：]/.test(l.text));
  if (i < 0) return null;
  const first = lines[i];
  const start = first.start + (/^(抄送|抄报)\s*[:：]\s*/.exec(first.text)?.[0].length ?? 0);
  let end = first.start + first.text.length;
  for (let j = i + 1; j < lines.length && j <= i + 3; j++) {
    const t = lines[j].text;
    if (DATE.test(t) || ISSUER_LINE.test(squeeze(t)) || t.length > 80) break;
    end = lines[j].start + t.length;
  }
  return field('copyTo', text, start, end);
}

/** Attachments: the names after `附件:` (numbered items continue on the next lines) and titled 附件N blocks. */
function attachments(input: RecordInput): RecordField[] {
  const out: RecordField[] = [];
  const { lines, text } = input;
  const seen = new Set<string>();
  const add = (f: RecordField | null) => {
    if (f && !seen.has(f.value)) {
      seen.add(f.value);
      out.push(f);
    }
  };
  for (let i = 0; i < lines.length; i++) {
    const m = ATTACHMENT_LINE.exec(lines[i].text);
    if (!m) continue;
    const rest = m[2].trim();
    const restStart = lines[i].start + lines[i].text.length - m[2].length + (m[2].length - m[2].trimStart().length);
    if (rest) {
      const item = LIST_ITEM.exec(rest);
      const name = item ? item[2] : rest;
      if (!/[。；;]/.test(name) && name.length <= 40) add(field('attachment', text, restStart + rest.length - name.length, restStart + rest.length));
      // A numbered list goes on: `2. 全省水土保持率目标值分解表`.
      for (let j = i + 1; item && j < lines.length; j++) {
        const next = LIST_ITEM.exec(lines[j].text);
        if (!next || /[。；;]/.test(next[2])) break;
        add(field('attachment', text, lines[j].start + lines[j].text.length - next[2].length, lines[j].start + lines[j].text.length));
      }
    } else if (m[1] && i + 1 < lines.length) {
      // `附件2` alone: the next line is its title.
      const next = lines[i + 1];
      if (next.text.length <= 40 && !/[。；;,，\t]/.test(next.text) && !ATTACHMENT_LINE.test(next.text))
        add(field('attachment', text, next.start, next.start + next.text.length));
    }
  }
  return out;
}

/** A heading that names the basis of the document (三、出台依据, 二、政策依据). */
const BASIS_HEADING = /^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十]+[)）])?\s*(?:出台|制定|政策|编制|文件)?依据$/;

/** Ranges of the sections headed as the document's basis, up to the next clause heading. */
function basisSections(input: RecordInput): [number, number][] {
  const out: [number, number][] = [];
  input.lines.forEach((l, i) => {
    if (!BASIS_HEADING.test(l.text)) return;
    const next = input.lines.slice(i + 1).find((n) => opensClause(n.text));
    out.push([l.start, next ? next.start : input.text.length]);
  });
  return out;
}

/** Where a citation is mentioned inside one of `ranges` (by its title, else its 文号), or null. */
function mentionIn(text: string, c: CitedDocument, ranges: [number, number][]): { start: number; end: number } | null {
  const inRange = (at: number) => ranges.some(([a, b]) => at >= a && at < b);
  if (inRange(c.start)) return { start: c.start, end: c.end };
  for (const key of [c.title, c.docNumber?.raw]) {
    if (!key) continue;
    for (const [a, b] of ranges) {
      const at = text.slice(a, b).indexOf(key);
      if (at >= 0) return { start: a + at, end: Math.min(b, a + at + key.length) };
    }
  }
  return null;
}

/** Cited documents introduced by 根据/依据/按照/贯彻落实…: the documents this one is based on. */
function basis(input: RecordInput): RecordField[] {
  const out: RecordField[] = [];
  // The basis is stated in the notice and the preamble, before the first clause, or in a section of its
  // own (三、出台依据, as a policy interpretation has); later citations support single measures.
  const bodyAt = input.headerEnd < input.lines.length ? input.lines[input.headerEnd].start : input.text.length;
  const sections = basisSections(input);
  let previous: { end: number; basis: boolean } | null = null;
  for (const c of input.citations) {
    // A citation joined to a basis citation (《…》（…）、《…》 和《…》) shares its verb however far back it stands.
    const joined = previous?.basis && /^\s*(?:[、,，]|和|及|与|以及)\s*$/.test(input.text.slice(previous.end, c.start));
    previous = { end: c.end, basis: false };
    if (joined && c.start < bodyAt) {
      const f = field('basis', input.text, c.start, c.end);
      if (f) out.push(f);
      previous.basis = true;
      continue;
    }
    // A citation keeps its first mention; the basis section may mention it again.
    const again = mentionIn(input.text, c, sections);
    if (again) {
      const f = field('basis', input.text, again.start, again.end);
      if (f) out.push(f);
      previous.basis = true;
      continue;
    }
    if (c.start >= bodyAt) continue;
    const sentenceStart = Math.max(input.text.lastIndexOf('。', c.start), input.text.lastIndexOf('\n', c.start)) + 1;
    const before = input.text.slice(Math.max(sentenceStart, c.start - 60), c.start);
    // The verb nearest the citation governs it (为深入贯彻…精神,全面落实《…》: 落实).
    const verb = [...before.matchAll(BASIS_VERB)].pop();
    if (!verb) continue;
    // The span runs from after the verb (it may name the issuer: 中共中央办公厅、国务院办公厅《…》) to the end of the citation.
    const from = c.start - before.length + verb.index + verb[0].length;
    const lead = input.text.slice(from, c.start);
    const start = /[、,，和及与]\s*$/.test(lead) || /[,，。；;]/.test(lead) || lead.length > 30 ? c.start : from;
    const f = field('basis', input.text, start, c.end);
    if (f) out.push(f);
    previous.basis = true;
  }
  return out;
}

/** Every record field of a document, in text order. */
export function extractRecord(input: RecordInput): RecordField[] {
  const out: (RecordField | null)[] = [];
  const labels = new Set(input.fields.map((f) => f.label));
  for (const f of input.fields) {
    // A bare 时间 field dates the page only when no 发布日期/发布时间 does (page widgets carry other times).
    const name = f.label === '时间' && !labels.has('发布日期') && !labels.has('发布时间') ? 'publishedDate' : FIELD_OF_LABEL[f.label];
    if (name && f.value) out.push(field(name, input.text, f.start, f.start + f.value.length));
  }
  out.push(recipients(input), ...signatures(input), copyTo(input), ...attachments(input), ...basis(input));
  const pub = input.lines.find((l) => /^[(（]?此件(公开发布|不公开|依申请公开)[)）]?$/.test(l.text));
  if (pub) out.push(field('publicity', input.text, pub.start, pub.start + pub.text.length));
  return out.filter((f): f is RecordField => f !== null).sort((a, b) => a.start - b.start);
}
