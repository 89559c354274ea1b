import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanText, isChromeLine, shouldJoinLines, toCleanOffset, toOriginalRange } from './clean.js';

const corpus = readdirSync('corpus').filter((f) => f.endsWith('.txt'));
const read = (prefix: string) => readFileSync(`corpus/${corpus.find((f) => f.startsWith(prefix))}`, 'utf8');

describe('cleanText', () => {
  it('maps every clean character back to an original character that normalises to it', () => {
    for (const f of corpus) {
      const original = readFileSync(`corpus/${f}`, 'utf8');
      const { text, offsets } = cleanText(original);
      expect(offsets.length).toBe(text.length + 1);
      for (let i = 0; i < text.length; i++) {
        if (text[i] === '\n' || text[i] === '\t') continue;
        const orig = String.fromCodePoint(original.codePointAt(offsets[i])!).normalize('NFKC');
        expect(orig.includes(text[i]), `${f} @${i}`).toBe(true);
        if (i > 0) expect(offsets[i]).toBeGreaterThanOrEqual(offsets[i - 1]);
      }
    }
  });

  it('rejoins a sentence split by a page break (000: 牵头部门 / 每季度定期召开协调会议)', () => {
    const { text } = cleanText(read('000'));
    expect(text).toContain('牵头部门每季度定期召开协调会议');
    expect(text).toContain('相关规划,立足生态系统完整性');
  });

  it('keeps headings and damaged headings on their own lines', () => {
    const lines = cleanText(read('001')).text.split('\n');
    expect(lines).toContain('一、出台背景');
    expect(lines).toContain('、指导思想');
    expect(lines).toContain('、目标任务');
    expect(lines.some((l) => l.startsWith('索引号'))).toBe(true);
    expect(lines.some((l) => l.startsWith('发文机关长子县自然资源局'))).toBe(true);
  });

  it('drops web chrome and keeps the article', () => {
    const text = cleanText(read('001')).text;
    expect(text).not.toContain('当前位置');
    expect(text).not.toContain('字体大小');
    expect(text).not.toContain('保存为word');
    expect(text).not.toContain('中国政府网');
    expect(text).toContain('每月25日前');
  });

  it('normalises punctuation and spacing but keeps table cells apart', () => {
    const text = cleanText(read('004')).text;
    expect(text).toContain('到2025年,选取10个县(市、区)');
    expect(text).toContain('全省水土保持率达到66.18%');
    expect(text).toContain('忻州市\t63.56\t66.22');
    expect(text).toContain('\t2025年\t2035年');
  });

  it('gives verbatim original ranges for clean ranges', () => {
    const original = read('000');
    const clean = cleanText(original);
    const i = clean.text.indexOf('牵头部门每季度定期召开协调会议');
    const r = toOriginalRange(clean, original, i, i + '牵头部门每季度定期召开协调会议'.length);
    const quote = original.slice(r.start, r.end);
    expect(quote.startsWith('牵头部门')).toBe(true);
    expect(quote.endsWith('协调会议')).toBe(true);
    expect(quote.replace(/\s+/g, '')).toBe('牵头部门每季度定期召开协调会议');
    expect(toCleanOffset(clean, r.start)).toBe(i);
  });

  it('recognises chrome lines and join rules', () => {
    expect(isChromeLine('当前位置:首页 > 政务公开')).toBe(true);
    expect(isChromeLine('字体大小:【大】 【中】 【小】')).toBe(true);
    expect(isChromeLine('【打印本页】 【关闭窗口】')).toBe(true);
    expect(isChromeLine('一、总体目标')).toBe(false);
    expect(shouldJoinLines('二、基本原则', '(一)规划引领')).toBe(false);
    expect(shouldJoinLines('将七河源头区、', '重要水源地等')).toBe(true);
  });

  it('property: clean text never invents characters and offsets stay inside the original', () => {
    const alphabet = fc.constantFrom(...'一二三、。，,（）() \n\n\t\u3000水土保持率达到6.18%到 2025 年当前位置ABC'.split(''));
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 200 }).map((a) => a.join('')),
        (original) => {
          const { text, offsets } = cleanText(original);
          expect(offsets.length).toBe(text.length + 1);
          for (let i = 0; i < text.length; i++) {
            expect(offsets[i]).toBeGreaterThanOrEqual(0);
            expect(offsets[i]).toBeLessThan(Math.max(1, original.length));
            if (text[i] !== '\n' && text[i] !== '\t') {
              expect(original[offsets[i]].normalize('NFKC').includes(text[i]) || original[offsets[i]] === '\u3000').toBe(true);
            }
          }
          // Every non-space character of the original that is not chrome survives.
          const kept = text.replace(/\s/g, '');
          const origChars = original.normalize('NFKC').replace(/\s/g, '');
          if (!/当前位置/.test(original)) expect(kept).toBe(origChars);
        },
      ),
      { numRuns: 300 },
    );
  });
});
