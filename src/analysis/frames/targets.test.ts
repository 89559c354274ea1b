import { describe, expect, it } from 'vitest';
import { extractTargets } from './targets.js';
import { corpusDoc, corpusSentence } from '../../testing/frames-corpus.js';

const pick = (text: string) => extractTargets(text).map((t) => ({ metric: t.metric, value: t.value, unit: t.unit, year: t.year }));

describe('extractTargets on corpus sentences', () => {
  it("reads 004's provincial 水土保持率 targets 66.18% and 72.43%", () => {
    const s2035 = corpusSentence('004', '全省水土保持率达到72.43%');
    const [t] = extractTargets(s2035.text, s2035.start);
    expect(t).toMatchObject({ metric: '水土保持率', value: 72.43, unit: '%', comparator: '达到', op: '>=', year: 2035 });
    expect(t.amount.text).toBe('72.43%');
    expect(corpusDoc('004').clean.text.slice(t.amount.start, t.amount.end)).toBe('72.43%');
    // 66.18% sits in the sentence after `到2025年,…。`: the year comes from the clause context.
    const s2025 = corpusSentence('004', '全省水土保持率达到66.18%');
    const [u] = extractTargets(s2025.text, s2025.start, { contextYear: 2025 });
    expect(u).toMatchObject({ metric: '水土保持率', value: 66.18, year: 2025, yearInherited: true });
  });

  it('handles the raw spacing `到 2025 年…达到 66.18%`', () => {
    const [t] = extractTargets('到 2025 年,全省水土保持率达到 66.18%。');
    expect(t).toMatchObject({ metric: '水土保持率', value: 66.18, unit: '%', year: 2025 });
    expect(t.amount.text).toBe('66.18%');
  });

  it("reads 004's counts: 100条 小流域, 100万亩 坡耕地综合治理, 1000个 专业户, 10个以上 示范区", () => {
    const s = corpusSentence('004', '打造100条高质量精品小流域,实施坡耕地综合治理100万亩');
    const ts = pick(s.text);
    expect(ts).toContainEqual({ metric: '高质量精品小流域', value: 100, unit: '条', year: 2025 });
    expect(ts).toContainEqual({ metric: '坡耕地综合治理', value: 100, unit: '万亩', year: 2025 });
    expect(ts).toContainEqual({ metric: '水保生态经济专业户', value: 1000, unit: '个', year: 2025 });
    const demo = extractTargets(s.text).find((t) => t.metric === '绿色矿业发展示范区');
    expect(demo).toMatchObject({ value: 10, comparator: '以上', op: '>=' });
  });

  it("reads 004's 淤地坝400座以上 and 100万亩 within the 十四五 period", () => {
    const [dam] = extractTargets(corpusSentence('004', '高标准淤地坝400座以上').text);
    expect(dam.metric).toContain('淤地坝');
    expect(dam).toMatchObject({ value: 400, unit: '座', comparator: '以上', year: 2025, period: '“十四五”期间' });
    expect(dam.amount.text).toBe('400座以上');
    const [slope] = extractTargets(corpusSentence('004', '“十四五”期间实施坡耕地综合治理100万亩').text);
    expect(slope).toMatchObject({ metric: '坡耕地综合治理', value: 100, unit: '万亩', period: '“十四五”期间' });
  });

  it("reads 003's 2020 targets with comparators 不低于 and 以上", () => {
    const s = corpusSentence('003', '全区林地保有量不低于52.3万亩');
    const ts = extractTargets(s.text);
    expect(ts[0]).toMatchObject({ metric: '林地保有量', value: 52.3, unit: '万亩', comparator: '不低于', op: '>=', year: 2020 });
    expect(ts.map((t) => t.unit)).toEqual(['万亩', '%', '平方公里']);
    const goal = extractTargets(corpusSentence('003', '水土流失治理率达到65%以上').text);
    expect(goal[1]).toMatchObject({ metric: '水土流失治理率', value: 65, comparator: '达到…以上' });
  });

  it("reads 002's county targets despite the damage (全水土保持率, km2, 每年)", () => {
    const s = corpusSentence('002', '规划治理面积133.29km2');
    const ts = extractTargets(s.text);
    expect(ts[0]).toMatchObject({ metric: '规划治理面积', value: 133.29, unit: 'km2' });
    expect(ts[1]).toMatchObject({ metric: '治理面积', value: 30, comparator: '不少于', period: '每年' });
    expect(ts[2]).toMatchObject({ metric: '水土保持率', value: 56.04, period: null });
  });

  it('skips scopes, years and document numbers that are not targets', () => {
    expect(extractTargets(corpusSentence('004', '以46处省级以上自然保护区').text)).toEqual([]);
    expect(extractTargets('修订《山西省水土保持规划(2016—2030年)》。')).toEqual([]);
    expect(extractTargets('(晋自然资发〔2022〕9号)')).toEqual([]);
    expect(extractTargets('严禁在25度以上的坡面开垦种植农作物')).toEqual([]);
  });
});

describe('extractTargets comparators', () => {
  it('reads upper bounds (控制在…以内) as <=', () => {
    const [t] = extractTargets('到2025年,新增人为水土流失面积控制在5%以内。');
    expect(t).toMatchObject({ metric: '新增人为水土流失面积', value: 5, comparator: '控制在…以内', op: '<=', year: 2025 });
  });
});
