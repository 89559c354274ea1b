/**
 * TEST ONLY. A tiny, deterministic stand-in for the ingest and retrieval stages, used by the
 * fake workspace in `test-helpers.ts`: it reads real corpus files, finds their title, 文号,
 * dates, region and `一、` / `（一）` clauses with a few regular expressions, and scores clauses
 * by shared character bigrams. Clean text is the original text here, so every offset indexes both.
 */
import type { AdminLevel, CitedDocument, DocumentKind, DocumentMeta, ParsedDate, Section } from '../ingest/types.js';

export interface FakeClause {
  path: string;
  heading: string;
  level: number;
  /** Offsets of the clause's own text (up to its first child) in the original text. */
  start: number;
  end: number;
}

export interface FakeDoc {
  id: string;
  text: string;
  meta: DocumentMeta;
  sections: Section[];
  /** Clauses in document order, each with its own text span (the retrievable units). */
  clauses: FakeClause[];
}

const NUMERAL = '一二三四五六七八九十';
const TITLE = /^[\u4e00-\u9fa5“”"（）()]{4,40}(实施方案|工作机制|行动方案)$/;

/** Character bigrams of the CJK letters and digits of `text` (the fake's only "tokenizer"). */
export function bigrams(text: string): Set<string> {
  const chars = [...text.replace(/[^\p{Script=Han}\p{N}A-Za-z%.]/gu, '')];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  if (chars.length === 1) out.add(chars[0]);
  return out;
}

/** Share of `query`'s bigrams found in `text` (0..1, higher is better). */
export function overlap(query: Set<string>, text: string): number {
  if (!query.size) return 0;
  let hits = 0;
  for (const g of query) if (text.includes(g)) hits += 1;
  return hits / query.size;
}

function parseSections(text: string): { sections: Section[]; clauses: FakeClause[] } {
  const found: Section[] = [];
  const re = new RegExp(`^[ \\t\\u3000]*(?:([${NUMERAL}]+)、|[(（]([${NUMERAL}]+)[)）])([^\\n]*)$`, 'gm');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const level = m[1] ? 1 : 2;
    const markerStart = m.index + m[0].length - m[0].trimStart().length;
    const rest = m[3];
    const heading = (level === 1 ? rest : rest.split(/[。；]/)[0]).trim().slice(0, 40);
    const marker = level === 1 ? m[1] : `（${m[2]}）`;
    const bodyStart = markerStart + (m[0].trimStart().length - rest.length) + rest.indexOf(heading) + heading.length;
    found.push({ path: marker, level, marker, heading, start: markerStart, bodyStart, end: text.length, children: [] });
  }
  const roots: Section[] = [];
  let parent: Section | null = null;
  found.forEach((s, i) => {
    const next = found.slice(i + 1).find((n) => n.level <= s.level);
    s.end = next ? next.start : text.length;
    if (s.level === 1) {
      parent = s;
      roots.push(s);
    } else if (parent) {
      s.path = `${parent.path}${s.marker}`;
      parent.children.push(s);
    } else roots.push(s);
  });
  const clauses = found.map((s, i) => ({ path: s.path, heading: s.heading, level: s.level, start: s.start, end: found[i + 1]?.start ?? s.end }));
  return { sections: roots, clauses };
}

function levelOf(name: string | null): AdminLevel | null {
  if (!name) return null;
  const last = name.slice(-1);
  return last === '省' || last === '市' || last === '县' || last === '区' ? last : null;
}

function parseMeta(text: string, known: Map<string, string>): DocumentMeta {
  const lines = text.split('\n').map((l) => l.trim());
  const title = lines.find((l) => TITLE.test(l) && !l.includes('关于')) ?? null;
  const noticeTitle = lines.find((l) => /关于印发.*的通知$/.test(l)) ?? null;
  const issuer = lines.find((l) => /人民政府(办公厅|办公室)?$/.test(l) && l.length <= 20) ?? null;
  const num = /([\u4e00-\u9fa5]{2,8}发)〔(\d{4})〕(\d+)号/.exec(text);
  const dates: ParsedDate[] = [];
  const ymd = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(text);
  if (ymd) dates.push({ kind: '成文', raw: ymd[0], iso: `${ymd[1]}-${ymd[2].padStart(2, '0')}-${ymd[3].padStart(2, '0')}` });
  const published = /时间[:：]\s*(\d{4}-\d{2}-\d{2})/.exec(text);
  if (published) dates.push({ kind: '发布', raw: published[1], iso: published[1] });
  const regionName = title ? (/^(.{2,4}?[省市县区])/.exec(title)?.[1] ?? null) : null;
  const citations: CitedDocument[] = [];
  for (const c of text.matchAll(/《([^《》\n]{4,60})》/g)) {
    if (c[1] === title || citations.some((x) => x.title === c[1])) continue;
    citations.push({ title: c[1], docNumber: null, start: c.index ?? 0, end: (c.index ?? 0) + c[0].length, foundId: known.get(c[1]) ?? null });
  }
  const kind = (title?.match(/(实施方案|工作机制|行动方案)$/)?.[1] ?? '其他') as DocumentKind;
  return {
    title,
    noticeTitle,
    issuer,
    docNumber: num ? { raw: num[0], normalized: num[0], prefix: num[1], year: Number(num[2]), serial: Number(num[3]) } : null,
    dates,
    level: levelOf(regionName),
    region: { province: regionName?.endsWith('省') ? regionName : '山西省', city: null, county: levelOf(regionName) === '县' ? regionName : null, name: regionName },
    kind,
    citations,
  };
}

/** Parses `text` as a fake document; `titles` maps known titles to ids (for cited parents). */
export function parseFakeDoc(id: string, text: string, titles: Map<string, string> = new Map()): FakeDoc {
  const { sections, clauses } = parseSections(text);
  return { id, text, meta: parseMeta(text, titles), sections, clauses };
}

/** The sentence of `text` around `[start, end)` (between 。；! or line breaks), with offsets. */
export function sentenceAt(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  while (s > 0 && !/[。；\n]/.test(text[s - 1])) s -= 1;
  let e = end;
  while (e < text.length && !/[。；\n]/.test(text[e])) e += 1;
  if (e < text.length && text[e] !== '\n') e += 1;
  while (s < e && /\s/.test(text[s])) s += 1;
  while (e > s && /\s/.test(text[e - 1])) e -= 1;
  return { start: s, end: e };
}

/** Splits `[start, end)` of `text` into trimmed sentence spans. */
export function sentences(text: string, start: number, end: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let s = start;
  for (let i = start; i <= end; i++) {
    if (i === end || /[。；\n]/.test(text[i])) {
      const span = { start: s, end: i < end && text[i] !== '\n' ? i + 1 : i };
      while (span.start < span.end && /\s/.test(text[span.start])) span.start += 1;
      while (span.end > span.start && /\s/.test(text[span.end - 1])) span.end -= 1;
      if (span.end - span.start >= 4) out.push(span);
      s = i + 1;
    }
  }
  return out;
}
