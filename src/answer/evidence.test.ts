import { describe, expect, it } from 'vitest';
import { parseDocument } from '../ingest/parse.js';
import type { RawDocument } from '../ingest/types.js';
import { locateQuote, verifyCitation } from './evidence.js';

/** A two-page source: page 1 from a text layer, page 2 recognised by OCR. */
function pagedDoc() {
  const page1 = '关于印发某县实施方案的通知\n一、工作目标\n到2025年，全县水土保持率达到60%。';
  const page2 = '二、保障措施\n（一）加强组织领导。县水利局牵头，每季度召开一次协调会议。';
  const text = `${page1}\n${page2}`;
  const raw: RawDocument = {
    id: 'paged.pdf',
    format: 'pdf',
    encoding: 'n/a',
    text,
    sha256: '0'.repeat(64),
    bytes: text.length,
    pages: [
      { start: 0, end: page1.length },
      { start: page1.length + 1, end: text.length, ocr: true },
    ],
    ocr: true,
  };
  return parseDocument(raw);
}

describe('citations of paged sources', () => {
  it('say the page a quote starts on, and whether that page was read by OCR', () => {
    const doc = pagedDoc();
    const docs = new Map([[doc.id, doc]]);
    const first = locateQuote(doc, '全县水土保持率达到60%')!;
    expect(first).toMatchObject({ page: 1 });
    expect(first.ocr).toBeUndefined();
    const second = locateQuote(doc, '每季度召开一次协调会议')!;
    expect(second).toMatchObject({ page: 2, ocr: true });
    expect(doc.raw.text.slice(second.start, second.end)).toBe('每季度召开一次协调会议');
    expect(verifyCitation(second, docs)).toBe(true);
  });

  it('leave the page out for sources without pages', () => {
    const doc = pagedDoc();
    const unpaged = parseDocument({ ...doc.raw, id: 'plain.txt', format: 'txt', pages: undefined, ocr: undefined });
    const c = locateQuote(unpaged, '每季度召开一次协调会议')!;
    expect(c.page).toBeUndefined();
    expect(c.ocr).toBeUndefined();
  });
});
