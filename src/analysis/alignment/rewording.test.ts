/** A child phrase standing in the parent's place: the same requirement reworded, or another one. */
import { describe, expect, it } from 'vitest';
import { relativeLimits } from './deadlines.js';
import { namesForeignLandform } from './localize.js';
import { isReworded, keepsAction, keepsHead } from './rewording.js';

const ctx = { regionNames: ['宁武县', '宁武', '山西省', '山西'] };

describe('isReworded', () => {
  it('accepts a requirement kept in other words', () => {
    expect(isReworded('大力开展封育保护', '大规模开展封山育林育草', ctx)).toBe(true);
    expect(isReworded('强化相关部门间的协同配合', '强化部门间协作配合', ctx)).toBe(true);
    expect(isReworded('加强沿黄水土流失和京津风沙带生态治理', '加强水土流失治理', ctx)).toBe(true);
  });
  it('refuses another requirement in the same place', () => {
    expect(isReworded('加快现有梯田提升改造', '推进旱作梯田建设', ctx)).toBe(false);
    expect(isReworded('采取“水土保持+产业导入”方式', '创新水土保持重点治理工程组织实施方式', ctx)).toBe(false);
    expect(isReworded('加大水土保持补偿费返还力度', '加大水土保持投入', ctx)).toBe(false);
  });
  it('asks the words alone to keep the action and the head of the object when strict', () => {
    expect(keepsAction('开展森林生态系统监测评估', '提升森林生态系统质量')).toBe(false);
    expect(keepsAction('推进耕地数量、质量、生态一体化建设', '统筹耕地一体化')).toBe(false);
    expect(keepsAction('实施景区绿化彩化美化', '推进景区绿色环保行动')).toBe(true);
    expect(keepsHead('开展森林生态系统监测评估', '提升森林生态系统质量', ctx)).toBe(false);
    expect(isReworded('开展森林、草原生态系统水土流失状况的监测评估', '提升森林、草原生态系统质量和稳定性', ctx, 0.6, {}, true)).toBe(false);
    expect(keepsHead('强化水土保持遥感监管', '用好遥感监管手段', ctx)).toBe(true);
  });
});

describe('helpers', () => {
  it('reads relative time limits in days', () => {
    expect(relativeLimits('收到申请后30日内办结，三个月内完成整改').map((r) => r.days)).toEqual([30, 90]);
  });
  it('finds rivers and mountain ranges the child never names', () => {
    expect(namesForeignLandform('编制汾河等重要流域水土保持规划', '御河、十里河')).toBe('汾河');
    expect(namesForeignLandform('编制汾河等重要流域水土保持规划', '汾河流域')).toBeNull();
    expect(namesForeignLandform('治山治水治穷致富一体谋划', '')).toBeNull();
  });
});
