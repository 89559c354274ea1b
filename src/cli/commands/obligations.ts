/**
 * `policy obligations --doc ID`: the obligations of a document as a task register (任务分工表)
 * and a reporting calendar (报送日历), in JSON, CSV (UTF-8 with BOM, for Excel), XLSX (two
 * sheets) or Markdown tables.
 */
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { toReportingCalendar, toTaskRegister, type CalendarEntry, type Obligation, type TaskRow } from '../../analysis/index.js';
import { choiceFlag, configFromFlags, defineCommand } from '../command.js';
import { printJson, UsageError } from '../output.js';

type Format = 'json' | 'csv' | 'xlsx' | 'md';
const FORMATS: readonly Format[] = ['json', 'csv', 'xlsx', 'md'];
const TABLES = ['register', 'calendar'] as const;

/** A table: Chinese headers and rows of strings. */
export interface Table {
  name: string;
  columns: { header: string; width: number }[];
  rows: string[][];
}

const join = (xs: string[]) => xs.join('、');

/** The task register as a table. */
export function registerTable(rows: TaskRow[]): Table {
  return {
    name: '任务分工表',
    columns: [
      { header: '序号', width: 6 },
      { header: '条款', width: 10 },
      { header: '章节', width: 18 },
      { header: '任务', width: 60 },
      { header: '牵头单位', width: 20 },
      { header: '配合单位', width: 24 },
      { header: '时限', width: 14 },
      { header: '频次', width: 10 },
      { header: '目标', width: 24 },
      { header: '约束强度', width: 10 },
      { header: '原文', width: 60 },
    ],
    rows: rows.map((r, i) => [
      String(i + 1),
      r.clause,
      r.heading,
      r.task,
      join(r.lead),
      join(r.cooperating),
      r.deadline ?? '',
      r.frequency ?? '',
      r.target ?? '',
      r.modality,
      r.quote,
    ]),
  };
}

/** The reporting calendar as a table. */
export function calendarTable(entries: CalendarEntry[]): Table {
  return {
    name: '报送日历',
    columns: [
      { header: '序号', width: 6 },
      { header: '条款', width: 10 },
      { header: '事项', width: 40 },
      { header: '责任单位', width: 20 },
      { header: '频次', width: 10 },
      { header: '时限', width: 18 },
      { header: '报送对象', width: 18 },
      { header: '原文', width: 60 },
    ],
    rows: entries.map((e, i) => [String(i + 1), e.clause, e.what, join(e.who), e.frequency ?? '', e.when ?? '', e.recipient ?? '', e.quote]),
  };
}

/** One CSV field (RFC 4180); a leading =, +, - or @ is prefixed with ' so a spreadsheet never runs it as a formula. */
export function csvField(value: string): string {
  const v = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A table as CSV with a BOM (Excel reads UTF-8 Chinese only with one) and CRLF line ends. */
export function tableToCsv(t: Table): string {
  const lines = [t.columns.map((c) => c.header), ...t.rows].map((r) => r.map(csvField).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** A table as Markdown (pipes and line breaks escaped). */
export function tableToMarkdown(t: Table): string {
  const cell = (s: string) =>
    s
      .replace(/\\/g, '\\\\')
      .replace(/\|/g, '\\|')
      .replace(/\r?\n+/g, ' ')
      .replace(/</g, '&lt;');
  return [
    `## ${t.name}（${t.rows.length}）`,
    '',
    `| ${t.columns.map((c) => c.header).join(' | ')} |`,
    `| ${t.columns.map(() => '---').join(' | ')} |`,
    ...t.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** Both tables as an .xlsx workbook (one sheet each, header row frozen). */
export async function tablesToXlsx(tables: Table[]): Promise<Buffer> {
  // Loaded only for .xlsx: it is the heaviest dependency of the CLI.
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'policy-assistant';
  for (const t of tables) {
    const ws = wb.addWorksheet(t.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = t.columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width }));
    for (const r of t.rows) ws.addRow(r);
    ws.getRow(1).font = { bold: true };
    ws.eachRow((row) => row.eachCell((cell) => (cell.alignment = { wrapText: true, vertical: 'top' })));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The format: --format, else the --out extension, else JSON with --json, else Markdown. */
export function obligationsFormat(values: { format?: string; out?: string }, json: boolean): Format {
  const chosen = choiceFlag(values.format, FORMATS, 'format');
  if (chosen) return chosen;
  const ext = extname(values.out ?? '')
    .toLowerCase()
    .slice(1);
  return FORMATS.find((f) => f === ext) ?? (json ? 'json' : 'md');
}

export const obligationsCommand = defineCommand({
  summary: 'Obligations of a document: task register (任务分工表) and reporting calendar',
  usage: 'policy obligations --doc ID [--format json|csv|xlsx|md] [--table register|calendar] [--out FILE]',
  options: { doc: { type: 'string' }, format: { type: 'string' }, table: { type: 'string' }, out: { type: 'string' } },
  async run({ values, ctx }) {
    const id = values.doc;
    if (!id) throw new UsageError('Give the document: policy obligations --doc 004_01ad0f74c71dd3d5.txt');
    const format = obligationsFormat(values, ctx.json);
    const table = choiceFlag(values.table, TABLES, 'table') ?? 'register';
    const out = values.out;
    if (format === 'xlsx' && !out) throw new UsageError('xlsx is a binary format: give --out FILE.xlsx');
    // Loaded on use: the output helpers above stay importable (and testable) without the whole service.
    const { createWorkspace } = await import('../../workspace/workspace.js');
    const ws = await createWorkspace(configFromFlags(values));
    await ws.ensureIndex();
    const obligations = ws.obligations(id) as Obligation[];
    const register = toTaskRegister(obligations);
    const calendar = toReportingCalendar(obligations);
    const tables = [registerTable(register), calendarTable(calendar)];
    const summary = `${id}: ${obligations.length} obligations, ${calendar.length} calendar entries`;
    let body: string | Buffer;
    if (format === 'json') body = `${JSON.stringify({ doc: id, obligations, register, calendar }, null, 2)}\n`;
    else if (format === 'csv') body = tableToCsv(tables[table === 'calendar' ? 1 : 0]);
    else if (format === 'md') body = `${tables.map(tableToMarkdown).join('\n\n')}\n`;
    else body = await tablesToXlsx(tables);
    if (out) {
      writeFileSync(out, body);
      if (ctx.json) printJson({ doc: id, out, format, obligations: obligations.length, register: register.length, calendar: calendar.length });
      else ctx.say(`${summary}\nwrote ${out}`);
      return;
    }
    if (format === 'json' && ctx.json) {
      printJson({ doc: id, obligations, register, calendar });
      return;
    }
    if (ctx.json) {
      // --json means one JSON document on stdout: a CSV or Markdown body travels inside it.
      printJson({
        doc: id,
        format,
        table: format === 'csv' ? table : null,
        obligations: obligations.length,
        register: register.length,
        calendar: calendar.length,
        content: body.toString(),
      });
      return;
    }
    process.stdout.write(body);
    ctx.log(summary);
  },
});
