/** `POST /v1/search` (retrieved clauses) and `POST /v1/ask` (a short answer with verbatim citations). */
import { z } from 'zod';
import { REQUESTED_MODES } from '../../answer/types.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { abortOnDisconnect } from '../sse.js';
import { docIdSchema, errorSchema, questionSchema } from '../schemas/common.js';
import { answerSchema, searchHitSchema } from '../schemas/query.js';

const docIds = z.array(docIdSchema).max(50).optional().describe('Restrict to these documents');
const errors = { 400: errorSchema, 404: errorSchema, 503: errorSchema };
/** `POST /v1/ask` may also fail with the LLM codes (rate limited, unavailable or bad response, timeout). */
const askErrors = { ...errors, 429: errorSchema, 502: errorSchema, 504: errorSchema };

export const searchBodySchema = z.object({
  query: questionSchema.describe('What to look for, e.g. 水土保持率'),
  k: z.number().int().min(1).max(50).optional().describe('Number of hits (default 10)'),
  docIds,
  level: z.enum(['省', '市', '县', '区']).optional(),
  region: z.string().trim().min(1).max(50).optional().describe('Province, city or county name, e.g. 宁武县'),
  mode: z.enum(['hybrid', 'lexical', 'dense']).optional(),
});

export const askBodySchema = z.object({
  question: questionSchema.describe('A question in Chinese, e.g. 谁牵头召开协调会议？'),
  docIds,
  mode: z
    .enum(REQUESTED_MODES)
    .optional()
    .describe('`auto` (default): the LLM when one is configured, the extractive answer if it fails; `llm`: fail with LLM_* codes instead'),
});

/** Search and ask routes (mounted under /v1). */
export const queryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/search',
    {
      schema: {
        summary: 'Hybrid search over clauses; hits carry original-text offsets and scores',
        tags: ['questions'],
        body: searchBodySchema,
        response: { 200: z.object({ query: z.string(), hits: z.array(searchHitSchema) }), ...errors },
      },
    },
    async (request) => {
      const { query, ...options } = request.body;
      const hits = await app.workspace.search(query, options);
      return { query, hits };
    },
  );

  app.post(
    '/ask',
    {
      schema: {
        summary: 'A short answer with verbatim clause citations, or an abstention',
        tags: ['questions'],
        body: askBodySchema,
        response: { 200: answerSchema, ...askErrors },
      },
    },
    async (request, reply) => {
      const { question, docIds: ids, mode } = request.body;
      return app.workspace.ask(question, { docIds: ids, mode, signal: abortOnDisconnect(reply) });
    },
  );
};
