/**
 * The one table of finding kinds, severities and parent sources with their Chinese labels. The
 * reports, the API's schemas, the evaluations and (through `GET /v1/align/labels`) the browser UI
 * all read it, so a kind is named the same everywhere.
 */

/** Finding kinds in reading order, with the label and the one-line hint reports show. */
export const FINDING_KINDS = [
  { kind: 'missing', label: '未落实', hint: '上级文件的要求在本级文件中未找到' },
  { kind: 'weakened', label: '要求弱化', hint: '约束性表述被削弱（如“必须”→无）' },
  { kind: 'target_changed', label: '指标变化', hint: '目标值与上级文件不同' },
  { kind: 'deadline_changed', label: '时限变化', hint: '完成时限与上级文件不同' },
  { kind: 'actor_changed', label: '责任主体变化', hint: '牵头或责任单位与上级文件不同' },
  { kind: 'added', label: '本级新增', hint: '本级文件新增、上级文件没有的内容' },
] as const;

export type FindingKind = (typeof FINDING_KINDS)[number]['kind'];

/** Kinds in reading order. */
export const FINDING_ORDER: readonly FindingKind[] = FINDING_KINDS.map((k) => k.kind);

/** Chinese name of each kind. */
export const FINDING_LABELS = Object.fromEntries(FINDING_KINDS.map((k) => [k.kind, k.label])) as Record<FindingKind, string>;

/** Severities, most urgent first, with their Chinese names. */
export const SEVERITY_LABELS = { high: '高', medium: '中', low: '低' } as const;

export type Severity = keyof typeof SEVERITY_LABELS;

/** How the parent was chosen, as reports say it. */
export const PARENT_SOURCE_LABELS = { given: '由用户指定', index: '在库中自动找到', sibling: '上级文件未入库，以同级文件代替' } as const;

export type ParentSource = keyof typeof PARENT_SOURCE_LABELS;

/** Everything the browser UI needs to name kinds, severities and parent sources. */
export function alignmentLabels(): {
  kinds: { kind: FindingKind; label: string; hint: string }[];
  severities: Record<Severity, string>;
  parentSources: Record<ParentSource, string>;
} {
  return { kinds: FINDING_KINDS.map((k) => ({ ...k })), severities: { ...SEVERITY_LABELS }, parentSources: { ...PARENT_SOURCE_LABELS } };
}
