import { describe, expect, it } from 'vitest';
import { mentions } from './coverage.js';
import { fitsShape, gapShape, modifierSpans, purposeSpans } from './gap.js';

describe('answer shapes', () => {
  it('reads a purpose question by its words, not by characters inside other words', () => {
    expect(gapShape('为啥要建项目协商制度？')).toEqual({ kind: 'purpose' });
    expect(gapShape('这项工作的目的是什么？')).toEqual({ kind: 'purpose' });
    expect(gapShape('生产建设项目的水保监管归哪个部门？')).toBeNull();
  });

  it('finds the purpose a sentence states, without its marker', () => {
    const s = '为了避免修复工作单打独斗、内容重复，建立项目协商制度。';
    expect(purposeSpans(s).map((x) => x.text)).toEqual(['避免修复工作单打独斗、内容重复']);
    expect(fitsShape('建立项目协商制度。', { kind: 'purpose' })).toBe(false);
  });

  it('reads the problem a measure solves as what its verb introduces', () => {
    expect(gapShape('主要想破解什么难题？')).toEqual({ kind: 'modifier', head: '难题' });
    expect(modifierSpans('着力破解一体化保护和修复治理资金不足的难题', '难题').map((x) => x.text)).toEqual(['一体化保护和修复治理资金不足的难题']);
  });

  it('reads the problem a measure is to solve as its purpose (解决什么问题 ↔ 破解…的难题)', () => {
    expect(gapShape('出台这个办法主要想解决什么问题？')).toEqual({ kind: 'purpose' });
    expect(purposeSpans('建立河湖巡查制度，破解基层巡查人手不足的难题。').map((x) => x.text)).toEqual(['基层巡查人手不足的难题']);
  });

  it('reads how many grades or kinds as a count in the classifier documents write for it', () => {
    const shape = gapShape('考核结果一共分几档？');
    expect(shape).toMatchObject({ kind: 'count' });
    expect(fitsShape('评价结果分为优秀、良好、较差三个等级', shape!)).toBe(true);
    expect(fitsShape('评价结果分为优秀、良好、较差', shape!)).toBe(false);
    // 哪几种 asks which, not how many.
    expect(gapShape('要建成哪几种类型？')?.kind).not.toBe('count');
  });

  it("reads a verb's whole object before the head when no 的 closes it", () => {
    expect(modifierSpans('全面落实湖泊休渔禁捕和水域占用补偿制度', '制度').map((x) => x.text)).toEqual(['湖泊休渔禁捕和水域占用补偿制度']);
    expect(modifierSpans('将河湖保护纳入全市生态文明建设目标评价考核体系', '体系').map((x) => x.text)).toEqual(['全市生态文明建设目标评价考核体系']);
  });
});

describe('mentions', () => {
  it("counts a verb or period written the plan's own way", () => {
    expect(mentions('各相关部门要定期将本月工作开展情况报县自然资源局', '报送')).toBe(true);
    expect(mentions('各相关部门要定期将本月工作开展情况报县自然资源局', '每月')).toBe(true);
    expect(mentions('编制年度报表', '报送')).toBe(false);
  });
});
