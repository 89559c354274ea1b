/**
 * Reading a multipart upload: exactly one file (field `file`) plus a few text fields. The size
 * limit is enforced while streaming by @fastify/multipart (config.maxUploadBytes), and the type
 * is decided from the bytes by {@link sniffUpload}, never from the client's name or MIME type.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.js';
import { sniffUpload, type SniffResult } from './sniff.js';

export interface Upload extends SniffResult {
  bytes: Buffer;
  /** Text fields sent with the file (e.g. `parent`). */
  fields: Record<string, string>;
}

/** Reads the upload of `request`; throws BAD_REQUEST without a file, FILE_* when it is not a document. */
export async function readUpload(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) {
    throw new AppError('FILE_UNSUPPORTED', 'Send the file as multipart/form-data in a field named `file`');
  }
  const fields: Record<string, string> = {};
  let file: { bytes: Buffer; filename: string } | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        // Always drain the stream, or the request never completes.
        const bytes = await part.toBuffer();
        if (part.fieldname === 'file' && !file) file = { bytes, filename: part.filename };
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    // Limits and plugin errors carry a status; the multipart parser's own errors are plain
    // Errors ("Unexpected end of multipart data") about a malformed request.
    if (err instanceof AppError || typeof (err as { statusCode?: unknown }).statusCode === 'number') throw err;
    throw new AppError('BAD_REQUEST', 'The multipart upload is malformed or incomplete', { cause: err });
  }
  if (!file) throw new AppError('BAD_REQUEST', 'The upload has no file: send it in a multipart field named `file`');
  return { ...sniffUpload(file.bytes, file.filename), bytes: file.bytes, fields };
}
