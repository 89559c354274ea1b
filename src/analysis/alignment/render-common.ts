/** What the Markdown and HTML reports share: the severity sections, the outcome names, small formatters, the pages of quotes. */
import { pageAt } from '../../ingest/decode/pages.js';
import type { RawDocument } from '../../ingest/types.js';
import type { AlignmentReport, Finding, FindingSide, ObligationOutcome, Severity } from './types.js';

/** Severities in reading order, with the heading each group gets. */
export const SEVERITY_SECTIONS: readonly { severity: Severity; title: string }[] = [
  { severity: 'high', title: '需要处理的问题' },
  { severity: 'medium', title: '需要核实的差异' },
  { severity: 'low', title: '供参考的差异' },
];

/** Names of the outcomes of a parent obligation. */
export const OUTCOME_LABELS: Record<ObligationOutcome['status'], string> = {
  covered: '已落实',
  weakened: '弱化',
  changed: '有变化',
  missing: '未落实',
  excluded: '不适用',
};

/** What the other document is called: a sibling standing in for an absent parent is no parent. */
export const parentLabel = (report: AlignmentReport): string => (report.parentSource === 'sibling' ? '参照文件（同级）' : '上级文件');

/** Findings of one severity, in report order. */
export const findingsOf = (report: AlignmentReport, severity: Severity): Finding[] => report.findings.filter((f) => f.severity === severity);

/** A percentage with one decimal. */
export const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;

/** The relation of a report, for reports made before it was recorded. */
export const relationOf = (report: AlignmentReport): AlignmentReport['relation'] =>
  report.relation ?? { related: true, coverage: report.summary.coverage, withheld: 0 };

/** A side of a finding as the reports show it: with the page of a paged source (PDF, OFD, scan) where its quote starts. */
export type PagedSide = FindingSide & { page?: number };

/** `（第3页）` after a clause address, for a side with a page; '' otherwise. */
export const pageNote = (side: FindingSide | null | undefined): string => {
  const page = (side as PagedSide | null | undefined)?.page;
  return page ? `（第${page}页）` : '';
};

/** The page map of one side's document (`RawDocument.pages` and `text`). */
type PagedText = Pick<RawDocument, 'pages' | 'text'>;

/**
 * The report with `page` on every quote of a paged document (child quotes by the child's page
 * map, parent quotes by the parent's); a report of two unpaged documents comes back as it is.
 */
export function withReportPages(report: AlignmentReport, child: PagedText, parent: PagedText): AlignmentReport {
  if (!child.pages?.length && !parent.pages?.length) return report;
  const paged =
    (doc: PagedText) =>
    <S extends FindingSide | null>(side: S): S => {
      if (!side || !doc.pages?.length) return side;
      const page = pageAt(doc, side.start);
      return (page ? { ...side, page } : side) as S;
    };
  const c = paged(child);
  const p = paged(parent);
  return {
    ...report,
    findings: report.findings.map((f) => ({ ...f, parent: p(f.parent), child: c(f.child) })),
    excluded: report.excluded.map((e) => ({ ...e, parent: p(e.parent) })),
    obligations: report.obligations.map((o) => ({ ...o, parent: p(o.parent), child: c(o.child) })),
    pairs: report.pairs.map((x) => ({ ...x, parent: p(x.parent), child: c(x.child) })),
  };
}
