/**
 * Modality: how strongly a sentence binds, from the cue lexicon of `zh/modality-cues.ts` (a 0–5
 * scale, each cue with the words that merely contain it: 应用 is not 应, 负责人 is not 负责). Cues inside cited titles 《…》 and inside a
 * leading purpose clause (`为贯彻落实…,`) do not count: they state why, not what must be done.
 */
import { MODALITY_CUES, type CueEntry } from '../../zh/modality-cues.js';
import { clauseSegments, maskTitles } from './text.js';
import type { ModalCue, Modality, ModalityLabel, ModalityLevel } from './types.js';

/** Label of each level of the scale. */
export const MODALITY_LABELS: Record<ModalityLevel, ModalityLabel> = {
  0: 'none',
  1: 'permissive',
  2: 'aspirational',
  3: 'obligatory',
  4: 'mandatory',
  5: 'prohibition',
};

/** Chinese names of the levels, for reports. */
export const MODALITY_LABELS_ZH: Record<ModalityLevel, string> = {
  0: '无',
  1: '鼓励/允许',
  2: '力争',
  3: '应当',
  4: '必须',
  5: '禁止',
};

interface CompiledCue {
  entry: CueEntry;
  re: RegExp;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Each lexicon entry as one alternation, longest cue first. */
const COMPILED: CompiledCue[] = MODALITY_CUES.map((entry) => ({
  entry,
  re: new RegExp(
    [...entry.cues]
      .sort((x, y) => y.length - x.length)
      .map(escapeRe)
      .join('|'),
    'g',
  ),
}));

/** True when the cue at `[s, e)` of `text` is part of one of `words`. */
function insideWord(text: string, s: number, e: number, words: readonly string[]): boolean {
  const cue = text.slice(s, e);
  for (const w of words) {
    for (let k = w.indexOf(cue); k >= 0; k = w.indexOf(cue, k + 1)) {
      if (s - k >= 0 && text.startsWith(w, s - k)) return true;
    }
  }
  return false;
}

const CLAUSE_END = /^(?:[,，。、;；:：”]|$)/;
const IDEOLOGY_OBJECT = /^[^,，。;；]{0,30}(精神|思想|讲话|指示)/;

/** Whether the lexicon entry's guards reject the cue found at `[s, e)`. */
function rejected(entry: CueEntry, text: string, s: number, e: number): boolean {
  if (entry.notIn && insideWord(text, s, e, entry.notIn)) return true;
  if (entry.onlyIn && !insideWord(text, s, e, entry.onlyIn)) return true;
  if (entry.notAtClauseEnd && CLAUSE_END.test(text.slice(e, e + 1))) return true;
  return !!entry.notBeforeIdeology && text.slice(Math.max(0, s - 2), s) === '贯彻' && IDEOLOGY_OBJECT.test(text.slice(e, e + 32));
}

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
  for (const { entry, re } of COMPILED) {
    re.lastIndex = 0;
    for (let m = re.exec(masked); m; m = re.exec(masked)) {
      const s = m.index;
      const e = s + m[0].length;
      if (purpose && s < purpose[1]) continue;
      if (rejected(entry, masked, s, e)) continue;
      found.push({
        level: entry.level,
        label: MODALITY_LABELS[entry.level],
        cue: m[0],
        start: baseOffset + s,
        end: baseOffset + e,
        polarity: entry.negative ? 'negative' : 'positive',
        softened: !!entry.softened,
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
