/**
 * Shared by the load and fuzz scripts: start the server child on temp folders, ask it for its
 * memory, sample its RSS from /proc while something runs, and drive closed-loop clients that
 * record every request's latency.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export interface ServerHandle {
  child: ChildProcess;
  url: string;
  pid: number;
  /** RSS, heap after GC and peak RSS of the server process, in bytes. */
  memory(): Promise<{ rss: number; heap: number; peak: number }>;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** Starts `server-child.ts` with `env` (POLICY_* folders) and waits until it listens. */
export async function startServerChild(env: NodeJS.ProcessEnv): Promise<ServerHandle> {
  const child = fork(fileURLToPath(new URL('./server-child.ts', import.meta.url)), [], {
    env: { ...process.env, ...env },
    execArgv: [...process.execArgv, '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  const ready = await Promise.race([
    reply<{ url: string; pid: number }>(child, null, 'ready'),
    exited.then((code) => Promise.reject(new Error(`server exited with ${code} before listening`))),
  ]);
  return {
    child,
    url: ready.url,
    pid: ready.pid,
    memory: () => reply(child, 'mem', 'mem'),
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.send('stop');
      await exited;
    },
  };
}

function reply<T>(child: ChildProcess, message: string | null, type: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { type: string } & T) => {
      if (m?.type !== type) return;
      child.off('message', on);
      resolve(m);
    };
    child.on('message', on);
    if (message) child.send(message);
  });
}

/** RSS of process `pid` now (Linux /proc), in bytes; 0 when unreadable. */
export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples the RSS of `pid` every `everyMs` until stopped; returns the peak seen. */
export function sampleRss(pid: number, everyMs = 20): { stop(): number } {
  let peak = rssOf(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssOf(pid));
    },
  };
}

/** One kind of request a client sends. */
export interface RequestSpec {
  path: string;
  init?: () => RequestInit;
}

/** Latencies (ms) and failures of a run of closed-loop clients. */
export interface ClientRun {
  latencies: number[];
  errors: number;
  statuses: Record<number, number>;
}

/**
 * `clients` closed-loop clients, each sending `spec` requests one after another until `stop`
 * is called (never more than one in flight per client): the latency a person would see.
 */
export function runClients(base: string, spec: RequestSpec, clients: number): { stop(): Promise<ClientRun> } {
  const run: ClientRun = { latencies: [], errors: 0, statuses: {} };
  let stopping = false;
  const loops = Array.from({ length: clients }, async () => {
    while (!stopping) {
      const t0 = performance.now();
      try {
        const res = await fetch(`${base}${spec.path}`, spec.init?.());
        await res.arrayBuffer();
        run.statuses[res.status] = (run.statuses[res.status] ?? 0) + 1;
        if (!res.ok) run.errors++;
      } catch {
        run.errors++;
      }
      run.latencies.push(performance.now() - t0);
    }
  });
  return {
    async stop() {
      stopping = true;
      await Promise.all(loops);
      return run;
    },
  };
}

/** The p-th percentile (nearest rank) of `values`. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** A multipart body with one file (and optional fields), for fetch. */
export function multipart(name: string, bytes: Buffer, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  return form;
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
