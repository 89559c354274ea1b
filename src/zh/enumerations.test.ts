import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findEnumerations } from './enumerations.js';

const itemsOf = (s: string) => findEnumerations(s).map((e) => e.items.map((i) => i.text));

describe('findEnumerations', () => {
  it.each([
    ['积极实施天然林资源保护、重点防护林建设、退耕还林还草等工程，加大植被保护力度', ['天然林资源保护', '重点防护林建设', '退耕还林还草'], '工程'],
    ['以46处省级以上自然保护区、省直九大林区、十大草原草甸为重点', ['46处省级以上自然保护区', '省直九大林区', '十大草原草甸'], null],
    ['预防保护区、综合治理区、生态修复区三道防线布设防治措施', ['预防保护区', '综合治理区', '生态修复区'], '防线'],
    ['着力打造成绿色产业型、生态旅游型、休闲康养型一体化的生态清洁小流域', ['绿色产业型', '生态旅游型', '休闲康养型'], '型'],
    ['积极组织广泛宣传生态保护与修复治理的重要意义、典型案例和成功做法', ['重要意义', '典型案例', '成功做法'], null],
    ['发展改革、财政、林业和草原等部门要按照职责分工做好相关工作', ['发展改革', '财政', '林业和草原'], '部门'],
    ['将水土保持纳入国民教育体系和党政领导干部培训体系', ['国民教育体系', '党政领导干部培训体系'], '体系'],
    ['按照宜农则农、宜建则建、宜留则留原则', ['宜农则农', '宜建则建', '宜留则留'], '原则'],
  ])('reads the items of %s without what leads in and closes', (sentence, items, name) => {
    const [e] = findEnumerations(sentence);
    expect(e.items.map((i) => i.text)).toEqual(items);
    expect(e.name).toBe(name);
    for (const i of e.items) expect(sentence.slice(i.start, i.end)).toBe(i.text);
  });

  it('keeps words every item repeats inside the items', () => {
    const [items] = itemsOf('勇于挑最重的担子、啃最硬的骨头');
    expect(items[0]).toMatch(/挑最重的担子$/);
    expect(items[1]).toBe('啃最硬的骨头');
  });

  it('reads a stated count and the list it names', () => {
    const [e] = findEnumerations('评估结果分为好、较好、基本落实、落实不力、较差五个等级');
    expect(e.statedCount).toBe(5);
    expect(e.items).toHaveLength(5);
  });

  it('reads a comma typed for 、 inside a list, offsets intact', () => {
    const s = '编制包含时间表、路线图、责任人，任务书的工作台账';
    const [e] = findEnumerations(s);
    expect(e.items.map((i) => i.text)).toEqual(['时间表', '路线图', '责任人', '任务书']);
    expect(s.slice(e.items[3].start, e.items[3].end)).toBe('任务书');
  });

  it('reads items in quotation marks as the words inside them, whatever leads in or closes the list', () => {
    const s = '落实河湖监管“重点督办名单”和“挂牌名单”制度';
    const [e] = findEnumerations(s);
    expect(e.items.map((i) => i.text)).toEqual(['重点督办名单', '挂牌名单']);
    expect(e.lead).toBe('落实河湖监管');
    expect(e.tail).toBe('制度');
    for (const i of e.items) expect(s.slice(i.start, i.end)).toBe(i.text);
  });

  it('finds no list in a clause that lists nothing, nor across clauses', () => {
    expect(findEnumerations('加强组织领导。')).toEqual([]);
    expect(findEnumerations('建立协调机制，完善工作制度')).toEqual([]);
  });

  it('returns items that are the text at their offsets, in order, never overlapping (property)', () => {
    const piece = fc.stringMatching(/^[一-龥]{1,8}$/);
    const sep = fc.constantFrom('、', '和', '，', '等', '。', '的');
    fc.assert(
      fc.property(fc.array(fc.tuple(piece, sep), { minLength: 1, maxLength: 8 }), (parts) => {
        const s = parts.map(([p, x]) => p + x).join('');
        let last = -1;
        for (const e of findEnumerations(s)) {
          expect(e.items.length).toBeGreaterThanOrEqual(2);
          for (const i of e.items) {
            expect(i.text.length).toBeGreaterThan(0);
            expect(s.slice(i.start, i.end)).toBe(i.text);
            expect(i.start).toBeGreaterThanOrEqual(last);
            last = i.end;
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
