/**
 * The one place HTTP errors are shaped. Every failure leaves the server as `{ code, message }`
 * with a stable code from `src/errors.ts`: AppErrors keep their own code and status, fastify's
 * own errors (bad JSON, body too large, validation, multipart limits, rate limit) are
 * translated to the closest code, and anything unexpected becomes a generic 500 `INTERNAL` —
 * the details go to the log, never to the client, and no stack trace is ever sent.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERRORS, type ErrorCode } from '../core/errors.js';

/** What a client sees for any error. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** Body fields that carry a question: their length problems get the question codes. */
const QUESTION_FIELDS = new Set(['question', 'message', 'query']);

/** Status codes fastify and its plugins raise, mapped to our codes when nothing better is known. */
const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  406: 'BAD_REQUEST',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'FILE_UNSUPPORTED',
  429: 'RATE_LIMITED',
};

interface ValidationIssue {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** `body.question: Too big…` style description of the first validation issue. */
function describeIssue(context: string | undefined, issue: ValidationIssue): { field: string; text: string } {
  const path = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const field = path ? `${context ?? 'body'}.${path}` : (context ?? 'body');
  return { field, text: issue.message ?? 'is invalid' };
}

/** Translates a request validation error (zod via the type provider, or fastify's own). */
function validationError(err: FastifyError): AppError {
  const issues = (err.validation ?? []) as ValidationIssue[];
  const context = (err as { validationContext?: string }).validationContext;
  const first = issues[0] ?? {};
  const { field, text } = describeIssue(context, first);
  const leaf = (first.instancePath ?? '').split('/').pop() ?? '';
  if (context === 'body' && QUESTION_FIELDS.has(leaf)) {
    const limit = first.params?.maximum;
    if (first.keyword === 'too_big') {
      return new AppError('QUERY_TOO_LONG', `The ${leaf} is too long${limit !== undefined ? `; the limit is ${String(limit)} characters` : ''}`, {
        details: { field },
      });
    }
    if (first.keyword === 'too_small') return new AppError('QUERY_EMPTY', `The ${leaf} is empty`, { details: { field } });
  }
  if (!hasZodFastifySchemaValidationErrors(err) && !issues.length) return new AppError('BAD_REQUEST', 'The request is not valid');
  return new AppError('BAD_REQUEST', `Invalid ${field}: ${text}`, { details: { field } });
}

/** Maps any thrown value to an AppError a client may see. Unknown errors become INTERNAL. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as FastifyError & { statusCode?: number; code?: string };
  if (e && Array.isArray(e.validation)) return validationError(e);
  switch (e?.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('BAD_REQUEST', 'The request body is not valid JSON');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('BAD_REQUEST', 'The request body is empty but declared as JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('FILE_UNSUPPORTED', 'Unsupported content type: send JSON (application/json) or a multipart/form-data upload');
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('FILE_TOO_LARGE', 'The uploaded file is larger than the configured limit');
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new AppError('PAYLOAD_TOO_LARGE', 'The upload has too many parts: send one file (field `file`) and at most a few fields');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('BAD_REQUEST', 'The request is not multipart/form-data');
    case 'FST_PROTO_VIOLATION':
      return new AppError('BAD_REQUEST', 'A form field name is not allowed');
    case 'FST_MP_PREMATURE_CLOSE':
      return new AppError('BAD_REQUEST', 'The upload was interrupted');
    default:
      break;
  }
  if (e && typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const code = STATUS_CODES[e.statusCode] ?? 'BAD_REQUEST';
    return new AppError(code, ERRORS[code].message);
  }
  return new AppError('INTERNAL', ERRORS.INTERNAL.message, { cause: err });
}

/** The JSON body for an error: 5xx bodies are always generic. */
export function errorBody(err: unknown): ErrorBody {
  return toAppError(err).toJSON();
}

/** Sends `err` as `{ code, message }` with its status; logs 5xx with the original error. */
export function sendError(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const appError = toAppError(err);
  if (appError.statusCode >= 500) request.log.error({ err, code: appError.code }, 'request failed');
  else request.log.info({ code: appError.code, message: appError.message }, 'request refused');
  return reply.code(appError.statusCode).type('application/json; charset=utf-8').send(appError.toJSON());
}

/**
 * Installs the error handler and the 404 handler on `app`. Call it on the root instance
 * before registering routes so every child context inherits it.
 */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => sendError(err, request, reply));
  app.setNotFoundHandler((request, reply) =>
    sendError(new AppError('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0].slice(0, 200)}`), request, reply),
  );
}
