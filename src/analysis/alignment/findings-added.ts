/**
 * `added`: runs of child phrases that no parent phrase matched, whose content is not the
 * parent's, and that are not the child restating the parent's own tasks (`全面承接我县任务`,
 * `按照全省部署` — `zh/level-tasks.ts`).
 */
import { IMPLEMENTATION_GLUE } from '../../zh/level-tasks.js';
import type { FindingOptions } from './findings.js';
import type { PhraseMatch } from './match.js';
import type { Segmented } from './segment.js';
import type { SimilarityMatrix } from './similarity.js';
import { phrasesSide } from './sides.js';
import type { Finding } from './types.js';

const contentLength = (t: string) => t.replace(/[^\p{L}\p{N}]/gu, '').length;
const GLUE = new RegExp(IMPLEMENTATION_GLUE.join('|'));

/** Consecutive indices with the same key, as runs. */
export function runs(indices: number[], key: (i: number) => number): number[][] {
  const out: number[][] = [];
  for (const i of indices) {
    const last = out[out.length - 1];
    if (last && last[last.length - 1] === i - 1 && key(last[0]) === key(i)) last.push(i);
    else out.push([i]);
  }
  return out;
}

/** Appends the `added` findings to `findings`. */
export function addAdded(
  parent: Segmented,
  child: Segmented,
  matches: PhraseMatch[],
  sim: SimilarityMatrix,
  explained: Set<number>,
  opts: FindingOptions,
  findings: Finding[],
): void {
  const C = child.phrases.length;
  // How much of each child phrase is the parent's at best: a phrase mostly made of the parent's words is never `added`.
  const maxPrec = new Float32Array(C);
  for (const row of sim.rows) row.cols.forEach((j, k) => (maxPrec[j] = Math.max(maxPrec[j], row.prec[k])));
  const used = new Set(matches.map((m) => m.child).filter((j): j is number => j !== null));
  const replaced = new Map(matches.filter((m) => m.child === null && m.replacement !== null).map((m) => [m.replacement!, m.parent]));
  const candidates = child.phrases
    .filter((c) => !used.has(c.index) && !explained.has(c.index) && !c.boilerplate && !c.scope && !GLUE.test(c.text))
    .filter((c) => contentLength(c.text) >= opts.minChars && (replaced.has(c.index) || maxPrec[c.index] < opts.addedMaxPrec))
    .filter((c) => child.sentences[c.sentence].duty && !child.sentences[c.sentence].boilerplate && !child.sentences[c.sentence].preamble)
    .map((c) => c.index);
  for (const run of runs(candidates, (j) => child.phrases[j].sentence)) {
    const instead = run.map((j) => replaced.get(j)).find((i): i is number => i !== undefined);
    findings.push({
      kind: 'added',
      severity: 'low',
      parent: instead !== undefined ? phrasesSide(parent, instead, instead) : null,
      child: phrasesSide(child, run[0], run[run.length - 1]),
      detail: instead !== undefined ? `本级文件以此替换了上级文件的“${parent.phrases[instead].text}”。` : '本级文件新增的内容，上级文件没有对应要求。',
      similarity: null,
    });
  }
}
