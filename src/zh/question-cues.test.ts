/** Question cue tables: what each protects, on questions about plans of any province. */
import { describe, expect, it } from 'vitest';
import { PROVINCE_SCOPE, QUESTION_KIND_CUES, RECIPIENT_CUES } from './question-cues.js';

const kindOf = (q: string) => QUESTION_KIND_CUES.find(([, re]) => re.test(q))?.[0] ?? null;

describe('PROVINCE_SCOPE', () => {
  it('names the province plan by 全省, 省里, 省方案, 由省政府…', () => {
    for (const q of ['省里和平遥分别叫什么？', '全省目标是多少？', '由省政府负责的是什么？', '那省方案呢？']) expect(PROVINCE_SCOPE.test(q), q).toBe(true);
  });

  it('is not the province plan when 省 ends a name (河北省政府文件) or is another word (省级财政)', () => {
    for (const q of ['它依据的河北省政府文件是哪号？', '加大省级财政投入了吗？']) expect(PROVINCE_SCOPE.test(q), q).toBe(false);
  });
});

describe('question kinds', () => {
  it('reads a grade criterion as a definition, and a transfer destination as a recipient', () => {
    expect(kindOf('什么情况下算“评价优秀”？')).toBe('definition');
    expect(kindOf('怎样才算落实较好？')).toBe('definition');
    expect(RECIPIENT_CUES.test('涉嫌违法犯罪的，移送到哪？')).toBe(true);
    expect(RECIPIENT_CUES.test('移送到哪个区县去落实？')).toBe(false);
  });
});
