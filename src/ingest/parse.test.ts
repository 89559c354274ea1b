/**
 * parseDocument on hostile text: enormous lines, a clause marker repeated thousands of times,
 * control characters, lone surrogates, blank runs. The line bound refuses what is too long
 * before any parsing; everything else parses to a document whose invariants hold (clean offsets
 * point into the original, clauses nest inside the text, chunks partition it) — or is refused
 * with an AppError. Never a TypeError: a parser bug on a hostile upload is a 500. (Timings of
 * the same inputs at growing sizes are printed by `npm run fuzz`.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../core/errors.js';
import { chunkDocument } from './chunk.js';
import { joinDecisions, shouldJoinLines } from './clean.js';
import { flattenSections } from './structure.js';
import { longestLine, parseDocument } from './parse.js';
import type { ParsedDocument, RawDocument } from './types.js';

const raw = (text: string): RawDocument => ({ id: 'x.txt', format: 'txt', encoding: 'utf-8', text, sha256: '', bytes: text.length });

/** The invariants every parsed document keeps, whatever its text. */
function expectWellFormed(doc: ParsedDocument): void {
  const { text, offsets } = doc.clean;
  expect(offsets.length).toBe(text.length + 1);
  for (let i = 1; i < offsets.length; i++) expect(offsets[i]).toBeGreaterThan(offsets[i - 1]);
  expect(offsets[text.length]).toBeLessThanOrEqual(doc.raw.text.length);
  for (const s of flattenSections(doc.sections)) {
    expect(0 <= s.start && s.start <= s.bodyStart && s.bodyStart <= s.end && s.end <= text.length).toBe(true);
    for (const c of s.children) expect(s.start <= c.start && c.end <= s.end).toBe(true);
  }
  let prev = 0;
  for (const c of chunkDocument(doc)) {
    expect(c.cleanStart).toBeGreaterThanOrEqual(prev);
    expect(c.cleanEnd - c.cleanStart).toBeLessThanOrEqual(400);
    expect(text.slice(c.cleanStart, c.cleanEnd)).toBe(c.text);
    expect(0 <= c.start && c.start <= c.end && c.end <= doc.raw.text.length).toBe(true);
    prev = c.cleanEnd;
  }
}

/** Parses, allowing only AppErrors (LINE_TOO_LONG, NO_TEXT) as refusals. */
function parseOrRefuse(text: string, maxLineChars?: number): ParsedDocument | string {
  try {
    return parseDocument(raw(text), maxLineChars ? { maxLineChars } : {});
  } catch (err) {
    if (isAppError(err)) return err.code;
    throw err;
  }
}

/** Pieces hostile text is made of: markers, sentence ends, tabs, odd line ends, controls, lone surrogates, long runs. */
const piece = fc.oneof(
  fc.constantFrom(
    '一、',
    '（一）',
    '1.',
    '（1）',
    '第一条',
    '附件1',
    '、目标',
    '。',
    '；',
    '，',
    '\t',
    '\n',
    '\r\n',
    '\r',
    '\u2028',
    '\f',
    '\u0000',
    '\ud800',
    '\udfff',
    ' ',
    '   ',
    '当前位置：首页',
    '抄送：',
    '此件公开发布',
    '2024年1月1日',
  ),
  fc.stringMatching(/^[县水利局牵头每季度报告达到%0-9]{1,30}$/),
  fc.integer({ min: 50, max: 600 }).map((n) => '水土保持'.repeat(n)),
);

describe('parseDocument on hostile text', () => {
  it('keeps its invariants on any mix of markers, controls, surrogates and long runs (property)', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const out = parseOrRefuse(parts.join(''));
        if (typeof out === 'string') expect(['NO_TEXT', 'LINE_TOO_LONG']).toContain(out);
        else expectWellFormed(out);
      }),
      { numRuns: 40 },
    );
  });

  it('parses a clause marker repeated thousands of times, and thousands of one-line clauses', () => {
    const markers = parseOrRefuse(`${'（一）'.repeat(20_000)}\n`);
    expect(typeof markers === 'string' ? markers : 'parsed').toBe('parsed');
    const lines = Array.from({ length: 5000 }, (_, i) => `（${i + 1}）县水利局牵头，每季度报告。`).join('\n');
    const doc = parseOrRefuse(`一、重点任务\n${lines}\n`);
    if (typeof doc === 'string') throw new Error(doc);
    expectWellFormed(doc);
    // Numbered sub-clauses run to （99）; the rest is body text of the last one.
    expect(doc.sections[0].children.length).toBe(99);
  });

  it('parses a whole plan on one line (long but under the bound)', () => {
    const line = '一、总则县水利局牵头，每季度向县政府报告工作进展。到2025年，全县水土保持率达到56.04%。'.repeat(2000);
    const doc = parseOrRefuse(line);
    if (typeof doc === 'string') throw new Error(doc);
    expectWellFormed(doc);
  });

  it('refuses a line over the bound with LINE_TOO_LONG before parsing, wherever the line breaks are', () => {
    const long = '水'.repeat(1001);
    for (const text of [long, `一、总则\n${long}\n二、目标`, `a\r\n${long}\u2028b`]) expect(parseOrRefuse(text, 1000)).toBe('LINE_TOO_LONG');
    expect(typeof parseOrRefuse(`一、总则\n${'水'.repeat(1000)}\n`, 1000)).toBe('object');
  });
});

describe('joining wrapped lines', () => {
  const line = fc.oneof(
    fc.stringMatching(/^[县水利局牵头负责组织协调监督检查]{1,40}$/),
    fc.constantFrom('一、总则', '（一）', '。', '，', '方案', '通知', '2024年1月1日', '山西省人民政府办公厅', '此件公开发布', '索引号：123', '）', '“', '\t甲'),
  );

  it('decides each join from a summary of the paragraph exactly as from its whole text (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(line, { minLength: 1, maxLength: 4 }).map((ls) => ls.join('')),
          { minLength: 1, maxLength: 30 },
        ),
        (lines) => {
          const fast = joinDecisions(lines);
          let paragraph = '';
          lines.forEach((text, i) => {
            const join = i > 0 && shouldJoinLines(paragraph, text);
            expect(fast[i], `line ${i}`).toBe(join);
            paragraph = join ? paragraph + text : text;
          });
        },
      ),
    );
  });

  it('joins thousands of wrapped lines into one paragraph (linear: each join reads a bounded summary)', () => {
    const text = Array.from({ length: 8000 }, () => '县水利局牵头负责全县水土保持工作的组织协调和监督检查').join('\n');
    const doc = parseOrRefuse(text);
    if (typeof doc === 'string') throw new Error(doc);
    expect(doc.clean.text.includes('\n')).toBe(false);
    expectWellFormed(doc);
  });
});

describe('longestLine', () => {
  it('splits at every line end the cleaner splits at', () => {
    expect(longestLine('')).toBe(0);
    expect(longestLine('ab\ncde\r\nf')).toBe(3);
    expect(longestLine('abcd\u2028ab\u2029a\fabc')).toBe(4);
    expect(longestLine('\n\n')).toBe(0);
  });
});
