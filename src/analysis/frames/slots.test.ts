import { describe, expect, it } from 'vitest';
import { extractSlot, hintOverlap } from './slots.js';
import { corpusDoc, corpusSentence } from '../../testing/frames-corpus.js';

const top = (text: string, kind: Parameters<typeof extractSlot>[1], hint?: string) => extractSlot(text, kind, { hint })[0]?.text ?? null;

describe('extractSlot', () => {
  it('answers who/frequency for 由县自然资源局牵头,每季度定期召开协调会议', () => {
    const s = '由县自然资源局牵头，每季度定期召开协调会议';
    const [who] = extractSlot(s, 'who');
    expect(who).toMatchObject({ text: '县自然资源局', start: 1, end: 7 });
    expect(who.detail?.role).toBe('lead');
    expect(top(s, 'frequency')).toBe('每季度');
  });

  it('answers amount with the value and unit only (66.18%), with clean offsets', () => {
    expect(top('全省水土保持率达到 66.18%', 'amount')).toBe('66.18%');
    const s = corpusSentence('004', '全省水土保持率达到72.43%');
    const [a] = extractSlot(s.text, 'amount', { baseOffset: s.start, hint: '2035年全省水土保持率' });
    expect(corpusDoc('004').clean.text.slice(a.start, a.end)).toBe('72.43%');
    expect(a.detail).toMatchObject({ metric: '水土保持率', year: 2035 });
  });

  it('uses the hint to pick among several targets of one sentence', () => {
    const s = corpusSentence('003', '水土流失治理率达到65%以上').text;
    expect(top(s, 'amount', '水土流失治理率要达到多少')).toBe('65%以上');
    expect(top(s, 'amount', '森林覆盖率目标')).toBe('47%');
    expect(hintOverlap('森林覆盖率', '森林覆盖率')).toBe(1);
  });

  it("answers definition with the 是指 phrase of 003's 青山", () => {
    const s = corpusSentence('003', '是指印台区金锁关镇');
    const [d] = extractSlot(s.text, 'definition', { baseOffset: s.start });
    expect(d.text).toBe('印台区金锁关镇、阿庄镇境内具有重要生态价值,有相对独立生态系统的山体');
    expect(d.detail?.term).toBe('青山');
    expect(extractSlot('加强指导和指标考核', 'definition')).toEqual([]);
  });

  it('answers definition from a glossary line, the term before the colon', () => {
    const text = '考核优秀：按期完成全部任务，且群众满意度在90%以上的；';
    const [d] = extractSlot(text, 'definition', { baseOffset: 100 });
    expect(d.text).toBe('按期完成全部任务，且群众满意度在90%以上的');
    expect(text.slice(d.start - 100, d.end - 100)).toBe(d.text);
    expect(d.detail?.term).toBe('考核优秀');
    // A sentence with a colon after a long clause is not a glossary line.
    expect(extractSlot('各乡镇要在每年年底前完成本年度的任务并报告：完成情况', 'definition')).toEqual([]);
  });

  it('answers where, when and the report recipient', () => {
    const office = corpusSentence('000', '由分管副县长担任组长').text;
    expect(top(office, 'where')).toBe('自然资源局');
    expect(top(corpusSentence('003', '2020年底前,按照全市划定').text, 'when')).toBe('2020年底前');
    expect(top(corpusSentence('003', '实施方案于11月15日前报区政府').text, 'when')).toBe('11月15日前');
    const monthly = corpusSentence('001', '于每月25日前将本月工作').text;
    expect(top(monthly, 'when')).toBe('每月25日前');
    expect(top(monthly, 'who', '报送给哪个部门')).toBe('自然资源局');
    expect(top(monthly, 'who')).toBe('各相关部门和乡镇政府');
  });

  it("answers list with each department of 003's 责任部门", () => {
    const s = corpusSentence('003', '(责任部门:区财政局');
    const names = extractSlot(s.text, 'list').map((a) => a.text);
    expect(names).toEqual(['区财政局', '区发改局', '区自然资源分局', '区生态环境分局', '区住建局', '区水务局', '区农业农村局', '区林业局']);
  });

  it('answers who with the role the question asks for (配合 vs 牵头)', () => {
    const s = corpusSentence('002', '水利部门牵头协调').text;
    expect(top(s, 'who', '哪个部门牵头')).toBe('水利部门');
    expect(top(s, 'who', '哪些部门配合')).toBe('自然资源、农业农村、乡村振兴、林草');
  });

  it('answers allowed with the prohibited or permitted act', () => {
    const [ban] = extractSlot(corpusSentence('004', '严禁在25度以上的坡面开垦种植农作物').text, 'allowed');
    expect(ban).toMatchObject({ text: '严禁在25度以上的坡面开垦种植农作物', detail: { allowed: false, level: 5 } });
    const red = extractSlot(corpusSentence('004', '仅允许对生态功能不造成破坏的有限人为活动').text, 'allowed');
    expect(red.find((a) => a.detail?.allowed === true)?.text).toBe('允许对生态功能不造成破坏的有限人为活动');
  });

  it('returns nothing when the sentence does not answer the kind', () => {
    expect(extractSlot('加强湿地保护与恢复,促进生物多样性保护。', 'amount')).toEqual([]);
    expect(extractSlot('加强湿地保护与恢复,促进生物多样性保护。', 'who')).toEqual([]);
  });
});
