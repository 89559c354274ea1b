/**
 * The force of a requirement and whether a child weakened it, on the scale of
 * `zh/modality-cues.ts` ({@link FORCE_RANKS}): 严禁 > 不得 > 必须 > 应当/要 (and a bare directive)
 * > 原则上/力争/逐步 > 鼓励/可以. A phrase's force is its own strongest cue, or the cue of an
 * earlier phrase of its sentence (`各部门要依据职责…,加强…`: 要 governs both), or a directive (rank
 * 3: a plan's body is imperative). A hedge (原则上, 有条件的, 适时) lowers whatever it qualifies to
 * rank 2. Beside the rank: quantifiers (全部纳入 → 纳入) and intensifiers (大力, 全面), whose loss
 * is a smaller finding. A change of verb at the same rank (推动 → 促进) is nothing.
 */
import { findModalCues } from '../frames/modality.js';
import { DUTY_VERBS } from '../frames/text.js';
import {
  FORCE_RANKS,
  HEDGE_ONLY_BEFORE_VERB,
  HEDGES,
  INTENSIFIERS,
  MANNER_ADVERBS,
  MAY_BEFORE,
  QUALITY_MODIFIERS,
  QUANTIFIERS,
} from '../../zh/modality-cues.js';
import { canonicalizeSynonyms, VERB_SYNONYMS } from '../../zh/synonyms.js';
import type { AlignSentence, Phrase } from './segment.js';

/** The force of one phrase. */
export interface PhraseForce {
  /** 0 (no duty) .. 6 (prohibition); 3 for a bare directive. */
  rank: number;
  /** The cue as written, null for a bare directive. */
  cue: string | null;
  /** Clean offset of the cue (null for a bare directive): a cue governs later phrases too, and is reported once. */
  cueAt: number | null;
  /** The governing cue is an earlier phrase's. */
  inherited: boolean;
  /** The hedge lowering the phrase (`原则上`), if any. */
  hedge: string | null;
  quantifier: string | null;
  intensifiers: string[];
  /** Manner adverbs of the phrase (an intensifier's stand-in). */
  manner: string[];
}

const RANK_OF = new Map<string, number>(FORCE_RANKS.flatMap((r) => r.cues.map((c) => [c, r.rank] as [string, number])));
const VERBS = [...new Set([...DUTY_VERBS, ...VERB_SYNONYMS.flatMap((g) => g.words)])].sort((a, b) => b.length - a.length);
const startsWithVerb = (t: string) => VERBS.some((v) => t.startsWith(v));

/** The canonical duty verbs of a text, prohibitions as `禁止` (does a rewrite keep the parent's action?). Manner adverbs are no action. */
export function actionWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const v of VERBS) if (text.includes(v) && !MANNER_ADVERBS.includes(v)) out.add(canonicalizeSynonyms(v));
  for (const r of FORCE_RANKS) if (r.rank >= 5 && r.cues.some((c) => text.includes(c))) out.add('禁止');
  return out;
}

/** Does the text hold any duty verb? */
export const hasVerb = (t: string): boolean => VERBS.some((v) => t.includes(v));

/** `可` as a permission: followed by a verb or an adverbial that opens one, not inside a word (可持续, 许可). */
function mayAt(text: string): { at: number } | null {
  for (let i = text.indexOf('可'); i >= 0; i = text.indexOf('可', i + 1)) {
    if (/[不许认宁尽]/.test(text[i - 1] ?? '') || text[i + 1] === '以') continue;
    const rest = text.slice(i + 1);
    if (MAY_BEFORE.some((w) => rest.startsWith(w)) || startsWithVerb(rest)) return { at: i };
  }
  return null;
}

interface RankedCue {
  cue: string;
  rank: number;
  start: number;
  end: number;
  /** A prohibition or prevention: it binds its own clause only (`严禁…开垦,开展…监测` asks the monitoring). */
  negative: boolean;
}

/** The ranked cues of a sentence (clean offsets), hedge-only cues kept only before a verb. */
function sentenceCues(s: AlignSentence): RankedCue[] {
  const out: RankedCue[] = [];
  for (const c of findModalCues(s.text, s.start)) {
    const rank = RANK_OF.get(c.cue);
    if (rank === undefined) continue;
    if (HEDGE_ONLY_BEFORE_VERB.includes(c.cue) && !startsWithVerb(s.text.slice(c.end - s.start).replace(/^[\s,，]*/, ''))) continue;
    out.push({ cue: c.cue, rank, start: c.start, end: c.end, negative: c.polarity === 'negative' });
  }
  const may = mayAt(s.text);
  if (may && !out.some((c) => c.start <= s.start + may.at && s.start + may.at < c.end))
    out.push({ cue: '可', rank: 1, start: s.start + may.at, end: s.start + may.at + 1, negative: false });
  return out.sort((a, b) => a.start - b.start);
}

const cache = new WeakMap<AlignSentence, RankedCue[]>();
const cuesOf = (s: AlignSentence) => cache.get(s) ?? (cache.set(s, sentenceCues(s)), cache.get(s)!);

/** The words of `list` a text contains. */
const found = (text: string, list: readonly string[]) => list.filter((w) => text.includes(w));

/** The clause of the sentence holding clean offset `at` (cut at commas and semicolons). */
function clauseAt(s: AlignSentence, at: number): string {
  const i = at - s.start;
  const a = Math.max(s.text.lastIndexOf('，', i), s.text.lastIndexOf(',', i), s.text.lastIndexOf('；', i), s.text.lastIndexOf(';', i)) + 1;
  const ends = ['，', ',', '；', ';'].map((d) => s.text.indexOf(d, i)).filter((x) => x >= 0);
  return s.text.slice(a, ends.length ? Math.min(...ends) : s.text.length);
}

/**
 * Reads the force of phrase `p` of sentence `s` (see the module comment). A cue of an earlier
 * phrase governs this one across commas, never across a semicolon, and a prohibition never
 * reaches past its own clause.
 */
export function phraseForce(s: AlignSentence, p: Phrase): PhraseForce {
  const cues = cuesOf(s);
  const own = cues.filter((c) => c.start >= p.start && c.end <= p.end);
  const lastStop = Math.max(s.text.lastIndexOf('；', p.start - s.start - 1), s.text.lastIndexOf(';', p.start - s.start - 1));
  // Hedges (`适时`, `逐步`) qualify their own verb only; a prohibition binds its own clause only.
  const before = cues.filter((c) => c.end <= p.start && !c.negative && !HEDGES.includes(c.cue) && c.start - s.start > lastStop);
  const governing = own.length ? own.reduce((a, b) => (b.rank > a.rank ? b : a)) : before[before.length - 1];
  const inherited = !own.length && !!governing;
  // A hedge qualifies its own clause: the phrase's, or the governing cue's when it is inherited.
  const hedge = found(p.text, HEDGES)[0] ?? (inherited ? (found(clauseAt(s, governing.start), HEDGES)[0] ?? null) : null);
  let rank = governing ? governing.rank : 3;
  if (hedge) rank = Math.min(rank, 2);
  const canon = canonicalizeSynonyms(p.text);
  return {
    rank,
    cue: governing?.cue ?? null,
    cueAt: governing?.start ?? null,
    inherited,
    hedge,
    quantifier: found(p.text, QUANTIFIERS)[0] ?? null,
    intensifiers: found(canon, INTENSIFIERS),
    manner: found(canon, MANNER_ADVERBS),
  };
}

/** Occurrences of `word` in `text`. */
function count(text: string, word: string): number {
  let n = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) n++;
  return n;
}

/** Does the child's sentence hold the parent's cue as often as the parent's sentence (a modal moved within the sentence)? */
export function cueMoved(pf: PhraseForce, parentSentence: string, childSentence: string): boolean {
  if (!pf.cue || pf.inherited || count(childSentence, pf.cue) < count(parentSentence, pf.cue)) return false;
  // A hedge the child added to its sentence (`…,原则上不得开工建设`) qualifies the moved cue.
  return !HEDGES.some((h) => count(childSentence, h) > count(parentSentence, h));
}

/** A drop in force from a parent phrase to its child counterpart. */
export interface Weakening {
  kind: 'rank' | 'quantifier' | 'intensifier';
  from: string;
  to: string;
  ranks: [number, number];
  /** The parent cue's offset: one finding per cue. */
  cueAt: number | null;
  severity: 'high' | 'medium' | 'low';
}

/**
 * Compares the force of a parent phrase and its child counterpart; null when the child asks as
 * much. `movedCue` says the child's sentence still holds the parent's cue as often as the parent's
 * sentence does: a modal the child moved to another clause (`…的生产建设项目,一律不得开工建设`) is not dropped. A child cue
 * merely inherited from an earlier clause does not weaken a parent clause that governs itself.
 * `rewritten` marks a child phrase that stands in the parent's place in other words.
 */
export function compareForce(pf: PhraseForce, cf: PhraseForce, movedCue = false, rewritten = false): Weakening | null {
  const moved = !cf.hedge && movedCue;
  if (cf.rank < pf.rank && !moved && !(cf.inherited && pf.cue === null)) {
    const from = pf.cue ?? '明确要求';
    const to = cf.hedge && cf.cue && cf.hedge !== cf.cue ? `${cf.hedge}${cf.cue}` : (cf.hedge ?? cf.cue ?? '一般要求');
    const high = pf.rank - cf.rank >= 2 || (pf.rank >= 5 && cf.rank <= 3);
    return { kind: 'rank', from, to, ranks: [pf.rank, cf.rank], cueAt: pf.cueAt, severity: high ? 'high' : 'medium' };
  }
  if (pf.quantifier && !cf.quantifier)
    return { kind: 'quantifier', from: pf.quantifier, to: '（无）', ranks: [pf.rank, cf.rank], cueAt: null, severity: 'low' };
  // Quality modifiers always count; effort adverbs only where the child rewrote the requirement (see `INTENSIFIERS`).
  const lost = pf.intensifiers.filter((w) => !cf.intensifiers.includes(w) && (rewritten || QUALITY_MODIFIERS.includes(w)));
  const replaced = QUALITY_MODIFIERS.some((w) => lost.includes(w))
    ? cf.intensifiers.some((w) => QUALITY_MODIFIERS.includes(w))
    : cf.intensifiers.length > 0 || cf.manner.length > 0;
  if (lost.length && !replaced) return { kind: 'intensifier', from: lost.join('、'), to: '（无）', ranks: [pf.rank, cf.rank], cueAt: null, severity: 'low' };
  return null;
}

/** Verbs of stance rather than task (`坚持…` → `按照…的原则` keeps the duty), and the 把-construction markers. */
const STANCE_VERBS = /^(坚持|贯彻|围绕|聚焦|依托|遵循|按照|立足|注重|突出|将|把)$/;

/** A conditional clause right after a phrase: `,在实施过程中可能造成水土流失的,`. */
const CONDITION_FOLLOWS = /^\s*[,，]\s*[^,，。;；]{2,40}的\s*[,，]/;

/**
 * A directive whose verb vanished: the parent phrase opens with a duty verb (`科学划定…范围`) and
 * its child counterpart keeps the object with no duty of its own — it opens as a topic
 * (`对…重点预防区…`) or holds no duty verb at all. A reworded verb is no such case, nor a verb of
 * stance (`坚持`, `依托`, the 把-construction), nor the topic of a condition that follows
 * (`制定涉及…的规划,在实施过程中可能造成水土流失的,必须…`: the duty is after the `…的,`).
 */
export function verbVanished(parentVerb: string | null, p: Phrase, parentSentence: string, childText: string, childSentence = childText): boolean {
  if (!parentVerb || STANCE_VERBS.test(parentVerb) || !p.text.includes(parentVerb)) return false;
  if (CONDITION_FOLLOWS.test(parentSentence.slice(Math.max(0, parentSentence.indexOf(p.text) + p.text.length)))) return false;
  // The verb may have moved to the next clause of the child's sentence (`对崩塌…易发区,要加强日常巡查监管`).
  if (canonicalizeSynonyms(childSentence).includes(canonicalizeSynonyms(parentVerb))) return false;
  // Every character of the verb gone (extraction damage drops one: `提高` → `提`).
  if ([...parentVerb].some((ch) => childText.includes(ch))) return false;
  const theirs = actionWords(p.text);
  const topic = /^\s*(?:对|针对|关于|就)/.test(childText);
  return topic ? ![...actionWords(childText)].some((v) => !theirs.has(v)) : actionWords(childText).size === 0;
}
