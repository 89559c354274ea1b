/**
 * Question-aware refinements of the slot candidates a sentence holds: the candidate whose
 * surroundings repeat the question's words wins (每年治理面积不少于30km2 over 规划治理面积133.29km2
 * for "每年治理面积不少于多少"), counts in the unit the question names are found even when no
 * target rule fires (选取 10 个县), and names the question excludes (除水行政主管部门外) are dropped.
 */
import { hintOverlap } from '../analysis/frames/slots.js';
import type { SlotAnswer } from '../analysis/frames/types.js';

/** Characters around a slot that count as its surroundings. */
const BEFORE = 16;
const AFTER = 6;
/** The words right before a slot (每年治理面积不少于 | 30km2) and right after it (1000 个 | 水保生态经济专业户). */
const NEAR = 10;
const NEAR_AFTER = 8;

/**
 * Re-ranks slots by how much of the question their surroundings repeat (recall of the
 * question's bigrams) and how much of what immediately precedes them is the question's
 * (precision): the slot the question describes word for word wins. Best first.
 */
export function rerankSlots(sentence: string, base: number, slots: SlotAnswer[], focus: string, weight = 0.3): SlotAnswer[] {
  if (slots.length < 2 || !focus) return slots;
  const scored = slots.map((s) => {
    // A department is described by what follows it (X牵头, X对…负总责, X是第一责任人); a figure or a
    // recipient by what precedes it (每年治理面积不少于30km2, 结果清单上报市规划和自然资源局).
    const follows = (s.kind === 'who' || s.kind === 'list') && s.detail?.role !== 'recipient';
    const a = follows ? s.end - base : Math.max(0, s.start - base - BEFORE);
    const b = Math.min(sentence.length, follows ? s.end - base + BEFORE + AFTER : s.end - base + AFTER);
    const near = follows
      ? sentence.slice(s.end - base, s.end - base + NEAR + NEAR_AFTER)
      : `${sentence.slice(Math.max(0, s.start - base - NEAR), s.start - base)} ${sentence.slice(s.end - base, s.end - base + NEAR_AFTER)}`;
    return { s, score: s.confidence + weight * hintOverlap(focus, sentence.slice(a, b)) + weight * hintOverlap(near, focus) };
  });
  return scored.sort((x, y) => y.score - x.score || x.s.start - y.s.start).map((x) => x.s);
}

/** The unit a "how many" question names: 多少个县 → 个县, 多少万亩 → 万亩, 多少座 → 座. */
export function askedUnit(question: string): string | null {
  const m = /(?:多少|几)\s*(个县|个市|万亩|万元|亿元|元|万人|平方公里|公顷|亩|座|条|处|个|家|所|km2|%|公里|千米|米|度)/.exec(question.normalize('NFKC'));
  return m ? m[1] : null;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Ways documents write the same unit (平方公里 as km2). */
const UNIT_ALIASES: Record<string, string[]> = {
  平方公里: ['平方公里', '平方千米', 'km2', 'km²'],
  km2: ['km2', 'km²', '平方公里', '平方千米'],
  公顷: ['公顷', 'hm2', 'hm²'],
  '%': ['%', '％'],
};

/** Numbers in `sentence` followed by the asked unit or an alias of it (`10 个县(市、区)`, `30km2`), as amount slots. */
export function unitSlots(sentence: string, base: number, unit: string): SlotAnswer[] {
  const spelled = (u: string) => escapeRegExp(u).split('').join('\\s*');
  const units = (UNIT_ALIASES[unit] ?? [unit]).map(spelled).join('|');
  const re = new RegExp(`(\\d+(?:\\.\\d+)?|[一二三四五六七八九十两百千]+)\\s*(?:${units})(?:\\s*[(（][^)）]{1,8}[)）])?(?:以上|以下|左右)?`, 'g');
  const out: SlotAnswer[] = [];
  for (const m of sentence.matchAll(re)) {
    out.push({ kind: 'amount', text: m[0], start: base + m.index!, end: base + m.index! + m[0].length, confidence: 0.85, detail: { unit } });
  }
  return out;
}

/** Does any slot (or the sentence) state a number in the asked unit? */
export function statesUnit(sentence: string, unit: string): boolean {
  return unitSlots(sentence, 0, unit).length > 0;
}

/** Names a question excludes: 除水行政主管部门外 → [水行政主管部门]. */
export function excludedNames(question: string): string[] {
  return [...question.matchAll(/除(?:了)?(.{2,20}?)(?:之)?外/g)].map((m) => m[1]);
}

/** Drops slots the question excludes. */
export function withoutExcluded(slots: SlotAnswer[], excluded: string[]): SlotAnswer[] {
  if (!excluded.length) return slots;
  return slots.filter((s) => !excluded.some((x) => x.includes(s.text) || s.text.includes(x)));
}

/** An enumeration: three or more short items joined by 、 (the last may be joined by 和/及/与). */
const ITEM = '[\\p{Script=Han}A-Za-z0-9—·-]{1,14}';
const ENUMERATION = new RegExp(`${ITEM}(?:、${ITEM}){1,}(?:(?:和|及|与|以及)${ITEM})?`, 'gu');
/** Words that lead into an enumeration rather than belong to its first item. */
const LEAD = /^(?:.*?(?:开展|包括|协同|组织|由|对|在|将|按照|推进|加强|实施|建设|完善|落实|依托))/u;
/** Words that close an enumeration rather than belong to its last item. */
const TAIL = /(?:等.*|[一二三四五六七八九十两]+(?:道|大|项|个|类|种|条|同步|化).*|治理.*|部门.*|单位.*|负责人.*)$/u;

/**
 * The items of the longest enumeration in a sentence, as list slots. Their confidence grows with
 * how much of the question the words around the enumeration repeat (…等相关部门积极配合).
 */
export function enumerationSlots(sentence: string, base: number, focus = ''): SlotAnswer[] {
  // What follows an enumeration names it (…三道防线, …五同步治理, …等部门); the words before may belong to another.
  const around = (m: RegExpMatchArray) => sentence.slice(m.index! + m[0].length - 6, m.index! + m[0].length + 12);
  // The enumeration the question describes (…五同步治理), else the longest.
  let best: RegExpMatchArray | null = null;
  let bestScore = -1;
  for (const m of sentence.matchAll(ENUMERATION)) {
    if (m[0].split(/、|和|及|与|以及/).length < 3) continue;
    const score = hintOverlap(focus, around(m)) + m[0].length / 1000;
    if (score > bestScore) [best, bestScore] = [m, score];
  }
  if (!best) return [];
  const parts = best[0].split(/、|和|及|与|以及/);
  let confidence = 0.5 + 0.4 * hintOverlap(focus, around(best));
  // A question about departments wants organisations, not any list.
  if (/部门|单位|机构/.test(focus) && !/部门|单位|机构|局|委|办|政府/.test(best[0] + around(best))) confidence *= 0.5;
  const out: SlotAnswer[] = [];
  let at = best.index!;
  parts.forEach((raw, i) => {
    let text = raw;
    let offset = 0;
    if (i === 0) {
      const lead = LEAD.exec(text);
      if (lead && lead[0].length < text.length) {
        offset = lead[0].length;
        text = text.slice(offset);
      }
    }
    if (i === parts.length - 1) text = text.replace(TAIL, '') || text;
    const start = sentence.indexOf(raw, at) + offset;
    at = start + text.length;
    if (text) out.push({ kind: 'list', text, start: base + start, end: base + start + text.length, confidence, detail: { role: 'item' } });
  });
  return out;
}
