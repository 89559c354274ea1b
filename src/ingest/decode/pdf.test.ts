import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../../core/errors.js';
import { buildPdf, typesetPdfPages, type TypesetBlock } from '../../testing/fixtures/pdf.js';
import { pageAt, readDocument } from '../decode.js';
import { parseDocument } from '../parse.js';
import type { DecodeProgress } from './ocr-pages.js';

async function codeOf(p: Promise<unknown>): Promise<ErrorCode | 'ok'> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

const BLOCKS: TypesetBlock[] = [
  { title: '某县加强新时代水土保持工作实施方案' },
  '为深入贯彻党的二十大精神，全面落实《关于加强新时代水土保持工作的意见》，推动水土保持高质量发展，结合我县实际，制定如下实施方案。',
  '一、总体目标',
  '到2025年，全县水土保持率达到56.04%，新增水土流失治理面积120平方公里，打造3条高质量精品小流域。到2035年，全县水土保持率达到60.5%。',
  '二、重点任务',
  '（一）实行水土保持空间管控。县水利局牵头，县自然资源局配合，科学划定水土流失重点预防区和重点治理区，实行差别化预防保护治理措施，每季度报送进展情况。',
  '（二）抓好人为水土流失源头管控。依法禁止在崩塌、滑坡危险区和泥石流易发区从事取土、挖砂、采石等可能造成水土流失的活动。',
  {
    table: [
      ['乡镇', '2025年', '2035年'],
      ['凤凰镇', '55.1', '58.2'],
      ['东寨镇', '57.3', '61.0'],
    ],
  },
  '三、保障措施',
  '（三）强化组织领导。各乡镇人民政府要切实负起责任，将水土保持工作纳入经济社会发展全局。',
];
const EXPECTED = [
  '某县加强新时代水土保持工作实施方案',
  ...BLOCKS.filter((b): b is string => typeof b === 'string').slice(0, 6),
  '乡镇\t2025年\t2035年',
  '凤凰镇\t55.1\t58.2',
  '东寨镇\t57.3\t61.0',
  '三、保障措施',
  BLOCKS[9] as string,
];

describe('PDF with a standard CJK font (STSong-Light, UniGB-UCS2-H, nothing embedded)', () => {
  const pages = typesetPdfPages(BLOCKS, { header: '某县人民政府公报', footer: (n, N) => `第${n}页 共${N}页`, linesPerPage: 8 });
  pages[1].watermark = '内部资料';
  const pdf = buildPdf(pages);

  it('reads the text exactly: paragraphs rejoined, headers, footers and the rotated watermark dropped, table rows kept', async () => {
    const raw = await readDocument({ name: 'plan.pdf', bytes: pdf });
    expect(raw.format).toBe('pdf');
    expect(raw.encoding).toBe('n/a');
    expect(raw.ocr).toBeUndefined();
    expect(raw.text.split('\n')).toEqual(EXPECTED);
    expect(raw.pages).toHaveLength(pages.length);
    expect(pages.length).toBeGreaterThan(2);
  });

  it('maps offsets to pages, and the clause tree and table come out of the normal parser', async () => {
    const raw = await readDocument({ name: 'plan.pdf', bytes: pdf });
    const quote = '每季度报送进展情况';
    const at = raw.text.indexOf(quote);
    const owner = pages.findIndex((p) => (p.texts ?? []).some((t) => t.text.includes('报送进展')));
    expect(pageAt(raw, at)).toBe(owner + 1);
    const doc = parseDocument(raw);
    expect(doc.sections.map((s) => s.path)).toEqual(['一', '二', '三']);
    expect(doc.sections[1].children.map((s) => s.path)).toEqual(['二（一）', '二（二）']);
    expect(doc.tables.map((r) => r.cells)).toEqual([
      ['凤凰镇', '55.1', '58.2'],
      ['东寨镇', '57.3', '61.0'],
    ]);
    expect(doc.tables[0].header).toEqual(['乡镇', '2025年', '2035年']);
  });

  it('reports progress per page and needs no OCR engine for a text layer', async () => {
    const seen: DecodeProgress[] = [];
    await readDocument({ name: 'plan.pdf', bytes: pdf }, { onProgress: (p) => seen.push(p), ocr: { command: '/nonexistent/tesseract' } });
    expect(seen.map((p) => `${p.stage}${p.page}/${p.pages}`)).toEqual(pages.map((_, i) => `page${i + 1}/${pages.length}`));
  });

  it('refuses damaged PDFs and PDFs over the limits with their codes', async () => {
    expect(await codeOf(readDocument({ name: 'cut.pdf', bytes: pdf.subarray(0, 200) }))).toBe('PDF_INVALID');
    expect(await codeOf(readDocument({ name: 'plan.pdf', bytes: pdf }, { limits: { maxPages: 2 } }))).toBe('TOO_MANY_PAGES');
    expect(await codeOf(readDocument({ name: 'plan.pdf', bytes: pdf }, { limits: { maxTextChars: 100 } }))).toBe('TEXT_TOO_LONG');
    expect(await codeOf(readDocument({ name: 'blank.pdf', bytes: buildPdf([{ texts: [] }]) }))).toBe('NO_TEXT');
  });
});
