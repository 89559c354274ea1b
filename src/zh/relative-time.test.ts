/** Relative times: what counts as a deadline, what year and month it names, and what is ruled out. */
import { describe, expect, it } from 'vitest';
import { findRelativeTimes } from './relative-time.js';

const read = (text: string) => findRelativeTimes(text).map(({ text, offset, year, month }) => ({ text, offset, year, month }));

describe('findRelativeTimes', () => {
  it('reads a relative year with a part of the year, a month or a deadline word', () => {
    expect(read('当年年底前完成规划修编。')).toEqual([{ text: '当年年底前', offset: 0, year: null, month: 12 }]);
    expect(read('次年6月底前完成验收。')).toEqual([{ text: '次年6月底前', offset: 1, year: null, month: 6 }]);
    expect(read('本年度内完成验收。')).toEqual([{ text: '本年度内', offset: 0, year: null, month: 12 }]);
    expect(read('今年底前完成。')).toEqual([{ text: '今年底前', offset: 0, year: null, month: 12 }]);
    expect(read('于次年3月31日前报送。')).toEqual([{ text: '次年3月31日前', offset: 1, year: null, month: 3 }]);
    expect(read('到当年年底，完成治理。')).toEqual([{ text: '当年年底', offset: 0, year: null, month: 12 }]);
  });

  it('reads a part of a year on its own, or after a written year', () => {
    expect(read('上半年完成验收。')).toEqual([{ text: '上半年', offset: null, year: null, month: 6 }]);
    expect(read('年底前完成验收。')).toEqual([{ text: '年底前', offset: null, year: null, month: 12 }]);
    expect(read('力争三季度开工。')).toEqual([{ text: '三季度', offset: null, year: null, month: 9 }]);
    expect(read('2025年上半年完成。')).toEqual([{ text: '2025年上半年', offset: null, year: 2025, month: 6 }]);
  });

  it('leaves alone recurring deadlines, time limits, events and bare years', () => {
    expect(read('每年年底前报送工作总结。')).toEqual([]);
    expect(read('一年内受到两次以上约谈的，予以通报。')).toEqual([]);
    expect(read('三年内完成治理。')).toEqual([]);
    expect(read('建立年中评估和年终考核制度。')).toEqual([]);
    // A relative year alone is a year of work, as `2025年完成` is (no deadline word).
    expect(read('2024年完成试点，次年全面推开。')).toEqual([]);
    // A written year with its year end is the frame's own deadline.
    expect(read('2025年底前完成。')).toEqual([]);
    expect(read('每季度末下月2日前报送。')).toEqual([]);
  });

  it('gives offsets into the text', () => {
    const text = '2024年启动试点，次年底前全面推开。';
    const [t] = findRelativeTimes(text);
    expect(text.slice(t.start, t.end)).toBe('次年底前');
  });
});
