import { describe, expect, it } from 'vitest';
import { makeSyntheticCorpus, splitClauses } from './synthetic.js';
import { CORPUS_DOCS } from '../testing/retrieval-corpus.js';
import { readCorpusText } from '../testing/corpus.js';

const sources = CORPUS_DOCS.map((d) => ({ id: d.id, title: d.title, text: readCorpusText(d.id) }));

describe('synthetic corpus', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = makeSyntheticCorpus(sources, { count: 300, seed: 5 });
    const b = makeSyntheticCorpus(sources, { count: 300, seed: 5 });
    const c = makeSyntheticCorpus(sources, { count: 300, seed: 6 });
    expect(a).toEqual(b);
    expect(a.chunks.map((x) => x.text)).not.toEqual(c.chunks.map((x) => x.text));
  });

  it('makes the requested number of well-formed chunks in documents with filterable metadata', () => {
    const { chunks, docs } = makeSyntheticCorpus(sources, { count: 250, chunksPerDoc: 60, minChars: 80, maxChars: 200 });
    expect(chunks).toHaveLength(250);
    expect(docs).toHaveLength(5);
    const ids = new Set(docs.map((d) => d.id));
    expect(new Set(chunks.map((c) => c.id)).size).toBe(250);
    for (const c of chunks) {
      expect(ids.has(c.docId)).toBe(true);
      expect(c.text.length).toBeGreaterThanOrEqual(80);
      expect(c.context).toContain(c.text);
      expect(c.end - c.start).toBe(c.text.length);
    }
    for (const d of docs) {
      expect(['省', '市', '县', '区']).toContain(d.level);
      expect(d.region.name).toBeTruthy();
      expect(d.title).toContain(d.region.name!);
    }
  });

  it('recombines real clauses (with invented region names)', () => {
    const clauses = new Set(sources.flatMap((s) => splitClauses(s.text)));
    const { chunks } = makeSyntheticCorpus(sources, { count: 50 });
    const fromCorpus = chunks.filter((c) => [...clauses].some((cl) => cl.length > 12 && c.text.includes(cl))).length;
    expect(fromCorpus).toBeGreaterThan(40);
  });
});

describe('helpers', () => {
  it('splits clauses after 。；， and at line ends', () => {
    expect(splitClauses('一、总体目标\n到2025年，全省水土保持率达到66.18%。其余；')).toEqual([
      '一、总体目标',
      '到2025年，',
      '全省水土保持率达到66.18%。',
      '其余；',
    ]);
  });
});
