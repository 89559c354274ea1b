import { describe, expect, it } from 'vitest';
import type { ParsedDocument, Section } from '../ingest/types.js';
import { corpusDoc } from '../testing/frames-corpus.js';
import { extractObligations, toReportingCalendar, toTaskRegister } from './obligations.js';

/** A hand-built document: clean text === original text (identity offsets), sections by marker. */
function handDoc(lines: string[], bodyLine: number): ParsedDocument {
  const text = lines.join('\n');
  const starts: number[] = [];
  let pos = 0;
  for (const l of lines) {
    starts.push(pos);
    pos += l.length + 1;
  }
  const offsets = new Int32Array(text.length + 1).map((_, i) => i);
  const section = (line: number, endLine: number, path: string, level: number, marker: string, heading: string, children: Section[] = []): Section => ({
    path,
    level,
    marker,
    heading,
    start: starts[line],
    bodyStart: starts[line] + marker.length + (level === 1 ? 1 : 0) + heading.length + (level === 2 ? 1 : 0),
    end: endLine < lines.length ? starts[endLine] - 1 : text.length,
    children,
  });
  const sections = [
    section(3, 5, '一', 1, '一', '指导思想'),
    section(5, 12, '二', 1, '二', '重点任务', [
      section(6, 9, '二（一）', 2, '(一)', '形成合理空间开发格局'),
      section(9, 12, '二（二）', 2, '(二)', '建立调度机制'),
    ]),
  ];
  return {
    id: 'hand.txt',
    raw: { id: 'hand.txt', format: 'txt', encoding: 'utf-8', text, sha256: '', bytes: text.length },
    clean: { text, offsets },
    meta: {
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
    },
    sections,
    tables: [],
    bodyStart: starts[bodyLine],
  };
}

const HAND = handDoc(
  [
    '各乡(镇)人民政府:现印发给你们,请认真贯彻落实,各单位务必按时报送。',
    '某县青山保卫战实施方案',
    '为打好青山保卫战,结合我县实际,制定本方案。',
    '一、指导思想',
    '以习近平生态文明思想为指导,各部门要牢固树立绿水青山就是金山银山的理念。',
    '二、重点任务',
    '(一)形成合理空间开发格局。到2020年,明确生态保护红线。森林覆盖率达到47%。',
    '严禁违规开发自然生态资源。',
    '(责任部门:县生态环境分局、县自然资源局)',
    '(二)建立调度机制。由县自然资源局牵头,每季度定期召开协调会议。',
    '各相关部门要于每月25日前将本月工作开展情况报送县自然资源局。',
    '生态环境持续改善。',
  ],
  1,
);

describe('extractObligations on a hand-built document', () => {
  const obs = extractObligations(HAND);

  it('skips the covering notice, the preamble, 指导思想 and headings', () => {
    expect(obs.map((o) => o.sentence)).toEqual([
      '到2020年,明确生态保护红线。',
      '森林覆盖率达到47%。',
      '严禁违规开发自然生态资源。',
      '由县自然资源局牵头,每季度定期召开协调会议。',
      '各相关部门要于每月25日前将本月工作开展情况报送县自然资源局。',
    ]);
    expect(obs.every((o) => o.cleanStart >= HAND.bodyStart)).toBe(true);
  });

  it('gives each obligation its clause, ids and verbatim quote', () => {
    expect(obs.map((o) => o.clause)).toEqual(['二（一）', '二（一）', '二（一）', '二（二）', '二（二）']);
    expect(obs[3].heading).toBe('建立调度机制');
    expect(obs.map((o) => o.id)).toEqual(['hand.txt#ob0', 'hand.txt#ob1', 'hand.txt#ob2', 'hand.txt#ob3', 'hand.txt#ob4']);
    for (const o of obs) {
      expect(o.quote).toBe(HAND.raw.text.slice(o.start, o.end));
      expect(o.quote).toBe(o.sentence);
    }
  });

  it('carries the year of the clause to a target stated in the next sentence', () => {
    expect(obs[1].frame.targets[0]).toMatchObject({ metric: '森林覆盖率', value: 47, year: 2020, yearInherited: true });
  });

  it('attaches a (责任部门:…) note to every obligation of its clause, not to others', () => {
    expect(obs[0].clauseActors.flatMap((a) => a.names.map((n) => n.text))).toEqual(['县生态环境分局', '县自然资源局']);
    expect(obs[2].clauseActors).toHaveLength(1);
    expect(obs[3].clauseActors).toEqual([]);
  });

  it('builds the task register and the reporting calendar', () => {
    const rows = toTaskRegister(obs);
    expect(rows[2]).toMatchObject({ clause: '二（一）', lead: ['县生态环境分局', '县自然资源局'], leadSource: 'clause', modality: '禁止' });
    expect(rows[1].target).toBe('森林覆盖率达到47%（2020年）');
    expect(rows[3]).toMatchObject({ lead: ['县自然资源局'], leadSource: 'lead', frequency: '每季度' });
    const cal = toReportingCalendar(obs);
    expect(cal.map((c) => [c.frequency, c.when, c.period, c.day, c.recipient])).toEqual([
      [null, '于每月25日前', 'month', 25, '县自然资源局'],
      ['每季度', null, 'quarter', null, null],
      [null, '到2020年', null, null, null],
    ]);
    expect(cal[0].who).toEqual(['各相关部门']);
  });
});

describe('extractObligations on the corpus', () => {
  const ids = ['000', '001', '002', '003', '004'];

  it('quotes every obligation verbatim from the original file, and only from the body', () => {
    for (const id of ids) {
      const doc = corpusDoc(id);
      const obs = extractObligations(doc);
      expect(obs.length).toBeGreaterThan(15);
      for (const o of obs) {
        expect(o.quote).toBe(doc.raw.text.slice(o.start, o.end));
        // The quote is the sentence before cleaning: same characters up to NFKC and whitespace.
        expect(o.quote.normalize('NFKC').replace(/\s/g, '')).toBe(o.sentence.replace(/\s/g, ''));
        expect(o.cleanStart).toBeGreaterThanOrEqual(doc.bodyStart);
        expect(o.frame.isObligation).toBe(true);
      }
    }
  });

  it("finds 004's 66.18% target of 2025 and no obligation in 指导思想", () => {
    const obs = extractObligations(corpusDoc('004'));
    const t = obs.flatMap((o) => o.frame.targets).find((x) => x.value === 66.18);
    expect(t).toMatchObject({ metric: '水土保持率', year: 2025 });
    expect(extractObligations(corpusDoc('000')).some((o) => o.sentence.includes('以习近平生态文明思想为指导'))).toBe(false);
  });

  it("gives 003's duties the clause 责任部门 in the register", () => {
    const rows = toTaskRegister(extractObligations(corpusDoc('003')));
    const row = rows.find((r) => r.task.startsWith('加大对青山生态环境治理修复'));
    expect(row).toMatchObject({ clause: '三（二）', leadSource: 'clause' });
    expect(row?.lead[0]).toBe('区财政局');
  });

  it("puts 000's quarterly report and 001's monthly report on the calendar with their recipients", () => {
    const cal000 = toReportingCalendar(extractObligations(corpusDoc('000')));
    expect(cal000.find((c) => c.when === '每季度末下月2日前')).toMatchObject({
      frequency: '每季度',
      period: 'quarter',
      day: 2,
      recipient: '领导小组办公室',
      clause: '四（三）',
    });
    const cal001 = toReportingCalendar(extractObligations(corpusDoc('001')));
    expect(cal001[0]).toMatchObject({ when: '于每月25日前', period: 'month', day: 25, recipient: '自然资源局', clause: '五（四）' });
  });
});
