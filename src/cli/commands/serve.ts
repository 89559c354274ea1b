/** `policy serve`: the HTTP API and browser UI (what `npm start` runs). */
import { intFlag, configFromFlags, defineCommand } from '../command.js';
import { loadConfig } from '../../core/config.js';

export const serveCommand = defineCommand({
  summary: 'Serve the HTTP API and browser UI (builds the index from corpus/ when none exists)',
  usage: 'policy serve [--host HOST] [--port PORT] [--index DIR] [--embedder KIND]',
  options: { host: { type: 'string' }, port: { type: 'string' } },
  async run({ values }) {
    const base = configFromFlags(values);
    const config = loadConfig(process.env, {
      ...base,
      host: values.host ?? base.host,
      port: intFlag(values.port, 'port', base.port),
    });
    // fastify and its plugins load only for this command, not for every CLI call.
    const { startServer } = await import('../../api/server.js');
    await startServer(config);
  },
});
