/**
 * Schemas every resource shares: the error shape, document ids, questions, and the helper that
 * registers a schema as a named OpenAPI component.
 */
import { z } from 'zod';
import { ERRORS, type ErrorCode } from '../../core/errors.js';
import { MAX_QUESTION_CHARS } from '../../workspace/workspace.js';

/** Registers `schema` as an OpenAPI component named `id` (once per process). */
export function named<T extends z.ZodType>(id: string, schema: T): T {
  if (!z.globalRegistry.has(schema)) z.globalRegistry.add(schema, { id });
  return schema;
}

/** The stable error codes of `src/errors.ts`. */
export const errorCodeSchema = z.enum(Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]]);

export const errorSchema = named(
  'Error',
  z.object({
    code: errorCodeSchema.describe('Stable error code, e.g. DOC_NOT_FOUND'),
    message: z.string().describe('What went wrong, for a person'),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
);

export const adminLevel = z.enum(['省', '市', '县', '区']);

/** Document ids are file names: bounded, no path separators. */
export const docIdSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^/\\]+$/, 'must be a document id (a file name), not a path')
  .describe('Document id (its file name), e.g. 004_01ad0f74c71dd3d5.txt');

/** A question or query: trimmed, non-empty, at most MAX_QUESTION_CHARS. */
export const questionSchema = z.string().trim().min(1).max(MAX_QUESTION_CHARS);
