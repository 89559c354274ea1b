/**
 * What a CLI command is, typed from its option definitions: `defineCommand` infers the type of
 * `values` from `options` (a string flag is `string | undefined`, a repeated one `string[]`, a
 * switch `boolean`), so commands read their flags without casts. Flags with a fixed set of
 * values go through {@link choiceFlag}; numbers through {@link intFlag}; both fail as usage errors.
 */
import { loadConfig, EMBEDDER_KINDS, type Config } from '../core/config.js';
import { AppError } from '../core/errors.js';
import { indexDirState } from '../indexing/generations.js';
import { UsageError, type CommandContext } from './output.js';

/** One option, as `node:util` `parseArgs` takes it. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
}

/** The options of a command by name. */
export type OptionSpecs = Record<string, OptionSpec>;

/** Flags every command takes. */
export const GLOBAL_OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  index: { type: 'string' },
  embedder: { type: 'string' },
} as const satisfies OptionSpecs;

type ValueOf<S extends OptionSpec> = S['type'] extends 'boolean'
  ? S['multiple'] extends true
    ? boolean[]
    : boolean
  : S['multiple'] extends true
    ? string[]
    : string;

/** The parsed global flags. */
export type GlobalValues = { [K in keyof typeof GLOBAL_OPTIONS]?: ValueOf<(typeof GLOBAL_OPTIONS)[K]> };

/** The parsed flags of a command: each may be absent. */
export type Values<O extends OptionSpecs> = { [K in keyof O]?: ValueOf<O[K]> } & GlobalValues;

/** What `run` receives. */
export interface CommandArgs<O extends OptionSpecs> {
  values: Values<O>;
  positionals: string[];
  ctx: CommandContext;
}

/** A command: its help text, its own options, and what it does. */
export interface CommandSpec<O extends OptionSpecs = OptionSpecs> {
  summary: string;
  usage: string;
  options: O;
  run(args: CommandArgs<O>): Promise<void>;
}

/** Declares a command, inferring its flags' types from `options`. */
export function defineCommand<const O extends OptionSpecs>(spec: CommandSpec<O>): CommandSpec<O> {
  return spec;
}

/**
 * Config from the environment with the global flags (--index, --embedder) and `overrides`
 * applied. A CLI command runs its work on its own thread (`workerThreads: 0`, `queryThreads: 0`):
 * there is no event loop to keep free, and no worker start-up to pay; `serve` overrides that.
 */
export function configFromFlags(values: GlobalValues, overrides: Partial<Config> = {}): Config {
  return loadConfig(process.env, {
    indexDir: values.index,
    embedder: choiceFlag(values.embedder, EMBEDDER_KINDS, 'embedder'),
    workerThreads: 0,
    queryThreads: 0,
    ...overrides,
  });
}

/**
 * Checks a folder given with `--index`: it must be an index, except for `ingest` (`creating`),
 * which may also start one in a missing or empty folder. A typo never builds a new index
 * silently, and `ingest` never writes generations into an unrelated folder.
 */
export function checkIndexFlag(dir: string, creating: boolean): void {
  const state = indexDirState(dir);
  if (state === 'index' || (creating && state !== 'other')) return;
  if (state === 'other') {
    throw new AppError(
      'NOT_AN_INDEX',
      `${dir} is not an index (it has other files and no CURRENT pointer); give the index folder, or a new or empty folder to \`policy ingest --index\``,
      {
        details: { dir },
      },
    );
  }
  throw new AppError(
    'INDEX_NOT_FOUND',
    `No index in ${dir}${state === 'missing' ? ' (no such folder)' : ''}; build one with \`npm run policy -- ingest --index ${dir}\``,
    {
      details: { dir },
    },
  );
}

/** A flag with a fixed set of values: the value, or undefined when absent; a usage error otherwise. */
export function choiceFlag<T extends string>(value: string | undefined, choices: readonly T[], name: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`--${name} takes ${choices.join(', ')}, not "${value}"`);
  return value as T;
}

/** A positive whole-number flag, or `fallback` when absent; a usage error that names it otherwise. */
export function intFlag(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} takes a positive whole number, not "${value}"`);
  return n;
}
