/** `policy ask` for people: the page and OCR of a paged source's citation, per-document parts, the working. */
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../answer/types.js';
import { formatAnswer } from './ask.js';

const base: Answer = {
  question: '专项资金每年安排多少？',
  answer: '800万元',
  abstained: false,
  citations: [],
  confidence: 0.8,
  mode: 'extractive',
  understanding: { kind: 'amount', docIds: ['plan.pdf'], topic: '专项资金' },
};

describe('formatAnswer', () => {
  it('prints （第N页） after the clause of a paged source and marks OCR quotes, saying what OCR means', () => {
    const lines = formatAnswer({
      ...base,
      citations: [
        { source: 'plan.pdf', title: '某县方案', clause: '三（四）', quote: '每年安排水土保持专项资金不低于800万元', start: 428, end: 448, page: 2 },
        { source: 'scan.pdf', title: '扫描方案', clause: '四（三）', quote: '宣传活动不少于四次', start: 628, end: 637, page: 4, ocr: true },
        { source: 'a.txt', title: '文本', clause: '', quote: '正文', start: 0, end: 2 },
      ],
    });
    expect(lines).toContain('  [1] 某县方案 三（四）（第2页） (plan.pdf 428-448)');
    expect(lines).toContain('  [2] 扫描方案 四（三）（第4页） [OCR] (scan.pdf 628-637)');
    expect(lines).toContain('  [3] 文本 (正文前) (a.txt 0-2)');
    expect(lines.filter((l) => l.includes('文字识别'))).toHaveLength(1);
  });

  it('lists the per-document parts and the working under the answer', () => {
    const lines = formatAnswer({
      ...base,
      answer: '全省66.18%，宁武县56.04%，相差10.14个百分点',
      parts: [
        { label: '山西省', answer: '66.18%', docIds: ['004.txt'] },
        { label: '宁武县', answer: '56.04%', docIds: ['002.txt'] },
      ],
      working: '66.18% − 56.04% = 10.14个百分点',
    });
    expect(lines.slice(0, 4)).toEqual([
      '答：全省66.18%，宁武县56.04%，相差10.14个百分点',
      '  · 山西省：66.18%',
      '  · 宁武县：56.04%',
      '  计算：66.18% − 56.04% = 10.14个百分点',
    ]);
    expect(lines.some((l) => l.includes('OCR'))).toBe(false);
  });
});
