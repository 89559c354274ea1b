import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSessionStore } from './sessions.js';

describe('session store', () => {
  it('persists sessions across store instances (a server restart)', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'sessions-')), 's');
    const a = createSessionStore(dir);
    const s = a.create();
    s.turns.push({ role: 'user', text: '谁牵头召开协调会议？', at: new Date().toISOString() });
    s.context.docIds = ['000_a21187bb345200ac.txt'];
    a.save(s);
    const b = createSessionStore(dir);
    const back = b.get(s.id);
    expect(back.turns[0].text).toBe('谁牵头召开协调会议？');
    expect(back.context.docIds).toEqual(['000_a21187bb345200ac.txt']);
  });

  it('rejects unknown and malformed ids with SESSION_NOT_FOUND', () => {
    const store = createSessionStore(mkdtempSync(join(tmpdir(), 'sessions-')));
    expect(() => store.get('00000000-0000-0000-0000-000000000000')).toThrow(expect.objectContaining({ code: 'SESSION_NOT_FOUND' }));
    expect(() => store.get('../../etc/passwd')).toThrow(expect.objectContaining({ code: 'SESSION_NOT_FOUND' }));
  });
});

describe('session limits', () => {
  const dirOf = () => join(mkdtempSync(join(tmpdir(), 'sessions-')), 's');
  const turn = (role: 'user' | 'assistant', text: string) => ({ role, text, at: new Date().toISOString() });

  it('stores a new session only when it is saved (an aborted chat leaves nothing)', () => {
    const store = createSessionStore(dirOf());
    const s = store.create();
    expect(() => store.get(s.id)).toThrow(expect.objectContaining({ code: 'SESSION_NOT_FOUND' }));
    store.save(s);
    expect(store.get(s.id).id).toBe(s.id);
  });

  it('evicts the least recently used session beyond the count limit', () => {
    const dir = dirOf();
    const store = createSessionStore(dir, { maxSessions: 2 });
    const [a, b, c] = [store.create(), store.create(), store.create()];
    store.save(a);
    store.save(b);
    store.save(a); // a is used again: b is now the oldest
    store.save(c);
    expect(store.count()).toBe(2);
    expect(() => store.get(b.id)).toThrow(expect.objectContaining({ code: 'SESSION_NOT_FOUND' }));
    expect(store.get(a.id).id).toBe(a.id);
    // A restarted store sees the same two.
    expect(createSessionStore(dir, { maxSessions: 2 }).count()).toBe(2);
  });

  it('keeps the latest turns, dropping whole question-and-answer pairs', () => {
    const store = createSessionStore(dirOf(), { maxTurns: 4 });
    const s = store.create();
    for (let i = 1; i <= 5; i++) s.turns.push(turn('user', `q${i}`), turn('assistant', `a${i}`));
    store.save(s);
    expect(store.get(s.id).turns.map((t) => t.text)).toEqual(['q4', 'a4', 'q5', 'a5']);
  });

  it('forgets sessions unused for longer than the age limit', async () => {
    const store = createSessionStore(dirOf(), { maxAgeMs: 20 });
    const s = store.create();
    store.save(s);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(() => store.get(s.id)).toThrow(expect.objectContaining({ code: 'SESSION_NOT_FOUND' }));
    expect(store.count()).toBe(0);
  });
});
