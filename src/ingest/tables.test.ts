import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanText } from './clean.js';
import { parseStructure } from './structure.js';
import { extractTables, findTables, formatTableRow, mergeHeader } from './tables.js';

const corpus = readdirSync('corpus').filter((f) => f.endsWith('.txt'));
const load = (prefix: string) => {
  const clean = cleanText(readFileSync(`corpus/${corpus.find((f) => f.startsWith(prefix))}`, 'utf8'));
  return { clean, sections: parseStructure(clean).sections };
};

describe('extractTables on the corpus', () => {
  it('004: the 附件2 分解表 gives 12 rows with the merged two-line header', () => {
    const { clean, sections } = load('004');
    const rows = extractTables(clean, sections);
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.table === '附件2' && r.caption === '全省水土保持率目标值分解表')).toBe(true);
    expect(rows[0].header).toEqual(['市级行政区', '2025年', '2035年']);
    expect(rows.map((r) => r.index)).toEqual([...Array(12).keys()]);
    expect(rows[0].cells).toEqual(['太原市', '68.5', '73.51']);
    expect(rows[11].cells).toEqual(['全省', '66.18', '72.43']);
    const xinzhou = rows.find((r) => r.cells[0] === '忻州市')!;
    expect(formatTableRow(xinzhou)).toBe('忻州市 2025年 63.56 2035年 66.22');
    expect(clean.text.slice(xinzhou.start, xinzhou.end)).toBe('忻州市\t63.56\t66.22');
    const [block] = findTables(clean, sections);
    expect(block.groups).toEqual(['水土保持率目标值(%)']);
    expect(clean.text.slice(block.headerStart!, block.headerEnd!)).toBe('市级行政区\t水土保持率目标值(%)\n\t2025年\t2035年');
  });

  it('finds no table in the other files (a lone "时间\\t来源" or "署名\\t印发" line is not a table)', () => {
    for (const p of ['000', '001', '002', '003']) {
      const { clean, sections } = load(p);
      expect(extractTables(clean, sections), p).toEqual([]);
    }
  });
});

describe('table helpers', () => {
  it('names tables outside attachments 表N and reads a text table with a one-line header', () => {
    const text = [
      '一、任务',
      '主要任务分工',
      '序号\t任务\t牵头单位',
      '1\t加强预防\t水利局',
      '2\t强化监管\t自然资源局',
      '二、保障',
      '项目\t内容',
      '甲\t说明一',
      '乙\t说明二',
    ].join('\n');
    const blocks = findTables(text, parseStructure(text).sections);
    expect(blocks.map((b) => b.table)).toEqual(['表1', '表2']);
    expect(blocks[0].caption).toBe('主要任务分工');
    expect(blocks[0].header).toEqual(['序号', '任务', '牵头单位']);
    expect(blocks[0].rows.map(formatTableRow)).toEqual(['1 任务 加强预防 牵头单位 水利局', '2 任务 强化监管 牵头单位 自然资源局']);
    expect(blocks[1].rows).toHaveLength(2);
    expect(blocks[1].header).toEqual(['项目', '内容']);
  });

  it('merges stacked header lines column-wise and keeps spanning labels as groups', () => {
    expect(
      mergeHeader([
        ['地区', '目标值(%)'],
        ['', '2025年', '2035年'],
      ]),
    ).toEqual({ header: ['地区', '2025年', '2035年'], groups: ['目标值(%)'] });
    expect(mergeHeader([['地区', '面积']])).toEqual({ header: ['地区', '面积'], groups: [] });
  });

  it('formats rows without a header and skips empty cells', () => {
    const row = { table: '表1', caption: null, index: 0, header: null, cells: ['甲', '', '3'], start: 0, end: 4 };
    expect(formatTableRow(row)).toBe('甲 3');
    expect(formatTableRow({ ...row, header: ['地区', 'a', 'b'] })).toBe('甲 b 3');
  });

  it('every row of a random numeric table is found once, in order, with its cells', () => {
    const cell = fc.stringMatching(/^[甲乙丙丁县市区]{1,4}$/);
    const value = fc.float({ min: 0, max: 999, noNaN: true }).map((v) => v.toFixed(2));
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, value, value), { minLength: 1, maxLength: 15 }), (data) => {
        const text = ['附件1', '分解表', '地区\t2025年\t2035年', ...data.map((r) => r.join('\t')), '抄送:各单位。'].join('\n');
        const rows = extractTables(text, parseStructure(text).sections);
        expect(rows.map((r) => r.cells)).toEqual(data);
        expect(rows.every((r) => r.table === '附件1' && r.caption === '分解表')).toBe(true);
        rows.forEach((r, i) => expect(text.slice(r.start, r.end)).toBe(data[i].join('\t')));
      }),
      { numRuns: 100 },
    );
  });
});
