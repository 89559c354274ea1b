/**
 * The ingest lane: every change to the index (an upload, a delete, a re-index, the first build)
 * runs here, one at a time and in the order asked, in a worker thread with a time budget
 * (`POLICY_INGEST_TIMEOUT_MS`) — or on the calling thread when `workerThreads` is 0 (the CLI).
 * A worker that is stopped mid-ingest leaves the previous generation serving; its lock is
 * released here so the next ingest can run.
 */
import type { Config } from '../core/config.js';
import { releaseOwnLock } from '../indexing/generations.js';
import type { IngestProgress, IngestResult } from '../indexing/pipeline.js';
import { createWorkerPool, type WorkerPool } from './pool.js';
import { runIngestTask, type IngestTask } from './tasks.js';

/** The serial queue of index changes. */
export interface IngestLane {
  /** Runs `fn` after every job queued before it (and before any queued after it). */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** Runs an ingest (call it inside `exclusive`); `onProgress` hears the pipeline's progress, from the worker too. */
  ingest(task: IngestTask, label: string, onProgress?: (progress: IngestProgress) => void): Promise<IngestResult>;
  /** True while a job runs or waits. */
  busy(): boolean;
  /** Waits for the queued jobs, then stops the worker. */
  close(): Promise<void>;
}

/** The ingest lane of a workspace. */
export function createIngestLane(config: Config): IngestLane {
  const pool: WorkerPool | null =
    config.workerThreads > 0
      ? createWorkerPool({
          entry: new URL('./worker.ts', import.meta.url),
          size: 1,
          maxQueue: 1,
          idleMs: 60_000,
          maxHeapMb: config.workerMemoryMb,
          niceness: 19,
        })
      : null;
  let tail: Promise<unknown> = Promise.resolve();
  let pending = 0;
  return {
    exclusive<T>(fn: () => Promise<T>): Promise<T> {
      pending++;
      const run = async () => {
        try {
          return await fn();
        } finally {
          pending--;
        }
      };
      const next = tail.then(run, run);
      tail = next.catch(() => undefined);
      return next;
    },
    async ingest(task, label, onProgress) {
      if (!pool) return runIngestTask(task, onProgress);
      try {
        const onEvent = onProgress ? (event: unknown) => onProgress(event as IngestProgress) : undefined;
        return await pool.run<IngestResult>('ingest', task, { timeoutMs: config.ingestTimeoutMs, label, ...(onEvent ? { onEvent } : {}) });
      } catch (err) {
        // The worker may have died holding the lock (time budget, memory): nothing else of ours runs now.
        releaseOwnLock(task.indexDir);
        throw err;
      }
    },
    busy: () => pending > 0,
    async close() {
      await tail;
      await pool?.close();
    },
  };
}
