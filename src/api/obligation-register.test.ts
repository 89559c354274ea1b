/** The 任务分工表: columns from obligation frames, CSV for Excel. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRegister, csvField, formatValue, registerToCsv } from './obligation-register.js';

/** A strict RFC 4180 parser, to check the writer round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}

describe('buildRegister', () => {
  it('fills Chinese columns from whichever field names the frames use', () => {
    const reg = buildRegister([
      { clause: '四（三）', action: '召开协调会议', leads: ['县水利局'], cooperating: ['县财政局', '县自然资源局'], modality: { word: '必须', strength: 5 }, deadlines: [{ raw: '每年12月底前', iso: null }] },
      { clausePath: '二（一）', text: '落实空间管控', lead: '县林业局', targets: [{ metric: '水土保持率', value: 56.04, unit: '%' }] },
      '一项文字任务',
    ]);
    expect(reg.columns).toEqual(['序号', '条款', '任务', '牵头单位', '配合单位', '约束强度', '目标', '时限']);
    expect(reg.rows[0]).toEqual(['1', '四（三）', '召开协调会议', '县水利局', '县财政局、县自然资源局', '必须', '', '每年12月底前']);
    expect(reg.rows[1]).toEqual(['2', '二（一）', '落实空间管控', '县林业局', '', '', '水土保持率56.04%', '']);
    expect(reg.rows[2][2]).toBe('一项文字任务');
  });

  it('formats odd values without throwing', () => {
    expect(formatValue(null)).toBe('');
    expect(formatValue([1, 'a', { name: 'b' }])).toBe('1、a、b');
    expect(formatValue({ a: 'x', b: 2, c: {} })).toBe('x 2');
  });
});

describe('registerToCsv', () => {
  it('starts with a BOM and uses CRLF', () => {
    const csv = registerToCsv({ columns: ['序号', '任务'], rows: [['1', '召开会议']] });
    expect(csv.startsWith('\uFEFF序号,任务\r\n1,召开会议\r\n')).toBe(true);
  });

  it('defuses spreadsheet formulas', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('-1')).toBe("'-1");
  });

  it('round-trips any cell text (property)', () => {
    const cell = fc.string({ maxLength: 30 }).filter((s) => !/^[=+\-@\t\r]/.test(s));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { maxLength: 8 }), (rows) => {
        const csv = registerToCsv({ columns: ['甲', '乙'], rows });
        expect(parseCsv(csv.slice(1))).toEqual([['甲', '乙'], ...rows]);
      }),
    );
  });
});
