/** The CLI's command table. */
import type { CommandSpec, OptionSpecs } from '../command.js';
import { alignCommand } from './align.js';
import { askCommand } from './ask.js';
import { docsCommand } from './docs.js';
import { evalCommand } from './eval.js';
import { ingestCommand } from './ingest.js';
import { obligationsCommand } from './obligations.js';
import { searchCommand } from './search.js';
import { serveCommand } from './serve.js';

export const COMMANDS: Record<string, CommandSpec<OptionSpecs>> = {
  ingest: ingestCommand,
  docs: docsCommand,
  search: searchCommand,
  ask: askCommand,
  eval: evalCommand,
  obligations: obligationsCommand,
  align: alignCommand,
  serve: serveCommand,
};
