/** `GET /healthz`: is the index loaded, with which embedder, and is an LLM configured. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { statusSchema } from '../schemas/status.js';

/** Health and status routes. */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/healthz',
    {
      schema: {
        summary: 'Index status: documents, chunks, embedder, LLM',
        tags: ['status'],
        response: { 200: statusSchema },
      },
    },
    async () => app.workspace.status(),
  );
};
