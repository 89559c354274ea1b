/**
 * The one error table. Every error the product raises on purpose is an AppError with a
 * stable `code`; the HTTP layer maps `statusCode` and the CLI maps it to an exit code.
 * Messages are written for the person who hit them; 5xx messages never reach a client.
 */

export const ERRORS = {
  // Input files and ingest
  FILE_NOT_FOUND: { status: 404, message: 'File not found' },
  FILE_EMPTY: { status: 400, message: 'The file is empty' },
  FILE_BINARY: { status: 415, message: 'The file looks binary, not a text, HTML or .docx document' },
  FILE_UNDECODABLE: { status: 422, message: 'The file could not be decoded as UTF-8 or GB18030' },
  FILE_TOO_LARGE: { status: 413, message: 'The file is larger than the configured limit' },
  FILE_UNSUPPORTED: { status: 415, message: 'Unsupported file type' },
  FILE_DUPLICATE: { status: 409, message: 'The same content is already ingested under another name' },
  DOCX_INVALID: { status: 422, message: 'The .docx file could not be read' },
  NO_TEXT: { status: 422, message: 'No document text was found in the file' },
  // Index
  INDEX_NOT_FOUND: { status: 503, message: 'No index has been built yet; run `policy ingest`' },
  INDEX_CORRUPT: { status: 500, message: 'The index on disk is damaged; re-run `policy ingest`' },
  INDEX_LOCKED: { status: 409, message: 'Another ingest is running on this index' },
  EMBEDDER_MISMATCH: { status: 409, message: 'The index was built with a different embedder; re-ingest with this one' },
  // Embedders
  EMBEDDER_UNKNOWN: { status: 400, message: 'Unknown embedder' },
  MODEL_FILE_MISSING: { status: 500, message: 'A model file is missing' },
  EMBEDDING_FAILED: { status: 502, message: 'The embedding endpoint failed' },
  // Queries and documents
  BAD_REQUEST: { status: 400, message: 'Bad request' },
  QUERY_EMPTY: { status: 400, message: 'The question is empty' },
  QUERY_TOO_LONG: { status: 400, message: 'The question is too long' },
  DOC_NOT_FOUND: { status: 404, message: 'No document with that id in the index' },
  SESSION_NOT_FOUND: { status: 404, message: 'No chat session with that id' },
  GOLD_INVALID: { status: 400, message: 'The gold file is not valid' },
  // LLM
  LLM_NOT_CONFIGURED: { status: 400, message: 'No LLM endpoint is configured' },
  LLM_RATE_LIMITED: { status: 429, message: 'The LLM endpoint is rate limiting requests' },
  LLM_TIMEOUT: { status: 504, message: 'The LLM endpoint did not answer in time' },
  LLM_UNAVAILABLE: { status: 502, message: 'The LLM endpoint is unavailable' },
  LLM_BAD_RESPONSE: { status: 502, message: 'The LLM endpoint returned an unusable response' },
  // Alignment
  PARENT_NOT_FOUND: { status: 404, message: 'No parent document was found for this document' },
  // HTTP
  UNAUTHORIZED: { status: 401, message: 'A valid bearer token is required' },
  FORBIDDEN: { status: 403, message: 'Write routes are disabled: set POLICY_API_TOKEN or bind to loopback' },
  RATE_LIMITED: { status: 429, message: 'Too many requests' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large' },
  NOT_FOUND: { status: 404, message: 'Not found' },
  CONFIG_INVALID: { status: 500, message: 'The configuration is invalid' },
  INTERNAL: { status: 500, message: 'Internal error' },
  // Paged and legacy formats (PDF, scans, .doc/.wps/.xls, OFD) and their limits
  PDF_INVALID: { status: 422, message: 'The PDF file could not be read' },
  PDF_ENCRYPTED: { status: 422, message: 'The PDF is password-protected; save an unprotected copy' },
  DOC_INVALID: { status: 422, message: 'The Word 97 (.doc) file could not be read' },
  OFD_INVALID: { status: 422, message: 'The OFD file could not be read' },
  IMAGE_INVALID: { status: 422, message: 'The image could not be read' },
  FILE_TOO_COMPLEX: { status: 413, message: 'The file expands beyond the configured limits (entries, decompressed size, compression ratio or pixels)' },
  TOO_MANY_PAGES: { status: 413, message: 'The document has more pages than the configured limit' },
  TEXT_TOO_LONG: { status: 413, message: 'The extracted text is longer than the configured limit' },
  OCR_TOO_MANY_PAGES: { status: 413, message: 'The document has more scanned pages than the OCR limit' },
  OCR_TIMEOUT: { status: 422, message: 'OCR of a page took longer than the configured limit' },
  OCR_FAILED: { status: 422, message: 'OCR of the scanned page failed' },
  // A program this server lacks for this one file: 422 with its message (naming the packages), not a
  // 5xx whose message is hidden — the client must learn why its file was refused; other files still work.
  OCR_UNAVAILABLE: { status: 422, message: 'Scanned pages need the OCR engine: apt-get install tesseract-ocr tesseract-ocr-chi-sim' },
  CONVERTER_UNAVAILABLE: { status: 422, message: '.wps and .xls files need LibreOffice: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui' },
  CONVERSION_FAILED: { status: 422, message: 'LibreOffice could not convert the file' },
  // Hostile input and a busy server (uploads, queue, time budgets, request checks)
  LINE_TOO_LONG: { status: 413, message: 'A line of the document is longer than the configured limit' },
  ALIGN_INPUT_TOO_LARGE: { status: 413, message: 'The document is too long to align; the limit is set by POLICY_MAX_ALIGN_CHARS' },
  WORK_TIMEOUT: { status: 422, message: 'Processing the document took longer than the configured time budget' },
  SERVER_BUSY: { status: 503, message: 'The server is busy with other documents; try again shortly' },
  DOC_EXISTS: { status: 409, message: 'A document with this id already exists; ask for replacement explicitly to replace it' },
  UPLOAD_NOT_FOUND: { status: 404, message: 'No upload with that id' },
  UPLOAD_INTERRUPTED: { status: 500, message: 'The server stopped while the upload was waiting and its file is gone; upload it again' },
  ORIGIN_NOT_ALLOWED: { status: 403, message: "Requests that change data are only accepted from this server's own pages or a configured origin" },
  HOST_NOT_ALLOWED: { status: 403, message: 'The Host header names a host this server does not answer for' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'This route does not accept that method' },
  URL_INVALID: { status: 400, message: 'The URL is not valid (bad percent-encoding)' },
  PARAM_TOO_LONG: { status: 414, message: 'A path parameter is longer than the limit' },
  PORT_IN_USE: { status: 409, message: 'The port is already in use by another program' },
  NOT_AN_INDEX: { status: 400, message: 'The folder is not an index' },
  // Pages of paged sources (PDF, OFD, scans)
  PAGE_NOT_FOUND: { status: 404, message: 'The document has no page with that number' },
  DOC_NOT_PAGED: { status: 422, message: 'The document has no pages (only PDF, OFD and scanned images do)' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** An error with a stable code from {@link ERRORS}, an HTTP status and an optional cause. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message?: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(message ?? ERRORS[code].message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.statusCode = ERRORS[code].status;
    this.details = options.details;
  }

  /** The body a client may see: 5xx errors stay generic. */
  toJSON(): { code: ErrorCode; message: string; details?: Record<string, unknown> } {
    if (this.statusCode >= 500) return { code: this.code, message: ERRORS[this.code].message };
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

/** True when `err` is an AppError (optionally with the given code). */
export function isAppError(err: unknown, code?: ErrorCode): err is AppError {
  return err instanceof AppError && (code === undefined || err.code === code);
}
