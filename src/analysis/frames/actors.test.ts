import { describe, expect, it } from 'vitest';
import { extractActors, namesByRole } from './actors.js';
import { splitNames } from './text.js';
import { corpusSentence } from '../../testing/frames-corpus.js';

const roles = (text: string) => extractActors(text).map((m) => [m.role, m.names.map((n) => n.text)]);

describe('extractActors on corpus sentences', () => {
  it("reads 003's 责任部门 lists with offsets", () => {
    const s = corpusSentence('003', '(责任部门:区生态环境分局、区自然资源分局、区发改局、区农业农村局、区林业局、区水务局)');
    const [m] = extractActors(s.text, s.start);
    expect(m.role).toBe('responsible');
    expect(m.names.map((n) => n.text)).toEqual(['区生态环境分局', '区自然资源分局', '区发改局', '区农业农村局', '区林业局', '区水务局']);
    for (const n of m.names) expect(s.text.slice(n.start - s.start, n.end - s.start)).toBe(n.text);
    const nine = corpusSentence('003', '区文广新局、区审计局');
    expect(namesByRole(extractActors(nine.text), 'responsible')).toHaveLength(9);
  });

  it("reads 003's (…等部门按职责分工负责) note and flags the 等", () => {
    const s = corpusSentence('003', '等部门按职责分工负责');
    const [m] = extractActors(s.text);
    expect(m.role).toBe('responsible');
    expect(m.names[m.names.length - 1].text).toBe('区林业局');
    expect(m.etc).toBe(true);
  });

  it("reads 000's 由…牵头, …配合 and 由…统筹", () => {
    const s = corpusSentence('000', '申报领导小组由财政局牵头');
    expect(roles(s.text)).toEqual([
      ['lead', ['财政局']],
      ['cooperate', ['相关部门']],
      ['coordinate', ['领导小组办公室']],
    ]);
  });

  it("reads 000's lead list and participating units", () => {
    const s = corpusSentence('000', '建立由财政局、生态环境局翼城分局、自然资源局牵头');
    const ms = extractActors(s.text);
    expect(namesByRole(ms, 'lead')).toEqual(['财政局', '生态环境局翼城分局', '自然资源局']);
    expect(namesByRole(ms, 'cooperate')).toEqual(['发改局', '住建局', '水利局', '农业农村局', '林业局']);
  });

  it("reads 000's leading group: chair, deputies, members and where the office sits", () => {
    const s = corpusSentence('000', '由分管副县长担任组长');
    const ms = extractActors(s.text);
    expect(namesByRole(ms, 'chair')).toEqual(['分管副县长']);
    expect(namesByRole(ms, 'deputy')).toEqual(['政府办', '自然资源局', '财政局', '生态环境局翼城分局']);
    expect(namesByRole(ms, 'member')).toContain('林业局');
    const loc = ms.find((m) => m.role === 'location');
    expect(loc?.names[0].text).toBe('自然资源局');
    expect(loc?.subject).toBe('办公室');
  });

  it('reads 县政府主要负责人任组长 and 设在县自然资源局', () => {
    expect(roles('县政府主要负责人任组长,领导小组办公室设在县自然资源局。')).toEqual([
      ['chair', ['县政府主要负责人']],
      ['location', ['县自然资源局']],
    ]);
  });

  it("reads 002's …牵头协调, …积极配合 without splitting 林草等相关部门 into a name", () => {
    const s = corpusSentence('002', '水利部门牵头协调');
    const ms = extractActors(s.text);
    expect(namesByRole(ms, 'lead')).toEqual(['水利部门']);
    expect(namesByRole(ms, 'cooperate')).toEqual(['自然资源', '农业农村', '乡村振兴', '林草']);
  });

  it('reads sentence subjects followed by 要/务必 and the lead role of 发挥…牵头…作用', () => {
    expect(namesByRole(extractActors(corpusSentence('001', '于每月25日前将本月工作').text), 'responsible')).toEqual(['各相关部门', '乡镇政府']);
    expect(namesByRole(extractActors(corpusSentence('004', '水行政主管部门要切实履行主管部门职责').text), 'lead')).toEqual(['水行政主管部门']);
    expect(namesByRole(extractActors(corpusSentence('004', '水利部门发挥水土保持监管的牵头协调作用').text), 'lead')).toEqual(['水利部门']);
    expect(namesByRole(extractActors(corpusSentence('004', '各级党委和政府要切实负起责任').text), 'responsible')).toEqual(['各级党委', '政府']);
  });

  it('reads 主体责任 and 负总责 statements', () => {
    expect(namesByRole(extractActors(corpusSentence('004', '落实市县政府淤地坝安全运用管理主体责任').text), 'responsible')).toEqual(['市县政府']);
    expect(namesByRole(extractActors(corpusSentence('003', '责任主体为相关镇政府').text), 'responsible')).toEqual(['相关镇政府']);
    // The same sentence goes on: "主要负责同志是第一责任人" — a post, kept whole.
    expect(namesByRole(extractActors(corpusSentence('003', '金锁关镇、阿庄镇对本行政区域内青山保卫战负总责').text), 'responsible')).toEqual([
      '金锁关镇',
      '阿庄镇',
      '主要负责同志',
    ]);
    expect(roles('县政府主要负责人是第一责任人，分管负责人是直接责任人。')).toEqual([
      ['responsible', ['县政府主要负责人']],
      ['responsible', ['分管负责人']],
    ]);
    expect(roles('安全生产主体责任由各乡(镇)人民政府落实。')).toEqual([['responsible', ['各乡(镇)人民政府']]]);
  });

  it('keeps names as written and finds no actor in a sentence without one', () => {
    expect(roles('由县自然资源局牵头,每季度定期召开协调会议')).toEqual([['lead', ['县自然资源局']]]);
    expect(extractActors('积极推进融雪新技术、新材料应用。')).toEqual([]);
    expect(extractActors(corpusSentence('002', '有关规划涉及基础设施建设').text)).toEqual([]);
  });
});

describe('splitNames', () => {
  it('splits on 、 and on 和/及 only after an organisation name', () => {
    expect(splitNames('各级党委和政府').names.map((n) => n.text)).toEqual(['各级党委', '政府']);
    expect(splitNames('林业和草原').names.map((n) => n.text)).toEqual(['林业和草原']);
    expect(splitNames('市规划和自然资源局').names.map((n) => n.text)).toEqual(['市规划和自然资源局']);
    expect(splitNames('选取10个县(市、区)').names).toHaveLength(1);
    const r = splitNames('发改局、住建局等部门负责人', 10);
    expect(r.names.map((n) => [n.text, n.start])).toEqual([
      ['发改局', 10],
      ['住建局', 14],
    ]);
    expect(r.etc).toBe(true);
  });
});
