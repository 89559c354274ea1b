/**
 * The upload queue: `GET /v1/uploads` (recent jobs, newest first) and `GET /v1/uploads/:id`
 * (one job: accepted → indexing → indexed, or failed with a stable code). Jobs survive a
 * restart of the server; uploads it had not finished are ingested when it starts again.
 */
import { basename } from 'node:path';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { UploadJob } from '../../workspace/types.js';
import { errorSchema } from '../schemas/common.js';
import { uploadJobSchema } from '../schemas/uploads.js';

/** A job as a client sees it: problems name files, not server paths. */
export function publicJob(job: UploadJob): UploadJob {
  if (!job.result) return job;
  return { ...job, result: { ...job.result, problems: job.result.problems.map((p) => ({ ...p, file: basename(p.file) })) } };
}

/** Upload queue routes (mounted under /v1). */
export const uploadRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/uploads',
    {
      schema: {
        summary: 'Recent uploads and their status (accepted, indexing, indexed, failed with a code)',
        tags: ['documents'],
        querystring: z.object({ status: z.enum(['accepted', 'indexing', 'indexed', 'failed']).optional() }),
        response: { 200: z.object({ uploads: z.array(uploadJobSchema) }), 400: errorSchema },
      },
    },
    async (request) => {
      const { status } = request.query;
      return {
        uploads: app.workspace
          .listUploads()
          .filter((j) => !status || j.status === status)
          .map(publicJob),
      };
    },
  );

  app.get(
    '/uploads/:id',
    {
      schema: {
        summary: 'One upload: its status, and its result or error',
        tags: ['documents'],
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: uploadJobSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (request) => publicJob(app.workspace.getUpload(request.params.id)),
  );
};
