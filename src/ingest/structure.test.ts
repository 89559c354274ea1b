import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanText } from './clean.js';
import { matchMarker } from '../zh/clause-markers.js';
import { formatChineseNumeral, parseChineseNumeral } from '../zh/numerals.js';
import { flattenSections, parseStructure } from './structure.js';
import type { Section } from './types.js';
import { corpusId, corpusIds, readCorpusText } from '../testing/corpus.js';

const corpus = corpusIds();
const load = (prefix: string) => {
  const clean = cleanText(readCorpusText(corpusId(prefix)));
  return { clean, ...parseStructure(clean) };
};
const paths = (ss: Section[]) => ss.map((s) => s.path);
const CHAPTERS = ['一', '二', '三', '四', '五', '六', '七'];

describe('Chinese numerals', () => {
  it('parses and formats the numerals headings use', () => {
    expect(parseChineseNumeral('二十七')).toBe(27);
    expect(parseChineseNumeral('十')).toBe(10);
    expect(parseChineseNumeral('十三')).toBe(13);
    expect(parseChineseNumeral('一百零五')).toBe(105);
    expect(parseChineseNumeral('abc')).toBeNull();
    expect(formatChineseNumeral(20)).toBe('二十');
    expect(formatChineseNumeral(14)).toBe('十四');
  });

  it('round-trips 1..999', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 999 }), (n) => parseChineseNumeral(formatChineseNumeral(n)) === n));
  });
});

describe('matchMarker', () => {
  it('recognises the four heading levels, articles and attachments', () => {
    expect(matchMarker('一、总体目标')).toMatchObject({ kind: 'l1', marker: '一' });
    expect(matchMarker('三.出台依据')).toMatchObject({ kind: 'l1', marker: '三' });
    expect(matchMarker('(十二)加快推进')).toMatchObject({ kind: 'l2', marker: '（十二）' });
    expect(matchMarker('（三）加强')).toMatchObject({ kind: 'l2', marker: '（三）' });
    expect(matchMarker('( 一 )加强')).toMatchObject({ kind: 'l2', marker: '（一）' });
    expect(matchMarker('2.完善制度')).toMatchObject({ kind: 'l3', marker: '2' });
    expect(matchMarker('3、完善制度')).toMatchObject({ kind: 'l3', marker: '3' });
    expect(matchMarker('(1)完善制度')).toMatchObject({ kind: 'l4', marker: '（1）' });
    expect(matchMarker('第十二条 各部门')).toMatchObject({ kind: 'article', marker: '第十二条' });
    expect(matchMarker('第3章 附则')).toMatchObject({ kind: 'chapter', marker: '第三章' });
    expect(matchMarker('附件2')).toMatchObject({ kind: 'attachment', marker: '附件2' });
    expect(matchMarker('附件:重点工作任务分工表')).toMatchObject({ kind: 'attachment', marker: '附件' });
    expect(matchMarker('、目标任务')).toMatchObject({ kind: 'l1', damaged: true });
  });

  it('does not take years, decimals, table rows or sentences about attachments as headings', () => {
    expect(matchMarker('2025年,全省水土保持率达到66.18%。')).toBeNull();
    expect(matchMarker('1.5万亩坡耕地完成治理。')).toBeNull();
    expect(matchMarker('2025选取薛家洼乡开展试点。')).toBeNull();
    expect(matchMarker('1.\t太原市\t68.5')).toBeNull();
    expect(matchMarker('附件1所列任务由各部门分工负责。')).toBeNull();
    expect(matchMarker('附件清单')).toBeNull();
    expect(matchMarker('(此件公开发布)')).toBeNull();
  });
});

describe('parseStructure on the corpus', () => {
  it('004: 7 chapters, 27 continuous (N) clauses under 二–七, 附件2 with its title', () => {
    const { clean, sections, bodyStart, bodyEnd } = load('004');
    const roots = paths(sections);
    expect(roots.slice(0, 7)).toEqual(CHAPTERS);
    expect(roots).toContain('附件2');
    const subs = sections.slice(0, 7).flatMap((s) => s.children);
    expect(subs).toHaveLength(27);
    expect(sections[0].children).toHaveLength(0);
    expect(subs.map((s) => s.level)).toEqual(Array(27).fill(2));
    expect(subs[0].path).toBe('二（一）');
    expect(subs[26].path).toBe('七（二十七）');
    expect(sections[3].children.map((s) => s.path)).toEqual(['四（十）', '四（十一）', '四（十二）']);
    expect(subs[22].heading).toBe('强化组织领导');
    const att = sections.find((s) => s.path === '附件2')!;
    expect(att.heading).toBe('全省水土保持率目标值分解表');
    expect(clean.text.slice(att.start, att.end)).toContain('全省\t66.18\t72.43');
    // Body: from the plan's title line (after the notice) to before the 抄送/印发 colophon.
    expect(clean.text.slice(bodyStart).startsWith('山西省加强新时代水土保持工作实施方案\n为深入贯彻')).toBe(true);
    expect(clean.text.slice(bodyEnd).startsWith('抄送:')).toBe(true);
    expect(clean.text.slice(att.start, att.end)).not.toContain('抄送');
  });

  it('000: 7 chapters with (一)… restarting per chapter; the notice is not part of the body', () => {
    const { clean, sections, bodyStart } = load('000');
    expect(paths(sections)).toEqual(CHAPTERS);
    expect(sections.map((s) => s.children.length)).toEqual([0, 3, 0, 6, 6, 4, 4]);
    expect(paths(sections[3].children)).toEqual(['四（一）', '四（二）', '四（三）', '四（四）', '四（五）', '四（六）']);
    const s43 = sections[3].children[2];
    expect(s43.heading).toBe('建立部门协调制度');
    expect(clean.text.slice(s43.start, s43.end)).toContain('每季度定期召开协调会议');
    expect(clean.text.slice(s43.bodyStart, s43.bodyStart + 4)).toBe('实行部门');
    expect(sections[6].heading).toBe('工作保障措施');
    expect(clean.text.slice(bodyStart).startsWith('翼城县“两山六河一流域”生态保护与修复治理抓落实工作推进机制\n')).toBe(true);
    expect(clean.text.slice(0, bodyStart)).toContain('(此件公开发布)');
  });

  it('003: 三 chapters, (一)(二) under 一, (一)… under 二 and 三, 附件 blocks, 印发 line excluded', () => {
    const { clean, sections, bodyEnd } = load('003');
    expect(paths(sections).slice(0, 3)).toEqual(['一', '二', '三']);
    expect(paths(sections[0].children)).toEqual(['一（一）', '一（二）']);
    expect(sections[0].children.map((s) => s.heading)).toEqual(['指导思想', '工作目标']);
    expect(sections[1].children).toHaveLength(3);
    expect(sections[2].children).toHaveLength(5);
    expect(paths(sections).slice(3)).toEqual(['附件', '附件#2']);
    expect(clean.text.slice(bodyEnd)).toBe('铜川市印台区人民政府办公室\t2019年12月30日印发');
  });

  it('002: 7 chapters with (一)…(二十六) numbered across chapters', () => {
    const { clean, sections, bodyStart } = load('002');
    expect(paths(sections).slice(0, 7)).toEqual(CHAPTERS);
    const subs = sections.slice(0, 7).flatMap((s) => s.children);
    expect(subs.map((s) => parseChineseNumeral(s.marker.slice(1, -1)))).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    expect(subs[25].path).toBe('七（二十六）');
    expect(clean.text.slice(bodyStart).startsWith('宁武县加强新时代水土保持工作实施方案\n')).toBe(true);
  });

  it('001: 6 chapters, numerals lost in extraction inferred from their siblings', () => {
    const { clean, sections, bodyStart, bodyEnd } = load('001');
    expect(paths(sections)).toEqual(CHAPTERS.slice(0, 6));
    expect(sections.map((s) => s.heading)).toEqual(['出台背景', '指导思想', '出台依据', '目标任务', '推进机制', '保障措施']);
    expect(clean.text.slice(sections[3].start, sections[3].start + 5)).toBe('、目标任务');
    expect(paths(sections[5].children)).toEqual(['六（一）', '六（二）', '六（三）']);
    expect(clean.text.slice(bodyStart).startsWith('长子县贯彻落实全省“两山七河一流域”生态保护与修复治理工作机制政策解读')).toBe(true);
    expect(clean.text.slice(bodyEnd)).toBe('长子县自然资源局\n2023年12月29');
  });

  it('keeps every tree well formed on every corpus file', () => {
    for (const f of corpus) expectWellFormed(load(f.slice(0, 3)).sections, load(f.slice(0, 3)).clean.text);
  });
});

/** Children inside parents, siblings in order, paths unique, ends trimmed. */
function expectWellFormed(roots: Section[], text: string): void {
  const seen = new Set<string>();
  const check = (list: Section[], lo: number, hi: number, depth: number) => {
    let prevEnd = lo;
    for (const s of list) {
      expect(s.start).toBeGreaterThanOrEqual(prevEnd);
      expect(s.end).toBeLessThanOrEqual(hi);
      expect(s.end).toBeGreaterThan(s.start);
      expect(s.bodyStart).toBeGreaterThanOrEqual(s.start);
      expect(s.bodyStart).toBeLessThanOrEqual(s.end);
      expect(s.level).toBe(depth);
      expect(/\s/.test(text[s.end - 1])).toBe(false);
      expect(seen.has(s.path)).toBe(false);
      seen.add(s.path);
      check(s.children, s.start, s.end, depth + 1);
      prevEnd = s.end;
    }
  };
  check(roots, 0, text.length, 1);
}

describe('parseStructure on synthetic documents', () => {
  const doc = [
    '某县水土保持实施方案',
    '为做好工作,制定本方案。',
    '一、总体要求',
    '到2025年,水土保持率达到60%。',
    '1.5万亩坡耕地完成治理。',
    '二、重点任务',
    '(一)加强预防。全面加强预防保护。',
    '(二)强化监管。',
    '1.完善制度。建立监管制度。',
    '(1)明确责任,落实到人。',
    '(2)加强考核。',
    '2.强化执法。',
    '( 三 )推进治理。开展综合治理。',
    '、保障措施',
    '(一)加强组织领导。各部门要高度重视。',
    '附件1',
    '重点任务清单',
    '1.第一项任务。',
    '附件2',
    '目标分解表',
    '地区\t2025年',
    '甲县\t60.1',
  ].join('\n');

  it('nests 1. under (二) and (1) under 1., infers a lost numeral, reads attachments', () => {
    const { sections, bodyStart } = parseStructure(doc);
    expect(bodyStart).toBe(0);
    const all = flattenSections(sections);
    expect(all.map((s) => s.path)).toEqual([
      '一',
      '二',
      '二（一）',
      '二（二）',
      '二（二）1',
      '二（二）1（1）',
      '二（二）1（2）',
      '二（二）2',
      '二（三）',
      '三',
      '三（一）',
      '附件1',
      '附件1·1',
      '附件2',
    ]);
    const byPath = new Map(all.map((s) => [s.path, s]));
    expect(byPath.get('二（二）1（1）')!.level).toBe(4);
    expect(byPath.get('二（二）1')!.heading).toBe('完善制度');
    expect(byPath.get('二（二）1（1）')!.heading).toBe('明确责任,落实到人');
    expect(byPath.get('三')!.heading).toBe('保障措施');
    expect(byPath.get('附件1')!.heading).toBe('重点任务清单');
    expect(byPath.get('附件2')!.heading).toBe('目标分解表');
    // "1.5万亩" and "2025年" stay body text of 一.
    expect(byPath.get('一')!.children).toHaveLength(0);
    expectWellFormed(sections, doc);
  });

  it('makes colliding paths unique and nests articles under chapters', () => {
    const text = [
      '第一章 总则',
      '第一条 为规范管理,制定本办法。',
      '第二条 本办法适用于全县。',
      '第二章 附则',
      '第三条 本办法自发布之日起施行。',
      '(一)自发布之日起。',
    ].join('\n');
    const { sections } = parseStructure(text);
    const all = flattenSections(sections);
    expect(all.map((s) => s.path)).toEqual(['第一章', '第一条', '第二条', '第二章', '第三条', '第三条（一）']);
    expect(flattenSections(parseStructure('一、要求\n内容。\n一、要求\n内容。').sections).map((s) => s.path)).toEqual(['一', '一#2']);
    expect(sections[0].children.map((s) => s.level)).toEqual([2, 2]);
    expect(sections[0].heading).toBe('总则');
    expect(sections[0].children[0].heading).toBe('为规范管理,制定本办法');
  });

  it('starts the body at the plan title after a notice that numbers its own instructions', () => {
    const text = [
      '某县人民政府办公室关于印发某县治理方案的通知',
      '各乡镇:',
      '一、请认真贯彻执行。',
      '某县人民政府办公室',
      '2024年3月1日',
      '某县治理方案',
      '一、目标',
      '治理完成。',
    ].join('\n');
    const { sections, bodyStart } = parseStructure(text);
    expect(text.slice(bodyStart).startsWith('某县治理方案')).toBe(true);
    expect(sections.map((s) => s.heading)).toEqual(['目标']);
  });

  it('cuts a long first sentence at its first phrase', () => {
    const long = '(一)加强水土保持空间管控,落实水土保持空间管控制度并科学划定全省水土流失重点预防区和重点治理区范围及生态脆弱区范围。其余。';
    const { sections } = parseStructure(`一、任务\n${long}`);
    expect(sections[0].children[0].heading).toBe('加强水土保持空间管控');
  });

  it('yields well-formed trees for random clause sequences', () => {
    const line = fc.oneof(
      fc.constantFrom(
        '一、目标',
        '二、任务',
        '、保障',
        '(一)加强。正文',
        '(二)强化。',
        '1.完善。',
        '2.落实',
        '(1)明确',
        '附件1',
        '附件:清单',
        '第一条 内容。',
        '第一章 总则',
      ),
      fc.stringMatching(/^[水土保持生态修复治理,。]{1,30}$/),
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), (lines) => {
        const text = lines.join('\n');
        const { sections, bodyStart, bodyEnd } = parseStructure(text);
        expect(bodyStart).toBeLessThanOrEqual(bodyEnd);
        expectWellFormed(sections, text);
      }),
      { numRuns: 300 },
    );
  });
});
