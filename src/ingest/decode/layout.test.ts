import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PARENT_ID, readCorpusText } from '../../testing/corpus.js';
import { textWidth, typesetPdfPages, type PdfPageSpec, type TypesetBlock } from '../../testing/fixtures/pdf.js';
import { assemblePages } from './layout.js';
import { buildLine, groupRunsIntoLines, joinText, type LayoutPage } from './layout-lines.js';
import { isPageNumberLine, stripPageChrome } from './page-chrome.js';
import { assertPageMap, pageAt, pageRange } from './pages.js';

/** The typesetter's pages as the PDF reader would see them (no PDF in between: pure and fast). */
function toLayout(pages: PdfPageSpec[]): LayoutPage[] {
  return pages.map((p) => ({
    width: p.width ?? 595,
    height: p.height ?? 842,
    lines: groupRunsIntoLines((p.texts ?? []).map((t) => ({ text: t.text, x: t.x, y: t.y, width: textWidth(t.text, t.size), size: t.size }))),
  }));
}

const PARAS = [
  '为深入贯彻党的二十大精神，全面落实中共中央办公厅、国务院办公厅《关于加强新时代水土保持工作的意见》，推动水土保持高质量发展，结合我省实际，制定如下实施方案。',
  '一、总体目标',
  '到2025年，选取10个县（市、区）开展整县推进生态清洁小流域试点，建设10个以上绿色矿业发展示范区，打造100条高质量精品小流域，全省水土保持率达到66.18%。',
  '（一）实行水土保持空间管控。落实水土保持空间管控制度。科学划定全省水土流失重点预防区、重点治理区和水土流失严重、生态脆弱区范围。',
];

/** Distinct paragraphs of 004 (a document never repeats a whole line at the same place on every page). */
const POOL = [
  ...new Set(
    readCorpusText(PARENT_ID)
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 12 && !l.includes('\t')),
  ),
];

describe('line building', () => {
  it('joins runs the Chinese way and splits cells at wide gaps', () => {
    const line = buildLine([
      { text: '到', x: 0, y: 10, width: 10, size: 10 },
      { text: '2025', x: 10, y: 10, width: 20, size: 10 },
      { text: '年', x: 32, y: 10, width: 10, size: 10 },
      { text: 'soil', x: 42, y: 10, width: 20, size: 10 },
      { text: 'conservation', x: 65, y: 10, width: 60, size: 10 },
      { text: '县水利局', x: 150, y: 10, width: 40, size: 10 },
    ])!;
    expect(line.text).toBe('到2025年soil conservation\t县水利局');
    expect(line.cells).toHaveLength(2);
    expect(joinText('English', 'words')).toBe('English words');
    expect(joinText('水土', '保持')).toBe('水土保持');
    expect(joinText('达到', '66.18%')).toBe('达到66.18%');
  });

  it('groups runs by baseline, top to bottom, whatever their order', () => {
    const runs = [
      { text: '第二行', x: 0, y: 40, width: 30, size: 10 },
      { text: '第一', x: 0, y: 20, width: 20, size: 10 },
      { text: '行', x: 20, y: 21, width: 10, size: 10 },
    ];
    expect(groupRunsIntoLines(runs).map((l) => l.text)).toEqual(['第一行', '第二行']);
  });
});

describe('headers, footers and page numbers', () => {
  it('recognises the usual page-number forms and nothing else', () => {
    for (const t of ['— 3 —', '-3-', '- 12 -', '第3页', '第 3 页 共 12 页', '共12页 第3页', '3/12', 'Page 3 of 12', '12', '一3一', '= 一'])
      expect(isPageNumberLine(t), t).toBe(true);
    for (const t of ['一、总体目标', '附件2', '2025年', '第三条', '（三）加强领导', '3. 加强领导']) expect(isPageNumberLine(t), t).toBe(false);
  });

  it('drops running headers and page numbers, keeps the body (property)', () => {
    const footers = [(n: number) => `— ${n} —`, (n: number, N: number) => `第${n}页 共${N}页`, (n: number) => `-${n}-`, (n: number, N: number) => `${n}/${N}`];
    fc.assert(
      fc.property(
        fc.shuffledSubarray(POOL, { minLength: 2, maxLength: 8 }),
        fc.constantFrom('', '某县人民政府公报', '2024年第3期'),
        fc.nat(footers.length - 1),
        fc.integer({ min: 4, max: 9 }),
        (paras, header, f, linesPerPage) => {
          const pages = toLayout(typesetPdfPages(paras, { header, footer: footers[f], linesPerPage }));
          if (pages.length < 2 && header) return;
          // Spaces at a wrap are lost, as in any PDF (the cleaner drops spaces beside CJK anyway).
          const text = assemblePages(pages).text;
          expect(text.replace(/ /g, '')).toBe(paras.join('\n').replace(/ /g, ''));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps a one-off line at the page edge and a table header repeated atop pages once', () => {
    const page = (lines: [string, number][], cells = false): LayoutPage => ({
      width: 595,
      height: 842,
      lines: lines.map(([t, y]) => ({ text: t, cells: (cells ? t.split('\t') : [t]).map((c) => ({ text: c, x0: 0, x1: 10 })), x0: 72, x1: 500, y, size: 16 })),
    });
    const pages = [
      page(
        [
          ['序号\t任务', 60],
          ['1\t加强管控', 90],
        ],
        true,
      ),
      page(
        [
          ['序号\t任务', 60],
          ['2\t源头管控', 90],
        ],
        true,
      ),
    ];
    expect(stripPageChrome(pages).map((p) => p.lines.map((l) => l.text))).toEqual([['序号\t任务', '1\t加强管控'], ['2\t源头管控']]);
    const lone = [
      page([
        ['山西省人民政府办公厅文件', 60],
        ['正文', 90],
      ]),
    ];
    expect(stripPageChrome(lone)[0].lines).toHaveLength(2);
  });
});

describe('paragraphs and pages', () => {
  const blocks: TypesetBlock[] = [
    { title: '某县加强水土保持工作实施方案' },
    ...PARAS,
    {
      table: [
        ['市级行政区', '水土保持率目标值(%)'],
        ['', '2025年', '2035年'],
        ['太原市', '68.5', '73.51'],
        ['全省', '66.18', '72.43'],
      ],
    },
    '二、保障措施',
  ];

  it('rejoins wrapped lines, keeps clause headings and table rows, aligns empty cells', () => {
    const { text } = assemblePages(toLayout(typesetPdfPages(blocks, { linesPerPage: 7 })));
    expect(text.split('\n')).toEqual([
      '某县加强水土保持工作实施方案',
      ...PARAS,
      '市级行政区\t水土保持率目标值(%)',
      '\t2025年\t2035年',
      '太原市\t68.5\t73.51',
      '全省\t66.18\t72.43',
      '二、保障措施',
    ]);
  });

  it('never joins a line that opens a clause, even after a full line', () => {
    const long = '各级政府要加强对水土保持规划实施的监督检查，逐级跟踪规划实施情况并及时报告进展，按照';
    const { text } = assemblePages(toLayout(typesetPdfPages([long + '要求落实。', '（二）健全建管机制。'], { linesPerPage: 20 })));
    expect(text.split('\n')).toEqual([long + '要求落实。', '（二）健全建管机制。']);
  });

  it('maps every page to its own text, across paragraphs broken by pages (property)', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(POOL, { minLength: 1, maxLength: 10 }), fc.integer({ min: 3, max: 8 }), (paras, linesPerPage) => {
        const specs = typesetPdfPages(paras, { linesPerPage });
        const { text, pages } = assemblePages(toLayout(specs));
        expect(pages).toHaveLength(specs.length);
        assertPageMap(pages, text.length);
        specs.forEach((spec, i) => {
          // The page's own body lines, in order, make up its range (a joined line break excepted).
          const body = (spec.texts ?? [])
            .filter((t) => t.size === 16)
            .map((t) => t.text)
            .join('');
          expect(text.slice(pages[i].start, pages[i].end).replace(/[\n ]/g, '')).toBe(body.replace(/ /g, ''));
          if (pages[i].end > pages[i].start) expect(pageAt({ text, pages }, pages[i].start)).toBe(i + 1);
        });
      }),
      { numRuns: 60 },
    );
  });
});

describe('pageAt', () => {
  const raw = {
    text: 'aaaa\nbbbb\ncc',
    pages: [
      { start: 0, end: 4 },
      { start: 5, end: 5 },
      { start: 5, end: 9 },
      { start: 10, end: 12, ocr: true },
    ],
  };

  it('finds the page of an offset; breaks and empty pages belong to the next page with text', () => {
    expect([0, 3, 4, 5, 8, 9, 10, 11, 12].map((o) => pageAt(raw, o))).toEqual([1, 1, 3, 3, 3, 4, 4, 4, 4]);
    expect(pageAt(raw, -1)).toBeNull();
    expect(pageAt(raw, 13)).toBeNull();
    expect(pageAt({ text: 'x' }, 0)).toBeNull();
    expect(pageRange(raw, 2, 7)).toEqual({ first: 1, last: 3 });
  });
});
