/**
 * Documents: list, detail (metadata, clause tree, cited parents), one page of a paged source,
 * obligation register (JSON or CSV), upload, delete, and re-index. The three write routes need write access
 * (see `auth.ts`), checked before the body is read.
 */
import { basename } from 'node:path';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { toReportingCalendar } from '../../analysis/index.js';
import type { IngestResult } from '../../indexing/pipeline.js';
import { AppError } from '../../core/errors.js';
import { requireWriteAccess } from '../auth.js';
import { buildRegister, registerToCsv } from '../obligation-register.js';
import { readUpload } from '../upload.js';
import { docIdSchema, errorSchema } from '../schemas/common.js';
import { documentDetailSchema, documentPageSchema, documentSummarySchema, ingestResultSchema, obligationRegisterSchema } from '../schemas/documents.js';
import { uploadJobSchema } from '../schemas/uploads.js';
import { publicJob } from './uploads.js';

const idParams = z.object({ id: docIdSchema });
const errors = { 400: errorSchema, 404: errorSchema };
const writeErrors = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  409: errorSchema,
  413: errorSchema,
  415: errorSchema,
  422: errorSchema,
  503: errorSchema,
};
const flag = z.enum(['true', 'false', '1', '0']).optional();
const isTrue = (v: string | undefined) => v === 'true' || v === '1';

/** Ingest results name files by their server path; a client only needs the file name. */
function publicResult(result: IngestResult): IngestResult {
  return { ...result, problems: result.problems.map((p) => ({ ...p, file: basename(p.file) })) };
}

/** `filename*=` form of Content-Disposition, so Chinese file names survive. */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Document routes (mounted under /v1). */
export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  const writeAccess = requireWriteAccess(app.appConfig);

  app.get(
    '/documents',
    {
      schema: {
        summary: 'The documents in the index with metadata and parents',
        tags: ['documents'],
        response: { 200: z.object({ documents: z.array(documentSummarySchema) }) },
      },
    },
    async () => ({ documents: app.workspace.listDocuments() }),
  );

  app.get(
    '/documents/:id',
    {
      schema: {
        summary: 'One document: metadata, clause tree, tables, cited parents and its texts',
        tags: ['documents'],
        params: idParams,
        response: { 200: documentDetailSchema, ...errors },
      },
    },
    async (request) => app.workspace.getDocument(request.params.id),
  );

  app.get(
    '/documents/:id/pages/:page',
    {
      schema: {
        summary: 'One page of a paged document (PDF, OFD, scan): its text and its offsets into the original text',
        description:
          'A citation with `page` n lies on `GET /v1/documents/{id}/pages/{n}`: its quote is `text.slice(citation.start - start, citation.end - start)` ' +
          '(a quote running onto the next page continues there). Documents without pages (text, HTML, .docx) answer 422 DOC_NOT_PAGED; a page the document does not have, 404 PAGE_NOT_FOUND.',
        tags: ['documents'],
        params: z.object({ id: docIdSchema, page: z.coerce.number().int().min(1).max(1_000_000).describe('The page, 1-based') }),
        response: { 200: documentPageSchema, ...errors, 422: errorSchema },
      },
    },
    async (request) => app.workspace.getPage(request.params.id, request.params.page),
  );

  app.get(
    '/documents/:id/obligations',
    {
      schema: {
        summary: 'The obligation register (任务分工表) of a document with its reporting calendar, as JSON, or the register as CSV (UTF-8 with BOM, for Excel)',
        tags: ['documents'],
        params: idParams,
        querystring: z.object({ format: z.enum(['json', 'csv']).default('json') }),
        response: {
          200: z.union([obligationRegisterSchema, z.string().describe('CSV (text/csv) when format=csv')]),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const obligations = app.workspace.obligations(id);
      const register = buildRegister(obligations);
      if (request.query.format === 'csv') {
        const stem = id.replace(/\.[^.]+$/, '');
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', attachmentHeader(`${stem}-任务分工表.csv`))
          .send(registerToCsv(register));
      }
      return { docId: id, ...register, calendar: toReportingCalendar(obligations) };
    },
  );

  app.post(
    '/documents',
    {
      onRequest: writeAccess,
      schema: {
        summary:
          'Upload a document (.txt, .md, .html, .docx, .doc, .wps, .xls, .pdf, .ofd, or a .png/.jpg/.tif scan; type detected from the bytes) and ingest it',
        description:
          'multipart/form-data with the file in field `file`. Needs `Authorization: Bearer <token>` unless the server is bound to loopback without a token. ' +
          'The upload is queued and ingested in a worker: by default the reply waits for it (201 with the result); with `wait=false` it is 202 with the job to poll at `GET /v1/uploads/{id}`. ' +
          'An id that is already a document (a corpus file or an earlier upload) with other content is refused with 409 DOC_EXISTS unless `replace=true` (query or form field).',
        tags: ['documents'],
        consumes: ['multipart/form-data'],
        security: [{ bearer: [] }],
        querystring: z.object({
          replace: flag.describe('Replace a document of the same id'),
          wait: flag.describe('Wait for the ingest (default true); false answers 202 with the job'),
        }),
        body: z.object({ file: z.unknown().describe('The document file') }).nullish(),
        response: {
          201: z.object({ id: z.string(), format: z.string(), job: uploadJobSchema, result: ingestResultSchema }),
          202: z.object({ id: z.string(), format: z.string(), job: uploadJobSchema }),
          ...writeErrors,
        },
      },
    },
    async (request, reply) => {
      const upload = await readUpload(request);
      const replace = isTrue(request.query.replace) || isTrue(upload.fields.replace);
      const submitted = app.workspace.submitUpload(upload.name, upload.bytes, { replace, format: upload.format });
      if (request.query.wait === 'false' || request.query.wait === '0') {
        return reply
          .code(202)
          .header('location', `/v1/uploads/${submitted.job.id}`)
          .send({ id: submitted.job.docId, format: upload.format, job: submitted.job });
      }
      const job = await submitted.done;
      if (job.status === 'failed' || !job.result) {
        const e = job.error ?? { code: 'INTERNAL' as const, message: 'The upload failed' };
        throw new AppError(e.code, e.message);
      }
      return reply.code(201).send({ id: job.docId, format: upload.format, job: publicJob(job), result: publicResult(job.result) });
    },
  );

  app.delete(
    '/documents/:id',
    {
      onRequest: writeAccess,
      schema: {
        summary: 'Remove a document from the index',
        tags: ['documents'],
        security: [{ bearer: [] }],
        params: idParams,
        response: { 200: z.object({ id: z.string(), result: ingestResultSchema }), ...errors, ...writeErrors },
      },
    },
    async (request) => {
      const result = await app.workspace.removeDocument(request.params.id);
      return { id: request.params.id, result: publicResult(result) };
    },
  );

  app.post(
    '/reindex',
    {
      onRequest: writeAccess,
      schema: {
        summary: 'Re-ingest the corpus folder (incremental: unchanged files are skipped)',
        tags: ['documents'],
        security: [{ bearer: [] }],
        response: { 200: ingestResultSchema, ...writeErrors },
      },
    },
    async () => publicResult(await app.workspace.ingest()),
  );
};
