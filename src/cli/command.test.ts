import { describe, expect, it } from 'vitest';
import { choiceFlag, configFromFlags, intFlag } from './command.js';
import { exitCodeFor, UsageError } from './output.js';

describe('CLI flags', () => {
  it('reads numbers and choices, and refuses bad ones as usage errors (exit 2)', () => {
    expect(intFlag(undefined, 'port', 3000)).toBe(3000);
    expect(intFlag('8080', 'port', 3000)).toBe(8080);
    for (const bad of ['abc', '0', '-1', '1.5']) {
      const err = (() => {
        try {
          intFlag(bad, 'port', 3000);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(UsageError);
      expect(exitCodeFor(err)).toBe(2);
    }
    expect(choiceFlag('lexical', ['hybrid', 'lexical'] as const, 'mode')).toBe('lexical');
    expect(choiceFlag(undefined, ['hybrid'] as const, 'mode')).toBeUndefined();
    expect(() => choiceFlag('fuzzy', ['hybrid', 'lexical'] as const, 'mode')).toThrow(UsageError);
    expect(() => configFromFlags({ embedder: 'nope' })).toThrow(/--embedder takes builtin, transformers, openai/);
  });

  it('maps programmer errors to exit 1 and client errors to 3', () => {
    expect(exitCodeFor(new Error('bug'))).toBe(1);
  });
});
