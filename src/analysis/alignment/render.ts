/**
 * Reports of an AlignmentReport for people: Markdown (for a ticket or a document) and a
 * self-contained HTML page (`render-html.ts`). Both lead with what a reviewer must act on: the
 * warning when the pair does not look like parent and child, then the findings by severity
 * (high first) and within a severity in the parent's clause order; then the summary, the parent
 * requirements the child may leave out (with the reason), and every parent obligation with its
 * outcome. Every text is escaped: quotes come from uploaded files.
 */
import { FINDING_LABELS, PARENT_SOURCE_LABELS, SEVERITY_LABELS } from './kinds.js';
import { findingsOf, OUTCOME_LABELS, pageNote, parentLabel, pct, relationOf, SEVERITY_SECTIONS } from './render-common.js';
import type { AlignmentReport, FindingSide } from './types.js';

export { escapeHtml, REPORT_STYLE, renderAlignmentHtml } from './render-html.js';
export { OUTCOME_LABELS, pageNote, SEVERITY_SECTIONS, withReportPages, type PagedSide } from './render-common.js';

// ---------------------------------------------------------------- Markdown

/** Escapes text for Markdown (and for renderers that allow raw HTML). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]|#]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function mdQuote(side: FindingSide | null, who: string): string {
  if (!side) return `${who}：（无对应内容）`;
  const lines = side.quote
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l) => `> ${escapeMarkdown(l)}`);
  return `${who} ${escapeMarkdown(side.clause || '（正文）')}${pageNote(side)}${side.heading ? ` ${escapeMarkdown(side.heading)}` : ''}：\n${lines.join('\n')}`;
}

const oneLine = (t: string, max = 60) => {
  const s = t.replace(/\s+/g, '');
  return s.length > max ? `${s.slice(0, max)}…` : s;
};

/** The report as Markdown (Chinese). */
export function renderAlignmentMarkdown(report: AlignmentReport): string {
  const s = report.summary;
  const relation = relationOf(report);
  const doc = (d: AlignmentReport['child']) =>
    `${escapeMarkdown(d.title ?? d.id)}（${escapeMarkdown(d.id)}${d.region ? `，${escapeMarkdown(d.region)}` : ''}${d.external ? '，从文件读取，未入库' : ''}）`;
  const counts = SEVERITY_SECTIONS.map((x) => `${SEVERITY_LABELS[x.severity]} ${findingsOf(report, x.severity).length}`).join('，');
  const out: string[] = [
    `# 对照报告：${escapeMarkdown(report.child.title ?? report.child.id)}`,
    '',
    `- 本级文件：${doc(report.child)}`,
    `- ${parentLabel(report)}：${doc(report.parent)}；${PARENT_SOURCE_LABELS[report.parentSource]}`,
    ...report.notes.map((n) => `- ${relation.related ? '说明' : '**警告**'}：${escapeMarkdown(n)}`),
    '',
    relation.related
      ? `上级要求 ${s.parentObligations} 项，覆盖率 ${pct(s.coverage)}；发现 ${report.findings.length} 条（${counts}）。`
      : `**这两份文件看起来不是上下级关系**（覆盖率 ${pct(s.coverage)}），未列出逐条差异。`,
  ];
  for (const { severity, title } of SEVERITY_SECTIONS) {
    const fs = findingsOf(report, severity);
    if (!fs.length) continue;
    out.push('', `## ${title}（${SEVERITY_LABELS[severity]}，${fs.length}）`);
    for (const f of fs) {
      const side = f.parent ?? f.child;
      const where = `${side?.clause ?? ''}${pageNote(side)}`;
      out.push(
        '',
        `- **[${SEVERITY_LABELS[f.severity]}] ${FINDING_LABELS[f.kind]}** ${escapeMarkdown(where)}：${escapeMarkdown(f.detail)}${f.similarity !== null ? `（相似度 ${f.similarity.toFixed(2)}）` : ''}`,
        '',
        mdQuote(f.parent, '上级'),
        '',
        mdQuote(f.child, '本级'),
      );
    }
  }
  if (!report.findings.length && relation.related) out.push('', '未发现差异。');
  out.push(
    '',
    '## 总体情况',
    '',
    '| 上级要求 | 已落实 | 弱化 | 有变化 | 未落实 | 本级新增 | 覆盖率 |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${s.parentObligations} | ${s.covered} | ${s.weakened} | ${s.changed} | ${s.missing} | ${s.added} | ${pct(s.coverage)} |`,
    '',
    '## 分章覆盖',
    '',
    '| 章节 | 要求 | 已落实 | 弱化 | 有变化 | 未落实 |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...s.byChapter.map(
      (c) => `| ${escapeMarkdown(`${c.clause} ${c.heading}`.trim())} | ${c.obligations} | ${c.covered} | ${c.weakened} | ${c.changed} | ${c.missing} |`,
    ),
  );
  const excluded = report.excluded ?? [];
  if (excluded.length) {
    out.push('', `## 不适用于本级的上级要求（${excluded.length}）`, '');
    for (const e of excluded)
      out.push(
        `- ${escapeMarkdown(e.parent.clause || '（正文）')}${pageNote(e.parent)} “${escapeMarkdown(oneLine(e.parent.quote))}”：${escapeMarkdown(e.reason)}`,
      );
  }
  // For a pair that does not look like parent and child, the outcome of each parent obligation is no more telling than the findings.
  const obligations = relation.related ? (report.obligations ?? []) : [];
  if (obligations.length) {
    out.push('', `## 逐条落实情况（${obligations.length}）`, '', '| 条款 | 上级要求 | 落实情况 | 本级对应 |', '| --- | --- | --- | --- |');
    for (const o of obligations)
      out.push(
        `| ${escapeMarkdown(o.parent.clause || '（正文）')}${pageNote(o.parent)} | ${escapeMarkdown(oneLine(o.parent.quote))} | ${OUTCOME_LABELS[o.status]}${o.reason ? `（${escapeMarkdown(o.reason)}）` : ''} | ${o.child ? escapeMarkdown(`${o.child.clause}${pageNote(o.child)} ${oneLine(o.child.quote, 40)}`) : '—'} |`,
      );
  }
  return `${out.join('\n')}\n`;
}
