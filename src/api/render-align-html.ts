/**
 * A self-contained HTML page of an AlignmentReport: the summary, coverage by chapter, findings
 * grouped by kind and then by chapter with the parent and child quotes side by side, and the
 * matched pairs. One inline stylesheet, no script, no remote resource, every text escaped — it
 * is opened from disk as often as served, and quotes come from uploaded files.
 */
import type { AlignmentReport, Finding, FindingKind, FindingSide } from '../analysis/alignment/types.js';

/** Kinds in reading order, with their Chinese names. */
export const FINDING_KINDS: { kind: FindingKind; label: string; hint: string }[] = [
  { kind: 'target_changed', label: '指标变化', hint: '目标值与上级文件不同' },
  { kind: 'deadline_changed', label: '时限变化', hint: '完成时限与上级文件不同' },
  { kind: 'actor_changed', label: '责任主体变化', hint: '牵头或责任单位与上级文件不同' },
  { kind: 'weakened', label: '要求弱化', hint: '约束性表述被削弱（如“必须”→无）' },
  { kind: 'missing', label: '未落实', hint: '上级文件的要求在本级文件中未找到' },
  { kind: 'added', label: '本级新增', hint: '本级文件新增、上级文件没有的内容' },
];

const SEVERITY_LABEL = { high: '高', medium: '中', low: '低' } as const;

/** The stylesheet of the page (its hash goes into the route's CSP, so it is a constant). */
export const REPORT_STYLE = `
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:0 auto;max-width:1100px;padding:1.5rem;color:#1f2933;line-height:1.6}
h1{font-size:1.5rem;margin:0 0 .5rem}h2{font-size:1.2rem;border-bottom:2px solid #d0d7de;padding-bottom:.25rem;margin-top:2rem}
h3{font-size:1.05rem;margin:1.25rem 0 .5rem;color:#3e4c59}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f4f6}.num{text-align:right;font-variant-numeric:tabular-nums}
.meta{color:#52606d}.notes li{color:#8a5a00}
.finding{border:1px solid #d0d7de;border-radius:6px;margin:.75rem 0;padding:.75rem}
.finding header{display:flex;gap:.5rem;align-items:baseline;flex-wrap:wrap}
.sev{font-size:.8rem;border-radius:3px;padding:0 .4rem;color:#fff}.sev-high{background:#c62828}.sev-medium{background:#e68a00}.sev-low{background:#607d8b}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:.75rem;margin-top:.5rem}
.side{background:#f8fafc;border-left:4px solid #90a4ae;padding:.5rem .75rem}.side.parent{border-color:#1565c0}.side.child{border-color:#2e7d32}
.side .label{font-size:.85rem;color:#52606d}.side blockquote{margin:.25rem 0 0;white-space:pre-wrap}
.empty{color:#9aa5b1;font-style:italic}
@media (max-width:700px){.sides{grid-template-columns:1fr}body{padding:.75rem}}
`;

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** The chapter a clause belongs to: the top-level part of its path (`四（三）` → `四`). */
export function chapterOf(clause: string): string {
  if (!clause) return '';
  const m = /^(附件\s*\d+|第[一二三四五六七八九十百零〇\d]+[章条]|[一二三四五六七八九十百零〇]+|\d+)/.exec(clause);
  return m ? m[1] : clause;
}

/** A stable, unique HTML id for a clause anchor. */
function anchorId(prefix: string, clause: string, used: Map<string, number>): string {
  const base = `${prefix}-${clause || '前言'}`.replace(/[\s"'<>&]/g, '');
  const n = (used.get(base) ?? 0) + 1;
  used.set(base, n);
  return n === 1 ? base : `${base}-${n}`;
}

function renderSide(side: FindingSide | null, role: 'parent' | 'child', docTitle: string): string {
  const label = role === 'parent' ? '上级文件' : '本级文件';
  if (!side) return `<div class="side ${role}"><div class="label">${label}</div><p class="empty">（无对应条款）</p></div>`;
  return `<div class="side ${role}"><div class="label">${label} · ${escapeHtml(docTitle)} · ${escapeHtml(side.clause || '前言')} ${escapeHtml(side.heading)}</div><blockquote>${escapeHtml(side.quote)}</blockquote></div>`;
}

function renderFinding(f: Finding, report: AlignmentReport, used: Map<string, number>): string {
  const clause = f.parent?.clause ?? f.child?.clause ?? '';
  const id = anchorId(f.parent ? 'p' : 'c', clause, used);
  const similarity = f.similarity === null ? '' : ` · 相似度 ${(f.similarity * 100).toFixed(0)}%`;
  return `<article class="finding" id="${escapeHtml(id)}"><header><span class="sev sev-${escapeHtml(f.severity)}">${escapeHtml(SEVERITY_LABEL[f.severity] ?? f.severity)}</span><strong>${escapeHtml(f.detail)}</strong><span class="meta">${escapeHtml(clause || '前言')}${similarity}</span></header><div class="sides">${renderSide(f.parent, 'parent', report.parent.title ?? report.parent.id)}${renderSide(f.child, 'child', report.child.title ?? report.child.id)}</div></article>`;
}

/** Groups findings of one kind by chapter, chapters in first-seen order. */
function byChapter(findings: Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = chapterOf(f.parent?.clause ?? f.child?.clause ?? '');
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return groups;
}

function chapterTitle(report: AlignmentReport, chapter: string, findings: Finding[]): string {
  if (!chapter) return '前言 / 通知';
  // A chapter without numbered sub-clauses (一、总体目标) is not in byChapter; its own finding names it.
  const own = findings.map((f) => (f.parent?.clause === chapter ? f.parent : f.child?.clause === chapter ? f.child : null)).find(Boolean);
  const heading = report.summary.byChapter.find((c) => c.clause === chapter)?.heading || own?.heading;
  return heading ? `${chapter}、${heading}` : chapter;
}

function renderSummary(report: AlignmentReport): string {
  const s = report.summary;
  const rows: [string, number][] = [['上级文件要求', s.parentObligations], ['已落实', s.covered], ['弱化', s.weakened], ['有变化', s.changed], ['未落实', s.missing], ['本级新增', s.added]];
  const chapters = s.byChapter
    .map((c) => `<tr><td>${escapeHtml(c.clause)}、${escapeHtml(c.heading)}</td><td class="num">${c.obligations}</td><td class="num">${c.covered}</td><td class="num">${c.weakened}</td><td class="num">${c.changed}</td><td class="num">${c.missing}</td></tr>`)
    .join('');
  return `<h2 id="summary">概要</h2><p>覆盖率 <strong>${escapeHtml((s.coverage * 100).toFixed(1))}%</strong></p><table><tbody>${rows.map(([k, v]) => `<tr><th>${k}</th><td class="num">${v}</td></tr>`).join('')}</tbody></table>${chapters ? `<h3>按章节</h3><table><thead><tr><th>章节</th><th>要求</th><th>已落实</th><th>弱化</th><th>变化</th><th>未落实</th></tr></thead><tbody>${chapters}</tbody></table>` : ''}`;
}

function renderPairs(report: AlignmentReport): string {
  if (!report.pairs.length) return '';
  const rows = report.pairs
    .map((p) => `<tr><td>${escapeHtml(p.parent.clause)} ${escapeHtml(p.parent.heading)}</td><td>${escapeHtml(p.child.clause)} ${escapeHtml(p.child.heading)}</td><td class="num">${(p.similarity * 100).toFixed(0)}%</td></tr>`)
    .join('');
  return `<h2 id="pairs">条款对应关系</h2><table><thead><tr><th>上级文件条款</th><th>本级文件条款</th><th>相似度</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Renders the report as a complete HTML document. */
export function renderAlignmentHtml(report: AlignmentReport): string {
  const childTitle = report.child.title ?? report.child.id;
  const parentTitle = report.parent.title ?? report.parent.id;
  const source = { given: '由用户指定', index: '在文件库中找到', sibling: '上级文件缺失，以同级文件代替' }[report.parentSource] ?? report.parentSource;
  const used = new Map<string, number>();
  const sections = FINDING_KINDS.map(({ kind, label, hint }) => {
    const findings = report.findings.filter((f) => f.kind === kind);
    if (!findings.length) return '';
    const chapters = [...byChapter(findings)].map(([chapter, fs]) => `<h3>${escapeHtml(chapterTitle(report, chapter, fs))}</h3>${fs.map((f) => renderFinding(f, report, used)).join('')}`).join('');
    return `<section id="kind-${kind}"><h2>${label}（${findings.length}）</h2><p class="meta">${hint}</p>${chapters}</section>`;
  }).join('');
  const toc = FINDING_KINDS.map(({ kind, label }) => ({ kind, label, n: report.findings.filter((f) => f.kind === kind).length }))
    .filter((k) => k.n)
    .map((k) => `<li><a href="#kind-${k.kind}">${k.label}（${k.n}）</a></li>`)
    .join('');
  const notes = report.notes.length ? `<ul class="notes">${report.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>对照报告：${escapeHtml(childTitle)}</title><style>${REPORT_STYLE}</style></head>
<body><h1>上下级文件对照报告</h1>
<p class="meta">本级文件：<strong>${escapeHtml(childTitle)}</strong>（${escapeHtml(report.child.id)}${report.child.external ? '，上传文件' : ''}）<br>上级文件：<strong>${escapeHtml(parentTitle)}</strong>（${escapeHtml(report.parent.id)}，${escapeHtml(source)}）</p>
${notes}${toc ? `<nav><ul>${toc}</ul></nav>` : '<p>未发现差异。</p>'}
${renderSummary(report)}
${sections}
${renderPairs(report)}
</body></html>
`;
}
