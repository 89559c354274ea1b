import { describe, expect, it } from 'vitest';
import { extractSlot } from '../analysis/frames/slots.js';
import { askedUnit, excludedNames, rerankSlots, unitSlots, withoutExcluded } from './slot-rank.js';
import { detectRecordAsks } from './record-answer.js';
import { bigramCoverage, topicBigrams } from './coverage.js';
import { narrowQuestion } from './compare.js';
import { yearsIn } from './candidates.js';

const S = '规划治理面积133.29km2,分3年实施,每年治理面积不少于30km2开展绿色矿业发展示范区建设';

describe('slot refinements', () => {
  it('prefers the slot the question describes word for word', () => {
    const slots = extractSlot(S, 'amount', { hint: '每年治理面积不少于' });
    expect(rerankSlots(S, 0, slots, '生态清洁小流域每年治理面积不少于')[0].text).toBe('30km2');
    expect(rerankSlots(S, 0, slots, '规划治理面积')[0].text).toBe('133.29km2');
  });

  it('finds counts in the unit a question names', () => {
    expect(askedUnit('山西省到2025年选取多少个县开展试点？')).toBe('个县');
    expect(askedUnit('要建设多少座淤地坝？')).toBe('座');
    expect(askedUnit('目标是多少？')).toBeNull();
    expect(unitSlots('到 2025 年,选取 10 个县(市、区)开展整县推进', 5, '个县')).toMatchObject([{ text: '10 个县(市、区)', start: 17 }]);
    expect(unitSlots('打造 100 条高质量精品小流域', 0, '个县')).toEqual([]);
  });

  it('ranks a count by the noun it counts, over words of the question before another count', () => {
    const s = '到2030年全市扶持8个示范村，建成一批林下经济基地，发展300个家庭林场';
    const slots = unitSlots(s, 0, '个');
    expect(slots.map((x) => x.text)).toEqual(['8个', '300个']);
    expect(rerankSlots(s, 0, slots, '到2030年全市要扶持个家庭林场')[0].text).toBe('300个');
    expect(rerankSlots(s, 0, slots, '到2030年要发展个示范村')[0].text).toBe('8个');
  });

  it('drops names the question excludes', () => {
    expect(excludedNames('除水行政主管部门外哪些部门要做好相关工作？')).toEqual(['水行政主管部门']);
    const slots = extractSlot('由水利部门牵头,自然资源、农业农村等部门配合', 'list');
    expect(withoutExcluded(slots, ['水利部门']).map((s) => s.text)).not.toContain('水利部门');
  });
});

describe('question helpers', () => {
  it('detects questions about the document itself, in the order asked', () => {
    expect(detectRecordAsks('这份抓落实工作推进机制是哪天印发的？文号是什么？')).toEqual(['issuedDate', 'docNumber']);
    expect(detectRecordAsks('长子县工作机制的出台依据是哪两个文件？')).toEqual(['basis']);
    expect(detectRecordAsks('吸引社会资本依据什么原则？')).toEqual([]);
    expect(detectRecordAsks('资金来源有哪些？')).toEqual([]);
    expect(detectRecordAsks('附件1分工表里淤地坝安全运用由哪个厅牵头？')).toEqual([]);
    expect(detectRecordAsks('落款日期是哪天？')).toEqual(['signedDate']);
  });

  it('narrows a comparison to one place', () => {
    expect(narrowQuestion('宁武县和山西省2025年的水土保持率目标分别是多少？', ['山西省'])).toBe('宁武县2025年的水土保持率目标是多少？');
  });

  it('reads years, including a damaged one at a sentence start, but not inside a range', () => {
    expect(yearsIn('到 2025 年,选取')).toEqual([2025]);
    expect(yearsIn('2025选取薛家洼乡')).toEqual([2025]);
    expect(yearsIn('《山西省水土保持规划(20162030年)》')).toEqual([]);
  });

  it('measures phrasing overlap on bigrams', () => {
    const g = topicBigrams('工作开展情况');
    expect(bigramCoverage(g, '本月工作开展情况和落实结果')).toBe(1);
    expect(bigramCoverage(g, '加强组织领导')).toBe(0);
  });
});
