/** Schemas of the upload queue: a job and its status (accepted → indexing → indexed | failed). */
import { z } from 'zod';
import { errorCodeSchema, named } from './common.js';
import { ingestResultSchema } from './documents.js';

export const uploadJobSchema = named(
  'UploadJob',
  z.object({
    id: z.string().describe('Job id: GET /v1/uploads/{id}'),
    docId: z.string().describe('The document id the upload is stored and indexed under'),
    format: z.string().describe('What the bytes are (txt, md, html, docx, doc, wps, xls, pdf, ofd, image)'),
    bytes: z.number(),
    sha256: z.string(),
    replace: z.boolean().describe('Replacement of an existing document was asked for'),
    status: z.enum(['accepted', 'indexing', 'indexed', 'failed']),
    acceptedAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    result: ingestResultSchema.nullable(),
    error: z.object({ code: errorCodeSchema, message: z.string() }).nullable().describe('Why it failed'),
    progress: z
      .object({
        stage: z
          .enum(['read', 'page', 'ocr', 'embed', 'write'])
          .describe('read the file, read its pages (PDF, OFD), OCR its scanned pages, embed, write the index'),
        done: z.number().int().describe('Done in this stage: pages (page, ocr), chunks (embed)'),
        total: z.number().int().describe('How many in this stage (ocr: the scanned pages found so far)'),
        page: z.number().int().optional().describe('page, ocr: pages of the file read so far'),
        pages: z.number().int().optional().describe('page, ocr: pages of the file'),
      })
      .optional()
      .describe('While indexing: how far the ingest has got'),
  }),
);
