import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_IDS, readCorpusText } from '../../testing/corpus.js';
import { checkGoldEvidence, parseGold, QUESTION_CLASSES } from './gold.js';

const split = (name: string) => parseGold(readFileSync(fileURLToPath(new URL(`../../../evals/qa/${name}.jsonl`, import.meta.url)), 'utf8'), name);
const originals = new Map(ALL_IDS.map((id) => [id, readCorpusText(id)]));

describe('the project gold', () => {
  const dev = split('dev');
  const test = split('test');
  const all = [...dev, ...test];

  it('has both splits, every item classed, every evidence verbatim in the documents', () => {
    expect(dev.length).toBeGreaterThan(400);
    expect(test.length).toBeGreaterThan(300);
    expect(all.every((i) => i.kind && (QUESTION_CLASSES as readonly string[]).includes(i.kind))).toBe(true);
    expect(checkGoldEvidence(all, originals)).toEqual([]);
  });

  it('covers the classes the issue asks for: unanswerable, follow-ups, comparisons and arithmetic', () => {
    expect(all.filter((i) => i.unanswerable).length).toBeGreaterThanOrEqual(60);
    expect(all.filter((i) => i.after).length).toBeGreaterThanOrEqual(60);
    expect(all.filter((i) => i.kind === 'comparison' || i.kind === 'arithmetic').length).toBeGreaterThanOrEqual(40);
  });

  it('keeps the splits apart (no id in both)', () => {
    const ids = new Set(dev.map((i) => i.id));
    expect(test.filter((i) => ids.has(i.id))).toEqual([]);
  });
});

describe('checkGoldEvidence', () => {
  it('names evidence that is not in its source', () => {
    const items = parseGold('{"id":"x1","question":"q","source":"004_01ad0f74c71dd3d5.txt","answers":[["a"]],"evidence":["不在文中的一句话"]}');
    expect(checkGoldEvidence(items, originals)).toEqual(['x1: evidence not found verbatim: 不在文中的一句话']);
  });
});
