/** Set differences between two documents' parallel lists, on documents the test writes (no corpus knowledge). */
import { describe, expect, it } from 'vitest';
import { docFromText } from '../testing/alignment-corpus.js';
import { findListDifference } from './list-difference.js';

const PROVINCE = `某省水资源保护实施方案
一、保障措施
（一）强化统筹协调。建立水资源厅际协调机制，强化相关部门间的协同配合。发展改革、财政、自然资源、生态环境、林草等部门要按照职责分工做好相关工作，推动各项任务落实。
（二）加强宣传。利用报刊、广播、电视、网络等媒体开展宣传。`;
const COUNTY = `某县水资源保护实施方案
一、保障措施
（一）强化统筹协调。建立水资源部门协调机制，强化相关部门间的协同配合。发展改革、财政、自然资源、生态环境等部门要按照职责分工做好相关工作，推动各项任务落实。
（二）加强宣传。利用报刊、广播、电视、网络、新媒体等开展宣传。`;

/** A question's coverage by a text: the share of its words the text holds. */
const coverOf = (words: string[]) => (text: string) => words.filter((w) => text.includes(w)).length / words.length;

describe('findListDifference', () => {
  const province = docFromText('p.txt', PROVINCE);
  const county = docFromText('c.txt', COUNTY);

  it('finds the parallel list the question is about and the items each side lacks', () => {
    const d = findListDifference([county], [province], coverOf(['协同配合', '部门']));
    expect(d).not.toBeNull();
    expect(d!.onlyA).toEqual([]);
    // 林草 and 林业和草原 are one department: the item comes back as its core name.
    expect(d!.onlyB).toEqual(['林业和草原']);
    expect(county.clean.text.slice(d!.a.start, d!.a.end)).toContain('发展改革、财政');
  });

  it('picks another pair when the question is about another clause', () => {
    const d = findListDifference([county], [province], coverOf(['宣传', '媒体']));
    expect(d!.onlyA).toEqual(['新媒体']);
  });

  it('keeps only a pair whose difference holds the item the question names, and answers nothing uncovered', () => {
    expect(findListDifference([county], [province], coverOf(['部门']), '林业')!.onlyB).toEqual(['林业和草原']);
    expect(findListDifference([county], [province], coverOf(['部门']), '水利')).toBeNull();
    expect(findListDifference([county], [province], coverOf(['耕地', '梯田', '淤地坝']))).toBeNull();
  });

  it('finds nothing between a document and itself', () => {
    expect(findListDifference([county], [docFromText('c2.txt', COUNTY)], coverOf(['部门']))).toBeNull();
  });
});
