/** The evaluation runner end to end on a few synthetic children (numbers themselves are reported, not asserted here). */
import { describe, expect, it } from 'vitest';
import { formatAlignEvalTable, runAlignmentEval } from './run.js';

describe('runAlignmentEval', () => {
  it('scores synthetic children and the gold, with timing and targets', async () => {
    const report = await runAlignmentEval({ syntheticCount: 2 });
    expect(report.synthetic.children).toBe(2);
    expect(report.synthetic.byKind.map((k) => k.kind)).toEqual(['missing', 'weakened', 'target_changed', 'deadline_changed', 'actor_changed', 'added']);
    expect(report.synthetic.byKind.find((k) => k.kind === 'missing')!.expected).toBe(8);
    expect(report.gold?.mustFlag).toBeGreaterThan(30);
    expect(report.timing.pairs).toBe(3);
    // The timing pair: two documents of at least 20 KB each (the corpus plans are smaller).
    expect(report.timing.large?.parentBytes).toBeGreaterThanOrEqual(20_480);
    expect(report.timing.large?.childBytes).toBeGreaterThanOrEqual(20_480);
    expect(report.targets.map((t) => t.name)).toContain('ms to align two 20 KB documents');
    expect(report.targets.map((t) => t.name)).toContain('gold false missing');
    const table = formatAlignEvalTable(report);
    expect(table).toContain('target_changed');
    expect(table).toMatch(/gold 002_b09ca083261ba923\.txt vs 004_01ad0f74c71dd3d5\.txt/);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
  it('skips the gold when the file is absent', async () => {
    const report = await runAlignmentEval({ syntheticCount: 1, goldPath: 'evals/does-not-exist.json', largeBytes: 0 });
    expect(report.gold).toBeNull();
    expect(report.timing.large).toBeNull();
  });
});
