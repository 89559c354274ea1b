/**
 * Chat sessions as plain JSON files, one per session, written atomically so a crash never
 * leaves half a session. They survive a server restart, within limits: at most `maxSessions`
 * (the least recently used is evicted), `maxTurns` turns each (older turns are dropped), and
 * none unused for longer than `maxAgeMs`. A new session exists only once it is saved, so a
 * chat that was aborted or failed leaves nothing behind.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/** Limits of a {@link SessionStore}. */
export interface SessionLimits {
  /** Most sessions kept; saving one more evicts the least recently used. Default 1000. */
  maxSessions: number;
  /** Most turns kept per session (a question and its answer are two); older ones are dropped. Default 100. */
  maxTurns: number;
  /** A session unused for longer is evicted, in ms. Default one week. */
  maxAgeMs: number;
}

/** Documented defaults of {@link SessionLimits}. */
export const defaultSessionLimits: SessionLimits = { maxSessions: 1000, maxTurns: 100, maxAgeMs: 7 * 24 * 3600 * 1000 };

export interface SessionStore {
  get(id: string): ChatSession;
  /** A new session, not yet stored: it exists once {@link SessionStore.save} is called. */
  create(): ChatSession;
  save(session: ChatSession): void;
  /** Number of stored sessions. */
  count(): number;
}

/** Sessions stored under `dir`. */
export function createSessionStore(dir: string, limits: Partial<SessionLimits> = {}): SessionStore {
  const opts = { ...defaultSessionLimits, ...limits };
  const pathOf = (id: string) => {
    if (!ID.test(id)) throw new AppError('SESSION_NOT_FOUND', `No chat session with id ${id}`);
    return join(dir, `${id}.json`);
  };
  /**
   * Last use of each stored session (ms), read from the folder once, then kept up to date. The
   * map's order is the order of use, least recent first (a save moves its session to the end).
   */
  let lastUse: Map<string, number> | null = null;
  const index = (): Map<string, number> => {
    if (lastUse) return lastUse;
    const found: [string, number][] = [];
    if (existsSync(dir)) {
      for (const f of readdirSync(dir)) {
        if (!f.endsWith('.json') || !ID.test(f.slice(0, -5))) continue;
        try {
          found.push([f.slice(0, -5), statSync(join(dir, f)).mtimeMs]);
        } catch {
          // Removed meanwhile.
        }
      }
    }
    lastUse = new Map(found.sort((a, b) => a[1] - b[1]));
    return lastUse;
  };
  const remove = (id: string) => {
    rmSync(join(dir, `${id}.json`), { force: true });
    index().delete(id);
  };
  /** Drops expired sessions, then the least recently used beyond the limit. */
  const evict = (now: number) => {
    const uses = index();
    for (const [id, t] of uses) if (now - t > opts.maxAgeMs) remove(id);
    if (uses.size <= opts.maxSessions) return;
    for (const id of [...uses.keys()].slice(0, uses.size - opts.maxSessions)) remove(id);
  };
  return {
    get(id) {
      const p = pathOf(id);
      const used = index().get(id);
      if (used !== undefined && Date.now() - used > opts.maxAgeMs) remove(id);
      if (!existsSync(p)) throw new AppError('SESSION_NOT_FOUND', `No chat session with id ${id}`);
      try {
        return JSON.parse(readFileSync(p, 'utf8')) as ChatSession;
      } catch (cause) {
        throw new AppError('SESSION_NOT_FOUND', `The chat session ${id} could not be read`, { cause });
      }
    },
    create: () => newSession(),
    save(session) {
      mkdirSync(dir, { recursive: true });
      const p = pathOf(session.id);
      // Whole question-and-answer pairs are dropped, oldest first.
      const keep = Math.max(2, opts.maxTurns - (opts.maxTurns % 2));
      if (session.turns.length > keep) session.turns = session.turns.slice(-keep);
      const now = Date.now();
      session.updatedAt = new Date(now).toISOString();
      const tmp = `${p}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(session));
      renameSync(tmp, p);
      index().delete(session.id);
      index().set(session.id, now);
      evict(now);
    },
    count: () => index().size,
  };
}
