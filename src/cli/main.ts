#!/usr/bin/env node
/**
 * `policy <command> [options]`: one CLI for everything. Every command takes `--json` and then
 * prints exactly one JSON document on stdout; logs and progress go to stderr.
 */
import { parseArgs } from 'node:util';
import { createContext, exitCodeFor, reportError, UsageError } from './output.js';
import { COMMANDS } from './commands/index.js';
import { checkIndexFlag, GLOBAL_OPTIONS, type CommandSpec, type OptionSpecs, type Values } from './command.js';

function printHelp(): void {
  const lines = ['Usage: npm run policy -- <command> [options]', '', 'Commands:'];
  for (const [name, spec] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(12)} ${spec.summary}`);
  lines.push('', 'Every command takes --json (one JSON document on stdout), --index DIR and --embedder builtin|transformers|openai.');
  lines.push("Run `npm run policy -- <command> --help` for a command's options.");
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Parses a command's flags strictly; a bad flag is a usage error that shows the usage line. */
function parseFlags(args: string[], spec: CommandSpec<OptionSpecs>) {
  try {
    return parseArgs({ args, options: { ...GLOBAL_OPTIONS, ...spec.options }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\nUsage: ${spec.usage}`);
  }
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const json = rest.includes('--json');
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    printHelp();
    return name ? 0 : 2;
  }
  const spec = COMMANDS[name];
  if (!spec) {
    reportError(new UsageError(`Unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}`), json);
    return 2;
  }
  try {
    const parsed = parseFlags(rest, spec);
    if (parsed.values.help) {
      process.stdout.write(`${spec.summary}\nUsage: ${spec.usage}\n`);
      return 0;
    }
    if (typeof parsed.values.index === 'string') checkIndexFlag(parsed.values.index, name === 'ingest');
    const ctx = createContext(json);
    // parseArgs types values from a literal config; the spec's own options were declared with
    // defineCommand, whose Values type is exactly what strict parsing of those options yields.
    await spec.run({ values: parsed.values as Values<typeof spec.options>, positionals: parsed.positionals, ctx });
    return 0;
  } catch (err) {
    reportError(err, json);
    return exitCodeFor(err);
  }
}

const code = await main(process.argv.slice(2));
// `serve` keeps the process alive on its own; everything else ends here.
if (process.argv[2] !== 'serve' || code !== 0) process.exitCode = code;
