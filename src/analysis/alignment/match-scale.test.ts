/**
 * Alignment of a large-ish child (a synthetic child of 004 followed by 300 near-identical
 * clauses, about 47 KB): the shape that made the local pass quadratic in the child. The result
 * is the same on every run and the same as before the local pass was made linear (the
 * fingerprint below was recorded before that change: update it only for a deliberate change of
 * the findings), and the per-parent-phrase counterpart check agrees with the full scan it
 * replaced on every pair.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateSyntheticChild } from '../../evals/align/synthetic.js';
import type { ParsedDocument } from '../../ingest/types.js';
import { corpusDoc, docFromText } from '../../testing/alignment-corpus.js';
import { alignDocuments } from './align.js';
import { placeAnchors } from './match-anchors.js';
import { createMatchRun, isAnchored, type MatchRun, ownCounterpartBest, scoreOf } from './match-context.js';
import { localizeContext } from './localize.js';
import { segmentDocument } from './segment.js';
import { computeSimilarity } from './similarity.js';
import type { AlignmentReport } from './types.js';

let parent: ParsedDocument;
let child: ParsedDocument;
let report: AlignmentReport;

beforeAll(async () => {
  parent = await corpusDoc('004');
  const syn = generateSyntheticChild(parent, { seed: 7 });
  const lines = Array.from({ length: 300 }, (_, i) => `（${i + 1}）加强水土保持监督管理，县水利局牵头，每季度向县政府报告工作进展。`);
  child = docFromText('large-child.txt', `${syn.text}\n八、其他事项\n${lines.join('\n')}\n`);
  report = alignDocuments(child, parent);
});

/** What a reviewer reads, compactly: the outcome counts, the findings by kind and a hash of every finding. */
function fingerprint(r: AlignmentReport) {
  const kinds: Record<string, number> = {};
  for (const f of r.findings) kinds[f.kind] = (kinds[f.kind] ?? 0) + 1;
  const { byChapter: _, ...summary } = r.summary;
  const hash = createHash('sha256')
    .update(JSON.stringify([r.findings, r.obligations, r.pairs]))
    .digest('hex')
    .slice(0, 16);
  return { summary, kinds, pairs: r.pairs.length, hash };
}

describe('a large child of near-identical clauses', () => {
  it('aligns the same way on every run', () => {
    expect(alignDocuments(child, parent)).toEqual(report);
  });

  it('gives the findings it gave before the local pass was made linear', () => {
    expect(fingerprint(report)).toMatchInlineSnapshot(`
      {
        "hash": "996b2a62fede3186",
        "kinds": {
          "actor_changed": 1,
          "added": 202,
          "deadline_changed": 1,
          "missing": 4,
          "target_changed": 3,
          "weakened": 3,
        },
        "pairs": 79,
        "summary": {
          "added": 202,
          "changed": 5,
          "coverage": 0.95,
          "covered": 68,
          "missing": 4,
          "parentObligations": 80,
          "weakened": 3,
        },
      }
    `);
  });

  it('finds each parent phrase its own counterpart elsewhere exactly as the full scan did', () => {
    const ctx = localizeContext(child, parent);
    const ps = segmentDocument(parent, ctx);
    const cs = segmentDocument(child, ctx, { preamble: true });
    const run: MatchRun = createMatchRun(ps, cs, computeSimilarity(ps.phrases, cs.phrases));
    placeAnchors(run);
    // The scan the check replaced: an unanchored child phrase, clearly better than `s`, whose best parent phrase is `i`.
    const scan = (i: number, s: number) => {
      for (let c = 0; c < run.C; c++)
        if (!isAnchored(run, c) && scoreOf(run, i, c) >= s + run.opts.ownMargin && scoreOf(run, i, c) + 1e-9 >= run.colBest[c]) return true;
      return false;
    };
    const best = ownCounterpartBest(run);
    let checked = 0;
    for (let i = 0; i < run.P; i++)
      for (let c = 0; c < run.C; c += 7) {
        const s = scoreOf(run, i, c);
        expect(best[i] >= s + run.opts.ownMargin, `parent ${i} child ${c}`).toBe(scan(i, s));
        checked++;
      }
    expect(checked).toBeGreaterThan(1000);
  });
});
