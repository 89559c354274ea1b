import { describe, expect, it } from 'vitest';
import { enumerationSlots, readListAsk } from './list-match.js';

describe('readListAsk', () => {
  it.each([
    ['印台森林植被保护要实施哪些工程？', { head: '工程', verb: '实施', count: null }],
    ['宁武要把水土保持纳入哪两个体系？', { head: '体系', verb: '纳入', count: 2 }],
    ['主要防哪几类行为？', { head: '行为', verb: '防', count: null }],
    ['以哪三个治理为抓手？', { head: '治理', count: 3, after: '为抓手' }],
  ])('reads head, verb and count of %s', (q, want) => {
    expect(readListAsk(q)).toMatchObject(want);
  });

  it('reads the words a question quotes', () => {
    expect(readListAsk('对主要负责人“亲自”抓的要求有哪些？')?.quoted).toEqual(['亲自']);
  });
});

describe('enumerationSlots', () => {
  const sentence = '利用植树节、世界环境日、国际生物多样性日等时间节点，开展植绿补绿、资源节约、绿色生活等主题活动';

  it('picks the list the question describes by its head, among several in a sentence', () => {
    const days = enumerationSlots(sentence, 10, readListAsk('借哪些日子开展宣传？'));
    expect(days.map((s) => s.text)).toEqual(['植树节', '世界环境日', '国际生物多样性日']);
    expect(sentence.slice(days[0].start - 10, days[0].end - 10)).toBe('植树节');
    const themes = enumerationSlots(sentence, 0, readListAsk('开展哪些主题活动？'));
    expect(themes.map((s) => s.text)).toEqual(['植绿补绿', '资源节约', '绿色生活']);
  });

  it("fits items that end in one of a short head's characters (哪些节日 ↔ …节、…日)", () => {
    const s = '结合清明节、国际湿地日、全国科普日等节点，组织护河巡河、节水宣讲、净滩行动等志愿活动';
    expect(enumerationSlots(s, 0, readListAsk('宣传可以借哪些节日？')).map((x) => x.text)).toEqual(['清明节', '国际湿地日', '全国科普日']);
  });

  it('refuses a list of another kind that the question does not point at', () => {
    const s = '对崩塌、滑坡危险区、泥石流易发区，依法禁止在该区从事取土、挖砂、采石等可能造成水土流失的活动';
    const items = enumerationSlots(s, 0, readListAsk('禁止在这些区域从事哪些活动？'), '崩塌滑坡危险区泥石流易发区');
    expect(items.map((x) => x.text)).toEqual(['取土', '挖砂', '采石']);
    expect(enumerationSlots('河流、湖泊、水库管理范围内', 0, readListAsk('禁止哪些行为？'))).toEqual([]);
  });

  it('takes two items joined by 和 when the question asks for two', () => {
    const items = enumerationSlots('将水土保持纳入国民教育体系和党政领导干部培训体系', 0, readListAsk('纳入哪两个体系？'));
    expect(items.map((x) => x.text)).toEqual(['国民教育体系', '党政领导干部培训体系']);
  });
});
