/**
 * WPS Writer (.wps) and Excel 97 (.xls) files, through LibreOffice headless: converted to
 * .docx / .xlsx in a private temporary folder with a private user profile (concurrent
 * conversions would otherwise fight over ~/.config/libreoffice), killed after a timeout,
 * then read like any .docx / .xlsx. Without LibreOffice the file is refused with
 * CONVERTER_UNAVAILABLE naming the Debian packages; no unmaintained parser reads them instead.
 */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../core/errors.js';
import { extractDocxText } from './docx.js';
import type { FormatLimits } from './limits.js';
import { checkOleFile } from './ole-guard.js';
import { runTool } from './tool.js';
import { guardZip } from './zip-guard.js';

/** Options of the LibreOffice conversion. */
export interface ConvertOptions {
  /** The LibreOffice program. Default `soffice` (on PATH). */
  command: string;
}

/** Documented defaults of {@link ConvertOptions}. */
export const defaultConvertOptions: ConvertOptions = { command: 'soffice' };

const PACKAGES = 'apt-get install libreoffice-writer-nogui libreoffice-calc-nogui';

/** Converts `bytes` (a file of extension `ext`) to `target` with LibreOffice; returns the converted bytes. */
async function convert(
  bytes: Buffer,
  name: string,
  ext: '.wps' | '.xls',
  target: 'docx' | 'xlsx',
  limits: FormatLimits,
  options: ConvertOptions,
): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'policy-convert-'));
  try {
    const input = join(dir, `input${ext}`);
    await writeFile(input, bytes, { mode: 0o600 });
    const args = [
      '--headless',
      '--norestore',
      '--nologo',
      '--nodefault',
      '--nolockcheck',
      `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
      '--convert-to',
      target,
      '--outdir',
      join(dir, 'out'),
      input,
    ];
    const r = await runTool(options.command, args, { timeoutMs: limits.convertTimeoutMs, cwd: dir, env: { HOME: dir } });
    if (r.status === 'missing')
      throw new AppError('CONVERTER_UNAVAILABLE', `${name} needs LibreOffice to convert it, and it is not installed: ${PACKAGES}`, {
        details: { packages: ['libreoffice-writer-nogui', 'libreoffice-calc-nogui'] },
      });
    if (r.status === 'timeout')
      throw new AppError('CONVERSION_FAILED', `${name}: LibreOffice took longer than ${limits.convertTimeoutMs} ms`, {
        details: { convertTimeoutMs: limits.convertTimeoutMs },
      });
    const produced = await readdir(join(dir, 'out')).catch(() => [] as string[]);
    const file = produced.find((f) => f.toLowerCase().endsWith(`.${target}`));
    if (r.status !== 'ok' || !file)
      throw new AppError(
        'CONVERSION_FAILED',
        `${name}: LibreOffice could not convert it (${(r.stderr || r.stdout.toString('utf8')).trim().slice(0, 200) || 'no output'})`,
      );
    return await readFile(join(dir, 'out', file));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Text of an .xlsx: each sheet's non-empty rows as tab-separated lines, a sheet's name above it when there are several. */
async function xlsxText(bytes: Buffer, name: string): Promise<string> {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const lines: string[] = [];
  const sheets = workbook.worksheets.filter((s) => s.actualRowCount > 0);
  for (const sheet of sheets) {
    if (sheets.length > 1) lines.push(sheet.name);
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++)
        cells.push(
          row
            .getCell(c)
            .text.replace(/[\t\r\n]+/g, ' ')
            .trim(),
        );
      while (cells.length && !cells[cells.length - 1]) cells.pop();
      if (cells.some(Boolean)) lines.push(cells.join('\t'));
    });
  }
  if (!lines.some((l) => /[\p{L}\p{N}]/u.test(l))) throw new AppError('NO_TEXT', `${name} contains no text`);
  return lines.join('\n');
}

/**
 * Converts a .wps (to .docx) or an .xls (to .xlsx) with LibreOffice and extracts its text.
 * Throws CONVERTER_UNAVAILABLE, CONVERSION_FAILED, FILE_TOO_COMPLEX, NO_TEXT.
 */
export async function extractConvertedText(
  bytes: Buffer,
  name: string,
  kind: 'wps' | 'xls',
  limits: FormatLimits,
  options: Partial<ConvertOptions> = {},
): Promise<string> {
  const opts = { ...defaultConvertOptions, ...options };
  // Legacy binaries are checked like .doc before LibreOffice parses them (it has had CVEs in these filters).
  if (bytes[0] === 0xd0) checkOleFile(bytes, name, 'CONVERSION_FAILED');
  const converted = await convert(bytes, name, kind === 'wps' ? '.wps' : '.xls', kind === 'wps' ? 'docx' : 'xlsx', limits, opts);
  // LibreOffice's output inflates to what the input held: bounded like any upload (a .docx by
  // the .docx reader's own checks, with the same limits).
  if (kind === 'wps') return extractDocxText(converted, name, limits);
  guardZip(converted, name, limits, 'CONVERSION_FAILED');
  return xlsxText(converted, name);
}
