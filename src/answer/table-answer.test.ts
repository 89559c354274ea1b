import { describe, expect, it } from 'vitest';
import type { TableRow } from '../ingest/types.js';
import { askedExtreme, extremeRow } from './table-answer.js';

const header = ['市级行政区', '2025年', '2035年'];
const row = (cells: string[], index: number): TableRow => ({ table: '附件2', caption: null, index, header, cells, start: index * 10, end: index * 10 + 9 });
const rows = [row(['太原市', '68.5', '73.51'], 0), row(['运城市', '77.25', '83.9'], 1), row(['吕梁市', '53.77', '56.73'], 2), row(['全 省', '90', '95'], 3)];

describe('table superlatives', () => {
  it('reads what the question asks for', () => {
    expect(askedExtreme('2025年目标最高的是哪个市？')).toBe('max');
    expect(askedExtreme('哪个市最低？')).toBe('min');
    expect(askedExtreme('忻州市的目标是多少？')).toBeNull();
  });

  it('finds the extreme row in the asked year, leaving the total row out', () => {
    expect(extremeRow(rows, 'max', 2025)).toMatchObject({ row: { cells: ['运城市', '77.25', '83.9'] }, column: 1 });
    expect(extremeRow(rows, 'min', 2035)).toMatchObject({ row: { cells: ['吕梁市', '53.77', '56.73'] }, column: 2 });
    expect(extremeRow(rows, 'max', null)?.column).toBe(1);
    expect(extremeRow([row(['甲', '无', '无'], 0)], 'max', 2025)).toBeNull();
  });
});
