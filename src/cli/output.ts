/**
 * CLI output discipline: with `--json` exactly one JSON document goes to stdout; everything
 * else (logs, progress, summaries for people) goes to stderr.
 */
import { AppError, isAppError } from '../core/errors.js';

export interface CommandContext {
  json: boolean;
  /** Writes a line for people (stderr when --json, stdout otherwise). */
  say(line: string): void;
  /** Writes a log line to stderr. */
  log(line: string): void;
}

export function createContext(json: boolean): CommandContext {
  return {
    json,
    say: (line) => (json ? process.stderr : process.stdout).write(`${line}\n`),
    log: (line) => process.stderr.write(`${line}\n`),
  };
}

/** Prints the one JSON document of a --json run. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Exit codes: 0 ok, 1 internal error, 2 usage, 3 bad input or a state the user can fix. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof UsageError) return 2;
  if (isAppError(err)) return err.statusCode >= 500 && err.code !== 'INDEX_NOT_FOUND' ? 1 : 3;
  return 1;
}

/** Wrong flags or arguments. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Reports an error the way the mode asks: JSON on stdout, or a sentence on stderr. */
export function reportError(err: unknown, json: boolean): void {
  const body =
    err instanceof UsageError
      ? { code: 'USAGE', message: err.message }
      : isAppError(err)
        ? { code: err.code, message: err.message }
        : { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
  if (json) printJson({ error: body });
  else process.stderr.write(`error ${body.code}: ${body.message}\n`);
  if (!(err instanceof UsageError) && !(err instanceof AppError) && process.env.POLICY_DEBUG) console.error(err);
}
