/**
 * Alignment of a child document (an indexed id, or an uploaded file read without indexing it)
 * against its parent: `POST /v1/align` returns the AlignmentReport (or its HTML with
 * `?format=html`), `GET /v1/align/report` renders the report of two indexed documents as HTML
 * (or JSON with `format=json`), for viewing or download.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import type { AlignmentReport } from '../../analysis/alignment/types.js';
import { AppError } from '../../core/errors.js';
import { alignmentLabels } from '../../analysis/alignment/kinds.js';
import { renderAlignmentHtml, REPORT_STYLE } from '../../analysis/alignment/render.js';
import { checkWriteAccess } from '../auth.js';
import { abortOnDisconnect } from '../sse.js';
import { readUpload } from '../upload.js';
import { alignmentLabelsSchema, alignmentReportSchema } from '../schemas/align.js';
import { docIdSchema, errorSchema } from '../schemas/common.js';
import { attachmentHeader } from './documents.js';

const errors = { 400: errorSchema, 404: errorSchema, 413: errorSchema, 415: errorSchema, 422: errorSchema, 503: errorSchema };
const uploadErrors = { 401: errorSchema, 403: errorSchema };
const formatQuery = z.object({ format: z.enum(['json', 'html']).default('json') });

/** The report page has one inline stylesheet and no script: allow exactly that stylesheet. */
const REPORT_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(REPORT_STYLE).digest('base64')}'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'`;

function reportFileStem(report: AlignmentReport): string {
  return `对照报告-${report.child.id.replace(/\.[^.]+$/, '')}-${report.parent.id.replace(/\.[^.]+$/, '')}`;
}

/** Sends the report as HTML (with its own CSP) or JSON, optionally as a download. */
function sendReport(reply: FastifyReply, report: AlignmentReport, format: 'json' | 'html', download: boolean): FastifyReply {
  if (format === 'html') {
    reply.type('text/html; charset=utf-8').header('content-security-policy', REPORT_CSP);
    if (download) reply.header('content-disposition', attachmentHeader(`${reportFileStem(report)}.html`));
    return reply.send(renderAlignmentHtml(report));
  }
  if (download) reply.header('content-disposition', attachmentHeader(`${reportFileStem(report)}.json`));
  return reply.send(report);
}

/** Alignment routes (mounted under /v1). */
export const alignRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/align',
    {
      // An uploaded child is a file the server stores and parses: it follows the document-write
      // rule (token, or loopback), checked before the body is read. Ids alone only read the index.
      onRequest: async (request) => {
        if (/^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '')) checkWriteAccess(app.appConfig, request.headers.authorization);
      },
      schema: {
        summary: 'Align a child document against its parent (found in the index when not given)',
        description:
          'JSON `{ child, parent? }` with document ids, or multipart/form-data with the child file in field `file` and an optional `parent` id field (the file is read, not indexed; an upload needs write access like document uploads). `?format=html` returns the rendered report. Alignment runs in a worker with a time budget (WORK_TIMEOUT); a side longer than POLICY_MAX_ALIGN_CHARS is refused (ALIGN_INPUT_TOO_LARGE).',
        tags: ['alignment'],
        consumes: ['application/json', 'multipart/form-data'],
        querystring: formatQuery,
        body: z.object({ child: docIdSchema, parent: docIdSchema.optional() }).nullish(),
        security: [{}, { bearer: [] }],
        response: { 200: z.union([alignmentReportSchema, z.string().describe('text/html with format=html')]), ...errors, ...uploadErrors },
      },
    },
    async (request, reply) => {
      let report: AlignmentReport;
      const signal = abortOnDisconnect(reply);
      if (request.isMultipart()) {
        const upload = await readUpload(request);
        const parent = upload.fields.parent?.trim() || undefined;
        if (parent !== undefined && !docIdSchema.safeParse(parent).success) throw new AppError('BAD_REQUEST', 'Invalid body.parent: must be a document id');
        report = await app.workspace.align({ name: upload.name, bytes: upload.bytes }, parent, { signal });
      } else {
        if (!request.body) throw new AppError('BAD_REQUEST', 'Send `{ "child": "<document id>" }` as JSON, or a multipart upload with the child file');
        report = await app.workspace.align(request.body.child, request.body.parent, { signal });
      }
      return sendReport(reply, report, request.query.format, false);
    },
  );

  app.get(
    '/align/labels',
    {
      schema: {
        summary: 'Names of finding kinds, severities and parent sources, as reports show them',
        tags: ['alignment'],
        response: { 200: alignmentLabelsSchema },
      },
    },
    async () => alignmentLabels(),
  );

  app.get(
    '/align/report',
    {
      schema: {
        summary: 'The alignment report of two indexed documents, as an HTML page (default) or JSON',
        tags: ['alignment'],
        querystring: z.object({
          child: docIdSchema,
          parent: docIdSchema.optional(),
          format: z.enum(['html', 'json']).default('html'),
          download: z.enum(['0', '1', 'true', 'false']).optional().describe('Send as an attachment'),
        }),
        response: { 200: z.union([z.string().describe('text/html'), alignmentReportSchema]), ...errors },
      },
    },
    async (request, reply) => {
      const { child, parent, format, download } = request.query;
      const report = await app.workspace.align(child, parent, { signal: abortOnDisconnect(reply) });
      return sendReport(reply, report, format, download === '1' || download === 'true');
    },
  );
};
