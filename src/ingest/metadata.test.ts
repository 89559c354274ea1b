import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText } from './clean.js';
import { readDocument } from './decode.js';
import { extractMetadata, inferRegion, normalizeDocNumber, parseChineseDate } from './metadata.js';
import type { DocumentMeta } from './types.js';
import { fixturePath, readCorpusText } from '../testing/corpus.js';

const raw = readCorpusText;
const clean = (id: string) => cleanText(raw(id));
const metaOf = (id: string) => extractMetadata(clean(id));
const numbers = (m: DocumentMeta) => m.citations.map((c) => c.docNumber?.normalized ?? c.docNumber?.raw ?? null).filter(Boolean);
const titles = (m: DocumentMeta) => m.citations.map((c) => c.title).filter(Boolean);

const ID = {
  yicheng: '000_a21187bb345200ac.txt',
  zhangzi: '001_250f5e31d127e930.txt',
  ningwu: '002_b09ca083261ba923.txt',
  yintai: '003_771f313df9559ae5.txt',
  shanxi: '004_01ad0f74c71dd3d5.txt',
};

describe('normalizeDocNumber', () => {
  it('reduces every bracket variant to 〔〕', () => {
    for (const raw of [
      '晋政办发〔2023〕36号',
      '晋政办发[2023]36号',
      '晋政办发（2023）36号',
      '晋政办发(2023)36号',
      '晋政办发【2023】36号',
      '晋政办发［2023］36号',
      '晋政办发 〔 2023 〕 36 号',
      '晋政办发﹝2023﹞36号',
    ]) {
      expect(normalizeDocNumber(raw), raw).toEqual({ raw, normalized: '晋政办发〔2023〕36号', prefix: '晋政办发', year: 2023, serial: 36 });
    }
  });

  it('recovers damaged numbers when only non-digits were lost, keeping the raw form', () => {
    expect(normalizeDocNumber('晋自然资发〔20229)')).toEqual({
      raw: '晋自然资发〔20229)',
      normalized: '晋自然资发〔2022〕9号',
      prefix: '晋自然资发',
      year: 2022,
      serial: 9,
    });
    expect(normalizeDocNumber('晋政办发〔202195号')).toMatchObject({ normalized: '晋政办发〔2021〕95号', year: 2021, serial: 95 });
  });

  it('never invents a serial: null when it is missing or ambiguous', () => {
    expect(normalizeDocNumber('晋政办发〔2021〕')).toMatchObject({ normalized: null, prefix: '晋政办发', year: 2021, serial: null });
    expect(normalizeDocNumber('晋政办发〔20221〕5号')).toMatchObject({ normalized: null, year: 2022, serial: null });
    expect(normalizeDocNumber('山西省水土保持规划(2016—2030年)')).toEqual({
      raw: '山西省水土保持规划(2016—2030年)',
      normalized: null,
      prefix: null,
      year: null,
      serial: null,
    });
    expect(normalizeDocNumber('到2025年')).toMatchObject({ normalized: null, prefix: null });
  });

  it('strips running-text words in front of the prefix', () => {
    expect(normalizeDocNumber('根据晋政办发〔2023〕36号').normalized).toBe('晋政办发〔2023〕36号');
  });

  it('round-trips any prefix, year, serial and bracket style (property)', () => {
    const brackets = fc.constantFrom(['〔', '〕'], ['[', ']'], ['(', ')'], ['（', '）'], ['【', '】']);
    const prefix = fc.array(fc.constantFrom(...'晋陕政办发函自然资规临铜翼'), { minLength: 1, maxLength: 6 }).map((a) => `${a.join('')}发`);
    fc.assert(
      fc.property(prefix, fc.integer({ min: 1980, max: 2099 }), fc.integer({ min: 1, max: 9999 }), brackets, (p, year, serial, [o, c]) => {
        const n = normalizeDocNumber(`${p}${o}${year}${c}${serial}号`);
        expect(n).toMatchObject({ normalized: `${p}〔${year}〕${serial}号`, prefix: p, year, serial });
        // Losing the closing bracket and 号 still recovers it: the digits are all there.
        expect(normalizeDocNumber(`${p}${o}${year}${serial}`).normalized).toBe(`${p}〔${year}〕${serial}号`);
      }),
    );
  });
});

describe('parseChineseDate', () => {
  it('parses the forms documents use', () => {
    expect(parseChineseDate('2022年11月28日')).toBe('2022-11-28');
    expect(parseChineseDate('2023 年 6 月 15 日')).toBe('2023-06-15');
    expect(parseChineseDate('2023年12月29')).toBe('2023-12-29');
    expect(parseChineseDate('２０２３年６月１１日')).toBe('2023-06-11');
    expect(parseChineseDate('二〇二二年十一月二十八日')).toBe('2022-11-28');
    expect(parseChineseDate('二〇一九年十二月三十日')).toBe('2019-12-30');
    expect(parseChineseDate('2024-01-03')).toBe('2024-01-03');
    expect(parseChineseDate('2024/1/3')).toBe('2024-01-03');
    expect(parseChineseDate('2024.04.16')).toBe('2024-04-16');
    expect(parseChineseDate('2024-04-16 09:30')).toBe('2024-04-16');
    expect(parseChineseDate('20240416')).toBe('2024-04-16');
    expect(parseChineseDate('2019年12月30日印发')).toBe('2019-12-30');
  });

  it('returns null for damaged, ambiguous or impossible dates (never invents)', () => {
    for (const s of ['2024416', '202441', '2023年2月30日', '2023年13月1日', '2024-02-30', '2024年4月', '2024', '时间', '', '2024-1-3-5'])
      expect(parseChineseDate(s), s).toBeNull();
  });

  it('parses every valid date in every format, and rejects what it cannot parse (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
        const iso = `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        expect(parseChineseDate(`${y}年${m}月${day}日`)).toBe(iso);
        expect(parseChineseDate(`${y}-${m}-${day}`)).toBe(iso);
        expect(parseChineseDate(iso.replace(/-/g, ''))).toBe(iso);
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (s) => {
        const iso = parseChineseDate(s);
        if (iso !== null) expect(Number.isNaN(Date.parse(`${iso}T00:00:00Z`))).toBe(false);
      }),
    );
  });
});

describe('inferRegion', () => {
  it('completes known places from the gazetteer', () => {
    expect(inferRegion('翼城县人民政府办公室')).toEqual({ region: { province: '山西省', city: '临汾市', county: '翼城县', name: '翼城县' }, level: '县' });
    expect(inferRegion('长子县自然资源局')).toMatchObject({ region: { province: '山西省', city: '长治市', county: '长子县' }, level: '县' });
    expect(inferRegion('铜川市印台区人民政府')).toEqual({ region: { province: '陕西省', city: '铜川市', county: '印台区', name: '印台区' }, level: '区' });
    expect(inferRegion('山西省人民政府办公厅')).toEqual({ region: { province: '山西省', city: null, county: null, name: '山西省' }, level: '省' });
    expect(inferRegion('忻州市人民政府')).toEqual({ region: { province: '山西省', city: '忻州市', county: null, name: '忻州市' }, level: '市' });
    expect(inferRegion('原平市人民政府')).toMatchObject({ region: { city: '忻州市', county: '原平市' }, level: '县' });
  });

  it('recognises unknown places by suffix when an organisation follows', () => {
    expect(inferRegion('河北省石家庄市正定县人民政府')).toEqual({
      region: { province: '河北省', city: '石家庄市', county: '正定县', name: '正定县' },
      level: '县',
    });
    expect(inferRegion('榆林市横山区自然资源局')).toEqual({ region: { province: '陕西省', city: '榆林市', county: '横山区', name: '横山区' }, level: '区' });
    expect(inferRegion('某某县人民政府')).toMatchObject({ region: { county: '某某县', province: null }, level: '县' });
    expect(inferRegion('国务院办公厅')).toEqual({ region: { province: null, city: null, county: null, name: null }, level: null });
    expect(inferRegion('生态保护区建设方案').level).toBeNull();
  });
});

describe('extractMetadata on the corpus', () => {
  it('000 翼城县: notice, plan title, 文号, date, region and the three cited parents', () => {
    const m = metaOf(ID.yicheng);
    expect(m.title).toBe('翼城县“两山六河一流域”生态保护与修复治理抓落实工作推进机制');
    expect(m.noticeTitle).toBe('翼城县人民政府办公室关于印发《翼城县“两山六河一流域”生态保护与修复治理抓落实工作推进机制》的通知');
    expect(m.issuer).toBe('翼城县人民政府办公室');
    expect(m.docNumber?.normalized).toBe('翼政办函发〔2022〕32号');
    expect(m.dates).toEqual([{ kind: '成文', raw: '2022年11月28日', iso: '2022-11-28' }]);
    expect(m.level).toBe('县');
    expect(m.region).toEqual({ province: '山西省', city: '临汾市', county: '翼城县', name: '翼城县' });
    expect(m.kind).toBe('工作机制');
    expect(numbers(m).slice(0, 3)).toEqual(['晋自然资发〔2022〕9号', '临政办函〔2022〕36号', '临自然资发〔2022〕386号']);
    expect(numbers(m)).toEqual(expect.arrayContaining(['国办发〔2021〕40号', '自然资规〔2019〕6号', '晋自然资办函〔2021〕111号']));
    // Its own title (cited twice in the notice) and own 文号 are not citations.
    expect(titles(m).some((t) => t!.startsWith('翼城县“两山六河'))).toBe(false);
    expect(numbers(m)).not.toContain('翼政办函发〔2022〕32号');
    expect(m.citations[0].title).toBe('山西省自然资源厅关于印发“两山七河一流域”生态保护与修复治理抓落实工作推进机制的通知');
  });

  it('000 read from the raw text (title broken by spaces) gives the same titles', () => {
    const m = extractMetadata(raw(ID.yicheng));
    const c = metaOf(ID.yicheng);
    expect(m.noticeTitle).toBe(c.noticeTitle);
    expect(m.title).toBe(c.title);
    expect(numbers(m)).toEqual(numbers(c));
    const wrapped = raw(ID.yicheng)
      .replace('翼城县人民政府办公室 关于印发', '翼城县人民政府办公室\n关于印发')
      .replace('生态 保护与', '生态\n保护与')
      .replace('》的 通知', '》的\n通知');
    const w = extractMetadata(wrapped);
    // The issuer now stands on its own line (like 003's letterhead): the notice title is the rest, joined.
    expect(w.noticeTitle).toBe(c.noticeTitle!.replace('翼城县人民政府办公室', ''));
    expect(w.title).toBe(c.title);
    expect(w.issuer).toBe('翼城县人民政府办公室');
  });

  it('001 长子县: a 政策解读 issued by 长子县自然资源局, citing damaged 文号 it still resolves', () => {
    const m = metaOf(ID.zhangzi);
    expect(m.kind).toBe('政策解读');
    expect(m.title).toBe('长子县贯彻落实全省“两山七河一流域”生态保护与修复治理工作机制政策解读');
    expect(m.noticeTitle).toBeNull();
    expect(m.issuer).toBe('长子县自然资源局');
    expect(m.docNumber).toBeNull();
    expect(m.region).toEqual({ province: '山西省', city: '长治市', county: '长子县', name: '长子县' });
    expect(m.level).toBe('县');
    expect(m.dates).toEqual([
      { kind: '印发', raw: '2024-01-03', iso: '2024-01-03' },
      { kind: '发布', raw: '2024-01-03', iso: '2024-01-03' },
      { kind: '成文', raw: '2023年12月29', iso: '2023-12-29' },
    ]);
    const damaged = m.citations.filter((c) => c.docNumber).map((c) => c.docNumber!);
    expect(damaged).toEqual([
      { raw: '晋政办发〔202195号', normalized: '晋政办发〔2021〕95号', prefix: '晋政办发', year: 2021, serial: 95 },
      { raw: '晋自然资发〔20229)', normalized: '晋自然资发〔2022〕9号', prefix: '晋自然资发', year: 2022, serial: 9 },
    ]);
    // The document it interprets, named in its 标题/原文链接 fields.
    expect(m.citations[0].title).toBe('长子县人民政府办公室关于印发长子县贯彻落实“两山七河一流域”生态保护与修复治理工作机制的通知');
  });

  it('002 宁武县: county plan, 忻州市, damaged signature date kept unparsed', () => {
    const m = metaOf(ID.ningwu);
    expect(m.title).toBe('宁武县加强新时代水土保持工作实施方案');
    expect(m.noticeTitle).toBe('宁武县人民政府办公室关于印发宁武县加强新时代水土保持工作实施方案的通知');
    expect(m.issuer).toBe('宁武县人民政府办公室');
    expect(m.docNumber).toBeNull();
    expect(m.level).toBe('县');
    expect(m.region).toEqual({ province: '山西省', city: '忻州市', county: '宁武县', name: '宁武县' });
    expect(m.kind).toBe('实施方案');
    expect(m.dates).toContainEqual({ kind: '成文', raw: '2024416', iso: null });
    expect(m.dates).toContainEqual({ kind: '发布', raw: '2024-04-16', iso: '2024-04-16' });
    expect(titles(m)).toEqual(
      expect.arrayContaining(['关于加强新时代水土保持工作的意见', '山西省加强新时代水土保持工作实施方案', '忻州市加强新时代水土保持工作实施方案']),
    );
    expect(titles(m)).not.toContain('宁武县加强新时代水土保持工作实施方案');
  });

  it('003 印台区: 行动方案 in the body, 实施方案 in the notice, citing 陕政发 and 铜政发', () => {
    const m = metaOf(ID.yintai);
    expect(m.title).toBe('铜川市印台区青山保卫战行动方案');
    expect(m.noticeTitle).toBe('关于印发青山保卫战实施方案的通知');
    expect(m.kind).toBe('行动方案');
    expect(m.issuer).toBe('铜川市印台区人民政府');
    expect(m.docNumber?.normalized).toBe('铜印政发〔2019〕26号');
    expect(m.level).toBe('区');
    expect(m.region).toEqual({ province: '陕西省', city: '铜川市', county: '印台区', name: '印台区' });
    expect(m.dates).toEqual([
      { kind: '成文', raw: '2019年12月30日', iso: '2019-12-30' },
      { kind: '印发', raw: '2019年12月30日', iso: '2019-12-30' },
    ]);
    expect(numbers(m)).toEqual(['陕政发〔2019〕7号', '铜政发〔2019〕18号']);
    // The notice's name for the plan itself is not a citation.
    expect(titles(m)).not.toContain('铜川市印台区青山保卫战实施方案');
  });

  it('004 山西省: provincial level, 晋政办发〔2023〕36号, 成文 and 印发 dates', () => {
    const m = metaOf(ID.shanxi);
    expect(m.title).toBe('山西省加强新时代水土保持工作实施方案');
    expect(m.noticeTitle).toBe('山西省人民政府办公厅关于印发山西省加强新时代水土保持工作实施方案的通知');
    expect(m.issuer).toBe('山西省人民政府办公厅');
    expect(m.docNumber).toEqual({ raw: '晋政办发〔2023〕36号', normalized: '晋政办发〔2023〕36号', prefix: '晋政办发', year: 2023, serial: 36 });
    expect(m.level).toBe('省');
    expect(m.region).toEqual({ province: '山西省', city: null, county: null, name: '山西省' });
    expect(m.kind).toBe('实施方案');
    expect(m.dates).toEqual([
      { kind: '成文', raw: '2023年6月11日', iso: '2023-06-11' },
      { kind: '印发', raw: '2023年6月15日', iso: '2023-06-15' },
    ]);
    expect(titles(m)).toEqual(['关于加强新时代水土保持工作的意见', '山西省水土保持规划(2016—2030年)']);
  });

  it('gives citation offsets into the clean text, deduplicated', () => {
    for (const id of Object.values(ID)) {
      const c = clean(id);
      const m = extractMetadata(c);
      const keys = new Set<string>();
      for (const cite of m.citations) {
        const slice = c.text.slice(cite.start, cite.end);
        if (cite.title) expect(slice, id).toContain(cite.title);
        if (cite.docNumber) expect(slice, id).toContain(cite.docNumber.raw);
        const key = cite.docNumber?.normalized ?? cite.title!;
        expect(keys.has(key), `${id} ${key}`).toBe(false);
        keys.add(key);
      }
    }
  });
});

describe('extractMetadata on other inputs', () => {
  it('reads the fields of a government web page', async () => {
    const doc = await readDocument({ name: 'page.html', bytes: readFileSync(fixturePath('gov-page.html')) }, {});
    const m = extractMetadata(cleanText(doc.text));
    expect(m.issuer).toBe('宁武县人民政府办公室');
    expect(m.docNumber?.normalized).toBe('宁政办发〔2024〕12号');
    expect(m.title).toBe('宁武县加强新时代水土保持工作实施方案');
    expect(m.dates).toContainEqual({ kind: '成文', raw: '2024年4月16日', iso: '2024-04-16' });
    expect(m.dates).toContainEqual({ kind: '发布', raw: '2024-04-16', iso: '2024-04-16' });
    expect(m.region.city).toBe('忻州市');
  });

  it('reads a bare notice with no plan, and an empty text, without inventing anything', () => {
    const notice = extractMetadata('某某市人民政府办公室\n关于做好2024年防汛工作的通知\n各县(区)人民政府:\n现就有关事项通知如下。\n一、提高认识');
    expect(notice).toMatchObject({ title: '关于做好2024年防汛工作的通知', kind: '通知', issuer: '某某市人民政府办公室', level: '市' });
    const empty = extractMetadata('');
    expect(empty).toEqual({
      title: null,
      noticeTitle: null,
      issuer: null,
      docNumber: null,
      dates: [],
      level: null,
      region: { province: null, city: null, county: null, name: null },
      kind: '其他',
      citations: [],
      record: [],
    });
  });
});
