/**
 * What happens to an upload: its name is normalised into a document id, it is refused at once
 * when that id is already another document (unless replacement is asked for) or the queue is
 * full, its bytes are staged under a temporary name (`uploads.ts`), and it waits its turn in
 * the ingest lane. Only when its ingest succeeded are the bytes renamed to the stored file
 * `<dataDir>/uploads/<id>`: a refused or failed upload never touches the stored file or the
 * index. Every step is recorded on the job, which survives a restart.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import type { Config } from '../core/config.js';
import { AppError, isAppError } from '../core/errors.js';
import { SUPPORTED_EXTENSIONS } from '../indexing/files.js';
import type { DocumentIndex } from '../indexing/open-index.js';
import type { IngestProgress, IngestResult } from '../indexing/pipeline.js';
import type { IngestTask } from './tasks.js';
import type { SubmittedUpload, UploadOptions } from './types.js';
import { normaliseDocId } from './upload-name.js';
import { createUploadStore, type UploadJob, type UploadProgress } from './uploads.js';

/** What the upload manager needs of the workspace. */
export interface UploadDeps {
  config: Config;
  /** Runs `fn` in the ingest lane (after every index change queued before it). */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** Ingests now and loads the new generation (call inside `exclusive`); `onProgress` hears how far it got. */
  ingestNow(task: Pick<IngestTask, 'paths' | 'inputs'>, label: string, onProgress?: (progress: IngestProgress) => void): Promise<IngestResult>;
  /** The served index, if any. */
  indexed(): DocumentIndex | null;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The upload queue of a workspace. */
export function createUploadManager(deps: UploadDeps) {
  const { config } = deps;
  const store = createUploadStore(join(config.dataDir, 'upload-queue'));
  const uploadsDir = resolve(config.dataDir, 'uploads');
  let pending = 0;
  let resumed = false;
  /** Progress of the jobs being indexed, by job id: in memory only (an event per page must not cost a write). */
  const progress = new Map<string, UploadProgress>();
  /** A job as clients see it: with its progress while it is indexing. */
  const withProgress = (job: UploadJob): UploadJob => {
    const p = job.status === 'indexing' ? progress.get(job.id) : undefined;
    return p ? { ...job, progress: { ...p } } : job;
  };

  const finish = (job: UploadJob, patch: Partial<UploadJob>): UploadJob => {
    Object.assign(job, patch, { finishedAt: new Date().toISOString() });
    store.save(job);
    return job;
  };

  /** Refuses an id that is already another document (indexed, or a corpus file), unless replacing. */
  function checkConflict(docId: string, digest: string, replace: boolean): void {
    if (replace) return;
    const doc = deps.indexed()?.docs.get(docId);
    if (doc && doc.raw.sha256 !== digest) {
      const what = doc.raw.path && resolve(doc.raw.path).startsWith(uploadsDir + sep) ? 'an earlier upload' : 'a corpus document';
      throw new AppError('DOC_EXISTS', `${docId} is already ${what} with other content; upload with replace=true to replace it, or rename the file`, {
        details: { id: docId },
      });
    }
    const corpusFile = join(config.corpusDir, docId);
    if (!doc && existsSync(corpusFile) && sha256(readFileSync(corpusFile)) !== digest) {
      throw new AppError('DOC_EXISTS', `${docId} is the name of a corpus file with other content; upload with replace=true to replace it, or rename the file`, {
        details: { id: docId },
      });
    }
  }

  /** Ingests a staged job in the lane, then (only on success) moves its bytes to the stored file. */
  function run(job: UploadJob): Promise<UploadJob> {
    pending++;
    return deps
      .exclusive(async () => {
        const staged = store.stagedPath(job.id);
        const target = join(uploadsDir, job.docId);
        Object.assign(job, { status: 'indexing', startedAt: new Date().toISOString() });
        store.save(job);
        try {
          const result = await deps.ingestNow(
            { paths: [], inputs: [{ path: staged, id: job.docId, storedPath: target, replace: job.replace }] },
            `Ingesting ${job.docId}`,
            (p) => progress.set(job.id, { stage: p.stage, done: p.done, total: p.total, ...(p.pages ? { page: p.page, pages: p.pages } : {}) }),
          );
          const problem = result.problems.find((p) => p.file === target);
          if (problem) return finish(job, { status: 'failed', result, error: { code: problem.code, message: problem.message } });
          // The index now records `target`; an unchanged upload of a corpus document keeps the corpus file as its source.
          if (deps.indexed()?.docs.get(job.docId)?.raw.path === target) {
            mkdirSync(uploadsDir, { recursive: true });
            renameSync(staged, target);
          }
          return finish(job, { status: 'indexed', result, error: null });
        } catch (err) {
          const error = isAppError(err) ? { code: err.code, message: err.message } : { code: 'INTERNAL' as const, message: 'The upload could not be ingested' };
          return finish(job, { status: 'failed', error });
        } finally {
          progress.delete(job.id);
          rmSync(staged, { force: true });
          store.prune();
        }
      })
      .finally(() => {
        pending--;
      });
  }

  return {
    submit(name: string, bytes: Buffer, options: UploadOptions = {}): SubmittedUpload {
      const digest = sha256(bytes);
      const docId = normaliseDocId(name, undefined, `upload-${digest.slice(0, 12)}`);
      const ext = extname(docId).toLowerCase();
      if (!SUPPORTED_EXTENSIONS.includes(ext)) {
        throw new AppError(
          'FILE_UNSUPPORTED',
          `Unsupported file type "${ext || 'none'}"; upload .txt, .md, .html, .docx, .doc, .wps, .xls, .pdf, .ofd or a .png/.jpg/.tif scan`,
        );
      }
      if (pending >= config.maxQueuedUploads) {
        throw new AppError('SERVER_BUSY', `${pending} uploads are waiting to be indexed (the limit is ${config.maxQueuedUploads}); try again shortly`);
      }
      const replace = options.replace ?? false;
      checkConflict(docId, digest, replace);
      const job = store.accept({ docId, format: options.format ?? ext.slice(1), bytes, replace });
      return { job: { ...job }, done: run(job) };
    },
    get: (id: string) => withProgress(store.get(id)),
    list: () => store.list().map(withProgress),
    pending: () => pending,
    /** Runs the jobs a previous run accepted and did not finish; a job whose bytes are gone fails with UPLOAD_INTERRUPTED. */
    resume(): void {
      if (resumed) return;
      resumed = true;
      for (const job of store.unfinished()) {
        if (existsSync(store.stagedPath(job.id))) void run(job);
        else
          finish(job, {
            status: 'failed',
            error: { code: 'UPLOAD_INTERRUPTED', message: `The server stopped while ${job.docId} was waiting and its bytes are gone; upload it again` },
          });
      }
      store.prune();
    },
    /** Removes the stored file of a removed document when it was an upload. */
    forget(path: string | undefined): void {
      if (path && resolve(path).startsWith(uploadsDir + sep)) rmSync(path, { force: true });
    },
  };
}
