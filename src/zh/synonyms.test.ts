/** The genre's synonym groups: one canonical word per group, contractions expanded, degree adverbs dropped. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalizeSynonyms, canonicalWord, CONTRACTIONS, NOUN_SYNONYMS, stripDegreeAdverbs, VERB_SYNONYMS } from './synonyms.js';

describe('canonicalizeSynonyms', () => {
  it('writes every word of a group as its first word', () => {
    expect(canonicalizeSynonyms('定期研究布置相关工作')).toBe(canonicalizeSynonyms('定期研究部署相关工作'));
    expect(canonicalizeSynonyms('提升水源涵养能力')).toBe(canonicalizeSynonyms('增强水源涵养功能'));
    expect(canonicalizeSynonyms('打造精品小流域')).toBe(canonicalizeSynonyms('建成精品小流域'));
    expect(canonicalizeSynonyms('推动绿色发展')).toBe(canonicalizeSynonyms('促进绿色发展'));
  });
  it('reads the longest word first and expands contractions', () => {
    expect(canonicalizeSynonyms('建立健全监管制度')).toBe('健全监管制度');
    expect(canonicalizeSynonyms('严控耕地占用')).toBe('严格控制耕地占用');
    expect(canonicalizeSynonyms('监督检查')).toBe('监督检查');
  });
  it('never groups words whose difference is the duty', () => {
    for (const g of [...VERB_SYNONYMS, ...NOUN_SYNONYMS]) {
      const words = new Set(g.words);
      for (const [a, b] of [
        ['禁止', '控制'],
        ['全部', '逐步'],
        ['必须', '鼓励'],
      ])
        expect(words.has(a) && words.has(b), `${a}/${b}`).toBe(false);
      expect(g.why.length).toBeGreaterThan(5);
    }
    expect(canonicalWord('禁止')).toBe('禁止');
    expect(CONTRACTIONS.every((c) => c.long !== c.short && !CONTRACTIONS.some((d) => d.short === c.long))).toBe(true);
  });
  it('is idempotent on any text', () => {
    const words = [...VERB_SYNONYMS, ...NOUN_SYNONYMS].flatMap((g) => g.words);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 3 })), { maxLength: 8 }), (parts) => {
        const once = canonicalizeSynonyms(parts.join(''));
        expect(canonicalizeSynonyms(once)).toBe(once);
      }),
      { numRuns: 200 },
    );
  });
});

describe('stripDegreeAdverbs', () => {
  it('drops the adverbs that qualify a result without changing what is asked', () => {
    expect(stripDegreeAdverbs('监管效能进一步提升')).toBe(stripDegreeAdverbs('监管效能明显提升'));
    expect(stripDegreeAdverbs('水土流失得到有效治理')).toBe('水土流失得到治理');
  });
});
