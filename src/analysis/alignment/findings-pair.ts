/**
 * One parent requirement against its child counterpart: quantities (changed, loosened, dropped),
 * force (weakened on the scale of `force.ts`), deadlines (later, earlier, gone), who carries it
 * (`actor-changes.ts`) and list members the child dropped. Pushes the findings it makes.
 */
import { compareActors } from './actor-changes.js';
import type { PhraseActors } from './actors.js';
import { compareTiming, type PlanYears } from './deadlines.js';
import type { Exclusions } from './exclusions.js';
import type { PhraseFacts } from './facts.js';
import { describeQuantity, describeTiming, describeWeakening } from './findings-text.js';
import { compareForce, cueMoved, phraseForce, verbVanished } from './force.js';
import { droppedItems } from './items.js';
import type { LocalizeContext } from './localize.js';
import { compareQuantities } from './quantities.js';
import type { Phrase, Segmented } from './segment.js';
import { phrasesSide, sideOf } from './sides.js';
import type { Finding, FindingSide } from './types.js';

/** The child phrase and the child's deadline of each deadline finding: one change, however many parent phrases restate it. */
const DEADLINE_KEYS = new WeakMap<Finding, string>();

/**
 * Deadline findings of one change: the parent states a target in its summary and again in its
 * clause, and both meet the child's one deadline (`到2027年…2.5万亩`). One finding is kept — the
 * one whose parent clause is the child's clause, else the first.
 */
export function dedupeDeadlines(findings: Finding[]): Finding[] {
  const best = new Map<string, Finding>();
  for (const f of findings) {
    const key = DEADLINE_KEYS.get(f);
    if (!key) continue;
    const cur = best.get(key);
    if (!cur || (cur.parent?.clause !== cur.child?.clause && f.parent?.clause === f.child?.clause)) best.set(key, f);
  }
  return findings.filter((f) => {
    const key = DEADLINE_KEYS.get(f);
    return !key || best.get(key) === f;
  });
}

/** What every pair comparison of one alignment shares. */
export interface PairContext {
  parent: Segmented;
  child: Segmented;
  ctx: LocalizeContext;
  pf: (i: number) => PhraseFacts;
  cf: (j: number) => PhraseFacts;
  pActors: Map<number, PhraseActors>;
  cActors: Map<number, PhraseActors>;
  /** Levels of the child and of the parent (3 county, 2 city, 1 province). */
  own: number | null;
  author: number | null;
  exclusions: Exclusions;
  /** Parent sentences about another place (their list members are never reported). */
  sentenceExcluded: Map<number, string | null>;
  /** Parent cues (offsets) and child wordings already reported weakened: a cue governs several phrases, one finding. */
  reportedCues: Set<number | string>;
  /** Parent sentences with an actor finding (one per sentence). */
  actorReported: Set<number>;
  /** The years the two plans' relative deadlines (`当年年底前`) refer to: their issue years. */
  years: PlanYears;
  /** Deadline changes already reported per parent sentence (sentence, parent year, child deadline). */
  deadlinesSeen: Set<string>;
  push: (f: Finding, sentence: number) => void;
}

/** How the child phrase came to be the counterpart. */
export interface PairKind {
  /** A child phrase standing in the parent's place that is NOT the same requirement reworded. */
  rewrite: boolean;
  /** The child phrase is a replacement or a counterpart found after matching (reworded, not matched). */
  reworded: boolean;
  similarity: number;
}

/** Compares parent phrase `i` with child phrase `j`; returns how many findings it pushed. */
export function comparePair(x: PairContext, i: number, j: number, kind: PairKind): number {
  const { parent, child } = x;
  const p = parent.phrases[i];
  const c = child.phrases[j];
  const sentence = parent.sentences[p.sentence];
  const cSentence = child.sentences[c.sentence];
  // A clause about another place is not the child's business, whatever the child wrote there.
  if (x.sentenceExcluded.get(p.sentence)) return 0;
  const base = { parent: phrasesSide(parent, i, i), child: phrasesSide(child, j, j), similarity: kind.similarity };
  let n = 0;
  const push = (f: Finding) => {
    x.push(f, p.sentence);
    n++;
  };
  const quantities = compareQuantities(x.pf(i), c, x.cf(j), { ctx: x.ctx, parent: parent.doc, child: child.doc, pSentence: sentence });
  for (const q of quantities) push({ ...base, ...describeQuantity(q) });
  const pForce = phraseForce(sentence, p);
  const w = compareForce(pForce, phraseForce(cSentence, c), cueMoved(pForce, sentence.text, cSentence.text), kind.rewrite || kind.reworded);
  // One finding per parent cue, and per child wording (`可结合实际编制…` stands for three parent clauses).
  const cueKey = w ? (w.cueAt ?? `c${j}:${w.to}`) : null;
  if (w && cueKey !== null && !x.reportedCues.has(cueKey) && !(w.kind === 'intensifier' && quantities.length)) {
    x.reportedCues.add(cueKey);
    push({ ...base, kind: 'weakened', severity: w.severity, detail: describeWeakening(w) });
  } else if (!w && !kind.rewrite && verbVanished(x.pf(i).directive, p, sentence.text, c.text, cSentence.text)) {
    push({ ...base, kind: 'weakened', severity: 'medium', detail: `删去了动作“${x.pf(i).directive}”，不再要求这样做。` });
  }
  const dropped = quantities.some((q) => q.kind === 'weakened');
  for (const t of compareTiming(p, x.pf(i), sentence, c, x.cf(j), cSentence, x.ctx, dropped, x.years)) {
    // One deadline moved is one finding for its sentence, however many targets it governs (`到2025年,…,…`).
    const year = (text: string) => text.match(/\d{4}/)?.[0] ?? text;
    const once = `${p.sentence}|${year(t.parent)}|${year(t.child)}`;
    if (t.change !== 'cycle' && x.deadlinesSeen.has(once)) continue;
    x.deadlinesSeen.add(once);
    const f: Finding = { ...base, kind: 'deadline_changed', severity: t.severity, detail: describeTiming(t) };
    DEADLINE_KEYS.set(f, `${j}|${t.change}|${t.child.match(/\d{4}/)?.[0] ?? t.child}`);
    push(f);
  }
  if (!kind.rewrite && !x.actorReported.has(p.sentence)) {
    const a = compareActors(x.pActors.get(i)!, x.cActors.get(j)!, x.own, x.author);
    if (a) {
      x.actorReported.add(p.sentence);
      push({ ...base, kind: 'actor_changed', severity: a.severity, detail: a.detail });
    }
  }
  if (!kind.rewrite && !x.sentenceExcluded.get(p.sentence)) n += reportDroppedItems(x, p, c, base.child, kind.similarity);
  return n;
}

/** List members the child dropped from a kept requirement (`地形地貌景观重塑` from a list of restoration works). */
function reportDroppedItems(x: PairContext, p: Phrase, c: Phrase, cSide: FindingSide, similarity: number): number {
  const sentence = x.parent.sentences[p.sentence];
  const actorSpans = sentence.frame.actors.map((a) => a.list);
  let n = 0;
  for (const item of droppedItems(p.text, c.text)) {
    const start = p.start + item.start;
    const end = p.start + item.end;
    if (actorSpans.some((s) => start < s.end && s.start < end)) continue;
    if (x.exclusions.phraseReason(item.text)) continue;
    // Deadlines are compared as timing, not as list members.
    if (sentence.frame.timing.some((t) => t.start < end && start < t.end)) continue;
    const detail = `本级文件保留了这项要求，但删去了其中的“${item.text}”。`;
    x.push({ kind: 'missing', severity: 'medium', parent: sideOf(x.parent, p.sentence, start, end), child: cSide, detail, similarity }, p.sentence);
    n++;
  }
  return n;
}
