/** `policy align` helpers: format choice, argument resolution, the summary line. */
import { beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { alignDocuments } from '../../analysis/alignment/align.js';
import { corpusDoc } from '../../testing/alignment-corpus.js';
import type { AlignmentReport } from '../../analysis/alignment/types.js';
import { alignArgument, alignFormat, summaryLine } from './align.js';

let report: AlignmentReport;
beforeAll(async () => {
  report = alignDocuments(await corpusDoc('002'), await corpusDoc('004'));
});

describe('alignFormat', () => {
  it('takes the flag, else the --out extension, else json with --json, else Markdown', () => {
    expect(alignFormat({ html: true }, false)).toBe('html');
    expect(alignFormat({ out: 'r.html' }, false)).toBe('html');
    expect(alignFormat({ out: 'r.json' }, false)).toBe('json');
    expect(alignFormat({}, true)).toBe('json');
    expect(alignFormat({}, false)).toBe('md');
    expect(() => alignFormat({ html: true, md: true }, false)).toThrow(/one of/);
    expect(() => alignFormat({ html: true }, true)).toThrow(/one of/);
    expect(alignFormat({ html: true, out: 'r.html' }, true)).toBe('html');
  });
});

describe('alignArgument', () => {
  it('keeps ids, turns existing files into absolute paths, leaves unknown names to the workspace', () => {
    const ids = new Set(['002_b09ca083261ba923.txt']);
    expect(alignArgument('002_b09ca083261ba923.txt', ids)).toBe('002_b09ca083261ba923.txt');
    expect(alignArgument('corpus/004_01ad0f74c71dd3d5.txt', ids)).toBe(resolve('corpus/004_01ad0f74c71dd3d5.txt'));
    expect(alignArgument('nope.txt', ids)).toBe('nope.txt');
  });
});

describe('summaryLine', () => {
  it('counts obligations and findings by kind', () => {
    const line = summaryLine(report);
    expect(line).toContain('002_b09ca083261ba923.txt ↔ 004_01ad0f74c71dd3d5.txt');
    expect(line).toContain(`上级要求 ${report.summary.parentObligations} 项`);
    expect(line).toMatch(/指标变化 \d+/);
  });
});
