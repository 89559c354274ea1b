/**
 * Running an external program (tesseract, LibreOffice) on untrusted input: no shell, its own
 * process group so a timeout kills every child it forked (soffice starts soffice.bin), output
 * captured with a cap, and "not installed" told apart from "failed".
 */
import { spawn } from 'node:child_process';

/** Options of {@link runTool}. */
export interface RunToolOptions {
  /** Bytes written to the program's standard input (then closed). */
  input?: Buffer;
  /** Kill the program (and its children) after this many ms. */
  timeoutMs: number;
  /** Extra environment variables (added to the current environment). */
  env?: Record<string, string>;
  cwd?: string;
  /** Most bytes of standard output kept; the program is killed past it. Default 64 MB. */
  maxOutputBytes?: number;
}

/** How a run ended. `missing`: the program is not installed (ENOENT). */
export type ToolResult =
  | { status: 'ok' | 'failed'; code: number | null; stdout: Buffer; stderr: string }
  | { status: 'timeout' | 'missing' | 'overflow'; code: null; stdout: Buffer; stderr: string };

/** Runs `command` with `args` and collects its output. Never throws for the program's own failures. */
export function runTool(command: string, args: string[], options: RunToolOptions): Promise<ToolResult> {
  const maxOut = options.maxOutputBytes ?? 64 * 1024 * 1024;
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group: a timeout kills the children too.
      detached: true,
    });
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let ended: ToolResult['status'] | null = null;
    const kill = (why: 'timeout' | 'overflow') => {
      ended ??= why;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => kill('timeout'), options.timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      outBytes += d.length;
      if (outBytes > maxOut) kill('overflow');
      else out.push(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      if (err.length < 8192) err += d.toString('utf8');
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      ended ??= e.code === 'ENOENT' ? 'missing' : 'failed';
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out);
      const status = ended ?? (code === 0 ? 'ok' : 'failed');
      if (status === 'ok' || status === 'failed') resolve({ status, code, stdout, stderr: err });
      else resolve({ status, code: null, stdout, stderr: err });
    });
    child.stdin.on('error', () => {
      // The program may exit without reading its input (a bad image); the close event reports it.
    });
    child.stdin.end(options.input ?? Buffer.alloc(0));
  });
}
