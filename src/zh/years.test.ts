import { describe, expect, it } from 'vitest';
import { statedYears } from './years.js';

describe('statedYears', () => {
  it('reads years with 年, lists sharing one 年, and two-digit years when asked', () => {
    expect(statedYears('到2025年，到 2035 年')).toEqual([2025, 2035]);
    expect(statedYears('2025、2035年分别定的多少')).toEqual([2025, 2035]);
    expect(statedYears('2025至2035年')).toEqual([2025, 2035]);
    expect(statedYears('25年的目标')).toEqual([]);
    expect(statedYears('25年的目标', { twoDigit: true })).toEqual([2025]);
    expect(statedYears('2025选取薛家洼乡')).toEqual([]);
    expect(statedYears('2025选取薛家洼乡', { lineStart: true })).toEqual([2025]);
    expect(statedYears('电话2025123')).toEqual([]);
    expect(statedYears('从2025到2035全省要提高多少', { twoDigit: true })).toEqual([2025, 2035]);
    expect(statedYears('从2025到2035全省要提高多少')).toEqual([]);
  });
});
