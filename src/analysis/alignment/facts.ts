/**
 * The frame facts of one phrase, for comparing it with its counterpart: the targets, deadlines
 * and conditions its sentence's frame places inside it, the numbers with a unit it sets that
 * are not targets (`25度以上`, `300米见绿`), and the directive verb it opens with.
 */
import { extractFrame } from '../frames/frame.js';
import type { Condition, Target, Timing } from '../frames/types.js';
import type { Phrase, Segmented } from './segment.js';

/** The frame facts of one phrase. Offsets are clean offsets of its document. */
export interface PhraseFacts {
  /** The modality level of the phrase read on its own (frames' 0–5 scale). */
  level: number;
  /** The bare directive verb the phrase opens with (`科学划定…` → 划定), null when it has a modal word or none. */
  directive: string | null;
  targets: Target[];
  /** Numbers with a unit word that are not targets, years or scope counts (`25 度`). */
  numbers: { value: string; unit: string; start: number; end: number }[];
  timing: Timing[];
  conditions: Condition[];
}

const within = (x: { start: number; end: number }, p: { start: number; end: number }) => x.start >= p.start && x.end <= p.end;

/** Numbers with a unit word, outside 《》/brackets and `以…为重点` scopes, that are not dates. */
function plainNumbers(p: Phrase, targets: Target[]): PhraseFacts['numbers'] {
  if (/^以.*为(?:重点|主线|抓手|依托|核心)$/.test(p.text)) return [];
  const out: PhraseFacts['numbers'] = [];
  const re = /(?<![\d.])(\d+(?:\.\d+)?)\s*([^\d\s,，。、；;:：)）(（“”"《》]{1,2})?/g;
  for (let m = re.exec(p.text); m; m = re.exec(p.text)) {
    const start = p.start + m.index;
    const unit = m[2] ?? '';
    if (/^[年月日号期届次]/.test(unit) || /^\d{4}$/.test(m[1])) continue;
    // A relative time limit (`30天内`, `3个月内`) is compared as a deadline.
    if (/^\s*(?:个)?(?:工作日|日|天|周|月|年|小时)(?:内|以内|之内)/.test(p.text.slice(m.index + m[1].length))) continue;
    if (/[〔(（《][^〕)）》]*$/.test(p.text.slice(0, m.index))) continue;
    if (targets.some((t) => start >= t.amount.start && start < t.amount.end)) continue;
    out.push({ value: m[1], unit: unit.replace(/以$/, ''), start, end: start + m[0].length });
  }
  return out;
}

/** Reads the facts of a phrase: its directive verb, and the sentence frame's targets, timing and conditions inside it. */
export function phraseFacts(seg: Segmented, p: Phrase): PhraseFacts {
  const sentence = seg.sentences[p.sentence];
  const own = extractFrame(p.text, p.start, { heading: false });
  const targets = sentence.frame.targets.filter((t) => t.amount.start >= p.start && t.amount.end <= p.end);
  return {
    level: own.modality.level,
    directive: own.modality.cue?.implicit ? own.modality.cue.cue : null,
    targets,
    numbers: plainNumbers(p, targets),
    timing: sentence.frame.timing.filter((t) => within(t, p)),
    conditions: sentence.frame.conditions.filter((c) => within(c, p)),
  };
}

/** Per-document cache of phrase facts (each phrase is read once per alignment). */
export function factsCache(seg: Segmented): (i: number) => PhraseFacts {
  const cache = new Map<number, PhraseFacts>();
  return (i) => {
    let f = cache.get(i);
    if (!f) cache.set(i, (f = phraseFacts(seg, seg.phrases[i])));
    return f;
  };
}
