/** Segmentation for alignment: what is read as a duty, articles without headings, the child's opening paragraph. */
import { describe, expect, it } from 'vitest';
import { localizeContext } from './localize.js';
import { opensWithDuty, segmentDocument, splitPhrases } from './segment.js';
import { docFromText } from '../../testing/alignment-corpus.js';

const segment = (text: string, preamble = false) => {
  const doc = docFromText('t.txt', text);
  return segmentDocument(doc, localizeContext(doc, doc), { preamble });
};

describe('opensWithDuty', () => {
  it('reads a duty verb after a place opener', () => {
    expect(opensWithDuty('在薛家洼乡建设水土保持科技示范园')).toBe(true);
    expect(opensWithDuty('对重点区域开展专项检查')).toBe(true);
  });
  it('does not read a clause without an opener, a weak verb, or a verb after a comma', () => {
    expect(opensWithDuty('水土保持工作取得明显成效')).toBe(false);
    expect(opensWithDuty('在有条件的地方鼓励社会资本参与')).toBe(false);
    expect(opensWithDuty('在过去五年中,建设了一批工程')).toBe(false);
  });
});

describe('segmentDocument', () => {
  it('counts a sentence opening with a place and a duty verb as a duty', () => {
    const seg = segment('某县水土保持实施方案\n一、重点任务\n（一）示范建设。在薛家洼乡建设水土保持科技示范园，展示梯田、谷坊等治理措施。\n');
    const s = seg.sentences.find((x) => x.text.includes('薛家洼乡'));
    expect(s?.duty).toBe(true);
  });

  it('reads the first sentence of an article (第X条) as body, without its marker', () => {
    const seg = segment('某县水土保持管理办法\n第一条 县水利局负责全县水土保持监督管理工作。\n第二条 各乡镇要落实水土保持目标责任。\n');
    expect(seg.sentences.map((s) => s.text)).toEqual(['县水利局负责全县水土保持监督管理工作。', '各乡镇要落实水土保持目标责任。']);
    expect(seg.sentences[0].clause).toBe('第一条');
  });

  it('reads the opening paragraph only when asked, marked as preamble, and never the "we made this plan" sentence', () => {
    const text =
      '某县水土保持实施方案\n为做好相关工作，结合我县实际，制定如下实施方案。\n到2025年，全县水土保持率达到56.04%。\n一、重点任务\n（一）加强监管。各乡镇要落实水土保持目标责任。\n';
    expect(segment(text).sentences.some((s) => s.preamble || s.text.includes('56.04%'))).toBe(false);
    const withPreamble = segment(text, true).sentences;
    expect(withPreamble.filter((s) => s.preamble).map((s) => s.text)).toEqual(['到2025年,全县水土保持率达到56.04%。']);
    expect(withPreamble.some((s) => s.text.includes('制定如下实施方案'))).toBe(false);
  });
});

describe('splitPhrases', () => {
  it('merges a timing-only clause into the next', () => {
    const t = '到2025年,选取10个县开展试点,建设示范区。';
    expect(splitPhrases(t).map(([a, b]) => t.slice(a, b))).toEqual(['到2025年,选取10个县开展试点', '建设示范区']);
  });
});
