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
  405: 'METHOD_NOT_ALLOWED',
  406: 'BAD_REQUEST',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'PARAM_TOO_LONG',
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
    case 'FST_ERR_BAD_URL':
      return new AppError('URL_INVALID', 'The URL is not valid: a path segment has a bad percent-encoding');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError('PARAM_TOO_LONG', 'A path parameter (a document id) is longer than the limit');
    case 'FST_ERR_ASYNC_CONSTRAINT':
      return new AppError('BAD_REQUEST', 'The request matches no route constraint');
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

/** Length of a percent-encoded path segment once decoded (its raw length when it does not decode). */
function decodedLength(segment: string): number {
  try {
    return decodeURIComponent(segment).length;
  } catch {
    return segment.length;
  }
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * The methods other routes accept at `path` (for 405 and its `Allow` header). Wildcard routes
 * (the static files under `/*`) do not count: a POST to an unknown path stays a 404.
 */
export function allowedMethods(app: FastifyInstance, method: string, path: string): string[] {
  return METHODS.filter((m) => {
    if (m === method) return false;
    const found = app.findRoute({ method: m, url: path });
    return !!found && !Object.hasOwn(found.params ?? {}, '*');
  });
}

/**
 * Installs the error handler and the 404/405 handler on `app`. Call it on the root instance
 * before registering routes so every child context inherits it. Framework errors raised
 * before routing (bad percent-encoding, a path parameter over the limit) are shaped here too:
 * pass {@link frameworkErrorHandler} as fastify's `frameworkErrors` option.
 */
export function installErrorHandlers(app: FastifyInstance, maxParamLength = Number.POSITIVE_INFINITY): void {
  app.setErrorHandler((err, request, reply) => sendError(err, request, reply));
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    // A segment over the router's limit falls through to the static wildcard and lands here.
    if (path.split('/').some((seg) => decodedLength(seg) > maxParamLength)) {
      return sendError(
        new AppError('PARAM_TOO_LONG', `A path segment is longer than ${maxParamLength} characters (a document id has at most 255)`),
        request,
        reply,
      );
    }
    const allow = allowedMethods(app, request.method, path);
    if (allow.length) {
      reply.header('allow', allow.join(', '));
      return sendError(new AppError('METHOD_NOT_ALLOWED', `${request.method} is not accepted here; use ${allow.join(' or ')}`), request, reply);
    }
    return sendError(new AppError('NOT_FOUND', `No route ${request.method} ${path.slice(0, 200)}`), request, reply);
  });
}

/**
 * fastify's `clientErrorHandler` option: a request node's HTTP parser rejects (garbage, headers
 * too large) never reaches fastify, so its answer is written here — in the one shape too.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: import('node:net').Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const appError = tooLarge
    ? new AppError('PAYLOAD_TOO_LARGE', 'The request headers are too large')
    : new AppError('BAD_REQUEST', 'The request is not valid HTTP');
  const body = JSON.stringify(appError.toJSON());
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
  socket.end(
    `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** fastify's `frameworkErrors` option: errors raised before a route is found, in the one shape. */
export function frameworkErrorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  sendError(err, request, reply);
}
