import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFrame } from './frame.js';
import { corpusSentence } from '../../testing/frames-corpus.js';

const frameOf = (prefix: string, phrase: string) => {
  const s = corpusSentence(prefix, phrase);
  return { s, f: extractFrame(s.text, s.start, { heading: s.heading }) };
};

describe('extractFrame', () => {
  it("combines actor, frequency and action for 000's 牵头部门每季度定期召开协调会议", () => {
    const { f } = frameOf('000', '牵头部门每季度定期召开协调会议');
    expect(f.isObligation).toBe(true);
    expect(f.lead).toEqual(['牵头部门']);
    expect(f.timing.map((t) => t.text)).toEqual(['每季度']);
    expect(f.reasons).toContain('frequency');
  });

  it('takes the action after the actor or modal, up to the first comma', () => {
    const f = extractFrame('由县自然资源局牵头,每季度定期召开协调会议');
    expect(f.lead).toEqual(['县自然资源局']);
    const g = extractFrame('各相关部门要明确各自职责,形成合力。', 50);
    expect(g.action).toEqual({ text: '明确各自职责', start: 56, end: 62 });
    expect(g.verb).toBe('明确');
    expect(g.object?.text).toBe('各自职责');
    const { f: ban } = frameOf('004', '严禁在25度以上的坡面开垦种植农作物');
    expect(ban.modality.level).toBe(5);
    expect(ban.action?.text).toBe('在25度以上的坡面开垦种植农作物');
  });

  it('reads the 把-construction verb at the end (`将本月工作…报送自然资源局`)', () => {
    const { f } = frameOf('001', '于每月25日前将本月工作');
    expect(f.responsible).toEqual(['各相关部门', '乡镇政府']);
    expect(f.timing[0].recipient?.text).toBe('自然资源局');
    const g = extractFrame('各相关部门要定期将本月工作开展情况和落实结果报县自然资源局。');
    expect(g.verb).toBe('报');
    expect(g.object?.text).toBe('本月工作开展情况和落实结果');
  });

  it('treats a bare imperative as an implicit obligatory duty', () => {
    const { f } = frameOf('004', '科学划定全省水土流失重点预防区');
    expect(f.isObligation).toBe(true);
    expect(f.modality.level).toBe(3);
    expect(f.modality.cue).toMatchObject({ cue: '划定', implicit: true });
  });

  it('does not let a bare imperative outrank a weaker cue that scopes it (鼓励…开展)', () => {
    const { f } = frameOf('004', '鼓励企业、高校、科研机构等积极开展水土保持科技攻关');
    expect(f.modality.level).toBeLessThan(3);
    expect(f.modality.cue?.implicit).toBe(false);
    expect(f.modality.cues[0].cue).toBe('鼓励');
  });

  it('reads targets and deadlines as duties (003 工作目标, 004 总体目标)', () => {
    const { f } = frameOf('003', '森林覆盖率达到47%,水土流失治理率达到65%以上');
    expect(f.isObligation).toBe(true);
    expect(f.targets.map((t) => t.metric)).toEqual(['森林覆盖率', '水土流失治理率']);
    expect(f.reasons).toEqual(expect.arrayContaining(['target', 'deadline']));
    const { f: g } = frameOf('004', '“十四五”期间建设安全可靠');
    expect(g.isObligation).toBe(true);
    expect(g.modality.cue?.cue).toBe('建设');
  });

  it('rejects ideology, preamble, headings and assessment criteria', () => {
    expect(frameOf('000', '以习近平生态文明思想为指导,全面贯彻党的二十大精神').f).toMatchObject({ isObligation: false, reasons: ['ideology'] });
    expect(frameOf('003', '以习近平生态文明思想为指导,全面贯彻落实党的十九大').f.isObligation).toBe(false);
    expect(frameOf('004', '结合我省实际,制定如下实施方案').f).toMatchObject({ isObligation: false, reasons: ['preamble'] });
    expect(frameOf('000', '研究制定翼城县').f.isObligation).toBe(false);
    expect(frameOf('000', '(三)建立部门协调制度。').f).toMatchObject({ isObligation: false, reasons: ['heading'] });
    expect(frameOf('000', '工作落实好:办理单位落实承办事项工作成绩优异').f).toMatchObject({ isObligation: false, reasons: ['criteria'] });
    expect(frameOf('000', '开展“两山七河一流域”生态保护修复是省委').f.isObligation).toBe(false);
  });

  it("keeps a duty that is no preamble despite 制定…方案 (003's county plan due 11月15日前)", () => {
    const { f } = frameOf('003', '实施方案于11月15日前报区政府');
    expect(f.isObligation).toBe(true);
    expect(f.timing.find((t) => t.month === 11)?.recipient?.text).toBe('区政府');
  });

  it('records the conditions of a duty', () => {
    const { f } = frameOf('004', '并在规划审批前征求同级水行政主管部门的意见');
    expect(f.modality.cue?.cue).toBe('必须');
    expect(f.conditions.map((c) => c.kind)).toEqual(expect.arrayContaining(['scope', 'before']));
  });
});

describe('extractFrame robustness', () => {
  it('property: never throws, and every span it returns slices back out of the sentence', () => {
    const alphabet = fc.constantFrom(
      ...'由县自然资源局牵头配合负责要应严禁每季度月日前年底到2025年达到66.18%万亩座以上,，。;；、(（)）《》“”责任部门:设在报送十四五期间是指和及'.split(''),
      '责任部门:',
      '由',
      '牵头',
      '报送',
      '到2025年',
      '66.18%',
      '每月25日前',
      '“十四五”期间',
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 60 }).map((a) => a.join('')),
        fc.integer({ min: 0, max: 500 }),
        (text, base) => {
          const f = extractFrame(text, base);
          const spans = [
            ...f.actors.flatMap((a) => [a.list, ...a.names]),
            ...f.targets.flatMap((t) => [t.amount, { text: t.raw, start: t.start, end: t.end }]),
            ...f.modality.cues.map((c) => ({ text: c.cue, start: c.start, end: c.end })),
            ...f.timing,
            ...(f.timing.map((t) => t.recipient).filter(Boolean) as { text: string; start: number; end: number }[]),
            ...f.conditions,
            ...[f.action, f.object].filter((x): x is NonNullable<typeof x> => x !== null),
          ];
          return spans.every((s) => s.start >= base && s.end <= base + text.length && text.slice(s.start - base, s.end - base) === s.text);
        },
      ),
      { numRuns: 300 },
    );
  });
});
