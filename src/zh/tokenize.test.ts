import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { charBigrams, tokenize, tokenizeWords } from './tokenize.js';
import { CORPUS_DOCS } from '../testing/retrieval-corpus.js';
import { readCorpusText } from '../testing/corpus.js';

/** The straightforward definitions the fast paths in tokenize.ts must agree with. */
const CJK = /\p{Script=Han}/u;
const PUNCT = /^[\s\p{P}\p{S}]+$/u;
function referenceBigrams(text: string): string[] {
  const out: string[] = [];
  let run = '';
  const flush = () => {
    for (let i = 0; i + 1 < run.length; i++) out.push(`#${run[i]}${run[i + 1]}`);
    run = '';
  };
  for (const ch of text) {
    if (CJK.test(ch)) run += ch;
    else flush();
  }
  flush();
  return out;
}

describe('charBigrams', () => {
  it('gives the bigrams of each Han run, prefixed with #', () => {
    expect(charBigrams('水土保持率，66.18%和全县')).toEqual(['#水土', '#土保', '#保持', '#持率', '#和全', '#全县']);
    expect(charBigrams('abc 1。')).toEqual([]);
  });

  it('agrees with the code-point definition on arbitrary text (astral characters and lone surrogates too)', () => {
    const pieces = fc.constantFrom('水', '土', '保', '持', '，', '。', 'a', ' ', '1', '𠀀', '𪚥', '\ud800', '\udc00', '〇', '々', '😀', '（');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (xs) => {
        const s = xs.join('');
        expect(charBigrams(s)).toEqual(referenceBigrams(s));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with the code-point definition on the whole corpus', () => {
    for (const d of CORPUS_DOCS) {
      const text = readCorpusText(d.id);
      expect(charBigrams(text)).toEqual(referenceBigrams(text));
    }
  });
});

describe('tokenizeWords', () => {
  it('lower-cases, drops punctuation and stop words, keeps domain words whole', () => {
    const words = tokenizeWords('加强“两山七河一流域”的水土保持率，COVID 和 ABC。');
    expect(words).toContain('两山七河一流域');
    expect(words).toContain('水土保持率');
    expect(words).toContain('covid');
    expect(words).not.toContain('的');
    expect(words).not.toContain('，');
    expect(words).not.toContain('加强');
  });

  it('is the same on a second call (the per-word cache changes nothing)', () => {
    const text = readCorpusText(CORPUS_DOCS[4].id);
    const a = tokenizeWords(text);
    expect(tokenizeWords(text)).toEqual(a);
    expect(a.every((w) => w === w.trim().toLowerCase() && w.length > 0 && !PUNCT.test(w))).toBe(true);
  });

  it('tokenize = words + bigrams, or words only without bigrams', () => {
    const text = '每季度定期召开协调会议';
    expect(tokenize(text)).toEqual([...tokenizeWords(text), ...charBigrams(text)]);
    expect(tokenize(text, { bigrams: false })).toEqual(tokenizeWords(text));
  });
});
