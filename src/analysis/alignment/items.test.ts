/** Dropped list members: whole members only, and never part of a quoted name, whatever marks quote it. */
import { describe, expect, it } from 'vitest';
import { droppedItems } from './items.js';

const dropped = (parent: string, child: string) => droppedItems(parent, child).map((d) => d.text);

describe('droppedItems', () => {
  it('finds a whole member the child dropped', () => {
    expect(dropped('统筹实施十百千工程、三大行动、五大提升', '统筹实施十百千工程、五大提升')).toEqual(['三大行动']);
  });

  it('leaves a quoted member alone in every quoting style (the province names its own programmes)', () => {
    for (const [open, close] of [
      ['“', '”'],
      ['"', '"'],
      ['‘', '’'],
      ['「', '」'],
      ['『', '』'],
      ['《', '》'],
    ]) {
      const q = (s: string) => `${open}${s}${close}`;
      expect(dropped(`统筹实施${q('十百千工程')}、${q('三大行动')}、${q('五大提升')}`, `统筹实施${q('十百千工程')}、${q('五大提升')}`), open).toEqual([]);
    }
  });

  it('does not read a comma inside quotes as a list boundary when the child dropped the quotes', () => {
    const parent = '牢固树立“绿水青山就是金山银山，冰天雪地也是金山银山”的理念';
    expect(dropped(parent, '牢固树立绿水青山就是金山银山')).toEqual([]);
    // Offsets still point into the parent phrase for a real member.
    const [d] = droppedItems('推进坡耕地治理、淤地坝除险加固、侵蚀沟治理', '推进坡耕地治理、侵蚀沟治理');
    expect('推进坡耕地治理、淤地坝除险加固、侵蚀沟治理'.slice(d.start, d.end)).toBe('淤地坝除险加固');
  });

  it('leaves alone a member of what the requirement serves (为…提供支撑), not of what it asks for', () => {
    const parent = '加强监测成果分析评价,为水土保持综合治理、预防监督、动态监测和科学研究提供支撑';
    expect(dropped(parent, '强化监测成果分析评价,为综合治理、预防监督和科学研究提供支撑')).toEqual([]);
    // The same list as the object of the requirement is still a dropped member.
    expect(dropped('统筹开展综合治理、预防监督、动态监测和科学研究', '统筹开展综合治理、预防监督和科学研究')).toEqual(['动态监测']);
  });
});
