/**
 * The header of a policy document: the lines before its first clause, where the 文号, the
 * issuer, the covering notice (`…关于印发…的通知`) and the plan's own title stand, plus the
 * labelled fields of web pages (索引号, 发文机关, 发文字号 …).
 */
import { ISSUER_LINE } from '../../zh/organisations.js';
import { isChromeLine } from '../clean.js';
import type { DocumentKind } from '../types.js';

/** A trimmed line of text and where it starts. */
export interface Line {
  text: string;
  /** Offset of `text` (trimmed) in the whole text. */
  start: number;
}

/** Splits text into trimmed, non-empty lines with their offsets. */
export function splitLines(text: string): Line[] {
  const out: Line[] = [];
  const re = /[^\n]+/g;
  for (const m of text.matchAll(re)) {
    const lead = m[0].length - m[0].trimStart().length;
    const t = m[0].trim();
    if (t) out.push({ text: t, start: m.index + lead });
  }
  return out;
}

/**
 * Removes whitespace except between two ASCII letters/digits: PDF and web extraction put
 * spaces and line breaks inside Chinese titles ("生态 保护与修复").
 */
export function squeeze(s: string): string {
  return s.replace(/\s+/g, (ws, off: number, str: string) => {
    const prev = str[off - 1] ?? '';
    const next = str[off + ws.length] ?? '';
    return /[A-Za-z0-9]/.test(prev) && /[A-Za-z0-9]/.test(next) ? ' ' : '';
  });
}

/** Sentence punctuation (full-width and ASCII): a line with any is prose, not a title. */
export const SENTENCE_PUNCT = /[,，。;；:：!！?？]/;
/** Last words of document titles, and so of the kinds of document. */
export const TITLE_KIND = /(方案|机制|意见|办法|规定|细则|要点|规划|解读|决定|计划|纲要|措施|清单|制度|通知|报告|通告|公告|指南|标准|条例|分工表)$/;
/** Where the body of a plan begins: its first level-1 clause. */
const BODY_MARKER = /^(一[、.,]|第一章|第一条|[(（]一[)）])/;

/** Labels of web-page metadata fields. Title-like labels take the rest of the line. */
const FIELD_LABELS =
  '索引号|发文字号|文号|发文时间|发文日期|成文日期|成文时间|发文机关|发布机构|发布日期|发布时间|主题词|主题分类|公文种类|有效性|标题|名称|原文链接|信息来源|来源|时间|日期';
const FIELD_START = new RegExp(`^(${FIELD_LABELS})`);
const WHOLE_LINE_FIELDS = new Set(['标题', '名称', '原文链接']);

/** A labelled field of a web page's metadata block (`发文机关长子县自然资源局`). */
export interface Field {
  label: string;
  value: string;
  /** Offset of the value in the whole text. */
  start: number;
}

/** True when a line is a labelled field line of a web page. */
export function isFieldLine(text: string): boolean {
  return FIELD_START.test(text);
}

/**
 * Parses a field line into label/value pairs. Several fields may share a line, even with no
 * separator at all (`发文机关长子县自然资源局主题词`).
 */
export function parseFields(line: Line): Field[] {
  if (!isFieldLine(line.text)) return [];
  const re = new RegExp(`(${FIELD_LABELS})\\s*[:：]?\\s*`, 'g');
  const found: { label: string; labelStart: number; valueStart: number }[] = [];
  for (const m of line.text.matchAll(re)) {
    found.push({ label: m[1], labelStart: m.index, valueStart: m.index + m[0].length });
    if (WHOLE_LINE_FIELDS.has(m[1])) break;
  }
  return found.map((f, i) => {
    const endAt = i + 1 < found.length ? found[i + 1].labelStart : line.text.length;
    const raw = line.text.slice(f.valueStart, endAt);
    const value = raw.trim();
    return { label: f.label, value, start: line.start + f.valueStart + (raw.length - raw.trimStart().length) };
  });
}

/** The header lines: everything before the first level-1 clause (at most `maxLines` when there is none). */
export function headerLines(lines: Line[], maxLines: number): Line[] {
  const end = lines.findIndex((l) => BODY_MARKER.test(l.text));
  return lines.slice(0, end >= 0 ? end : Math.min(lines.length, maxLines));
}

/** The covering notice's title and the header lines it spans. */
export interface NoticeTitle {
  /** Squeezed title. */
  text: string;
  /** Index of the first and last header line it spans. */
  first: number;
  last: number;
}

/**
 * The covering notice: a header line (or up to four wrapped lines) reading `…关于…的通知`
 * without sentence punctuation. Field lines (a web page's 标题) are not the notice.
 */
export function findNoticeTitle(header: Line[]): NoticeTitle | null {
  for (let i = 0; i < header.length; i++) {
    const line = header[i].text;
    if (isFieldLine(line) || isChromeLine(line)) continue;
    let t = squeeze(line);
    if (!t.includes('关于') || SENTENCE_PUNCT.test(t)) continue;
    let j = i;
    while (!/通知$/.test(t) && j + 1 < header.length && j - i < 3) {
      const next = squeeze(header[j + 1].text);
      if (SENTENCE_PUNCT.test(next) || isFieldLine(next)) break;
      t += next;
      j++;
    }
    if (/关于.+通知$/.test(t) && t.length <= 150) return { text: t, first: i, last: j };
  }
  return null;
}

/** The plan a notice issues: `关于印发《X》的通知` → X (without 《》). */
export function planInNotice(notice: string): string | null {
  const m = /关于(?:印发|转发|下发|公布|发布|修订印发)(.+?)的?通知$/.exec(notice);
  if (!m) return null;
  const x = m[1].replace(/^[《<〈]|[》>〉]$/g, '');
  return x.length >= 2 ? x : null;
}

function titleLike(t: string): boolean {
  if (t.length < 6 || t.length > 100) return false;
  if (SENTENCE_PUNCT.test(t) || /^[(（]/.test(t) || /^附件/.test(t) || /^关于印发/.test(t)) return false;
  if (isFieldLine(t) || isChromeLine(t) || ISSUER_LINE.test(t)) return false;
  return !/^\d/.test(t);
}

/**
 * The plan's own title: the first title-like header line after the notice (the plan's
 * heading above its preamble), joining a title wrapped onto a second line.
 */
export function findPlanTitle(header: Line[], after: number): { text: string; index: number } | null {
  for (let i = after; i < header.length; i++) {
    const t = squeeze(header[i].text);
    if (!titleLike(t)) continue;
    if (TITLE_KIND.test(t)) return { text: t, index: i };
    const next = i + 1 < header.length ? squeeze(header[i + 1].text) : '';
    const joined = t + next;
    if (next && !SENTENCE_PUNCT.test(next) && !isFieldLine(next) && TITLE_KIND.test(joined) && joined.length <= 100) return { text: joined, index: i };
  }
  return null;
}

/** The kind of document a title names. */
export function kindOfTitle(title: string | null): DocumentKind | null {
  if (!title) return null;
  const t = title.replace(/[》>〉"”'’]+$/, '');
  if (/解读$/.test(t)) return '政策解读';
  if (/实施方案$/.test(t)) return '实施方案';
  if (/(行动方案|行动计划)$/.test(t)) return '行动方案';
  if (/机制$/.test(t)) return '工作机制';
  if (/意见$/.test(t)) return '意见';
  if (/通知$/.test(t)) return '通知';
  return null;
}
