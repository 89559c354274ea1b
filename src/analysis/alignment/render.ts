/**
 * Reports of an AlignmentReport for people: Markdown (for a ticket or a document) and a
 * self-contained HTML page (one inline stylesheet, no script, no remote resource — it is
 * opened from disk as often as served). Every text is escaped: quotes come from uploaded
 * files. Findings are grouped by kind, then by the parent's chapter, with the parent and child
 * quotes side by side and an anchor per finding and per clause.
 */
import { chapterOf } from '../../zh/clause-markers.js';
import { FINDING_LABELS, FINDING_ORDER, PARENT_SOURCE_LABELS, SEVERITY_LABELS } from './kinds.js';
import type { AlignmentReport, Finding, FindingSide } from './types.js';

const KIND_ORDER = FINDING_ORDER;
const SEVERITY = SEVERITY_LABELS;
const SOURCE = PARENT_SOURCE_LABELS;

/** What the other document is called: a sibling standing in for an absent parent is no parent. */
const parentLabel = (report: AlignmentReport) => (report.parentSource === 'sibling' ? '参照文件（同级）' : '上级文件');

/** Findings of one kind grouped by chapter (the parent's, or the child's for `added` without a parent side), in order. */
function byChapter(findings: Finding[]): [string, Finding[]][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const side = f.parent ?? f.child;
    const key = side ? chapterOf(side.clause) || '（正文）' : '（正文）';
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups];
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

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
  return `${who} ${escapeMarkdown(side.clause || '（正文）')}${side.heading ? ` ${escapeMarkdown(side.heading)}` : ''}：\n${lines.join('\n')}`;
}

/** The report as Markdown (Chinese). */
export function renderAlignmentMarkdown(report: AlignmentReport): string {
  const s = report.summary;
  const doc = (d: AlignmentReport['child']) =>
    `${escapeMarkdown(d.title ?? d.id)}（${escapeMarkdown(d.id)}${d.region ? `，${escapeMarkdown(d.region)}` : ''}${d.external ? '，从文件读取，未入库' : ''}）`;
  const out: string[] = [
    `# 对照报告：${escapeMarkdown(report.child.title ?? report.child.id)}`,
    '',
    `- 本级文件：${doc(report.child)}`,
    `- ${parentLabel(report)}：${doc(report.parent)}；${SOURCE[report.parentSource]}`,
    ...report.notes.map((n) => `- 说明：${escapeMarkdown(n)}`),
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
    '',
    `## 发现（${report.findings.length}）`,
  ];
  for (const kind of KIND_ORDER) {
    const fs = report.findings.filter((f) => f.kind === kind);
    if (!fs.length) continue;
    out.push('', `### ${FINDING_LABELS[kind]}（${fs.length}）`);
    for (const [chapter, group] of byChapter(fs)) {
      out.push('', `#### ${escapeMarkdown(chapter)}`);
      for (const f of group) {
        out.push(
          '',
          `- **[${SEVERITY[f.severity]}]** ${escapeMarkdown(f.detail)}${f.similarity !== null ? `（相似度 ${f.similarity.toFixed(2)}）` : ''}`,
          '',
          mdQuote(f.parent, '上级'),
          '',
          mdQuote(f.child, '本级'),
        );
      }
    }
  }
  if (!report.findings.length) out.push('', '未发现差异。');
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------- HTML

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** The report's one stylesheet (the API allows exactly this one by its hash in the page's CSP). */
export const REPORT_STYLE = `body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;max-width:1100px;margin:0 auto;padding:1.5rem;color:#1f2933;line-height:1.6}
h1{font-size:1.45rem}h2{font-size:1.2rem;border-bottom:2px solid #d0d7de;padding-bottom:.25rem;margin-top:2rem}h3{font-size:1.05rem}h4{margin:1rem 0 .25rem;color:#52606d}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f3f4f6}td.n{text-align:right}
.notes li{color:#8a5a00}.finding{border:1px solid #d0d7de;border-radius:6px;margin:.6rem 0;padding:.6rem .8rem}
.sev{color:#fff;border-radius:3px;padding:0 .4rem;font-size:.8rem;margin-right:.4rem}.sev-high{background:#c62828}.sev-medium{background:#e68a00}.sev-low{background:#607d8b}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:.6rem;margin-top:.4rem}.side{background:#f8fafc;border-left:4px solid #1565c0;padding:.4rem .6rem}.side.child{border-color:#2e7d32}
.side .who{font-size:.85rem;color:#52606d}.side blockquote{margin:.2rem 0 0;white-space:pre-wrap}.none{color:#9aa5b1;font-style:italic}
nav a{margin-right:.8rem}@media (max-width:700px){.sides{grid-template-columns:1fr}}`;

function htmlSide(side: FindingSide | null, who: string, cls: string, anchor: string | null): string {
  if (!side) return `<div class="side ${cls}"><div class="who">${who}</div><div class="none">（无对应内容）</div></div>`;
  const clause = escapeHtml(side.clause || '（正文）');
  const id = anchor ? ` id="${escapeHtml(anchor)}"` : '';
  return `<div class="side ${cls}"${id}><div class="who">${who} ${clause}${side.heading ? ` ${escapeHtml(side.heading)}` : ''}（原文 ${side.start}–${side.end}）</div><blockquote>${escapeHtml(side.quote)}</blockquote></div>`;
}

/** The report as a self-contained HTML page (Chinese). */
export function renderAlignmentHtml(report: AlignmentReport): string {
  const s = report.summary;
  const title = `对照报告：${report.child.title ?? report.child.id}`;
  const doc = (d: AlignmentReport['child']) =>
    `${escapeHtml(d.title ?? d.id)}（${escapeHtml(d.id)}${d.region ? `，${escapeHtml(d.region)}` : ''}${d.external ? '，从文件读取，未入库' : ''}）`;
  const clauseAnchors = new Set<string>();
  const parts: string[] = [
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${REPORT_STYLE}</style></head><body>`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>本级文件：${doc(report.child)}<br>${parentLabel(report)}：${doc(report.parent)}；${SOURCE[report.parentSource]}</p>`,
    report.notes.length ? `<ul class="notes">${report.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '',
    `<nav>${KIND_ORDER.filter((k) => report.findings.some((f) => f.kind === k))
      .map((k) => `<a href="#kind-${k}">${FINDING_LABELS[k]}（${report.findings.filter((f) => f.kind === k).length}）</a>`)
      .join('')}</nav>`,
    '<h2 id="summary">总体情况</h2>',
    '<table><tr><th>上级要求</th><th>已落实</th><th>弱化</th><th>有变化</th><th>未落实</th><th>本级新增</th><th>覆盖率</th></tr>',
    `<tr><td class="n">${s.parentObligations}</td><td class="n">${s.covered}</td><td class="n">${s.weakened}</td><td class="n">${s.changed}</td><td class="n">${s.missing}</td><td class="n">${s.added}</td><td class="n">${pct(s.coverage)}</td></tr></table>`,
    '<h2 id="chapters">分章覆盖</h2><table><tr><th>章节</th><th>要求</th><th>已落实</th><th>弱化</th><th>有变化</th><th>未落实</th></tr>',
    ...s.byChapter.map(
      (c) =>
        `<tr><td><a href="#chapter-${escapeHtml(c.clause)}">${escapeHtml(`${c.clause} ${c.heading}`.trim())}</a></td><td class="n">${c.obligations}</td><td class="n">${c.covered}</td><td class="n">${c.weakened}</td><td class="n">${c.changed}</td><td class="n">${c.missing}</td></tr>`,
    ),
    '</table>',
    `<h2 id="findings">发现（${report.findings.length}）</h2>`,
  ];
  if (!report.findings.length) parts.push('<p>未发现差异。</p>');
  let n = 0;
  const chapterAnchored = new Set<string>();
  for (const kind of KIND_ORDER) {
    const fs = report.findings.filter((f) => f.kind === kind);
    if (!fs.length) continue;
    parts.push(`<h3 id="kind-${kind}">${FINDING_LABELS[kind]}（${fs.length}）</h3>`);
    for (const [chapter, group] of byChapter(fs)) {
      const first = !chapterAnchored.has(chapter);
      chapterAnchored.add(chapter);
      parts.push(`<h4${first ? ` id="chapter-${escapeHtml(chapter)}"` : ''}>${escapeHtml(chapter)}</h4>`);
      for (const f of group) {
        n++;
        // The first finding of a clause carries the clause's anchor (`#clause-四（三）`).
        const key = f.parent ? `clause-${f.parent.clause}` : null;
        const anchor = key && !clauseAnchors.has(key) ? key : null;
        if (anchor) clauseAnchors.add(anchor);
        parts.push(
          `<section class="finding" id="f-${n}"><div><span class="sev sev-${f.severity}">${SEVERITY[f.severity]}</span><a href="#f-${n}">#${n}</a> ${escapeHtml(f.detail)}${f.similarity !== null ? `（相似度 ${f.similarity.toFixed(2)}）` : ''}</div>`,
          `<div class="sides">${htmlSide(f.parent, '上级', 'parent', anchor)}${htmlSide(f.child, '本级', 'child', null)}</div></section>`,
        );
      }
    }
  }
  if (report.pairs.length) {
    parts.push(
      `<h2 id="pairs">逐句对照（${report.pairs.length}）</h2><details><summary>展开全部对照</summary><table><tr><th>上级</th><th>本级</th><th>相似度</th></tr>`,
    );
    for (const p of report.pairs)
      parts.push(
        `<tr><td>${escapeHtml(p.parent.clause)} ${escapeHtml(p.parent.quote)}</td><td>${escapeHtml(p.child.clause)} ${escapeHtml(p.child.quote)}</td><td class="n">${p.similarity.toFixed(2)}</td></tr>`,
      );
    parts.push('</table></details>');
  }
  parts.push('</body></html>');
  return parts.join('\n');
}
