import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractObligations } from '../analysis/index.js';
import { parseDocument } from '../ingest/parse.js';
import type { ParsedDocument } from '../ingest/types.js';
import { buildRegister, csvField, registerToCsv, REGISTER_COLUMNS } from './obligation-register.js';
import { readCorpusText } from '../testing/corpus.js';

function corpusDoc(id: string): ParsedDocument {
  const text = readCorpusText(id);
  return parseDocument({ id, format: 'txt', encoding: 'utf-8', text, sha256: id, bytes: Buffer.byteLength(text) });
}

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

const col = (name: string) => 1 + REGISTER_COLUMNS.findIndex((c) => c.header === name);

describe('buildRegister on real documents', () => {
  it("000: one row per obligation, with 000's quarterly coordination meeting, its lead and frequency", () => {
    const doc = corpusDoc('000_a21187bb345200ac.txt');
    const obligations = extractObligations(doc);
    const reg = buildRegister(obligations);
    expect(reg.columns).toEqual(['序号', '条款', '章节', '任务', '牵头单位', '配合单位', '约束强度', '目标', '时限', '报送频次', '原文']);
    expect(reg.rows).toHaveLength(obligations.length);
    expect(reg.tasks.map((t) => t.obligationId)).toEqual(obligations.map((o) => o.id));
    const meeting = reg.rows.find((r) => r[col('任务')].includes('每季度定期召开协调会议'))!;
    expect(meeting[col('条款')]).toBe('四（三）');
    expect(meeting[col('报送频次')]).toBe('每季度');
    // The quote is the original text, page break and all.
    expect(meeting[col('原文')]).toMatch(/牵头部门\s*\n\s*\n\s*每季度定期召开协调会议/);
    const report = reg.rows.find((r) => r[col('时限')] === '每季度末下月2日前')!;
    expect(report[col('牵头单位')]).toBe('各相关部门');
  });

  it("004: targets with their years, and verbatim quotes at the obligation's offsets", () => {
    const doc = corpusDoc('004_01ad0f74c71dd3d5.txt');
    const reg = buildRegister(extractObligations(doc));
    const targets = reg.rows.map((r) => r[col('目标')]);
    expect(targets).toContain('水土保持率达到66.18%（2025年）');
    expect(targets).toContain('水土保持率达到72.43%（2035年）');
    for (const t of reg.tasks) expect(doc.raw.text.slice(t.start, t.end)).toBe(t.quote);
  });

  it('003: units named once per clause in （责任部门：…） fill 牵头单位', () => {
    const reg = buildRegister(extractObligations(corpusDoc('003_771f313df9559ae5.txt')));
    const redLine = reg.tasks.find((t) => t.task.includes('生态保护红线') && t.deadline === '2020年底前')!;
    expect(redLine.leadSource).toBe('clause');
    expect(redLine.lead).toContain('区生态环境分局');
  });

  it('an empty document part gives an empty register with the same columns', () => {
    const reg = buildRegister([]);
    expect(reg.rows).toEqual([]);
    expect(reg.columns[0]).toBe('序号');
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

  it('round-trips a real register (quotes with newlines and commas)', () => {
    const reg = buildRegister(extractObligations(corpusDoc('000_a21187bb345200ac.txt')));
    expect(parseCsv(registerToCsv(reg).slice(1))).toEqual([reg.columns, ...reg.rows]);
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
