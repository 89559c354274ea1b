/** Who carries a requirement, and when a change of carrier is a finding. */
import { describe, expect, it } from 'vitest';
import { compareActors } from './actor-changes.js';
import { readPhraseActors, sentenceActors } from './actors.js';

const carriers = (t: string) => readPhraseActors(t, 0).carriers.map((a) => [a.text, a.kind]);
const change = (p: string, c: string, own = 3) => compareActors(readPhraseActors(p, 0), readPhraseActors(c, 0), own, 1);

describe('readPhraseActors', () => {
  it('reads subjects, 由X and 落实X…责任 as carriers, and objects as nothing', () => {
    expect(carriers('各级政府要加强对水土保持规划实施的监督检查')).toEqual([['各级政府', 'government']]);
    expect(carriers('由市生态环境局对规划实施情况开展监督检查')).toEqual([['市生态环境局', 'department']]);
    expect(carriers('落实市县政府淤地坝安全运用管理主体责任')).toEqual([['市县政府', 'government']]);
    expect(carriers('全面考核市县政府水土保持目标责任完成情况')).toEqual([]);
    expect(carriers('对创建成效显著的市县在政策、资金、项目等方面加大支持力度')).toEqual([]);
  });
  it('reads consulted and cooperating bodies, and the lead', () => {
    const a = readPhraseActors('并在规划审批前征求同级水行政主管部门的意见', 0);
    expect(a.consulted.map((x) => x.core)).toEqual(['水利']);
    expect(readPhraseActors('市水利局配合做好相关工作', 0).cooperate.map((x) => x.core)).toEqual(['水利']);
    expect(readPhraseActors('县行政审批服务管理局发挥水土保持监管的牵头协调作用', 0)).toMatchObject({ lead: true, carriers: [{ core: '行政审批' }] });
  });
  it('lets a phrase without a subject inherit the carrier of the phrase before it', () => {
    const [, second] = sentenceActors([
      { text: '水行政主管部门要切实履行主管部门职责', start: 0 },
      { text: '发挥好牵头组织和统筹协调作用', start: 20 },
    ]);
    expect(second).toMatchObject({ inherited: true, lead: true, carriers: [{ core: '水利' }] });
  });
});

describe('compareActors', () => {
  it('reports a duty moved below the child level, not one the child keeps at its own level', () => {
    expect(change('落实市县政府淤地坝安全运用管理主体责任', '落实各乡（镇）人民政府淤地坝安全运用管理主体责任')?.severity).toBe('high');
    expect(change('落实市县政府淤地坝安全运用管理主体责任', '落实县乡两级政府淤地坝安全运用管理主体责任')).toBeNull();
    expect(change('各级政府要加强监督检查', '县、乡（镇）两级政府要加强监督检查')).toBeNull();
    // A city hands 各地 duties to its counties: the same local governments.
    expect(change('各地要将小流域综合治理纳入规划', '各县（市、区）人民政府要把小流域综合治理纳入规划', 2)).toBeNull();
  });
  it('tells localisation from another department', () => {
    expect(change('水行政主管部门要切实履行主管部门职责', '县水利局要切实履行主管部门职责')).toBeNull();
    expect(change('水利部门发挥水土保持监管的牵头协调作用', '县行政审批服务管理局发挥水土保持监管的牵头协调作用')).toMatchObject({ severity: 'high' });
    expect(change('并在规划审批前征求同级水行政主管部门的意见', '并在规划审批前征求县自然资源局的意见')?.detail).toContain('征求意见');
    expect(change('各级政府要加强对规划实施的监督检查', '由市生态环境局对规划实施情况开展监督检查')?.detail).toContain('改为部门');
  });
});
