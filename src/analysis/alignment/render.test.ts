/** Markdown and HTML reports: the findings are there, by severity, anchored, and every text is escaped. */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { alignDocuments } from './align.js';
import { REPORT_STYLE, escapeHtml, renderAlignmentHtml, renderAlignmentMarkdown } from './render.js';
import { corpusDoc } from '../../testing/alignment-corpus.js';
import type { AlignmentReport } from './types.js';

let report: AlignmentReport;

beforeAll(async () => {
  report = alignDocuments(await corpusDoc('002'), await corpusDoc('004'));
});

/** The report with a hostile quote and detail, as an uploaded file could produce. */
function hostile(r: AlignmentReport): AlignmentReport {
  const k = r.findings.findIndex((x) => x.child);
  const f = r.findings[k];
  return {
    ...r,
    child: { ...r.child, title: '<img src=x onerror=alert(1)>' },
    findings: r.findings.map((x, i) =>
      i === k ? { ...f, detail: 'a <script>alert("x")</script> | *b*', child: f.child && { ...f.child, quote: '</blockquote><script>1</script>' } } : x,
    ),
  };
}

describe('renderAlignmentHtml', () => {
  it('is one self-contained page with the findings by severity, the summary and side-by-side quotes', () => {
    const html = renderAlignmentHtml(report);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('lang="zh-CN"');
    expect(html).not.toMatch(/<script|<link|src=["']?http/i);
    for (const label of ['总体情况', '分章覆盖', '未落实', '指标变化', '要求弱化', '本级新增']) expect(html).toContain(label);
    expect(html).toContain('66.18%');
    expect(html).toContain('56.04%');
    expect(html).toContain('忻州市');
    expect(html).toContain('id="sev-high"');
    expect(html.indexOf('id="sev-high"')).toBeLessThan(html.indexOf('id="summary"'));
    expect(html).toContain('id="clause-一"');
    expect(html).toContain('href="#chapter-一"');
    expect((html.match(/class="finding"/g) ?? []).length).toBe(report.findings.length);
  });
  it('escapes quotes, details and titles', () => {
    const html = renderAlignmentHtml(hostile(report));
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;/blockquote&gt;&lt;script&gt;1&lt;/script&gt;');
  });
});

describe('renderAlignmentHtml on any text', () => {
  it('escapes every text from the documents', () => {
    const f = report.findings[0];
    fc.assert(
      fc.property(fc.string(), (text) => {
        const evil = `<script>alert(1)</script>${text}"'&`;
        const html = renderAlignmentHtml({
          ...report,
          findings: [{ ...f, kind: 'added', parent: null, child: f.child && { ...f.child, clause: evil, quote: evil }, detail: evil }],
        });
        expect(html).not.toContain('<script>');
        expect(html).toContain(escapeHtml(evil));
      }),
      { numRuns: 50 },
    );
  });

  it('embeds exactly the stylesheet whose hash the API allows', () => {
    const style = /<style>([\s\S]*?)<\/style>/.exec(renderAlignmentHtml(report))![1];
    expect(createHash('sha256').update(style).digest('base64')).toBe(createHash('sha256').update(REPORT_STYLE).digest('base64'));
  });
});

describe('renderAlignmentMarkdown', () => {
  it('lists every finding by severity, high first, with its kind and both quotes', () => {
    const md = renderAlignmentMarkdown(report);
    expect(md).toMatch(/^# 对照报告：/);
    expect(md).toContain('| 上级要求 | 已落实 |');
    expect(md).toContain('## 需要处理的问题');
    expect(md).toMatch(/\*\*\[高\] 指标变化\*\* 一/);
    expect(md.indexOf('## 需要处理的问题')).toBeLessThan(md.indexOf('## 总体情况'));
    expect(md.indexOf('[高]')).toBeLessThan(md.indexOf('[低]'));
    expect(md).toContain('> 全水土保持率达到56.04%');
    expect((md.match(/^- \*\*\[/gm) ?? []).length).toBe(report.findings.length);
  });
  it('escapes Markdown and HTML in quotes and details', () => {
    const md = renderAlignmentMarkdown(hostile(report));
    expect(md).not.toContain('<script>');
    expect(md).toContain('&lt;script&gt;');
    expect(md).toContain('\\| \\*b\\*');
  });
  it('calls a sibling standing in for an absent parent a reference, not the parent', () => {
    expect(renderAlignmentMarkdown(report)).toContain('- 上级文件：');
    const sibling = { ...report, parentSource: 'sibling' as const, notes: ['本文件落实的上级文件 晋自然资发〔2022〕9号 未入库，无法直接比对。'] };
    const md = renderAlignmentMarkdown(sibling);
    expect(md).toContain('- 参照文件（同级）：');
    expect(md).not.toContain('- 上级文件：');
    expect(md).toContain('未入库');
    expect(renderAlignmentHtml(sibling)).toContain('参照文件（同级）');
  });
  it('lists what the child may leave out with the reason, and every parent obligation', () => {
    const md = renderAlignmentMarkdown(report);
    expect(report.excluded.length).toBeGreaterThan(0);
    expect(md).toContain('## 不适用于本级的上级要求');
    expect(md).toContain('## 逐条落实情况');
    const table = md.slice(md.indexOf('## 逐条落实情况'));
    expect((table.match(/^\| [^|]+ \| [^|]+ \| (已落实|弱化|有变化|未落实|不适用)/gm) ?? []).length).toBe(report.obligations.length);
    expect(renderAlignmentHtml(report)).toContain('id="obligations"');
  });
  it('warns, instead of listing findings, when the pair does not look like parent and child', () => {
    const unrelated = { ...report, relation: { related: false, coverage: 0.02, withheld: 130 }, findings: [] };
    expect(renderAlignmentMarkdown(unrelated)).toContain('这两份文件看起来不是上下级关系');
    expect(renderAlignmentMarkdown(unrelated)).not.toContain('未发现差异');
    expect(renderAlignmentHtml(unrelated)).toContain('class="warning"');
  });
  it('says so when there is nothing to report', () => {
    expect(renderAlignmentMarkdown({ ...report, findings: [] })).toContain('未发现差异');
    expect(renderAlignmentHtml({ ...report, findings: [] })).toContain('未发现差异');
  });
});
