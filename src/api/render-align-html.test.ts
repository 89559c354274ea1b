/** The HTML alignment report: grouping, anchors, escaping. */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AlignmentReport, Finding } from '../analysis/alignment/types.js';
import { REPORT_STYLE, chapterOf, escapeHtml, renderAlignmentHtml } from './render-align-html.js';

const side = (clause: string, quote: string) => ({ clause, heading: '加强监管', quote, start: 0, end: quote.length });

function report(findings: Finding[]): AlignmentReport {
  return {
    child: { id: 'child.txt', title: '宁武县<b>方案</b>', level: '县', region: '宁武县', external: false },
    parent: { id: 'parent.txt', title: '山西省方案', level: '省', region: '山西省', external: false },
    parentSource: 'index',
    notes: ['上级文件引用的《意见》不在文件库中'],
    summary: { parentObligations: 3, covered: 1, weakened: 0, changed: 1, missing: 1, added: 0, coverage: 0.667, byChapter: [{ clause: '二', heading: '预防保护', obligations: 3, covered: 1, weakened: 0, changed: 1, missing: 1 }] },
    findings,
    pairs: [{ parent: side('二（一）', '甲'), child: side('二（一）', '乙'), similarity: 0.8 }],
  };
}

describe('renderAlignmentHtml', () => {
  it('groups findings by kind then chapter, with both quotes side by side', () => {
    const html = renderAlignmentHtml(
      report([
        { kind: 'missing', severity: 'medium', parent: side('二（三）', '严格水土保持监督'), child: null, detail: '未落实', similarity: null },
        { kind: 'target_changed', severity: 'high', parent: side('一', '全省水土保持率达到 66.18%'), child: side('一', '全县水土保持率达到56.04%'), detail: '水土保持率 66.18% → 56.04%', similarity: 0.9 },
      ]),
    );
    expect(html.indexOf('id="kind-target_changed"')).toBeLessThan(html.indexOf('id="kind-missing"'));
    expect(html).toContain('<h3>二、预防保护</h3>');
    expect(html).toContain('<h3>一、加强监管</h3>');
    expect(html).toMatch(/<div class="side parent">.*66\.18%.*<\/div><div class="side child">.*56\.04%/s);
    expect(html).toContain('（无对应条款）');
    expect(html).toContain('id="p-二（三）"');
    expect(html).toContain('href="#kind-missing"');
    expect(html).toContain('覆盖率 <strong>66.7%</strong>');
  });

  it('gives repeated clauses distinct anchors', () => {
    const f: Finding = { kind: 'weakened', severity: 'low', parent: side('三（一）', 'a'), child: side('三（一）', 'b'), detail: 'x', similarity: 0.5 };
    const html = renderAlignmentHtml(report([f, f]));
    expect(html).toContain('id="p-三（一）"');
    expect(html).toContain('id="p-三（一）-2"');
  });

  it('escapes every text from the documents', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const evil = `<script>alert(1)</script>${text}"'&`;
        const html = renderAlignmentHtml(report([{ kind: 'added', severity: 'low', parent: null, child: side(evil, evil), detail: evil, similarity: null }]));
        expect(html).not.toContain('<script>');
        expect(html).not.toContain('<b>');
        expect(html).toContain(escapeHtml(evil));
      }),
      { numRuns: 50 },
    );
  });

  it('embeds exactly the stylesheet whose hash the route allows', () => {
    const html = renderAlignmentHtml(report([]));
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
    expect(createHash('sha256').update(style).digest('base64')).toBe(createHash('sha256').update(REPORT_STYLE).digest('base64'));
    expect(html).toContain('未发现差异');
  });
});

describe('chapterOf', () => {
  it('takes the top-level part of a clause path', () => {
    expect(chapterOf('四（三）')).toBe('四');
    expect(chapterOf('二（一）2')).toBe('二');
    expect(chapterOf('附件2')).toBe('附件2');
    expect(chapterOf('第五条')).toBe('第五条');
    expect(chapterOf('')).toBe('');
  });
});
