import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../../core/errors.js';
import { PARENT_ID, readCorpusText } from '../../testing/corpus.js';
import { buildOfd } from '../../testing/fixtures/ofd.js';
import { buildZip } from '../../testing/fixtures/zip.js';
import { pageAt, readDocument } from '../decode.js';
import { parseDocument } from '../parse.js';
import { expandDeltas, resolveOfdPath } from './ofd.js';

async function codeOf(p: Promise<unknown>): Promise<ErrorCode | 'ok'> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

const POOL = [
  ...new Set(
    readCorpusText(PARENT_ID)
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 12 && !l.includes('\t')),
  ),
];

describe('OFD parts', () => {
  it('expands DeltaX lists and resolves package paths', () => {
    expect(expandDeltas('g 3 5.6 2.8 g 2 1')).toEqual([5.6, 5.6, 5.6, 2.8, 1, 1]);
    expect(expandDeltas(undefined)).toEqual([]);
    expect(resolveOfdPath('Doc_0', 'Pages/Page_0/Content.xml')).toBe('Doc_0/Pages/Page_0/Content.xml');
    expect(resolveOfdPath('Doc_0/Pages', '../Res/x.xml')).toBe('Doc_0/Res/x.xml');
    expect(resolveOfdPath('Doc_0', '/Doc_0/Document.xml')).toBe('Doc_0/Document.xml');
  });
});

describe('OFD documents', () => {
  const blocks = [
    '某县人民政府办公室关于印发某县水土保持工作实施方案的通知',
    '一、总体目标',
    '到2025年，全县水土保持率达到56.04%，新增水土流失治理面积120平方公里，打造3条高质量精品小流域，扶持100个水保生态经济专业户。',
    '（一）加强预防保护。县水利局牵头，县自然资源局配合，每季度报送进展情况。',
    {
      table: [
        ['乡镇', '2025年', '2035年'],
        ['凤凰镇', '55.1', '58.2'],
      ],
    },
    '二、保障措施',
  ];

  it('reads text objects per line and per glyph into the same paragraphs, with pages', async () => {
    const expected = [blocks[0], blocks[1], blocks[2], blocks[3], '乡镇\t2025年\t2035年', '凤凰镇\t55.1\t58.2', '二、保障措施'];
    for (const perGlyph of [false, true]) {
      for (const prefix of ['ofd', '']) {
        const bytes = buildOfd(blocks, { perGlyph, prefix, typeset: { linesPerPage: 5 } });
        const raw = await readDocument({ name: 'plan.ofd', bytes });
        expect(raw.format).toBe('ofd');
        expect(raw.text.split('\n'), `perGlyph=${perGlyph} prefix=${prefix}`).toEqual(expected);
        expect(raw.pages!.length).toBeGreaterThan(1);
        expect(pageAt(raw, raw.text.indexOf('二、保障措施'))).toBe(raw.pages!.length);
      }
    }
    const doc = parseDocument(await readDocument({ name: 'plan.ofd', bytes: buildOfd(blocks, { perGlyph: true }) }));
    expect(doc.sections.map((s) => s.path)).toEqual(['一', '二']);
    expect(doc.tables[0].cells).toEqual(['凤凰镇', '55.1', '58.2']);
  });

  it('joins per-glyph text objects into the same text as per-line ones (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(POOL, { minLength: 1, maxLength: 6 }), fc.integer({ min: 4, max: 12 }), async (paras, linesPerPage) => {
        const typeset = { linesPerPage, footer: (n: number) => `— ${n} —` };
        const perLine = await readDocument({ name: 'a.ofd', bytes: buildOfd(paras, { typeset }) });
        const perGlyph = await readDocument({ name: 'b.ofd', bytes: buildOfd(paras, { perGlyph: true, typeset }) });
        // A space glyph between a Latin and a CJK character is dropped (the cleaner would drop it too).
        expect(perGlyph.text.replace(/ /g, '')).toBe(perLine.text.replace(/ /g, ''));
        expect(perGlyph.pages?.length).toBe(perLine.pages?.length);
        expect(perLine.text.replace(/ /g, '')).toBe(paras.join('\n').replace(/ /g, ''));
      }),
      { numRuns: 25 },
    );
  });

  it('refuses damaged OFDs and OFD zip bombs', async () => {
    const noDoc = buildZip([
      {
        name: 'OFD.xml',
        data: '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
      },
    ]);
    expect(await codeOf(readDocument({ name: 'broken.ofd', bytes: noDoc }))).toBe('OFD_INVALID');
    expect(await codeOf(readDocument({ name: 'cut.ofd', bytes: buildOfd(blocks).subarray(0, 300) }))).toBe('OFD_INVALID');
    const bomb = buildZip([{ name: 'OFD.xml', data: `<ofd:OFD>${' '.repeat(30 * 1024 * 1024)}</ofd:OFD>` }]);
    expect(await codeOf(readDocument({ name: 'bomb.ofd', bytes: bomb }))).toBe('FILE_TOO_COMPLEX');
    expect(await codeOf(readDocument({ name: 'plan.ofd', bytes: buildOfd(blocks, { typeset: { linesPerPage: 2 } }) }, { limits: { maxPages: 2 } }))).toBe(
      'TOO_MANY_PAGES',
    );
  });
});
