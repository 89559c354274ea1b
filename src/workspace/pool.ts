/**
 * Worker threads for the work that must not run on the event loop: ingest (decoding, parsing,
 * embedding, writing a generation), the parsing of uploads and alignment. A request that waits
 * for such a job costs the server nothing while it waits, so `/healthz` and queries stay fast.
 *
 * Each job has a time budget: a worker that overruns it is terminated (the job fails with
 * WORK_TIMEOUT) and a fresh one takes its place. Each worker has a heap limit: a job that needs
 * more fails with FILE_TOO_COMPLEX instead of taking the server down. Jobs beyond the pool's
 * size wait in a bounded queue; beyond that `run` refuses with SERVER_BUSY. Idle workers stop
 * after a while, so an idle server holds no copies of the index stack.
 *
 * The worker side is {@link exposeTasks}: a table of task functions by name. Errors cross the
 * thread boundary as `{ code, message, details }` and become AppErrors again; anything else is
 * INTERNAL. Under tsx (no build step) a worker on a .ts module first registers tsx's loader.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { AppError, ERRORS, type ErrorCode } from '../core/errors.js';

/** Options of {@link createWorkerPool}. */
export interface PoolOptions {
  /** Entry module of the workers: it calls {@link exposeTasks}. */
  entry: URL;
  /** Most workers alive at once. Default 1. */
  size: number;
  /** Jobs waiting for a free worker before `run` refuses with SERVER_BUSY. Default 32. */
  maxQueue: number;
  /** A worker idle this long is stopped, returning its memory. Default 30000 ms. */
  idleMs: number;
  /** Heap (old generation) limit of each worker, in MB. Default 512. */
  maxHeapMb: number;
  /**
   * Scheduling niceness of the worker threads (0 normal, 19 lowest). Background work (ingest,
   * alignment) runs at 10, so on a small machine the kernel gives the CPU to the thread serving
   * queries first (Linux: a thread's priority is its own). Default 0.
   */
  niceness: number;
}

/** Documented defaults of {@link PoolOptions} (all but `entry`). */
export const defaultPoolOptions: Omit<PoolOptions, 'entry'> = { size: 1, maxQueue: 32, idleMs: 30_000, maxHeapMb: 512, niceness: 0 };

/** Options of one job. */
export interface RunOptions {
  /** Time budget: the worker is terminated and the job fails with WORK_TIMEOUT after it. */
  timeoutMs: number;
  /** What the job is, for messages ("aligning child.txt"). */
  label?: string;
  /** Progress events the task emits. */
  onEvent?: (event: unknown) => void;
  /** Cancels the job (a client that went away): dropped from the queue, or its worker terminated. */
  signal?: AbortSignal;
}

/** A pool of worker threads running named tasks. */
export interface WorkerPool {
  run<T>(task: string, payload: unknown, options: RunOptions): Promise<T>;
  /** Workers alive, busy, and jobs waiting. */
  stats(): { workers: number; busy: number; queued: number };
  /** Terminates every worker; queued and running jobs fail with SERVER_BUSY. */
  close(): Promise<void>;
}

/** A serialised error crossing the thread boundary. */
interface WireError {
  code?: string;
  message: string;
  details?: Record<string, unknown>;
  stack?: string;
}

type ToWorker = { id: number; task: string; payload: unknown };
type FromWorker =
  | { id: number; type: 'event'; event: unknown }
  | { id: number; type: 'done'; value: unknown }
  | { id: number; type: 'error'; error: WireError };

interface Job {
  id: number;
  task: string;
  payload: unknown;
  options: RunOptions;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  idle: NodeJS.Timeout | null;
  /** Set once the worker is being replaced: its late messages are ignored. */
  dead: boolean;
}

/** Rebuilds the error a worker reported: an AppError when it carries one of our codes. */
export function errorFromWire(e: WireError): Error {
  if (e.code && e.code in ERRORS) return new AppError(e.code as ErrorCode, e.message, e.details ? { details: e.details } : {});
  const err = new Error(e.message);
  if (e.stack) err.stack = e.stack;
  return err;
}

/** Serialises an error for the other thread. */
export function errorToWire(err: unknown): WireError {
  if (err instanceof AppError) return { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) };
  const e = err instanceof Error ? err : new Error(String(err));
  return { message: e.message, ...(e.stack ? { stack: e.stack } : {}) };
}

/** The tsx ESM loader's entry, resolved from this package (a worker's cwd may be anywhere). */
function tsxLoaderUrl(): string {
  const pkgPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const rel = (JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api'].import.default;
  return pathToFileURL(join(dirname(pkgPath), rel)).href;
}

/** What every worker of a pool is started with. */
interface PoolWorkerData {
  niceness: number;
}

/** Starts a worker on `entry`: directly for JavaScript, through tsx's loader for TypeScript. */
function startWorker(entry: URL, opts: PoolOptions): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: opts.maxHeapMb };
  const data: PoolWorkerData = { niceness: opts.niceness };
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { resourceLimits, workerData: data });
  // Node 20 does not hand tsx's hooks to worker threads (`--import tsx` in execArgv is not
  // enough either): the worker registers the loader itself, then imports its entry.
  const code = `import(${JSON.stringify(tsxLoaderUrl())}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(code, { eval: true, execArgv: [], resourceLimits, workerData: data });
}

/** Creates a pool; workers start on first use. */
export function createWorkerPool(options: Partial<PoolOptions> & Pick<PoolOptions, 'entry'>): WorkerPool {
  const opts: PoolOptions = { ...defaultPoolOptions, ...options };
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;

  function finish(slot: Slot, outcome: { value: unknown } | { error: unknown }): void {
    const job = slot.job;
    if (!job) return;
    slot.job = null;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    if ('error' in outcome) job.reject(outcome.error);
    else job.resolve(outcome.value);
    if (!slot.dead) {
      // An idle worker neither keeps the process alive (a CLI command ends) nor lives forever.
      slot.worker.unref();
      slot.idle = setTimeout(() => retire(slot), opts.idleMs);
      slot.idle.unref();
    }
    pump();
  }

  /** Terminates a worker and forgets it; its job (if any) fails with `error`. */
  function retire(slot: Slot, error?: unknown): void {
    if (slot.dead) return;
    slot.dead = true;
    if (slot.idle) clearTimeout(slot.idle);
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    void slot.worker.terminate().catch(() => undefined);
    if (slot.job) finish(slot, { error: error ?? new AppError('SERVER_BUSY', 'The worker stopped') });
    else pump();
  }

  function spawn(): Slot {
    const slot: Slot = { worker: startWorker(opts.entry, opts), job: null, timer: null, idle: null, dead: false };
    slot.worker.on('message', (m: FromWorker) => {
      if (slot.dead || !slot.job || m.id !== slot.job.id) return;
      if (m.type === 'event') slot.job.options.onEvent?.(m.event);
      else if (m.type === 'done') finish(slot, { value: m.value });
      else finish(slot, { error: errorFromWire(m.error) });
    });
    slot.worker.on('error', (err: NodeJS.ErrnoException) => {
      const label = slot.job?.options.label ?? 'the job';
      const error =
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new AppError('FILE_TOO_COMPLEX', `${label} needed more memory than a worker may use (${opts.maxHeapMb} MB, POLICY_WORKER_MEMORY_MB)`, {
              cause: err,
            })
          : err;
      retire(slot, error);
    });
    slot.worker.on('exit', (code) => retire(slot, new Error(`worker exited with code ${code}`)));
    slots.push(slot);
    return slot;
  }

  function dispatch(slot: Slot, job: Job): void {
    if (slot.idle) clearTimeout(slot.idle);
    slot.idle = null;
    slot.worker.ref();
    slot.job = job;
    slot.timer = setTimeout(() => {
      const secs = Math.round(job.options.timeoutMs / 100) / 10;
      retire(
        slot,
        new AppError('WORK_TIMEOUT', `${job.options.label ?? 'The job'} took longer than its time budget of ${secs} s`, {
          details: { timeoutMs: job.options.timeoutMs },
        }),
      );
    }, job.options.timeoutMs);
    const message: ToWorker = { id: job.id, task: job.task, payload: job.payload };
    slot.worker.postMessage(message);
  }

  function pump(): void {
    while (queue.length && !closed) {
      const slot = slots.find((s) => !s.job && !s.dead) ?? (slots.length < opts.size ? spawn() : null);
      if (!slot) return;
      dispatch(slot, queue.shift()!);
    }
  }

  return {
    run<T>(task: string, payload: unknown, options: RunOptions): Promise<T> {
      if (closed) return Promise.reject(new AppError('SERVER_BUSY', 'The server is shutting down'));
      const busy = slots.filter((s) => s.job).length;
      if (busy >= opts.size && queue.length >= opts.maxQueue) {
        return Promise.reject(new AppError('SERVER_BUSY', `${queue.length} jobs are already waiting; try again shortly`));
      }
      return new Promise<T>((resolve, reject) => {
        const job: Job = { id: nextId++, task, payload, options, resolve: resolve as (v: unknown) => void, reject };
        options.signal?.addEventListener(
          'abort',
          () => {
            const q = queue.indexOf(job);
            if (q >= 0) {
              queue.splice(q, 1);
              reject(new AppError('BAD_REQUEST', 'The request was cancelled'));
              return;
            }
            const slot = slots.find((s) => s.job === job);
            if (slot) retire(slot, new AppError('BAD_REQUEST', 'The request was cancelled'));
          },
          { once: true },
        );
        queue.push(job);
        pump();
      });
    },
    stats: () => ({ workers: slots.length, busy: slots.filter((s) => s.job).length, queued: queue.length }),
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new AppError('SERVER_BUSY', 'The server is shutting down'));
      await Promise.all([...slots].map(async (s) => retire(s, new AppError('SERVER_BUSY', 'The server is shutting down'))));
    },
  };
}

/** A task run in a worker: its payload, and a function to report progress with. */
export type TaskFunction = (payload: never, emit: (event: unknown) => void) => unknown;

/**
 * Worker side: answers the pool's messages with the task functions of `tasks`. Call it once
 * at the top of a worker entry module; it does nothing on the main thread.
 */
export function exposeTasks(tasks: Record<string, TaskFunction>): void {
  if (isMainThread || !parentPort) return;
  const port = parentPort;
  const niceness = (workerData as Partial<PoolWorkerData> | null)?.niceness ?? 0;
  if (niceness) {
    try {
      // pid 0 is the calling thread on Linux: this worker only, never the server's main thread.
      setPriority(niceness);
    } catch {
      // Not permitted or not supported: the work runs at normal priority.
    }
  }
  port.on('message', async (m: ToWorker) => {
    const send = (msg: FromWorker) => port.postMessage(msg);
    try {
      const fn = tasks[m.task];
      if (!fn) throw new Error(`unknown task ${m.task}`);
      const value = await fn(m.payload as never, (event) => send({ id: m.id, type: 'event', event }));
      send({ id: m.id, type: 'done', value });
    } catch (err) {
      send({ id: m.id, type: 'error', error: errorToWire(err) });
    }
  });
}
