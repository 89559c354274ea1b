/**
 * The sentences a reviewer reads for each finding (Chinese), from the comparison results: what
 * changed, in which direction (放宽 / 收紧), and the parent's own figure for the child's region.
 */
import type { TimingChange } from './deadlines.js';
import type { Weakening } from './force.js';
import type { QuantityChange } from './quantities.js';
import type { Finding } from './types.js';

/** A quantity change as a finding's kind, severity, detail and target. */
export function describeQuantity(q: QuantityChange): Pick<Finding, 'kind' | 'severity' | 'detail' | 'target'> {
  if (q.kind === 'weakened')
    return { kind: 'weakened', severity: q.severity, detail: `删去了数量要求“${q.parentValue}”${q.metric ? `（${q.metric}）` : ''}，只保留定性表述。` };
  const way = q.looser === true ? '放宽' : q.looser === false ? '收紧' : q.cls === 'count' ? '本级数量，请核对是否为分解到本地的任务' : '改变';
  const decomposition = q.decomposition
    ? `；上级文件分解给${q.decomposition.region}的${q.decomposition.year}年目标为${q.decomposition.value}（${q.decomposition.clause}）`
    : '';
  const change = q.replacedBy ? `本级未设同一数量指标，改为“${q.replacedBy}”` : `${q.childValue}（${way}）`;
  return {
    kind: 'target_changed',
    severity: q.severity,
    detail: `${q.metric || '指标'}：${q.parentValue} → ${change}${decomposition}。`,
    target: {
      metric: q.metric,
      parentValue: q.parentValue,
      childValue: q.childValue,
      direction: q.direction,
      looser: q.looser,
      decomposition: q.decomposition,
    },
  };
}

/** A timing change as a finding's detail. */
export function describeTiming(t: TimingChange): string {
  if (t.change === 'later') return `时限由“${t.parent}”推迟为“${t.child}”（放宽）。`;
  if (t.change === 'earlier') return `时限由“${t.parent}”提前为“${t.child}”（收紧）。`;
  if (t.change === 'cycle') return `频次由“${t.parent}”改为“${t.child}”。`;
  return `删去了时间要求“${t.parent}”。`;
}

/** A weakening as a finding's detail. */
export function describeWeakening(w: Weakening): string {
  if (w.kind === 'intensifier') return `删去了“${w.from}”，要求力度减弱。`;
  if (w.kind === 'quantifier') return `删去了“${w.from}”，要求的范围可能缩小。`;
  return `约束性表述由“${w.from}”变为“${w.to}”。`;
}
