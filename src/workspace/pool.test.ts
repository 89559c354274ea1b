/** The worker pool: results, progress, errors across threads, time budget, heap limit, queue bound, cancellation. */
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '../core/errors.js';
import { createWorkerPool, errorFromWire, errorToWire } from './pool.js';

const entry = new URL('../testing/pool-worker.ts', import.meta.url);
const pool = createWorkerPool({ entry, size: 2, maxQueue: 2, maxHeapMb: 64 });
afterAll(() => pool.close());

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'OK';
  } catch (err) {
    return isAppError(err) ? err.code : `plain: ${(err as Error).message}`;
  }
};

describe('worker pool', () => {
  it('runs a task in a worker (a .ts entry under tsx) and returns its result, bytes included', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(await pool.run('echo', bytes, { timeoutMs: 30_000 })).toEqual({ echoed: bytes, bytes: 3 });
  });

  it('forwards progress events', async () => {
    const events: unknown[] = [];
    expect(await pool.run('progress', 3, { timeoutMs: 30_000, onEvent: (e) => events.push(e) })).toBe(3);
    expect(events).toEqual([{ done: 1 }, { done: 2 }, { done: 3 }]);
  });

  it('rebuilds AppErrors with their code and details; other errors stay plain', async () => {
    const err = await pool.run('refuse', null, { timeoutMs: 30_000 }).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'FILE_TOO_COMPLEX', message: 'too deep', details: { depth: 99 } });
    expect(await codeOf(pool.run('bug', null, { timeoutMs: 30_000 }))).toBe('plain: x is undefined');
  });

  it('stops a task over its time budget with WORK_TIMEOUT, and keeps serving', async () => {
    const err = await pool.run<unknown>('spin', null, { timeoutMs: 300, label: 'Spinning' }).catch((e: Error) => e);
    if (!(err instanceof Error)) throw new Error('the spin task returned');
    expect(err).toMatchObject({ code: 'WORK_TIMEOUT' });
    expect(err.message).toContain('Spinning');
    expect(await pool.run('echo', 'after', { timeoutMs: 30_000 })).toMatchObject({ echoed: 'after' });
  });

  it('fails a task that exceeds the heap limit with FILE_TOO_COMPLEX instead of taking the process down', async () => {
    expect(await codeOf(pool.run('hog', null, { timeoutMs: 60_000, label: 'Hogging' }))).toBe('FILE_TOO_COMPLEX');
    expect(await pool.run('echo', 1, { timeoutMs: 30_000 })).toMatchObject({ echoed: 1 });
  });

  it('refuses work beyond the queue with SERVER_BUSY, and cancels queued or running jobs', async () => {
    const controller = new AbortController();
    const running = [
      pool.run('spin', null, { timeoutMs: 60_000, signal: controller.signal }),
      pool.run('spin', null, { timeoutMs: 60_000, signal: controller.signal }),
    ];
    const queued = [
      pool.run('echo', 1, { timeoutMs: 60_000, signal: controller.signal }),
      pool.run('echo', 2, { timeoutMs: 60_000, signal: controller.signal }),
    ];
    expect(pool.stats()).toMatchObject({ busy: 2, queued: 2 });
    expect(await codeOf(pool.run('echo', 3, { timeoutMs: 60_000 }))).toBe('SERVER_BUSY');
    controller.abort();
    expect(await Promise.all([...running, ...queued].map(codeOf))).toEqual(['BAD_REQUEST', 'BAD_REQUEST', 'BAD_REQUEST', 'BAD_REQUEST']);
    expect(pool.stats().queued).toBe(0);
    expect(await pool.run('echo', 4, { timeoutMs: 30_000 })).toMatchObject({ echoed: 4 });
  });
});

describe('errors across threads', () => {
  it('keep code, message and details; unknown codes become plain errors', () => {
    expect(errorFromWire(errorToWire(errorFromWire({ code: 'DOC_EXISTS', message: 'm', details: { id: 'x' } })))).toMatchObject({
      code: 'DOC_EXISTS',
      details: { id: 'x' },
    });
    expect(isAppError(errorFromWire({ code: 'NOPE', message: 'm' }))).toBe(false);
  });
});
