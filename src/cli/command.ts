/** What a CLI command is, and the config every command starts from. */
import type { ParseArgsConfig } from 'node:util';
import { loadConfig, type Config } from '../core/config.js';
import type { CommandContext } from './output.js';

export interface CommandSpec {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(args: { values: Record<string, unknown>; positionals: string[]; ctx: CommandContext }): Promise<void>;
}

/** Config from the environment with the global flags (--index, --embedder) applied. */
export function configFromFlags(values: Record<string, unknown>): Config {
  return loadConfig(process.env, {
    indexDir: values.index as string | undefined,
    embedder: values.embedder as Config['embedder'] | undefined,
  });
}

/** Parses a positive integer flag, with a usage error that names it. */
export function intFlag(values: Record<string, unknown>, name: string, fallback: number): number {
  const v = values[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} takes a positive whole number, not "${String(v)}"`);
  return n;
}
