import { describe, expect, it } from 'vitest';
import { detectModality, findModalCues } from './modality.js';
import { corpusSentence } from '../../testing/frames-corpus.js';

const level = (text: string) => detectModality(text).level;
const cue = (text: string) => detectModality(text).cue?.cue ?? null;

describe('detectModality on corpus sentences', () => {
  it('reads prohibitions (5): 严禁, 严格禁止, 不得, 坚决杜绝', () => {
    const s = corpusSentence('004', '严禁在25度以上的坡面开垦种植农作物');
    const m = detectModality(s.text, s.start);
    expect(m).toMatchObject({ level: 5, label: 'prohibition' });
    expect(m.cue?.cue).toBe('严禁');
    expect(m.cue?.polarity).toBe('negative');
    // The cue's offsets point at the cue in the clean text.
    expect(s.text.slice(m.cue!.start - s.start, m.cue!.end - s.start)).toBe('严禁');
    expect(cue(corpusSentence('004', '严格禁止开发性、生产性建设活动').text)).toBe('严格禁止');
    expect(cue(corpusSentence('004', '不得开工建设').text)).toBe('不得');
    expect(cue(corpusSentence('004', '坚决杜绝滥采乱挖').text)).toBe('坚决杜绝');
    expect(level(corpusSentence('003', '禁止不顾生态环境盲目决策').text)).toBe(5);
  });

  it('reads mandatory (4) and obligatory (3) cues', () => {
    expect(cue(corpusSentence('000', '必须经过协商统筹').text)).toBe('必须');
    expect(cue(corpusSentence('000', '各单位务必高度重视').text)).toBe('务必');
    expect(level(corpusSentence('000', '生态破坏严重的区域').text)).toBe(3);
    expect(cue(corpusSentence('001', '自然资源局要按月整理形成结果清单上报政府').text)).toBe('要');
  });

  it('reads aspirational (2) and permissive (1) cues', () => {
    expect(detectModality(corpusSentence('004', '探索建立淤地坝运行维护费用').text)).toMatchObject({ level: 2, label: 'aspirational' });
    expect(detectModality(corpusSentence('004', '鼓励和引导公民、法人和其他组织').text)).toMatchObject({ level: 1, label: 'permissive' });
    expect(cue('力争到2025年完成')).toBe('力争');
    expect(cue('原则上不超过三年')).toBe('原则上');
  });

  it('ignores false cues: 应用, 应急, 要求, 重要, 需求, 负责人, 抓落实, 落实不力', () => {
    expect(findModalCues('积极推进融雪新技术、新材料应用。')).toEqual([]);
    expect(findModalCues('在公路雨雪天气应急处置工作中')).toEqual([]);
    expect(findModalCues('按照国土空间规划和用途管制要求,突出重要位置')).toEqual([]);
    expect(findModalCues('结合生态功能修复和产业发展等需求')).toEqual([]);
    expect(findModalCues('政府办、自然资源局负责人担任副组长')).toEqual([]);
    expect(findModalCues('把抓落实作为底线,对落实不力的单位')).toEqual([]);
    expect(findModalCues('顺应自然、保护自然')).toEqual([]);
    expect(level('根据工作需要召开会议')).toBe(0);
  });

  it('does not count cues inside a cited title or a leading purpose clause', () => {
    expect(findModalCues('根据《山西省鼓励和支持社会资本参与生态保护修复实施办法》文件精神')).toEqual([]);
    const s = corpusSentence('003', '为认真贯彻落实省、市生态环境保护工作会议精神');
    expect(findModalCues(s.text).map((c) => c.cue)).not.toContain('落实');
  });

  it('reads negated and softened forms weaker than prohibitions', () => {
    const s = corpusSentence('001', '避免借生态保护和修复名义实施人工造景');
    const avoid = findModalCues(s.text).find((c) => c.cue === '避免');
    expect(avoid).toMatchObject({ level: 3, polarity: 'negative', softened: true });
    expect(detectModality('坚决防止消极应付、推诿扯皮').cue).toMatchObject({ cue: '坚决防止', level: 4, polarity: 'negative' });
    expect(level('避免重复建设')).toBeLessThan(level('严禁重复建设'));
  });

  it('returns level 0 for a sentence without cues', () => {
    expect(detectModality('山西省加强新时代水土保持工作实施方案')).toMatchObject({ level: 0, label: 'none', cue: null, cues: [] });
  });
});
