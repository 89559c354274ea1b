/**
 * The upload queue on disk, so an upload's fate is always visible and survives a restart:
 *
 *   <dataDir>/upload-queue/<job>.json   the job: accepted → indexing → indexed | failed (with a code)
 *   <dataDir>/upload-queue/<job>.part   the uploaded bytes, under a temporary name, until the job ends
 *
 * A job's bytes become the stored document (`<dataDir>/uploads/<id>`) only after its ingest
 * succeeded (the workspace renames the .part file then); a failed job leaves the stored file
 * and the index as they were. Jobs still accepted or indexing when the server stopped (even by
 * kill -9) are run again at the next start. Finished jobs are kept for a while to be looked
 * up, then pruned.
 */
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, type ErrorCode } from '../core/errors.js';
import type { IngestResult, IngestStage } from '../indexing/pipeline.js';

/** Where an upload is: waiting, being ingested, or done one way or the other. */
export type UploadStatus = 'accepted' | 'indexing' | 'indexed' | 'failed';

/**
 * How far an upload's ingest has got, while it is indexing: the stage, and what is done of it
 * (the pages of a PDF read, the scanned pages OCR'd, the chunks embedded). Kept in memory by the
 * server that runs the job, never written to the job's file.
 */
export interface UploadProgress {
  stage: IngestStage;
  /** Done in this stage: pages (`page`, `ocr`), chunks (`embed`), files (`read`), 0 or 1 (`write`). */
  done: number;
  /** How many in this stage (`ocr`: the scanned pages found so far). */
  total: number;
  /** `page`, `ocr`: pages of the file read so far, and its pages. */
  page?: number;
  pages?: number;
}

/** One upload and what became of it. */
export interface UploadJob {
  /** Job id (a UUID): `GET /v1/uploads/<id>`. */
  id: string;
  /** The document id the upload is stored and indexed under. */
  docId: string;
  /** What the bytes are (`txt`, `html`, `docx`, …). */
  format: string;
  bytes: number;
  sha256: string;
  /** Replacement of an existing document was asked for. */
  replace: boolean;
  status: UploadStatus;
  acceptedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The ingest's result once indexed (or failed with a per-file problem). */
  result: IngestResult | null;
  /** Why it failed. */
  error: { code: ErrorCode; message: string } | null;
  /** While indexing: how far it has got (see {@link UploadProgress}); absent otherwise. */
  progress?: UploadProgress;
}

/** Options of {@link createUploadStore}. */
export interface UploadStoreOptions {
  /** Finished jobs kept for lookup; older ones are pruned. Default 200. */
  keepFinished: number;
}

/** Documented defaults of {@link UploadStoreOptions}. */
export const defaultUploadStoreOptions: UploadStoreOptions = { keepFinished: 200 };

/** The upload queue of a data folder. */
export interface UploadStore {
  /** Records a new job and stages its bytes (durably) under a temporary name. */
  accept(input: { docId: string; format: string; bytes: Buffer; replace: boolean }): UploadJob;
  /** A job by id; throws UPLOAD_NOT_FOUND. */
  get(id: string): UploadJob;
  /** Jobs, newest first. */
  list(): UploadJob[];
  /** Persists a job's new state (atomically). */
  save(job: UploadJob): void;
  /** Path of a job's staged bytes. */
  stagedPath(id: string): string;
  /** Jobs the server had not finished, oldest first. */
  unfinished(): UploadJob[];
  /** Removes finished jobs beyond the kept number, and staged bytes no job owns. */
  prune(): void;
}

const JOB_ID = /^[0-9a-f-]{36}$/;

function writeDurable(path: string, data: string | Buffer): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, data);
  const fd = openSync(tmp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** The upload queue under `dir`. */
export function createUploadStore(dir: string, options: Partial<UploadStoreOptions> = {}): UploadStore {
  const opts = { ...defaultUploadStoreOptions, ...options };
  const jobPath = (id: string) => join(dir, `${id}.json`);
  const readJob = (id: string): UploadJob | null => {
    try {
      return JSON.parse(readFileSync(jobPath(id), 'utf8')) as UploadJob;
    } catch {
      return null;
    }
  };
  const all = (): UploadJob[] => {
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json') && JOB_ID.test(f.slice(0, -5)))
      .map((f) => readJob(f.slice(0, -5)))
      .filter((j): j is UploadJob => j !== null)
      .sort((a, b) => (a.acceptedAt < b.acceptedAt ? 1 : a.acceptedAt > b.acceptedAt ? -1 : 0));
  };
  const store: UploadStore = {
    accept({ docId, format, bytes, replace }) {
      mkdirSync(dir, { recursive: true });
      const job: UploadJob = {
        id: randomUUID(),
        docId,
        format,
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        replace,
        status: 'accepted',
        acceptedAt: new Date().toISOString(),
        startedAt: null,
        finishedAt: null,
        result: null,
        error: null,
      };
      // Bytes first, then the job that names them: a crash in between leaves an orphan .part, which prune removes.
      writeDurable(store.stagedPath(job.id), bytes);
      store.save(job);
      return job;
    },
    get(id) {
      const job = JOB_ID.test(id) ? readJob(id) : null;
      if (!job) throw new AppError('UPLOAD_NOT_FOUND', `No upload with id ${id}`);
      return job;
    },
    list: all,
    save(job) {
      mkdirSync(dir, { recursive: true });
      writeDurable(jobPath(job.id), JSON.stringify(job));
    },
    stagedPath: (id) => join(dir, `${id}.part`),
    unfinished: () =>
      all()
        .filter((j) => j.status === 'accepted' || j.status === 'indexing')
        .reverse(),
    prune() {
      if (!existsSync(dir)) return;
      const jobs = all();
      const finished = jobs.filter((j) => j.status === 'indexed' || j.status === 'failed');
      for (const j of finished.slice(opts.keepFinished)) rmSync(jobPath(j.id), { force: true });
      const live = new Set(jobs.filter((j) => j.status === 'accepted' || j.status === 'indexing').map((j) => j.id));
      for (const f of readdirSync(dir)) {
        const id = f.replace(/\.(part|json\.tmp|part\.tmp)$/, '');
        if (f !== id && !live.has(id)) rmSync(join(dir, f), { force: true });
      }
    },
  };
  return store;
}
