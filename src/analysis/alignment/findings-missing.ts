/**
 * Parent requirements with no counterpart in the child: runs of unmatched phrases of one sentence
 * are one `missing` finding — unless the child may leave them out (`exclusions.ts`: listed as
 * excluded with the reason), the child restates their target elsewhere (`…扶持1000个…专业户的…部署`),
 * or the phrase only states the role of a body the child replaced (part of that actor change).
 */
import { ROLE_PHRASE } from '../../zh/departments.js';
import { AIM_PHRASE } from '../../zh/level-tasks.js';
import { runs } from './findings-added.js';
import type { PairContext } from './findings-pair.js';
import { phraseForce } from './force.js';
import type { PhraseMatch } from './match.js';
import { statedAnywhere } from './quantities.js';
import { dutyCore } from './rewording.js';
import { phrasesSide } from './sides.js';
import type { FindingSide } from './types.js';

/** A parent requirement the child may leave out and did. */
export interface Excluded {
  parent: FindingSide;
  sentence: number;
  /** Parent phrases of the run. */
  phrases: number[];
  reason: string;
}

const contentLength = (t: string) => t.replace(/[^\p{L}\p{N}]/gu, '').length;

/**
 * Pushes the missing findings of the unmatched parent phrases `missing`; returns the excluded
 * runs. `compared` holds the parent phrases that found a counterpart: a target the parent states
 * twice (its summary and its clause) is one requirement, reported where the child kept it.
 */
export function reportMissing(x: PairContext, matches: PhraseMatch[], missing: number[], compared: Set<number>, minChars: number): Excluded[] {
  const { parent, child } = x;
  const excluded: Excluded[] = [];
  const amounts = (i: number) => x.pf(i).targets.map((t) => `${t.value}${t.unit}`);
  const keptElsewhere = new Set([...compared].flatMap(amounts));
  const reportable = (i: number) => {
    const p = parent.phrases[i];
    const s = parent.sentences[p.sentence];
    if (p.scope || p.boilerplate || contentLength(p.text) < minChars || !(s.duty || x.pf(i).targets.length > 0)) return false;
    const targets = x.pf(i).targets;
    if (targets.length && targets.every((t) => statedAnywhere(child.doc, t.valueText, t.unit, t.metric ?? '', x.ctx))) return false;
    if (targets.length && amounts(i).every((a) => keptElsewhere.has(a))) return false;
    return !(x.actorReported.has(p.sentence) && ROLE_PHRASE.test(dutyCore(p.text, x.ctx)));
  };
  const reasonOf = (i: number) =>
    x.sentenceExcluded.get(parent.phrases[i].sentence) ??
    x.exclusions.phraseReason(parent.phrases[i].text) ??
    (AIM_PHRASE.test(parent.phrases[i].text) && !x.pf(i).targets.length ? '目标性表述（发挥作用、彰显、弘扬等），无具体任务，本级未单列' : null);
  // Runs of one sentence and one verdict: an excluded phrase never takes its neighbours with it.
  for (const run of runs(missing.filter(reportable), (i) => parent.phrases[i].sentence * 2 + (reasonOf(i) ? 1 : 0))) {
    const s = parent.phrases[run[0]].sentence;
    const side = phrasesSide(parent, run[0], run[run.length - 1]);
    const reason = reasonOf(run[0]);
    if (reason) {
      excluded.push({ parent: side, sentence: s, phrases: run, reason });
      continue;
    }
    const reps = run.map((i) => matches[i].replacement).filter((j): j is number => j !== null);
    const childSide = reps.length ? phrasesSide(child, Math.min(...reps), Math.min(...reps)) : null;
    const strong = run.some((i) => phraseForce(parent.sentences[s], parent.phrases[i]).rank >= 4 || x.pf(i).targets.length > 0);
    x.push(
      {
        kind: 'missing',
        severity: strong ? 'high' : 'medium',
        parent: side,
        child: childSide,
        detail: childSide
          ? `上级文件的这项要求在本级文件中没有对应内容，原位置改写为“${child.phrases[reps[0]].text}”。`
          : '上级文件的这项要求在本级文件中没有对应内容。',
        similarity: null,
      },
      s,
    );
  }
  return excluded;
}
