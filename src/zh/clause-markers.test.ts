import { describe, expect, it } from 'vitest';
import { chapterOf, leadingMarker, matchMarker, opensClause } from './clause-markers.js';

describe('clause markers', () => {
  it('recognises every marker kind with its normalised form', () => {
    expect(matchMarker('四、保障措施')).toMatchObject({ kind: 'l1', marker: '四' });
    expect(matchMarker('(三)加强监管')).toMatchObject({ kind: 'l2', marker: '（三）' });
    expect(matchMarker('2.建立台账')).toMatchObject({ kind: 'l3', marker: '2' });
    expect(matchMarker('（1）每季度')).toMatchObject({ kind: 'l4', marker: '（1）' });
    expect(matchMarker('第5条 职责')).toMatchObject({ kind: 'article', marker: '第五条' });
    expect(matchMarker('附件2')).toMatchObject({ kind: 'attachment', marker: '附件2' });
    expect(matchMarker('、目标任务')).toMatchObject({ kind: 'l1', damaged: true });
    expect(matchMarker('2025年全省水土保持率')).toBeNull();
    expect(matchMarker('一\t二')).toBeNull();
  });

  it('tells the cleaner and the sentence splitter where a unit opens', () => {
    expect(opensClause('（二）强化监管')).toBe(true);
    expect(opensClause('、目标任务')).toBe(true);
    expect(opensClause('附表：分解表')).toBe(true);
    expect(opensClause('到2025年，')).toBe(false);
    expect(leadingMarker('（三）加强组织领导。')).toBe('（三）');
    expect(leadingMarker('、目标任务')).toBe('、');
    expect(leadingMarker('加强组织领导')).toBeNull();
  });

  it('takes the top-level part of a clause path', () => {
    expect(chapterOf('四（三）')).toBe('四');
    expect(chapterOf('二（一）2')).toBe('二');
    expect(chapterOf('附件2')).toBe('附件2');
    expect(chapterOf('第五条')).toBe('第五条');
    expect(chapterOf('')).toBe('');
  });
});
