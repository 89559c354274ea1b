import { describe, expect, it } from 'vitest';
import { extractConditions, extractRecipients, extractTiming } from './timing.js';
import { corpusSentence } from '../../testing/frames-corpus.js';

const brief = (text: string) =>
  extractTiming(text).map((t) => ({
    kind: t.kind,
    text: t.text,
    period: t.period,
    year: t.year,
    month: t.month,
    day: t.day,
    recipient: t.recipient?.text ?? null,
  }));

describe('extractTiming on corpus sentences', () => {
  it("reads 000's quarterly report with its deadline 每季度末下月2日前 and recipient", () => {
    const s = corpusSentence('000', '时间为每季度末下月2日前');
    const ts = extractTiming(s.text, s.start);
    expect(ts[0]).toMatchObject({ kind: 'frequency', text: '每季度', period: 'quarter' });
    expect(ts[0].recipient?.text).toBe('领导小组办公室');
    expect(ts[1]).toMatchObject({ kind: 'deadline', text: '每季度末下月2日前', period: 'quarter', day: 2, monthOffset: 1 });
    expect(ts[1].recipient?.text).toBe('领导小组办公室');
    expect(s.text.slice(ts[1].start - s.start, ts[1].end - s.start)).toBe('每季度末下月2日前');
  });

  it("reads 000's 牵头部门每季度定期召开协调会议 as quarterly (the vague 定期 folds in)", () => {
    const s = corpusSentence('000', '牵头部门每季度定期召开协调会议');
    expect(brief(s.text)).toEqual([{ kind: 'frequency', text: '每季度', period: 'quarter', year: null, month: null, day: null, recipient: null }]);
  });

  it("reads 001's monthly deadline 于每月25日前 … 报送自然资源局", () => {
    const s = corpusSentence('001', '于每月25日前将本月工作');
    expect(brief(s.text)).toEqual([{ kind: 'deadline', text: '于每月25日前', period: 'month', year: null, month: null, day: 25, recipient: '自然资源局' }]);
  });

  it("reads 001's 按月 … 按季度 frequencies", () => {
    const s = corpusSentence('001', '按月跟踪进度,按季度进行评估');
    expect(
      extractTiming(s.text)
        .filter((t) => !t.vague)
        .map((t) => [t.text, t.period]),
    ).toEqual([
      ['按月', 'month'],
      ['按季度', 'quarter'],
    ]);
    const up = extractTiming(corpusSentence('001', '自然资源局要按月整理形成结果清单上报政府').text);
    expect(up[0].recipient?.text).toBe('政府');
  });

  it("reads 003's 2020年底前 and 于11月15日前报区政府", () => {
    expect(brief(corpusSentence('003', '2020年底前,按照全市划定的生态保护红线').text)[0]).toMatchObject({ kind: 'deadline', year: 2020, month: 12 });
    const due = extractTiming(corpusSentence('003', '实施方案于11月15日前报区政府').text).find((t) => t.month === 11);
    expect(due).toMatchObject({ kind: 'deadline', day: 15 });
    expect(due?.recipient?.text).toBe('区政府');
  });

  it('reads years, periods and the other deadline forms', () => {
    expect(brief('到2025年,全省水土保持率达到66.18%')[0]).toMatchObject({ kind: 'deadline', year: 2025 });
    expect(brief('到 2025 年,选取10个县')[0]).toMatchObject({ kind: 'deadline', year: 2025 });
    expect(brief('“十四五”期间实施坡耕地综合治理100万亩')[0]).toMatchObject({ kind: 'period', year: 2025 });
    expect(brief('2024年6月底前完成')[0]).toMatchObject({ kind: 'deadline', year: 2024, month: 6 });
    expect(brief('年底前完成整改')[0]).toMatchObject({ kind: 'deadline', month: 12, year: null });
    expect(brief('每半年开展一次评估')[0]).toMatchObject({ kind: 'frequency', period: 'half-year' });
    expect(extractTiming('定期开展质量检查')[0]).toMatchObject({ kind: 'frequency', vague: true });
    expect(extractTiming('及时报告县自然资源局')[0]).toMatchObject({ kind: 'deadline', vague: true });
  });

  it('finds no timing in a sentence without one', () => {
    expect(extractTiming('加强湿地保护与恢复,促进生物多样性保护。')).toEqual([]);
  });
});

describe('extractRecipients and extractConditions', () => {
  it('reads recipients after 报/上报/向…报告', () => {
    const s = corpusSentence('000', '县自然资源局汇总后上报县政府');
    expect(extractRecipients(s.text).map((r) => r.text)).toEqual(['县自然资源局', '县政府']);
    expect(extractRecipients(corpusSentence('000', '向县政府专题报告评价结果').text).map((r) => r.text)).toEqual(['县政府']);
    expect(extractRecipients('准确报送信息。')).toEqual([]);
  });

  it("reads 004's 在规划审批前, 在…前提下, 除…外", () => {
    const kinds = (t: string) => extractConditions(t).map((c) => [c.kind, c.text]);
    expect(kinds(corpusSentence('004', '并在规划审批前征求同级水行政主管部门的意见').text)).toContainEqual(['before', '在规划审批前']);
    const red = kinds(corpusSentence('004', '除国家重大战略项目外').text);
    expect(red).toContainEqual(['provided', '在符合现行法律法规前提下']);
    expect(red).toContainEqual(['except', '除国家重大战略项目外']);
    expect(kinds(corpusSentence('000', '对落实不力、进度严重滞后的').text)).toContainEqual(['scope', '对落实不力、进度严重滞后的']);
  });
});
