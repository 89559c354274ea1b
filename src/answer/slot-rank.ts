/**
 * Question-aware refinements of the slot candidates a sentence holds: the candidate whose
 * surroundings repeat the question's words wins (每年治理面积不少于30km2 over 规划治理面积133.29km2
 * for "每年治理面积不少于多少"), counts in the unit the question names are found even when no
 * target rule fires (选取 10 个县), and names the question excludes (除水行政主管部门外) are dropped.
 */
import { hintOverlap } from '../analysis/frames/slots.js';
import type { SlotAnswer } from '../analysis/frames/types.js';

/** Units that count things (个, 座, 条…): the noun after such a count says what is counted. */
const CLASSIFIER = /^(?:个|座|条|处|家|所|项|批|户|名|人)$/;

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
    // A count in a classifier (1000 个 | 水保生态经济专业户) is named by the noun it counts, right after it.
    const counted = CLASSIFIER.test(String(s.detail?.unit ?? '')) ? hintOverlap(sentence.slice(s.end - base, s.end - base + NEAR_AFTER), focus) : 0;
    return { s, score: s.confidence + weight * hintOverlap(focus, sentence.slice(a, b)) + weight * hintOverlap(near, focus) + weight * counted };
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
  const re = new RegExp(
    `(\\d+(?:\\.\\d+)?|[一二三四五六七八九十两百千]+)\\s*(?:${/^[万亿千百]/.test(unit) ? '' : '[万亿]?'})(?:${units})(?:\\s*[(（][^)）]{1,8}[)）])?(?:以上|以下|左右)?`,
    'g',
  );
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
