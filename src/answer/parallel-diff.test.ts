import { describe, expect, it } from 'vitest';
import { diffParallel } from './parallel-diff.js';

const texts = (d: ReturnType<typeof diffParallel>) => d && [d.a.map((x) => x.text), d.b.map((x) => x.text)];

describe('diffParallel', () => {
  it('reads what a reworded sentence changed to the end of its noun phrase', () => {
    expect(texts(diffParallel('建立水土保持厅际协调机制,健全工作制度', '建立水土保持部门协调机制，健全工作制度'))).toEqual([
      ['厅际协调机制'],
      ['部门协调机制'],
    ]);
    expect(texts(diffParallel('加大省级财政水土保持投入', '加大地方财政水土保持投入', '财政'))).toEqual([['省级财政'], ['地方财政']]);
  });

  it('lists what only one side says, and nothing for a change of punctuation or quotes', () => {
    expect(texts(diffParallel('以46处省级以上自然保护区、省直九大林区为重点', '以省级以上自然保护区、省直林区为重点'))?.[1]).toEqual([]);
    expect(texts(diffParallel('落实“重点关注名单”和“黑名单”制度', '落实重点关注名单黑名单制度'))).toEqual([[], []]);
  });

  it('keeps offsets into each side', () => {
    const a = '全面考核市县政府水土保持目标';
    const d = diffParallel(a, '全面考核乡级政府水土保持目标', '政府')!;
    expect(a.slice(d.a[0].start, d.a[0].end)).toBe(d.a[0].text);
  });

  it('says two different sentences are not parallel', () => {
    expect(diffParallel('每季度召开一次协调会议', '各乡镇要按月报送工作进展情况')).toBeNull();
  });
});
