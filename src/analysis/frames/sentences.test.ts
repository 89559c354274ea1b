import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isHeadingText, splitSentences } from './sentences.js';
import { corpusDoc } from '../../testing/frames-corpus.js';

describe('splitSentences', () => {
  it('splits at 。；！？ and line breaks, keeping offsets', () => {
    const text = '建立联络机制,强化干部培训。各单位务必高度重视；\n及时报告!';
    const out = splitSentences(text, 100);
    expect(out.map((s) => s.text)).toEqual(['建立联络机制,强化干部培训。', '各单位务必高度重视；', '及时报告!']);
    for (const s of out) expect(text.slice(s.start - 100, s.end - 100)).toBe(s.text);
  });

  it('does not split inside 《》, quotes or brackets', () => {
    const text = '依据“谁修复，谁受益。”的原则推进。按照《关于加强；新时代水土保持工作的意见》执行(责任部门:区林业局;区水务局)。';
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      '依据“谁修复，谁受益。”的原则推进。',
      '按照《关于加强；新时代水土保持工作的意见》执行(责任部门:区林业局;区水务局)。',
    ]);
  });

  it('survives an unclosed bracket from extraction damage (001: 〔202195号)', () => {
    const text = '根据《意见》(晋政办发〔202195号和《通知》(晋自然资发〔20229)精神,结合我实际建立本机制。以习近平生态文明思想为指导。';
    expect(splitSentences(text)).toHaveLength(2);
  });

  it('makes a heading ending in 。 its own sentence and flags it', () => {
    const out = splitSentences('(三)加强组织领导。各单位务必高度重视,切实加强组织领导。');
    expect(out.map((s) => [s.text, s.heading])).toEqual([
      ['(三)加强组织领导。', true],
      ['各单位务必高度重视,切实加强组织领导。', false],
    ]);
    expect(isHeadingText('（三）加强组织领导。')).toBe(true);
    expect(isHeadingText('一、总体目标')).toBe(true);
    expect(isHeadingText('、目标任务')).toBe(true);
    expect(isHeadingText('生态破坏严重的区域,应积极采取生态补偿措施。')).toBe(false);
  });

  it('keeps the (责任部门:…) note of 003 as its own sentence after the clause', () => {
    const doc = corpusDoc('003');
    const sentences = splitSentences(doc.clean.text);
    const note = sentences.find((s) => s.text.startsWith('(责任部门:区生态环境分局、区自然资源分局'));
    expect(note?.text.endsWith(')')).toBe(true);
  });

  it('splits every corpus document into spans that slice back exactly', () => {
    for (const prefix of ['000', '001', '002', '003', '004']) {
      const text = corpusDoc(prefix).clean.text;
      const out = splitSentences(text);
      expect(out.length).toBeGreaterThan(20);
      for (const s of out) expect(text.slice(s.start, s.end)).toBe(s.text);
      expect(
        out
          .map((s) => s.text)
          .join('')
          .replace(/\s/g, ''),
      ).toBe(text.replace(/\s/g, ''));
    }
  });

  it('property: spans are ordered, trimmed, slice back, and cover every non-space character once', () => {
    const alphabet = fc.constantFrom(...'水土保持率达到。；！？!?;，,、《》“”()（）〔〕"\n \t　要应66.18%一二');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 80 }).map((a) => a.join('')),
        fc.integer({ min: 0, max: 1000 }),
        (text, base) => {
          const out = splitSentences(text, base);
          let prev = base;
          for (const s of out) {
            if (s.start < prev || s.end <= s.start) return false;
            if (text.slice(s.start - base, s.end - base) !== s.text) return false;
            if (/^\s|\s$/.test(s.text)) return false;
            prev = s.end;
          }
          return (
            out
              .map((s) => s.text)
              .join('')
              .replace(/\s/g, '') === text.replace(/\s/g, '')
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
