/** `policy obligations` output builders: register and calendar tables as CSV (BOM), Markdown and XLSX. */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractObligations, toReportingCalendar, toTaskRegister } from '../../analysis/index.js';
import { corpusDoc } from '../../testing/alignment-corpus.js';
import { calendarTable, csvField, obligationsFormat, registerTable, tablesToXlsx, tableToCsv, tableToMarkdown, type Table } from './obligations.js';

let register: Table;
let calendar: Table;
beforeAll(async () => {
  const obligations = extractObligations(await corpusDoc('000'));
  register = registerTable(toTaskRegister(obligations));
  calendar = calendarTable(toReportingCalendar(obligations));
});

describe('tables', () => {
  it('has one register row per obligation and a calendar of dated or recurring duties', () => {
    expect(register.rows.length).toBeGreaterThan(20);
    expect(register.columns.map((c) => c.header)).toEqual(['序号', '条款', '章节', '任务', '牵头单位', '配合单位', '时限', '频次', '目标', '约束强度', '原文']);
    expect(calendar.rows.length).toBeGreaterThan(0);
    expect(calendar.rows.some((r) => r[4].includes('每季度') || r[4].includes('每月'))).toBe(true);
  });
  it('writes CSV with a BOM, CRLF, quoting, and defused formulas', () => {
    const csv = tableToCsv({
      name: 't',
      columns: [
        { header: 'a', width: 1 },
        { header: 'b', width: 1 },
      ],
      rows: [['=SUM(A1)', 'x,"y"\nz']],
    });
    expect(csv.startsWith('\ufeffa,b\r\n')).toBe(true);
    expect(csv).toContain(`'=SUM(A1),"x,""y""\nz"`);
    expect(csvField('-1')).toBe("'-1");
    expect(tableToCsv(register).split('\r\n').length).toBe(register.rows.length + 2);
  });
  it('writes Markdown tables with pipes escaped', () => {
    const md = tableToMarkdown({ name: '任务分工表', columns: [{ header: 'a', width: 1 }], rows: [['x|y\nz']] });
    expect(md).toContain('## 任务分工表（1）');
    expect(md).toContain('| x\\|y z |');
  });
  it('writes an XLSX workbook with the two sheets', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tablesToXlsx([register, calendar])) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['任务分工表', '报送日历']);
    expect(wb.getWorksheet('任务分工表')!.rowCount).toBe(register.rows.length + 1);
    expect(wb.getWorksheet('任务分工表')!.getRow(1).getCell(4).value).toBe('任务');
  });
});

describe('obligationsFormat', () => {
  it('takes --format, else the --out extension, else json with --json, else md', () => {
    expect(obligationsFormat({ format: 'csv' }, false)).toBe('csv');
    expect(obligationsFormat({ out: 'x.xlsx' }, false)).toBe('xlsx');
    expect(obligationsFormat({}, true)).toBe('json');
    expect(obligationsFormat({}, false)).toBe('md');
    expect(() => obligationsFormat({ format: 'pdf' }, false)).toThrow(/--format/);
  });
});
