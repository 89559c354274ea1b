/**
 * Is a child phrase that stands where a parent phrase stood (a rewrite: the same gap between
 * anchors, or the clause its clause was aligned with) the same requirement in other words? The
 * two are compared without the bodies they name (who carries it is compared on its own) and in
 * the canonical form (synonyms, localisation): a requirement kept in other words shares most of
 * its characters, in order, with the parent's (`大力开展封育保护` → `大规模开展封山育林育草`), while a
 * different requirement put in its place does not (`加快现有梯田提升改造` → `推进旱作梯田建设`).
 */
import { tokenizeWords } from '../../zh/tokenize.js';
import { readPhraseActors } from './actors.js';
import { actionWords } from './force.js';
import { canonicalWord } from '../../zh/synonyms.js';

/** The canonical generic verb of carrying out (开展/实施/推进/落实…). */
const GENERIC_ACTION = canonicalWord('开展');
import { lcsLength } from './lcs.js';
import { type LocalizeContext, normalizeForMatch } from './localize.js';
import type { PhraseMatch } from './match.js';
import type { Segmented } from './segment.js';
import { type SimilarityMatrix, wcovOf } from './similarity.js';

/** Thresholds of {@link isReworded}. */
export interface RewordOptions {
  /** Share of the parent's comparison characters the child keeps in order. Default 0.6. */
  parentShare: number;
  /** Share of the child's comparison characters that are the parent's. Default 0.35. */
  childShare: number;
  /** Alternatively, both shares at least this. Default 0.5. */
  bothShare: number;
  /** Alternatively, the child is a generalisation (same action, same head of the object): this much of it is the parent's... Default 0.75. */
  generalChild: number;
  /** ...and it keeps this much of the parent (`加强沿某河…和某风沙带生态治理` → `加强水土流失治理`). Default 0.4. */
  generalParent: number;
  /** Alternatively, the child phrase holds this IDF-weighted share of the parent's words, in any order. Default 0.5. */
  words: number;
}

/** Documented defaults: chosen on the hand-written dev children (see `evals/align/`), checked against the 002 gold. */
export const defaultRewordOptions: RewordOptions = { parentShare: 0.6, childShare: 0.35, bothShare: 0.5, generalChild: 0.75, generalParent: 0.4, words: 0.5 };

const cores = new WeakMap<LocalizeContext, Map<string, string>>();

/** The comparison form of a phrase without the bodies it names (memoised per localisation context). */
export function dutyCore(text: string, ctx: LocalizeContext): string {
  let memo = cores.get(ctx);
  if (!memo) cores.set(ctx, (memo = new Map()));
  const hit = memo.get(text);
  if (hit !== undefined) return hit;
  const core = computeDutyCore(text, ctx);
  memo.set(text, core);
  return core;
}

function computeDutyCore(text: string, ctx: LocalizeContext): string {
  const a = readPhraseActors(text, 0);
  let t = text;
  for (const x of [...a.carriers, ...a.consulted, ...a.cooperate].sort((u, v) => v.start - u.start)) t = t.slice(0, x.start) + t.slice(x.end);
  return normalizeForMatch(t.replace(/^由/, ''), ctx);
}

/** The shares of {@link dutyCore} characters two phrases have in common, in order: [of the parent, of the child]. */
export function rewordShares(parentText: string, childText: string, ctx: LocalizeContext): [number, number] {
  const a = dutyCore(parentText, ctx);
  const b = dutyCore(childText, ctx);
  if (!a || !b) return [0, 0];
  const l = lcsLength(a, b);
  return [l / [...a].length, l / [...b].length];
}

/**
 * Does a child phrase keep the parent's action (a duty verb of the same group, or a prohibition)?
 * The generic verbs of carrying out (`开展`, `实施`, `推进`) ask nothing of their own: a parent
 * phrase with only those (`开展…宣传教育`) keeps its action whatever the child's verb.
 */
export function keepsAction(parentText: string, childText: string): boolean {
  const mine = [...actionWords(parentText)].filter((v) => v !== GENERIC_ACTION);
  if (!mine.length) return true;
  const theirs = actionWords(childText);
  return mine.some((v) => theirs.has(v));
}

/**
 * Does a child phrase keep the head of the parent's object, its last word (`…遥感监管` →
 * `用好遥感监管手段`; a four-character head by its first two, `宣传教育` → `宣传…`)?
 */
export function keepsHead(parentText: string, childText: string, ctx: LocalizeContext): boolean {
  // The amount a target ends with (`…100万亩`) is compared as a quantity, not as the object's head.
  const core = dutyCore(parentText, ctx).replace(/#(?:万|亿)?[\u4e00-\u9fa5]{0,2}(?:以上|以下|左右)?$/, '');
  const words = tokenizeWords(core).filter((w) => [...w].length >= 2);
  const head = words[words.length - 1];
  if (!head) return true;
  const theirs = dutyCore(childText, ctx);
  return theirs.includes(head) || (head.length >= 4 && theirs.includes(head.slice(0, 2)));
}

/**
 * See the module comment. `wordShare` is the similarity stage's word coverage of the pair
 * (`SimilarityMatrix.wcov`): most of the parent's words, in any order, with its action or the head
 * of its object (`开展…监测评估` is not `提升…稳定性`, however many words of the subject they share);
 * `strict` asks for both.
 */
export function isReworded(
  parentText: string,
  childText: string,
  ctx: LocalizeContext,
  wordShare = 0,
  options: Partial<RewordOptions> = {},
  strict = false,
): boolean {
  const o = { ...defaultRewordOptions, ...options };
  const action = () => keepsAction(parentText, childText);
  const head = () => keepsHead(parentText, childText, ctx);
  // Without a place to stand in, the wording must keep both the action and the head of the object.
  if (strict && !(action() && head())) return false;
  if (wordShare >= o.words && (strict || action() || head())) return true;
  const [ps, cs] = rewordShares(parentText, childText, ctx);
  if ((ps >= o.parentShare && cs >= o.childShare) || (ps >= o.bothShare && cs >= o.bothShare)) return true;
  // A generalisation keeps the parent's action and the head of its object, and drops qualifiers.
  return ps >= o.generalParent && cs >= o.generalChild && action() && head();
}

/**
 * A counterpart for a parent phrase no pass matched: a child phrase where the child put the rest
 * of its clause (the child sentences its clause's other phrases matched, and their clauses) that states the
 * same requirement reworded — even one another parent phrase already holds, since a child often
 * merges two clauses into one (`明确…防治布局和任务` inside `合理确定水土保持目标、防治布局和任务`).
 * Without a place to stand in, the words alone must keep both the action and the head of the
 * object. Best word coverage first; null when none is a rewording.
 */
export function rewordedCounterpart(
  i: number,
  parent: Segmented,
  child: Segmented,
  matches: PhraseMatch[],
  sim: SimilarityMatrix,
  ctx: LocalizeContext,
): number | null {
  const clause = parent.sentences[parent.phrases[i].sentence].clause;
  const sentences = new Set<number>();
  for (const ps of parent.sentences) {
    if (ps.clause !== clause) continue;
    for (const k of ps.phrases) {
      const j = matches[k].child ?? matches[k].replacement;
      if (j !== null) sentences.add(child.phrases[j].sentence);
    }
  }
  const clauses = new Set([...sentences].map((k) => child.sentences[k].clause));
  let best: number | null = null;
  let bestShare = 0;
  for (const c of child.phrases) {
    const cs = child.sentences[c.sentence];
    if (!sentences.has(c.sentence) && !clauses.has(cs.clause)) continue;
    const share = wcovOf(sim, i, c.index);
    if (share <= bestShare || !isReworded(parent.phrases[i].text, c.text, ctx, share, {}, true)) continue;
    [best, bestShare] = [c.index, share];
  }
  return best;
}
