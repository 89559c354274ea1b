/** Schemas of chat sessions. */
import { z } from 'zod';
import { named } from './common.js';
import { answerSchema, questionKind } from './query.js';

export const chatSessionSchema = named(
  'ChatSession',
  z.object({
    id: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    turns: z.array(z.object({ role: z.enum(['user', 'assistant']), text: z.string(), at: z.string(), answer: answerSchema.optional() })),
    context: z.object({
      docIds: z.array(z.string()),
      topic: z.string(),
      kind: questionKind.nullable(),
      lastQuestion: z.string().nullable(),
      previousQuestion: z.string().nullable().optional(),
      lastAnswer: z.string().nullable().optional(),
    }),
  }),
);
