/**
 * The task register (任务分工表) of a document's obligations, as rows for the UI table and as
 * CSV for Excel. The workspace returns obligation frames as `unknown[]`, so the columns are
 * filled from the first field of each frame that exists under one of several names; a column
 * no frame fills is left out.
 */

/** A register: Chinese column headers and one row of strings per obligation. */
export interface Register {
  columns: string[];
  rows: string[][];
}

/** Columns in order: header, candidate field names (first present wins), always shown. */
const COLUMNS: { header: string; keys: string[]; always?: boolean }[] = [
  { header: '条款', keys: ['clause', 'clausePath', 'path'], always: true },
  { header: '章节', keys: ['chapter', 'heading', 'section'] },
  { header: '任务', keys: ['task', 'action', 'summary', 'text', 'sentence'], always: true },
  { header: '牵头单位', keys: ['lead', 'leads', 'leadDepartments', 'leaders', 'owner', 'owners'] },
  { header: '配合单位', keys: ['cooperate', 'cooperating', 'cooperators', 'partners', 'support', 'supporting'] },
  { header: '约束强度', keys: ['modality', 'strength', 'force'] },
  { header: '目标', keys: ['targets', 'target', 'metrics'] },
  { header: '时限', keys: ['deadline', 'deadlines', 'due', 'when'] },
  { header: '报送频次', keys: ['frequency', 'frequencies', 'reporting', 'report'] },
  { header: '原文', keys: ['quote', 'source', 'original'] },
];

/** Renders one field value as text: arrays joined with 、, objects by their most telling part. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(formatValue).filter(Boolean).join('、');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const key of ['raw', 'text', 'label', 'name', 'word']) if (typeof o[key] === 'string' && o[key]) return o[key] as string;
    if (o.metric !== undefined || o.value !== undefined) {
      return [o.metric, o.value, o.unit, o.year ? `(${String(o.year)})` : ''].map((v) => (v === undefined || v === null ? '' : String(v))).join('');
    }
    return Object.values(o).filter((v) => typeof v === 'string' || typeof v === 'number').map(String).join(' ');
  }
  return '';
}

function pick(frame: Record<string, unknown>, keys: string[]): string {
  for (const key of keys) if (frame[key] !== undefined && frame[key] !== null) return formatValue(frame[key]);
  return '';
}

/** Builds the register from obligation frames (objects; a bare string is taken as the task). */
export function buildRegister(obligations: unknown[]): Register {
  const frames = obligations.map((o) => (o && typeof o === 'object' ? (o as Record<string, unknown>) : { task: formatValue(o) }));
  const cells = COLUMNS.map((c) => frames.map((f) => pick(f, c.keys)));
  const kept = COLUMNS.map((c, i) => c.always || cells[i].some(Boolean));
  const columns = ['序号', ...COLUMNS.filter((_, i) => kept[i]).map((c) => c.header)];
  const rows = frames.map((_, r) => [String(r + 1), ...COLUMNS.flatMap((_, i) => (kept[i] ? [cells[i][r]] : []))]);
  return { columns, rows };
}

/** Quotes a CSV field when needed (RFC 4180), and defuses spreadsheet formulas. */
export function csvField(value: string): string {
  // A cell starting with = + - @ is run as a formula by Excel; a leading apostrophe keeps it text.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV with a UTF-8 BOM (so Excel opens it as UTF-8 Chinese) and CRLF line ends. */
export function registerToCsv(register: Register): string {
  const lines = [register.columns, ...register.rows].map((row) => row.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
