/**
 * Relative deadlines: resolved against a year named in the sentence or the plan's issue date, and
 * compared with the other plan's deadline by the date they stand for.
 */
import { describe, expect, it } from 'vitest';
import { docFromText } from '../../testing/alignment-corpus.js';
import { alignDocuments } from './align.js';
import { referenceYear, relativeDeadlines } from './relative-deadlines.js';

const KEPT = '聚焦耕地保护、粮食安全、面源污染防治，推进旱作梯田建设。';
const plan = (title: string, task: string, date: string | null) =>
  docFromText(
    `${title}.txt`,
    `${title}\n为做好相关工作，结合实际，制定本方案。\n一、重点任务\n（一）治理坡耕地。${KEPT}${task}完成水土保持规划修编。\n${date ? `\n某某人民政府办公室\n${date}印发\n` : ''}`,
  );
const province = (task: string, date = '2023年6月15日') => plan('山西省加强水土保持工作实施方案', task, date);
const county = (task: string, date: string | null) => plan('宁武县加强水土保持工作实施方案', task, date);
const deadlines = (child: string, date: string | null, parent = '2025年底前', parentDate?: string) =>
  alignDocuments(county(child, date), province(parent, parentDate))
    .findings.filter((f) => f.kind === 'deadline_changed')
    .map((f) => [f.severity, f.detail]);

describe('referenceYear', () => {
  it('takes the issue date, else the 文号 year', () => {
    expect(referenceYear(county('年底前', '2024年4月16日'))).toBe(2024);
    const numbered = docFromText(
      'x.txt',
      '某县人民政府办公室文件\n某政办发〔2022〕7号\n某县加强水土保持工作实施方案\n一、重点任务\n（一）治理。年底前完成。\n',
    );
    expect(referenceYear(numbered)).toBe(2022);
    expect(referenceYear(county('年底前', null))).toBeNull();
  });
});

describe('relativeDeadlines', () => {
  it('resolves against a year named before it in the sentence, else the issue year', () => {
    const text = '2024年启动试点，次年底前全面推开，当年年底前完成方案。';
    const got = relativeDeadlines({ text, start: 100 }, 2030).map((d) => [d.text, d.year, d.month, d.fromIssue, d.start]);
    expect(got).toEqual([
      ['次年底前', 2025, 12, null, 110],
      ['当年年底前', 2024, 12, null, 119],
    ]);
    const issue = relativeDeadlines({ text: '次年6月底前完成验收。', start: 0 }, 2024);
    expect(issue.map((d) => [d.year, d.month, d.fromIssue, d.shown])).toEqual([[2025, 6, 18, '次年6月底前（2025年6月）']]);
    expect(relativeDeadlines({ text: '当年年底前完成。', start: 0 }, null)).toEqual([]);
  });

  it('ignores years in titles and document numbers', () => {
    const [d] = relativeDeadlines({ text: '按照《2021年水土保持规划》要求，当年年底前完成。', start: 0 }, 2024);
    expect(d.year).toBe(2024);
  });
});

describe('comparing a relative deadline with an absolute one', () => {
  it('finds 当年年底前 in a plan issued 2025 the same as 2025年底前', () => {
    expect(deadlines('当年年底前', '2025年3月1日')).toEqual([]);
  });
  it('finds 当年年底前 in a plan issued 2024 earlier than 2025年底前, and says which date it means', () => {
    expect(deadlines('当年年底前', '2024年3月1日')).toEqual([['low', expect.stringContaining('当年年底前（2024年底）')]]);
  });
  it('finds 次年年底前 in 2024 the same, 次年6月底前 earlier and 年底前 in 2026 later', () => {
    expect(deadlines('次年年底前', '2024年3月1日')).toEqual([]);
    expect(deadlines('次年6月底前', '2024年3月1日')).toEqual([['low', expect.stringContaining('2025年6月')]]);
    expect(deadlines('年底前', '2026年3月1日')).toEqual([['high', expect.stringContaining('推迟')]]);
  });
  it('reads 次年 after a year named in the same sentence', () => {
    expect(deadlines('2024年启动试点，次年底前', '2024年3月1日')).toEqual([]);
  });
  it('compares two deadlines resolved from issue dates by their words', () => {
    // Both plans write 年底前: the same request, whatever year each was issued in.
    expect(deadlines('年底前', '2024年3月1日', '年底前', '2023年6月15日')).toEqual([]);
    expect(deadlines('上半年', '2024年3月1日', '年底前', '2023年6月15日')).toEqual([['low', expect.stringContaining('提前')]]);
  });
  it('does not call a relative deadline without a year "removed"', () => {
    expect(deadlines('当年年底前', null)).toEqual([]);
    expect(deadlines('', '2024年3月1日')).toEqual([['high', expect.stringContaining('删去')]]);
  });
});
