/** What the Markdown and HTML reports share: the severity sections, the outcome names, small formatters. */
import type { AlignmentReport, Finding, ObligationOutcome, Severity } from './types.js';

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
