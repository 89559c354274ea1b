/** Schemas of `GET /healthz` and `GET /v1/status`. */
import { z } from 'zod';
import { named } from './common.js';

export const embedderInfoSchema = z.object({
  kind: z.enum(['builtin', 'transformers', 'openai']),
  model: z.string(),
  dimension: z.number(),
  id: z.string(),
});

export const statusSchema = named(
  'WorkspaceStatus',
  z.object({
    ready: z.boolean(),
    generation: z.string().nullable(),
    documents: z.number(),
    chunks: z.number(),
    embedder: embedderInfoSchema.nullable(),
    llm: z.object({ configured: z.boolean(), model: z.string().nullable() }),
    ingesting: z.boolean(),
    uploadsPending: z.number().describe('Uploads accepted and not yet indexed or failed'),
  }),
);
