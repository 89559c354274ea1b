/** Scoring findings against expectations, and the gold file. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../analysis/alignment/types.js';
import { alignDocuments } from '../../analysis/alignment/align.js';
import { corpusDoc } from '../../testing/alignment-corpus.js';
import { locateQuote, readAlignGold, scoreGold } from './gold.js';
import { matchesExpectation, scoreFindings, sumScores, type LocatedExpectation } from './score.js';

const side = (start: number, end: number) => ({ clause: '一', heading: '', quote: 'x'.repeat(end - start), start, end });
const finding = (kind: Finding['kind'], p: [number, number] | null, c: [number, number] | null = null): Finding => ({
  kind,
  severity: 'medium',
  parent: p && side(...p),
  child: c && side(...c),
  detail: '',
  similarity: null,
});

describe('scoreFindings', () => {
  const expected: LocatedExpectation[] = [
    { kind: 'missing', parent: { start: 10, end: 20 }, child: null, label: 'a' },
    { kind: 'missing', parent: { start: 50, end: 60 }, child: null, label: 'b' },
    { kind: 'added', parent: null, child: { start: 5, end: 9 }, label: 'c' },
  ];
  it('matches by kind and overlap on the defining side', () => {
    expect(matchesExpectation(finding('missing', [15, 30]), expected[0])).toBe(true);
    expect(matchesExpectation(finding('missing', [20, 30]), expected[0])).toBe(false);
    expect(matchesExpectation(finding('weakened', [15, 30]), expected[0])).toBe(false);
    expect(matchesExpectation(finding('added', null, [8, 12]), expected[2])).toBe(true);
  });
  it('computes precision and recall per kind', () => {
    const scores = scoreFindings([finding('missing', [15, 30]), finding('missing', [100, 110]), finding('added', null, [0, 6])], expected);
    const missing = scores.find((s) => s.kind === 'missing')!;
    expect(missing).toMatchObject({ expected: 2, predicted: 2, truePositives: 1, found: 1, precision: 0.5, recall: 0.5 });
    expect(scores.find((s) => s.kind === 'added')).toMatchObject({ precision: 1, recall: 1 });
    expect(scores.find((s) => s.kind === 'weakened')).toMatchObject({ precision: null, recall: null });
    expect(sumScores([scores, scores]).find((s) => s.kind === 'missing')).toMatchObject({ expected: 4, predicted: 4, precision: 0.5 });
  });
});

describe('the 002-vs-004 gold', () => {
  it('is located in the corpus, and the aligner flags every mustFlag item with at most one false missing', async () => {
    const gold = readAlignGold(join(process.cwd(), 'evals/align/gold-002-004.json'));
    const child = await corpusDoc('002');
    const parent = await corpusDoc('004');
    expect(locateQuote(parent, '全省水土保持率达到 66.18%', '一')).not.toBeNull();
    const score = scoreGold(alignDocuments(child, parent).findings, gold, child, parent);
    expect(score.unlocated).toBe(0);
    expect(score.unflagged).toEqual([]);
    expect(score.falseMissing).toBeLessThanOrEqual(1);
    expect(score.violations).toEqual([]);
  });
});
