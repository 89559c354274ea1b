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
    // Two synthetic children, the gold pair, and the four hand-written children.
    expect(report.timing.pairs).toBe(3 + report.children.length);
    expect(report.children.map((c) => c.child)).toEqual(['child-city.txt', 'child-county.txt', 'child-district.txt', 'child-faithful.txt']);
    expect(report.children.filter((c) => c.faithful).map((c) => c.child)).toEqual(['child-faithful.txt']);
    const city = report.children[0];
    expect(city.byKind.find((k) => k.kind === 'missing')!.expected).toBe(5);
    expect(report.checks.selfFindings).toBe(0);
    expect(report.checks.unrelated).toMatchObject({ child: '003_771f313df9559ae5.txt', warned: true, listed: 0 });
    expect(report.targets.map((t) => t.name)).toContain('child-city missing precision');
    expect(report.targets.map((t) => t.name)).toContain('parent against itself: findings');
    // The timing pair: two documents of at least 20 KB each (the corpus plans are smaller).
    expect(report.timing.large?.parentBytes).toBeGreaterThanOrEqual(20_480);
    expect(report.timing.large?.childBytes).toBeGreaterThanOrEqual(20_480);
    expect(report.targets.map((t) => t.name)).toContain('ms to align two 20 KB documents');
    expect(report.targets.map((t) => t.name)).toContain('gold false missing');
    const table = formatAlignEvalTable(report);
    expect(table).toContain('target_changed');
    expect(table).toMatch(/gold 002_b09ca083261ba923\.txt vs 004_01ad0f74c71dd3d5\.txt/);
    expect(table).toContain('hand-written child child-faithful.txt (faithful)');
    expect(table).toContain('parent against itself: 0 findings');
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
  it('skips the gold when the file is absent', async () => {
    const report = await runAlignmentEval({ syntheticCount: 1, goldPath: 'evals/does-not-exist.json', largeBytes: 0, unrelatedId: null });
    expect(report.gold).toBeNull();
    expect(report.children).toEqual([]);
    expect(report.checks.unrelated).toBeNull();
    expect(report.timing.large).toBeNull();
  });
});
