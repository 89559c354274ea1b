/** Matching helpers: the monotone alignment, LCS, phrase splitting and the pass order on small inputs. */
import { describe, expect, it } from 'vitest';
import { lcsLength, sharedChars, windowLcs } from './lcs.js';
import { monotoneAlign } from './match-anchors.js';
import { splitPhrases } from './segment.js';

describe('monotoneAlign', () => {
  it('keeps the heaviest in-order pairs above the threshold', () => {
    const S = [
      [0.9, 0.1, 0.0],
      [0.0, 0.2, 0.8],
      [0.0, 0.7, 0.0],
    ];
    // (1,2) and (2,1) cross: the alignment keeps order, so only one of them survives.
    expect(monotoneAlign(3, 3, (i, j) => S[i][j], 0.5)).toEqual([
      [0, 0],
      [1, 2],
    ]);
    expect(monotoneAlign(3, 3, (i, j) => S[i][j], 0.95)).toEqual([]);
  });
  it('handles empty sides', () => {
    expect(monotoneAlign(0, 4, () => 1, 0.5)).toEqual([]);
    expect(monotoneAlign(4, 0, () => 1, 0.5)).toEqual([]);
  });
});

describe('lcsLength', () => {
  it('counts characters in order', () => {
    expect(lcsLength('转变职能', '转变职')).toBe(3);
    expect(lcsLength('阻拦泥沙', '阻泥沙')).toBe(3);
    expect(lcsLength('abc', 'cba')).toBe(1);
    expect(lcsLength('', 'abc')).toBe(0);
  });
});

describe('sharedChars', () => {
  it('counts characters with multiplicity, in any order', () => {
    expect(sharedChars('转变职能', '能职变')).toBe(3);
    expect(sharedChars('aab', 'ab')).toBe(2);
    expect(sharedChars('ab', 'aab')).toBe(2);
    expect(sharedChars('', 'abc')).toBe(0);
  });
  it('bounds the characters kept in order, in any stretch', () => {
    const alphabet = '水土保持治理a';
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const word = (n: number) => Array.from({ length: n }, () => alphabet[next() % alphabet.length]).join('');
    for (let k = 0; k < 300; k++) {
      const a = word(1 + (next() % 8));
      const b = word(next() % 20);
      expect(sharedChars(a, b)).toBeGreaterThanOrEqual(lcsLength(a, b));
      expect(lcsLength(a, b)).toBeGreaterThanOrEqual(windowLcs(a, b, 2 * a.length));
    }
  });
});

describe('splitPhrases', () => {
  it('splits at commas outside brackets and merges a timing-only clause into the next', () => {
    const s = '到 2025 年,选取 10 个县(市、区)开展试点,建设 10 个以上示范区。';
    const parts = splitPhrases(s).map(([a, b]) => s.slice(a, b));
    expect(parts).toEqual(['到 2025 年,选取 10 个县(市、区)开展试点', '建设 10 个以上示范区']);
  });
  it('keeps quoted commas inside one phrase and merges tiny clauses', () => {
    const s = '打造“300米见绿、500米见园”街头绿地,明确任务,细化措施,好。';
    const parts = splitPhrases(s).map(([a, b]) => s.slice(a, b));
    expect(parts).toEqual(['打造“300米见绿、500米见园”街头绿地', '明确任务', '细化措施,好']);
  });
});
