/**
 * Chat sessions as plain JSON files, one per session, written atomically so a crash never
 * leaves half a session. They survive a server restart.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { AppError } from '../core/errors.js';
import type { ChatSession } from './types.js';

const ID = /^[A-Za-z0-9-]{8,64}$/;

/** A new, empty session. */
export function newSession(id: string = randomUUID()): ChatSession {
  const now = new Date().toISOString();
  return { id, createdAt: now, updatedAt: now, turns: [], context: { docIds: [], topic: '', kind: null, lastQuestion: null } };
}

export interface SessionStore {
  get(id: string): ChatSession;
  create(): ChatSession;
  save(session: ChatSession): void;
}

/** Sessions stored under `dir`. */
export function createSessionStore(dir: string): SessionStore {
  const pathOf = (id: string) => {
    if (!ID.test(id)) throw new AppError('SESSION_NOT_FOUND', `No chat session with id ${id}`);
    return join(dir, `${id}.json`);
  };
  return {
    get(id) {
      const p = pathOf(id);
      if (!existsSync(p)) throw new AppError('SESSION_NOT_FOUND', `No chat session with id ${id}`);
      return JSON.parse(readFileSync(p, 'utf8')) as ChatSession;
    },
    create() {
      const s = newSession();
      this.save(s);
      return s;
    },
    save(session) {
      mkdirSync(dir, { recursive: true });
      const p = pathOf(session.id);
      session.updatedAt = new Date().toISOString();
      const tmp = `${p}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(session));
      renameSync(tmp, p);
    },
  };
}
