import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanText } from './clean.js';
import { chunkDocument, defaultOptions, findDroppedGaps, splitRange } from './chunk.js';
import { formatChineseNumeral } from '../zh/numerals.js';
import { parseStructure } from './structure.js';
import { extractTables } from './tables.js';
import type { Chunk, ParsedDocument } from './types.js';
import { corpusIds, readCorpusText } from '../testing/corpus.js';

const corpus = corpusIds();

/** A ParsedDocument built from raw text with the real cleaner, parser and table reader. */
function buildDoc(id: string, text: string, title: string | null = null): ParsedDocument {
  const clean = cleanText(text);
  const { sections, bodyStart } = parseStructure(clean);
  return {
    id,
    raw: { id, format: 'txt', encoding: 'utf-8', text, sha256: '', bytes: text.length },
    clean,
    meta: {
      title,
      noticeTitle: null,
      issuer: null,
      docNumber: null,
      dates: [],
      level: null,
      region: { province: null, city: null, county: null, name: null },
      kind: '其他',
      citations: [],
      record: [],
    },
    sections,
    tables: extractTables(clean, sections),
    bodyStart,
  };
}
const loadDoc = (prefix: string) => {
  const f = corpus.find((x) => x.startsWith(prefix))!;
  return buildDoc(f, readCorpusText(f));
};
const squeeze = (s: string) => s.replace(/\s/g, '');

/** The chunking contract: exact cover, cap, order, verbatim original slices. Returns the violations. */
function chunkProblems(doc: ParsedDocument, chunks: Chunk[], maxChars: number): string[] {
  const text = doc.clean.text;
  const count = new Uint8Array(text.length);
  const problems: string[] = [];
  let prevEnd = 0;
  chunks.forEach((c, i) => {
    const at = `chunk ${i} [${c.cleanStart},${c.cleanEnd})`;
    if (c.index !== i || c.id !== `${doc.id}#${i}`) problems.push(`${at}: index/id ${c.index} ${c.id}`);
    if (c.cleanStart < prevEnd) problems.push(`${at}: overlaps or out of order`);
    if (c.cleanEnd <= c.cleanStart) problems.push(`${at}: empty`);
    if (c.text.length > maxChars) problems.push(`${at}: ${c.text.length} > cap ${maxChars}`);
    if (c.text !== text.slice(c.cleanStart, c.cleanEnd)) problems.push(`${at}: text is not the clean slice`);
    if (squeeze(doc.raw.text.slice(c.start, c.end).normalize('NFKC')) !== squeeze(c.text)) problems.push(`${at}: original slice differs`);
    if (!c.context) problems.push(`${at}: empty context`);
    for (let k = c.cleanStart; k < c.cleanEnd; k++) count[k]++;
    prevEnd = Math.max(prevEnd, c.cleanEnd);
  });
  for (let k = 0; k < text.length; k++) if (!/\s/.test(text[k]) && count[k] !== 1) problems.push(`clean char ${k} (${text[k]}) is in ${count[k]} chunks`);
  return problems.slice(0, 10);
}
const expectValidChunks = (doc: ParsedDocument, chunks: Chunk[], maxChars: number) => expect(chunkProblems(doc, chunks, maxChars)).toEqual([]);

describe('chunkDocument on the corpus', () => {
  it('partitions every file exactly, under the cap, with verbatim original offsets', () => {
    for (const f of corpus) {
      const doc = loadDoc(f.slice(0, 3));
      expectValidChunks(doc, chunkDocument(doc), defaultOptions.maxChars);
      expectValidChunks(doc, chunkDocument(doc, { maxChars: 120, minChars: 20 }), 120);
    }
  });

  it('000: the clause with 每季度定期召开协调会议 is one chunk 四（三） 建立部门协调制度', () => {
    const doc = loadDoc('000');
    const chunks = chunkDocument(doc);
    const hits = chunks.filter((c) => c.text.includes('每季度定期召开协调会议'));
    expect(hits).toHaveLength(1);
    const [c] = hits;
    expect(c.kind).toBe('clause');
    expect(c.clausePath).toBe('四（三）');
    expect(c.heading).toBe('任务及分工 / 建立部门协调制度');
    expect(c.text.startsWith('(三)建立部门协调制度。实行部门会商协调制度')).toBe(true);
    expect(c.text.endsWith('时间为每季度末下月2日前。')).toBe(true);
    expect(c.context.startsWith('翼城县“两山六河一流域”生态保护与修复治理抓落实工作推进机制 四（三） 任务及分工 / 建立部门协调制度 (三)')).toBe(true);
    // The quote shown to users is the original text, page break included.
    expect(doc.raw.text.slice(c.start, c.end)).toMatch(/牵头部门\s+每季度定期召开协调会议/);
    expect(chunks[0].kind).toBe('notice');
    expect(chunks[1].kind).toBe('preamble');
    expect(chunks[1].text.startsWith('翼城县“两山六河一流域”生态保护与修复治理抓落实工作推进机制\n开展')).toBe(true);
  });

  it('004: 12 table-row chunks under 附件2, rows not repeated in clause chunks, colophon last', () => {
    const doc = loadDoc('004');
    const chunks = chunkDocument(doc);
    const rows = chunks.filter((c) => c.kind === 'table-row');
    expect(rows).toHaveLength(12);
    expect(rows.every((c) => c.clausePath === '附件2')).toBe(true);
    const xinzhou = rows.find((c) => c.text.startsWith('忻州市'))!;
    expect(xinzhou.text).toBe('忻州市\t63.56\t66.22');
    expect(xinzhou.context).toContain('全省水土保持率目标值分解表');
    expect(xinzhou.context).toContain('水土保持率目标值(%)');
    expect(xinzhou.context.endsWith('忻州市 2025年 63.56 2035年 66.22')).toBe(true);
    expect(chunks.filter((c) => c.kind !== 'table-row').some((c) => c.text.includes('63.56'))).toBe(false);
    const paths = chunks.filter((c) => c.kind === 'clause').map((c) => c.clausePath);
    expect(paths).toContain('七（二十七）');
    expect(chunks[chunks.length - 1].kind).toBe('notice');
    expect(chunks[chunks.length - 1].text.startsWith('抄送:')).toBe(true);
  });

  it('001: never spans the web chrome the cleaner dropped', () => {
    const doc = loadDoc('001');
    expect(findDroppedGaps(doc).length).toBeGreaterThan(0);
    for (const c of chunkDocument(doc)) {
      const text = doc.raw.text.slice(c.start, c.end);
      expect(text).not.toMatch(/大\s+中\s+小/);
      expect(text).not.toContain('当前位置');
    }
  });
});

describe('splitRange', () => {
  it('prefers sentence ends, balances the pieces and never exceeds the cap', () => {
    const s = '甲'.repeat(150) + '。' + '乙'.repeat(150) + '。' + '丙'.repeat(150) + '。';
    const pieces = splitRange(s, 0, s.length, { maxChars: 400, minChars: 10 });
    expect(pieces.map(([a, b]) => s.slice(a, b))).toEqual(['甲'.repeat(150) + '。' + '乙'.repeat(150) + '。', '丙'.repeat(150) + '。']);
    const t = '甲'.repeat(30) + ';' + '乙'.repeat(30) + ',' + '丙'.repeat(30);
    expect(splitRange(t, 0, t.length, { maxChars: 40, minChars: 0 }).map(([a, b]) => t.slice(a, b))).toEqual([
      '甲'.repeat(30) + ';',
      '乙'.repeat(30) + ',',
      '丙'.repeat(30),
    ]);
    const u = '字'.repeat(1000);
    const hard = splitRange(u, 0, u.length, { maxChars: 300, minChars: 0 });
    expect(hard.map(([a, b]) => b - a)).toEqual([300, 300, 300, 100]);
  });

  it('covers the trimmed range with ordered pieces no longer than the cap', () => {
    // Runs of text (some longer than the cap, forcing hard cuts) between separators and blanks.
    const token = fc.oneof(fc.stringMatching(/^[甲乙丙]{1,60}$/), fc.constantFrom('。', ';', ',', '\n', ' ', '\n\n'));
    fc.assert(
      fc.property(
        fc.array(token, { maxLength: 40 }).map((ts) => ts.join('')),
        fc.integer({ min: 5, max: 120 }),
        fc.integer({ min: 0, max: 40 }),
        (s, maxChars, minChars) => {
          const pieces = splitRange(s, 0, s.length, { maxChars, minChars });
          let prev = 0;
          for (const [a, b] of pieces) {
            expect(a).toBeGreaterThanOrEqual(prev);
            expect(b - a).toBeLessThanOrEqual(maxChars);
            expect(/\s/.test(s[a]) || /\s/.test(s[b - 1])).toBe(false);
            expect(squeeze(s.slice(prev, a))).toBe('');
            prev = b;
          }
          expect(squeeze(s.slice(prev))).toBe('');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('chunkDocument on random documents', () => {
  const word = fc.stringMatching(/^[山水林田湖草沙生态保护修复治理推进工作机制加强组织领导县市部门协调项目资金监管考核落实建设]{2,10}$/);
  const sentence = fc
    .tuple(fc.array(word, { minLength: 1, maxLength: 6 }), fc.constantFrom('。', ';', ',', '；', '!', ''))
    .map(([ws, end]) => ws.join(',') + end);
  const paragraph = fc.array(sentence, { minLength: 1, maxLength: 14 }).map((ss) => ss.join(''));
  /** A paragraph a page break may have split (blank lines in the middle of a sentence). */
  const damaged = fc
    .tuple(paragraph, fc.nat(), fc.boolean())
    .map(([p, at, brk]) => (brk ? `${p.slice(0, at % (p.length + 1))}\n\n ${p.slice(at % (p.length + 1))}` : p));
  const clause = fc.record({
    heading: word,
    body: damaged,
    full: fc.boolean(),
    items: fc.array(fc.tuple(word, paragraph, fc.array(paragraph, { maxLength: 2 })), { maxLength: 3 }),
  });
  const chapter = fc.record({
    heading: word,
    intro: fc.option(damaged, { nil: undefined }),
    clauses: fc.array(clause, { maxLength: 4 }),
    damagedNumeral: fc.boolean(),
  });
  const table = fc.array(fc.tuple(word, fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 9999 })), { minLength: 1, maxLength: 6 });
  const document = fc.record({
    notice: fc.boolean(),
    preamble: fc.option(paragraph, { nil: undefined }),
    chapters: fc.array(chapter, { minLength: 0, maxLength: 5 }),
    table: fc.option(table, { nil: undefined }),
    trailer: fc.boolean(),
    crlf: fc.boolean(),
  });

  const render = (d: typeof document extends fc.Arbitrary<infer T> ? T : never): string => {
    const lines: string[] = [];
    if (d.notice)
      lines.push(
        '某县人民政府办公室',
        '某政办发〔2024〕1号',
        '某县人民政府办公室关于印发某县治理实施方案的通知',
        '各乡镇:',
        '现印发给你们,请认真贯彻执行。',
        '某县人民政府办公室',
        '2024年3月1日',
        '(此件公开发布)',
      );
    lines.push('某县治理实施方案');
    if (d.preamble) lines.push(d.preamble);
    d.chapters.forEach((ch, i) => {
      lines.push(`${ch.damagedNumeral && i > 0 ? '' : formatChineseNumeral(i + 1)}、${ch.heading}`);
      if (ch.intro) lines.push(ch.intro);
      ch.clauses.forEach((c, j) => {
        lines.push(`${c.full ? '（' : '('}${formatChineseNumeral(j + 1)}${c.full ? '）' : ')'}${c.heading}。${c.body}`);
        c.items.forEach(([h, p, subs], k) => {
          lines.push(`${k + 1}.${h}。${p}`);
          subs.forEach((s, m) => lines.push(`(${m + 1})${s}`));
        });
      });
    });
    if (d.table) lines.push('附件1', '目标分解表', '地区\t目标值(%)', '\t2025年\t2035年', ...d.table.map(([n, a, b]) => `${n}\t${a / 100}\t${b / 100}`));
    if (d.trailer) lines.push('抄送:各乡镇党委。', '某县人民政府办公室', '2024年3月2日印发');
    return lines.join(d.crlf ? '\r\n\r\n' : '\n');
  };

  it('partitions any generated document exactly, under the cap, with verbatim offsets', () => {
    fc.assert(
      fc.property(document, fc.integer({ min: 40, max: 400 }), fc.integer({ min: 0, max: 60 }), (d, maxChars, minChars) => {
        const doc = buildDoc('gen.txt', render(d), '某县治理实施方案');
        const chunks = chunkDocument(doc, { maxChars, minChars });
        expectValidChunks(doc, chunks, maxChars);
        expect(chunks.filter((c) => c.kind === 'table-row')).toHaveLength(d.table?.length ?? 0);
        for (const c of chunks) expect(c.context.startsWith('某县治理实施方案')).toBe(true);
        if (d.notice) expect(chunks[0].kind).toBe('notice');
        // Every generated clause is addressed by its path, numerals lost in "damage" included.
        const expected = d.chapters.flatMap((ch, i) => {
          const c1 = formatChineseNumeral(i + 1);
          return [
            c1,
            ...ch.clauses.flatMap((c, j) => {
              const c2 = `${c1}（${formatChineseNumeral(j + 1)}）`;
              return [c2, ...c.items.flatMap(([, , subs], k) => [`${c2}${k + 1}`, ...subs.map((_, m) => `${c2}${k + 1}（${m + 1}）`)])];
            }),
          ];
        });
        expect([...new Set(chunks.filter((c) => c.kind === 'clause').map((c) => c.clausePath))]).toEqual(expected.concat(d.table ? ['附件1'] : []));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps a short clause whole, heading with its body, under its full path', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(word, word), { minLength: 1, maxLength: 6 }), (cls) => {
        const text = ['某县治理实施方案', '一、任务', ...cls.map(([h, b], j) => `(${formatChineseNumeral(j + 1)})${h}。${b}。`)].join('\n');
        const chunks = chunkDocument(buildDoc('t.txt', text, '某县治理实施方案')).filter((c) => c.kind === 'clause' && c.clausePath !== '一');
        expect(chunks.map((c) => c.clausePath)).toEqual(cls.map((_, j) => `一（${formatChineseNumeral(j + 1)}）`));
        chunks.forEach((c, j) => {
          expect(c.text).toBe(`(${formatChineseNumeral(j + 1)})${cls[j][0]}。${cls[j][1]}。`);
          expect(c.heading).toBe(`任务 / ${cls[j][0]}`);
        });
      }),
      { numRuns: 100 },
    );
  });
});
