/** Units of quantities: counts, standards and rates, and which way a standard loosens. */
import { describe, expect, it } from 'vitest';
import { loosens, quantityClass } from './units.js';

describe('quantityClass', () => {
  it('tells counts, standards and rates apart', () => {
    expect(quantityClass('条')).toBe('count');
    expect(quantityClass('万亩')).toBe('count');
    expect(quantityClass('座以上')).toBe('count');
    expect(quantityClass('度')).toBe('standard');
    expect(quantityClass('米见')).toBe('standard');
    expect(quantityClass('个月')).toBe('standard');
    expect(quantityClass('%')).toBe('rate');
    expect(quantityClass('')).toBeNull();
  });
});

describe('loosens', () => {
  it('reads a steeper slope, a longer distance or time and a lower rate as looser', () => {
    expect(loosens('度', 25, 30)).toBe(true);
    expect(loosens('度', 25, 20)).toBe(false);
    expect(loosens('米', 300, 500)).toBe(true);
    expect(loosens('%', 30, 20)).toBe(true);
    expect(loosens('%', 5, 8, true)).toBe(true);
    expect(loosens('条', 100, 15)).toBeNull();
    expect(loosens('度', 25, 25)).toBeNull();
  });
});
