/** The synthetic child generator: deterministic, expectations located in the parent, edits visible in the child. */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../ingest/types.js';
import { corpusDoc, docFromText } from '../../testing/alignment-corpus.js';
import { createRng } from '../../core/rng.js';
import { generateSyntheticChild } from './synthetic.js';

let parent: ParsedDocument;
beforeAll(async () => {
  parent = await corpusDoc('004');
});

describe('generateSyntheticChild', () => {
  it('is deterministic in its seed', () => {
    expect(generateSyntheticChild(parent, { seed: 5 })).toEqual(generateSyntheticChild(parent, { seed: 5 }));
    expect(generateSyntheticChild(parent, { seed: 5 }).text).not.toBe(generateSyntheticChild(parent, { seed: 6 }).text);
  });

  it('expects what it did: quotes are parent slices, each kind as many times as asked', () => {
    const syn = generateSyntheticChild(parent, { seed: 3 });
    const count = (k: string) => syn.expected.filter((e) => e.kind === k).length;
    expect(count('missing')).toBe(4);
    expect(count('weakened')).toBe(3);
    expect(count('target_changed')).toBe(3);
    for (const e of syn.expected) expect(parent.raw.text.slice(e.start, e.end)).toBe(e.parentQuote);
    // Deleted text is gone from the child, changed numbers and weaker cues are in it.
    for (const e of syn.expected.filter((x) => x.edit === 'delete sentence'))
      expect(syn.text.replace(/\s+/g, '')).not.toContain(e.parentQuote.replace(/\s+/g, ''));
    for (const e of syn.expected.filter((x) => x.kind === 'target_changed')) expect(syn.text).toContain(e.edit.split('→')[1]);
  });

  it('localises the wording and reads as a county plan', () => {
    const syn = generateSyntheticChild(parent, { seed: 2 });
    expect(syn.text).not.toContain('全省');
    expect(syn.text).not.toContain('山西省');
    const child = docFromText(syn.id, syn.text);
    expect(child.meta.region.county).toBe('宁武县');
    expect(child.sections.length).toBeGreaterThan(5);
  });

  it('never expects a finding outside the parent text (property over seeds)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (seed) => {
        const syn = generateSyntheticChild(parent, { seed, damage: 2 });
        for (const e of syn.expected) {
          if (e.kind === 'added') {
            // An added sentence exists only in the child: it is located there, never in the parent.
            expect(e.start).toBe(-1);
            expect(syn.text.slice(e.child!.start, e.child!.end)).toBe(e.child!.quote);
            continue;
          }
          expect(e.start).toBeGreaterThanOrEqual(0);
          expect(e.end).toBeLessThanOrEqual(parent.raw.text.length);
          expect(e.end).toBeGreaterThan(e.start);
        }
      }),
      { numRuns: 15 },
    );
  });
});

describe('createRng', () => {
  it('gives the same stream for the same seed, in [0, 1)', () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 100 }, () => a());
    expect(xs).toEqual(Array.from({ length: 100 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
