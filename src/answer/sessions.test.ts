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
