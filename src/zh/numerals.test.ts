import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatChineseNumeral, parseChineseNumeral, parseNumber, readDigitByDigit } from './numerals.js';

describe('Chinese numerals', () => {
  it('reads clause, month and day numerals', () => {
    expect(parseChineseNumeral('二十七')).toBe(27);
    expect(parseChineseNumeral('十')).toBe(10);
    expect(parseChineseNumeral('十三')).toBe(13);
    expect(parseChineseNumeral('一百零五')).toBe(105);
    expect(parseChineseNumeral('一百一十')).toBe(110);
    expect(parseChineseNumeral('两百')).toBe(200);
    expect(parseChineseNumeral('零')).toBe(0);
    expect(parseNumber('12')).toBe(12);
    expect(parseNumber('十二')).toBe(12);
  });

  it('refuses what is not a numeral', () => {
    for (const s of ['', 'abc', '一二', '十十', '零五', '二十零', '百']) expect(parseChineseNumeral(s)).toBeNull();
  });

  it('reads years digit by digit, with the look-alikes of 〇', () => {
    expect(readDigitByDigit('二〇二三')).toBe(2023);
    expect(readDigitByDigit('二○二二')).toBe(2022);
    expect(readDigitByDigit('二十')).toBeNull();
  });

  it('formats and parses back every number below 1000', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 999 }), (n) => parseChineseNumeral(formatChineseNumeral(n)) === n));
  });
});
