/**
 * The report as a self-contained HTML page: one inline stylesheet, no script, no remote resource
 * (it is opened from disk as often as served). The same order as the Markdown (`render.ts`): the
 * warning, the findings by severity with the parent and child quotes side by side, the summary,
 * what the child may leave out, every parent obligation, and the sentence pairs. An anchor per
 * finding (`#f-3`), per severity (`#sev-high`), per kind (`#kind-missing`, in the index by kind),
 * per clause (`#clause-四（三）`) and per chapter.
 */
import { chapterOf } from '../../zh/clause-markers.js';
import { FINDING_KINDS, FINDING_LABELS, PARENT_SOURCE_LABELS, SEVERITY_LABELS } from './kinds.js';
import { findingsOf, OUTCOME_LABELS, pageNote, parentLabel, pct, relationOf, SEVERITY_SECTIONS } from './render-common.js';
import type { AlignmentReport, FindingSide } from './types.js';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** The report's one stylesheet (the API allows exactly this one by its hash in the page's CSP). */
export const REPORT_STYLE = `body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;max-width:1100px;margin:0 auto;padding:1.5rem;color:#1f2933;line-height:1.6}
h1{font-size:1.45rem}h2{font-size:1.2rem;border-bottom:2px solid #d0d7de;padding-bottom:.25rem;margin-top:2rem}h3{font-size:1.05rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f3f4f6}td.n{text-align:right}
.notes li{color:#8a5a00}.warning{border:2px solid #c62828;background:#fdecea;padding:.6rem .8rem;border-radius:6px;font-weight:bold}
.finding{border:1px solid #d0d7de;border-radius:6px;margin:.6rem 0;padding:.6rem .8rem}.kind{font-weight:bold;margin-right:.4rem}
.sev{color:#fff;border-radius:3px;padding:0 .4rem;font-size:.8rem;margin-right:.4rem}.sev-high{background:#c62828}.sev-medium{background:#e68a00}.sev-low{background:#607d8b}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:.6rem;margin-top:.4rem}.side{background:#f8fafc;border-left:4px solid #1565c0;padding:.4rem .6rem}.side.child{border-color:#2e7d32}
.side .who{font-size:.85rem;color:#52606d}.side blockquote{margin:.2rem 0 0;white-space:pre-wrap}.none{color:#9aa5b1;font-style:italic}
.st-missing{color:#c62828}.st-weakened,.st-changed{color:#b26a00}.st-excluded{color:#607d8b}
nav a{margin-right:.8rem}@media (max-width:700px){.sides{grid-template-columns:1fr}}`;

function htmlSide(side: FindingSide | null, who: string, cls: string, anchor: string | null): string {
  if (!side) return `<div class="side ${cls}"><div class="who">${who}</div><div class="none">（无对应内容）</div></div>`;
  const clause = escapeHtml(side.clause || '（正文）');
  const id = anchor ? ` id="${escapeHtml(anchor)}"` : '';
  return `<div class="side ${cls}"${id}><div class="who">${who} ${clause}${pageNote(side)}${side.heading ? ` ${escapeHtml(side.heading)}` : ''}（原文 ${side.start}–${side.end}）</div><blockquote>${escapeHtml(side.quote)}</blockquote></div>`;
}

/** The findings, by severity, each with both quotes; the first finding of a clause carries its anchors. */
function findingSections(report: AlignmentReport): string[] {
  const parts: string[] = [];
  const anchored = new Set<string>();
  let n = 0;
  for (const { severity, title } of SEVERITY_SECTIONS) {
    const fs = findingsOf(report, severity);
    if (!fs.length) continue;
    parts.push(`<h2 id="sev-${severity}">${title}（${SEVERITY_LABELS[severity]}，${fs.length}）</h2>`);
    for (const f of fs) {
      n++;
      // The first finding of a clause carries the clause's anchor (`#clause-四（三）`), of a chapter the chapter's.
      const clauseKey = f.parent ? `clause-${f.parent.clause}` : null;
      const anchor = clauseKey && !anchored.has(clauseKey) ? clauseKey : null;
      if (anchor) anchored.add(anchor);
      const chapter = f.parent ? `chapter-${chapterOf(f.parent.clause) || '（正文）'}` : null;
      const chapterId = chapter && !anchored.has(chapter) ? ` id="${escapeHtml(chapter)}"` : '';
      if (chapter) anchored.add(chapter);
      parts.push(
        `<section class="finding" data-kind="${f.kind}"${chapterId}><div><span class="sev sev-${f.severity}">${SEVERITY_LABELS[f.severity]}</span><span class="kind">${FINDING_LABELS[f.kind]}</span><a id="f-${n}" href="#f-${n}">#${n}</a> ${escapeHtml(f.detail)}${f.similarity !== null ? `（相似度 ${f.similarity.toFixed(2)}）` : ''}</div>`,
        `<div class="sides">${htmlSide(f.parent, '上级', 'parent', anchor)}${htmlSide(f.child, '本级', 'child', null)}</div></section>`,
      );
    }
  }
  return parts;
}

/** The summary tables, the excluded requirements, every obligation and the sentence pairs. */
function tables(report: AlignmentReport): string[] {
  const s = report.summary;
  const parts = [
    '<h2 id="summary">总体情况</h2>',
    '<table><tr><th>上级要求</th><th>已落实</th><th>弱化</th><th>有变化</th><th>未落实</th><th>本级新增</th><th>覆盖率</th></tr>',
    `<tr><td class="n">${s.parentObligations}</td><td class="n">${s.covered}</td><td class="n">${s.weakened}</td><td class="n">${s.changed}</td><td class="n">${s.missing}</td><td class="n">${s.added}</td><td class="n">${pct(s.coverage)}</td></tr></table>`,
    '<h2 id="chapters">分章覆盖</h2><table><tr><th>章节</th><th>要求</th><th>已落实</th><th>弱化</th><th>有变化</th><th>未落实</th></tr>',
    ...s.byChapter.map(
      (c) =>
        `<tr><td><a href="#chapter-${escapeHtml(c.clause)}">${escapeHtml(`${c.clause} ${c.heading}`.trim())}</a></td><td class="n">${c.obligations}</td><td class="n">${c.covered}</td><td class="n">${c.weakened}</td><td class="n">${c.changed}</td><td class="n">${c.missing}</td></tr>`,
    ),
    '</table>',
  ];
  const excluded = report.excluded ?? [];
  if (excluded.length) {
    parts.push(`<h2 id="excluded">不适用于本级的上级要求（${excluded.length}）</h2><table><tr><th>条款</th><th>上级要求</th><th>理由</th></tr>`);
    for (const e of excluded)
      parts.push(
        `<tr><td>${escapeHtml(e.parent.clause || '（正文）')}${pageNote(e.parent)}</td><td>${escapeHtml(e.parent.quote)}</td><td>${escapeHtml(e.reason)}</td></tr>`,
      );
    parts.push('</table>');
  }
  const obligations = relationOf(report).related ? (report.obligations ?? []) : [];
  if (obligations.length) {
    parts.push(
      `<h2 id="obligations">逐条落实情况（${obligations.length}）</h2><details><summary>展开全部上级要求</summary><table><tr><th>上级要求</th><th>落实情况</th><th>本级对应</th></tr>`,
    );
    for (const o of obligations)
      parts.push(
        `<tr><td>${escapeHtml(o.parent.clause)}${pageNote(o.parent)} ${escapeHtml(o.parent.quote)}</td><td class="st-${o.status}">${OUTCOME_LABELS[o.status]}${o.reason ? `：${escapeHtml(o.reason)}` : ''}</td><td>${o.child ? `${escapeHtml(o.child.clause)}${pageNote(o.child)} ${escapeHtml(o.child.quote)}` : '—'}</td></tr>`,
      );
    parts.push('</table></details>');
  }
  if (report.pairs.length) {
    parts.push(
      `<h2 id="pairs">逐句对照（${report.pairs.length}）</h2><details><summary>展开全部对照</summary><table><tr><th>上级</th><th>本级</th><th>相似度</th></tr>`,
    );
    for (const p of report.pairs)
      parts.push(
        `<tr><td>${escapeHtml(p.parent.clause)}${pageNote(p.parent)} ${escapeHtml(p.parent.quote)}</td><td>${escapeHtml(p.child.clause)}${pageNote(p.child)} ${escapeHtml(p.child.quote)}</td><td class="n">${p.similarity.toFixed(2)}</td></tr>`,
      );
    parts.push('</table></details>');
  }
  return parts;
}

/** The report as a self-contained HTML page (Chinese). */
export function renderAlignmentHtml(report: AlignmentReport): string {
  const relation = relationOf(report);
  const title = `对照报告：${report.child.title ?? report.child.id}`;
  const doc = (d: AlignmentReport['child']) =>
    `${escapeHtml(d.title ?? d.id)}（${escapeHtml(d.id)}${d.region ? `，${escapeHtml(d.region)}` : ''}${d.external ? '，从文件读取，未入库' : ''}）`;
  // Findings are numbered in the order they are shown: by severity, then as the report lists them.
  const shown = SEVERITY_SECTIONS.flatMap((x) => findingsOf(report, x.severity));
  const kinds = FINDING_KINDS.map((k) => ({ ...k, first: shown.findIndex((f) => f.kind === k.kind), n: shown.filter((f) => f.kind === k.kind).length }))
    .filter((k) => k.n)
    .map((k) => `<a id="kind-${k.kind}" href="#f-${k.first + 1}">${k.label}（${k.n}）</a>`)
    .join('');
  const nav = SEVERITY_SECTIONS.filter((x) => findingsOf(report, x.severity).length)
    .map((x) => `<a href="#sev-${x.severity}">${x.title}（${findingsOf(report, x.severity).length}）</a>`)
    .concat('<a href="#summary">总体情况</a>', (report.excluded ?? []).length ? '<a href="#excluded">不适用</a>' : '', '<a href="#obligations">逐条落实</a>')
    .join('');
  const parts: string[] = [
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${REPORT_STYLE}</style></head><body>`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>本级文件：${doc(report.child)}<br>${parentLabel(report)}：${doc(report.parent)}；${PARENT_SOURCE_LABELS[report.parentSource]}</p>`,
    relation.related ? '' : `<p class="warning">这两份文件看起来不是上下级关系（覆盖率 ${pct(relation.coverage)}），未列出逐条差异。</p>`,
    report.notes.length ? `<ul class="notes">${report.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '',
    `<nav>${nav}</nav>`,
    kinds ? `<nav class="kinds">按类型：${kinds}</nav>` : '',
  ];
  if (!report.findings.length && relation.related) parts.push('<p>未发现差异。</p>');
  parts.push(...findingSections(report), ...tables(report), '</body></html>');
  return parts.join('\n');
}
