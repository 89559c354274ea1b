/**
 * 004 printed to PDF by headless Chromium and ingested: the same metadata, clause tree and
 * table rows as the text file. Needs Debian's chromium (skipped, saying why, without it;
 * required under CI).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PARENT_ID, readCorpusText } from '../../testing/corpus.js';
import { policyHtml, printHtmlToPdf } from '../../testing/fixtures/chromium.js';
import { requireTool, shouldRunWith } from '../../testing/fixtures/tools.js';
import { pageAt, readDocument } from '../decode.js';
import { parseDocument } from '../parse.js';
import type { ParsedDocument, Section } from '../types.js';

const RUN = shouldRunWith('chromium', 'Chromium-printed PDF of 004');

/** Every section as `path heading`, depth first. */
const outline = (ss: Section[]): string[] => ss.flatMap((s) => [`${s.path} ${s.heading}`, ...outline(s.children)]);
/** Metadata without offsets (they point into different texts). */
const metaOf = (d: ParsedDocument) => ({ ...d.meta, citations: d.meta.citations.map((c) => ({ title: c.title, docNumber: c.docNumber })) });

describe.runIf(RUN)('004 printed to PDF by Chromium', () => {
  const text = readCorpusText(PARENT_ID);
  let pdfDoc: ParsedDocument;
  let txtDoc: ParsedDocument;

  beforeAll(async () => {
    requireTool('chromium');
    const pdf = await printHtmlToPdf(policyHtml(text));
    pdfDoc = parseDocument(await readDocument({ name: '004.pdf', bytes: pdf }));
    txtDoc = parseDocument(await readDocument({ name: PARENT_ID, bytes: Buffer.from(text, 'utf8') }));
  }, 90_000);

  it('has the same metadata as the text file', () => {
    expect(pdfDoc.raw.format).toBe('pdf');
    expect(metaOf(pdfDoc)).toEqual(metaOf(txtDoc));
    expect(pdfDoc.meta.docNumber?.normalized).toBe('晋政办发〔2023〕36号');
  });

  it('has the same clause tree: 27 clauses under 7 chapters', () => {
    expect(outline(pdfDoc.sections)).toEqual(outline(txtDoc.sections));
    const chapters = pdfDoc.sections.filter((s) => s.level === 1 && !s.path.startsWith('附件'));
    expect(chapters).toHaveLength(7);
    expect(chapters.flatMap((c) => c.children)).toHaveLength(27);
  });

  it('has the same table rows, and the same clean text (0 character errors)', () => {
    const rows = (d: ParsedDocument) => d.tables.map((r) => ({ table: r.table, caption: r.caption, header: r.header, cells: r.cells }));
    expect(rows(pdfDoc)).toEqual(rows(txtDoc));
    expect(pdfDoc.tables).toHaveLength(12);
    expect(pdfDoc.clean.text).toBe(txtDoc.clean.text);
  });

  it('dropped the page numbers and knows the page of every clause', () => {
    expect(pdfDoc.raw.text).not.toMatch(/—\s*\d+\s*—/);
    const pages = pdfDoc.raw.pages!;
    expect(pages.length).toBeGreaterThan(5);
    const last = pdfDoc.raw.text.search(/[(（]二十七[)）]强化宣传教育/);
    expect(last).toBeGreaterThan(0);
    expect(pageAt(pdfDoc.raw, last)).toBe(pages.length - 1);
    expect(pageAt(pdfDoc.raw, 0)).toBe(1);
  });
});
