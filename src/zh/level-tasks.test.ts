/** Tasks of the parent's own level, the implementation glue of a lower plan, and aims without a task. */
import { describe, expect, it } from 'vitest';
import { AIM_PHRASE, IMPLEMENTATION_GLUE, levelTaskPatterns } from './level-tasks.js';

const reason = (level: string, text: string) => levelTaskPatterns(level).find((p) => p.re.test(text))?.reason ?? null;

describe('levelTaskPatterns', () => {
  it('recognises what a province keeps for itself', () => {
    expect(reason('省', '建立完善全省淤地坝监管信息平台')).toContain('省级');
    expect(reason('省', '加大省级财政水土保持投入')).toContain('财政');
    expect(reason('省', '修订《某省水土保持规划(2016—2030年)》')).toContain('规划');
    expect(reason('省', '选取10个县(市、区)开展试点')).toContain('试点');
    expect(reason('省', '为全省提供可复制的经验')).not.toBeNull();
  });
  it('leaves the duties every level has alone', () => {
    expect(reason('省', '加大水土保持补偿费返还力度')).toBeNull();
    expect(reason('省', '全省水土保持率达到66.18%')).toBeNull();
    expect(reason('省', '健全耕地休耕轮作制度')).toBeNull();
  });
  it('is written for the parent of any level', () => {
    expect(reason('市', '建立全市水土保持监测平台')).toContain('市级');
    expect(levelTaskPatterns('乡')).toEqual([]);
  });
});

describe('glue and aims', () => {
  it('knows a lower plan taking up the parent task', () => {
    const glue = new RegExp(IMPLEMENTATION_GLUE.join('|'));
    expect(glue.test('全面承接我县任务')).toBe(true);
    expect(glue.test('市水利局配合做好相关工作')).toBe(true);
    expect(glue.test('建设水土保持科普教育基地')).toBe(false);
  });
  it('tells an aim from a task', () => {
    expect(AIM_PHRASE.test('充分发挥“十百千工程”示范引领作用')).toBe(true);
    expect(AIM_PHRASE.test('在乡村振兴中发挥水土保持优势')).toBe(true);
    expect(AIM_PHRASE.test('健全水土保持监管履职逐级督查机制')).toBe(false);
  });
});
