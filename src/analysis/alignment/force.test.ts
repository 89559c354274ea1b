/** The force scale: a drop in rank is a weakening, a change of verb at the same rank is not. */
import { describe, expect, it } from 'vitest';
import { compareForce, cueMoved, phraseForce } from './force.js';
import type { AlignSentence, Phrase } from './segment.js';

/** A sentence and its comma phrases at clean offset 0 (only the fields the force reading uses). */
function sentence(text: string): { s: AlignSentence; phrases: Phrase[] } {
  const phrases: Phrase[] = [];
  let at = 0;
  for (const part of text.split(/(?<=[,，;；])/)) {
    const t = part.replace(/[,，;；。]$/, '');
    phrases.push({ index: phrases.length, sentence: 0, text: t, start: at, end: at + t.length, norm: t, scope: false, boilerplate: false });
    at += part.length;
  }
  return { s: { index: 0, text, start: 0, end: text.length } as AlignSentence, phrases };
}
const force = (text: string, k = 0) => {
  const { s, phrases } = sentence(text);
  return phraseForce(s, phrases[k]);
};
const weakening = (p: string, c: string) => compareForce(force(p), force(c));

describe('phraseForce', () => {
  it('ranks cues on the scale, a bare directive as 应当, and lowers what a hedge qualifies', () => {
    expect(force('严格禁止开发性建设活动').rank).toBe(6);
    expect(force('不得开工建设').rank).toBe(5);
    expect(force('必须在规划中提出对策').rank).toBe(4);
    expect(force('健全耕地休耕轮作制度')).toMatchObject({ rank: 3, cue: null });
    expect(force('原则上不得开工建设')).toMatchObject({ rank: 2, hedge: '原则上' });
    expect(force('区人民政府可结合实际编制规划').rank).toBe(1);
    // 探索 before a noun is the task itself, before a verb a hedge.
    expect(force('探索形成新路径').rank).toBe(2);
    expect(force('探索新路径').rank).toBe(3);
  });
  it('carries a cue over commas but not a prohibition, nor over a semicolon', () => {
    expect(force('必须在规划中提出对策,并在审批前征求意见', 1)).toMatchObject({ rank: 4, inherited: true });
    expect(force('严禁在坡面开垦,开展监测评估', 1).rank).toBe(3);
    expect(force('大力提倡使用融雪剂；积极推进新技术应用', 1).rank).toBe(3);
  });
});

describe('compareForce', () => {
  it('reports a drop in rank, a quantifier gone and a quality modifier gone', () => {
    expect(weakening('严格禁止开发性建设活动', '原则上不得开展开发性建设活动')).toMatchObject({ kind: 'rank', severity: 'high' });
    expect(weakening('全部纳入监管清单', '逐步纳入监管清单')).toMatchObject({ kind: 'rank' });
    expect(weakening('全部纳入监管清单', '纳入监管清单')).toMatchObject({ kind: 'quantifier', severity: 'low' });
    expect(weakening('发展高效旱作农业', '发展旱作农业')).toMatchObject({ kind: 'intensifier', severity: 'low' });
  });
  it('reports nothing for another verb of the same force or an effort adverb replaced or dropped', () => {
    expect(weakening('推动绿色低碳发展', '促进绿色低碳发展')).toBeNull();
    expect(weakening('着力推进一体化建设', '统筹推进一体化建设')).toBeNull();
    expect(weakening('全面深化放管服改革', '深化放管服改革')).toBeNull();
  });
  it('sees a modal moved to another clause of the child sentence', () => {
    expect(cueMoved(force('未经批准的项目不得开工建设'), '未经批准的项目不得开工建设', '凡未经批准的项目,一律不得开工建设')).toBe(true);
    expect(cueMoved(force('未经批准的项目不得开工建设'), '未经批准的项目不得开工建设', '未经批准的项目,原则上不得开工建设')).toBe(false);
  });
});
