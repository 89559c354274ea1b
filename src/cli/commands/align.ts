/** `policy align --child X [--parent Y]`: obligation alignment of a plan against its parent. */
import { existsSync, writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { renderAlignmentHtml, renderAlignmentMarkdown, FINDING_LABELS } from '../../analysis/alignment/index.js';
import type { AlignmentReport } from '../../analysis/alignment/types.js';
import { configFromFlags, defineCommand } from '../command.js';
import { printJson, UsageError } from '../output.js';

type Format = 'json' | 'md' | 'html';

/** The output format: from the flags, else from the --out extension, else Markdown. */
export function alignFormat(values: { md?: boolean; html?: boolean; out?: string }, json: boolean): Format {
  const flags = (['md', 'html'] as const).filter((f) => values[f]);
  if (flags.length + (json ? 1 : 0) > 1 && !(json && values.out)) throw new UsageError('Choose one of --json, --md, --html');
  if (flags.length) return flags[0];
  const out = values.out;
  if (out) {
    const ext = extname(out).toLowerCase();
    if (ext === '.html' || ext === '.htm') return 'html';
    if (ext === '.json') return 'json';
    if (ext === '.md' || ext === '.markdown') return 'md';
  }
  return json ? 'json' : 'md';
}

/**
 * An argument as the workspace expects it: an indexed id as is, an existing file as an absolute
 * path (read without indexing), anything else as is (the workspace reports it as unknown).
 */
export function alignArgument(value: string, ids: Set<string>): string {
  if (ids.has(value)) return value;
  return existsSync(value) ? resolve(value) : value;
}

/** The one-line summary of a report, for people. */
export function summaryLine(report: AlignmentReport): string {
  const s = report.summary;
  const kinds = Object.entries(FINDING_LABELS)
    .map(([k, label]) => [label, report.findings.filter((f) => f.kind === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([label, n]) => `${label} ${n}`)
    .join('，');
  const warning = report.relation.related ? '' : `；这两份文件看起来不是上下级关系，${report.relation.withheld} 条差异未列出`;
  return `${report.child.id} ↔ ${report.parent.id}（${report.parentSource}）：上级要求 ${s.parentObligations} 项，已落实 ${s.covered}，弱化 ${s.weakened}，有变化 ${s.changed}，未落实 ${s.missing}，覆盖率 ${Math.round(s.coverage * 100)}%；发现 ${report.findings.length} 条（${kinds || '无'}）${warning}`;
}

export const alignCommand = defineCommand({
  summary: 'Align a plan against its parent: missing, weakened and changed obligations',
  usage: 'policy align --child ID|FILE [--parent ID|FILE] [--json|--md|--html] [--out FILE]',
  options: {
    child: { type: 'string' },
    parent: { type: 'string' },
    md: { type: 'boolean' },
    html: { type: 'boolean' },
    out: { type: 'string' },
  },
  async run({ values, ctx }) {
    const child = values.child;
    if (!child) throw new UsageError('Give the document to check: policy align --child 002_b09ca083261ba923.txt');
    const format = alignFormat(values, ctx.json);
    // Loaded on use: the output helpers above stay importable (and testable) without the whole service.
    const { createWorkspace } = await import('../../workspace/workspace.js');
    const ws = await createWorkspace(configFromFlags(values));
    await ws.ensureIndex();
    const ids = new Set(ws.listDocuments().map((d) => d.id));
    const parent = values.parent;
    const report = await ws.align(alignArgument(child, ids), parent ? alignArgument(parent, ids) : undefined);
    const body = format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : format === 'html' ? renderAlignmentHtml(report) : renderAlignmentMarkdown(report);
    const out = values.out;
    if (out) {
      writeFileSync(out, body);
      if (ctx.json)
        printJson({ out: resolve(out), format, child: report.child, parent: report.parent, parentSource: report.parentSource, summary: report.summary });
      else ctx.say(`${summaryLine(report)}\nwrote ${out}`);
      return;
    }
    if (format === 'json') printJson(report);
    else {
      process.stdout.write(body);
      ctx.log(summaryLine(report));
    }
  },
});
