/**
 * Modality: how strongly a sentence binds. A lexicon of cue words on a 0–5 scale with guards
 * against the words that merely contain a cue (应用 is not 应, 重要/要求 are not 要, 需求 is not
 * 需, 负责人 is not 负责, 落实不力 is not 落实). Cues inside cited titles 《…》 and inside a
 * leading purpose clause (`为贯彻落实…,`) do not count: they state why, not what must be done.
 */
import { clauseSegments, maskTitles } from './text.js';
import type { ModalCue, Modality, ModalityLabel, ModalityLevel } from './types.js';

/** Label of each level of the scale. */
export const MODALITY_LABELS: Record<ModalityLevel, ModalityLabel> = {
  0: 'none', 1: 'permissive', 2: 'aspirational', 3: 'obligatory', 4: 'mandatory', 5: 'prohibition',
};

/** Chinese names of the levels, for reports. */
export const MODALITY_LABELS_ZH: Record<ModalityLevel, string> = {
  0: '无', 1: '鼓励/允许', 2: '力争', 3: '应当', 4: '必须', 5: '禁止',
};

interface CueRule {
  re: RegExp;
  level: ModalityLevel;
  negative?: boolean;
  softened?: boolean;
  /** Rejects a match from its context: `before` is the text before it, `after` the text after. */
  reject?: (before: string, after: string) => boolean;
}

const RULES: CueRule[] = [
  // 5: prohibitions.
  { re: /严格禁止|坚决杜绝|不允许|严禁|禁止|不得|不许|杜绝|一律不/g, level: 5, negative: true },
  { re: /不准(?!确)/g, level: 5, negative: true },
  { re: /不应当|不应(?![用急对])/g, level: 5, negative: true },
  // 4: mandatory.
  { re: /坚决防止|严防/g, level: 4, negative: true },
  { re: /必须|务必|确保|严格|坚决|一律/g, level: 4 },
  { re: /须/g, level: 4, reject: (b, a) => /[必无毋]$/.test(b) || /^知/.test(a) },
  // 3: obligatory.
  { re: /避免|防止/g, level: 3, negative: true, softened: true },
  { re: /应当|应该|负总责/g, level: 3 },
  {
    re: /应/g,
    level: 3,
    reject: (b, a) => /^[用急对邀聘付收届答声运]/.test(a) || /[相响适对供反效呼感照回顺报内策]$/.test(b),
  },
  {
    re: /要/g,
    level: 3,
    reject: (b, a) => /^[求点素件害务闻地道塞领旨么是]/.test(a) || /[重主需必纲首只摘扼紧简概险显次提机政]$/.test(b),
  },
  {
    re: /需/g,
    level: 3,
    reject: (b, a) => /^求/.test(a) || /[必所急]$/.test(b) || (/^要/.test(a) && /(根据|工作|发展|实际|的|按|按照)$/.test(b)),
  },
  { re: /负责/g, level: 3, reject: (_b, a) => /^(人|同志)/.test(a) },
  {
    re: /落实/g,
    level: 3,
    // `贯彻落实…精神` is ideology, `抓落实`/`落实不力` are nouns.
    reject: (b, a) => /(抓|基本|工作)$/.test(b) || /^([不较情结过中的,，。、;；:：”]|好[:：])/.test(a) || a === '' || (/贯彻$/.test(b) && /^[^,，。;；]{0,30}(精神|思想|讲话|指示)/.test(a)),
  },
  // 2: aspirational and hedged.
  { re: /力争|原则上|争取|尽量|尽可能|争创|争建|探索|逐步/g, level: 2 },
  { re: /适时|视情况|视情节/g, level: 2, softened: true },
  // 1: permissive.
  { re: /鼓励|提倡|倡导|可以|允许/g, level: 1 },
  { re: /可(?=随时|视)|(?<=[也亦均即方])可/g, level: 1 },
  {
    re: /支持/g,
    level: 1,
    reject: (b, a) => /(技术|资金|政策|奖励|给予|提供|加大|的)$/.test(b) || /^(措施|力度|政策|。|$)/.test(a),
  },
];

/** Offsets `[start, end)` of a leading purpose clause (`为…,` / `为了…,`), whose cues do not bind. */
function purposeRange(text: string): [number, number] | null {
  const lead = /^\s*(为了|为)/.exec(text);
  if (!lead) return null;
  const seg = clauseSegments(text)[0];
  return seg ? [0, seg[1]] : null;
}

/**
 * Every modal cue of a text, left to right. Where cues overlap the longer wins (严格禁止 over
 * 严格 and 禁止). Offsets are `baseOffset` + index in `text`.
 */
export function findModalCues(text: string, baseOffset = 0): ModalCue[] {
  const masked = maskTitles(text);
  const purpose = purposeRange(masked);
  const found: ModalCue[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(masked); m; m = rule.re.exec(masked)) {
      const s = m.index;
      const e = s + m[0].length;
      if (purpose && s < purpose[1]) continue;
      if (rule.reject?.(masked.slice(Math.max(0, s - 4), s), masked.slice(e, e + 32))) continue;
      found.push({
        level: rule.level,
        label: MODALITY_LABELS[rule.level],
        cue: m[0],
        start: baseOffset + s,
        end: baseOffset + e,
        polarity: rule.negative ? 'negative' : 'positive',
        softened: !!rule.softened,
        implicit: false,
      });
    }
  }
  // Longest first, then earliest; drop any cue overlapping one already kept.
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: ModalCue[] = [];
  for (const c of found) if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  return kept.sort((a, b) => a.start - b.start);
}

/** The strongest cue of a list (the earliest among equals); null for an empty list. */
export function strongestCue(cues: ModalCue[]): ModalCue | null {
  let best: ModalCue | null = null;
  for (const c of cues) if (!best || c.level > best.level) best = c;
  return best;
}

/**
 * The modality of a sentence: level, label and cue of its strongest cue (0/'none' without one).
 * `detectModality('严禁在25度以上的坡面开垦种植农作物')` → level 5, cue 严禁.
 */
export function detectModality(text: string, baseOffset = 0): Modality {
  const cues = findModalCues(text, baseOffset);
  const cue = strongestCue(cues);
  const level: ModalityLevel = cue ? cue.level : 0;
  return { level, label: MODALITY_LABELS[level], cue, cues };
}
