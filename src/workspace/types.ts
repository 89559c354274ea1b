/**
 * The service both front ends (CLI and HTTP API) call: one object per process holding the
 * served index, the embedder and the chat store. The API registers it as a fastify
 * decorator; the CLI creates one per command. Implemented by `createWorkspace` in
 * `workspace.ts`.
 */
import type { Config } from '../core/config.js';
import type { AnswerOptions } from '../answer/index.js';
import type { Answer, ChatSession } from '../answer/types.js';
import type { AlignmentReport } from '../analysis/alignment/types.js';
import type { Obligation } from '../analysis/obligations.js';
import type { IngestResult } from '../indexing/pipeline.js';
import type { PageText } from '../ingest/decode.js';
import type { DocumentDetail, DocumentSummary } from '../analysis/summary.js';
import type { EmbedderInfo } from '../retrieval/embeddings/types.js';
import type { SearchHit, SearchOptions } from '../retrieval/types.js';
import type { UploadJob } from './uploads.js';

export type { DocumentDetail, DocumentSummary };
export type { UploadJob, UploadStatus } from './uploads.js';

export interface WorkspaceStatus {
  ready: boolean;
  generation: string | null;
  documents: number;
  chunks: number;
  embedder: EmbedderInfo | null;
  llm: { configured: boolean; model: string | null };
  ingesting: boolean;
  /** Uploads accepted and not yet indexed or failed (see `GET /v1/uploads`). */
  uploadsPending: number;
}

/** Options of an upload. */
export interface UploadOptions {
  /** Replace a document of the same id (a corpus document or an earlier upload) with other content. Default false: DOC_EXISTS. */
  replace?: boolean;
  /** What the bytes are, as sniffed (`txt`, `html`, `docx`, …); recorded on the job. Default: the name's extension. */
  format?: string;
}

/** An accepted upload: its job now, and its job once finished (indexed or failed; never rejects). */
export interface SubmittedUpload {
  job: UploadJob;
  done: Promise<UploadJob>;
}

/** Options of {@link Workspace.ask}: the answering options, with the LLM endpoint taken from config. */
export type AskOptions = Omit<AnswerOptions, 'llm'>;

export interface Workspace {
  readonly config: Config;
  status(): WorkspaceStatus;
  /** Builds the index from the corpus when none exists. */
  ensureIndex(): Promise<void>;
  ingest(paths?: string[]): Promise<IngestResult>;
  /**
   * Queues an uploaded file for ingest (see `uploads.ts`). Throws at once: BAD_REQUEST or
   * FILE_UNSUPPORTED (name), DOC_EXISTS (another document has the id, without `replace`),
   * SERVER_BUSY (the queue is full).
   */
  submitUpload(name: string, bytes: Buffer, options?: UploadOptions): SubmittedUpload;
  /** An upload job; throws UPLOAD_NOT_FOUND. */
  getUpload(id: string): UploadJob;
  /** Recent upload jobs, newest first. */
  listUploads(): UploadJob[];
  /** Runs the uploads a previous run of the server accepted but did not finish (the server calls it once the index is ready). */
  resumeUploads(): void;
  /** Uploads a file and waits for its ingest: the job's error is thrown as an AppError. */
  addDocument(name: string, bytes: Buffer, options?: UploadOptions): Promise<{ id: string; result: IngestResult; job: UploadJob }>;
  removeDocument(id: string): Promise<IngestResult>;
  listDocuments(): DocumentSummary[];
  getDocument(id: string): DocumentDetail;
  /**
   * Page `page` (1-based) of a paged document (PDF, OFD, scan) with its offsets into the
   * original text. Throws DOC_NOT_FOUND, DOC_NOT_PAGED, PAGE_NOT_FOUND.
   */
  getPage(id: string, page: number): PageText;
  search(query: string, options?: SearchOptions): Promise<SearchHit[]>;
  ask(question: string, options?: AskOptions): Promise<Answer>;
  /** The obligations of a document (register rows and calendar are derived from them). */
  obligations(id: string): Obligation[];
  /**
   * Aligns a child (an indexed id, or a file read without being indexed) against its parent
   * (given, or found), in a worker thread with a time budget; `signal` cancels it.
   */
  align(child: string | { name: string; bytes: Buffer }, parent?: string, options?: { signal?: AbortSignal }): Promise<AlignmentReport>;
  /** Chat sessions (persisted under the data folder, capped in number, turns and age). */
  getSession(id: string): ChatSession;
  /** A new session; it is stored only when saved. */
  createSession(): ChatSession;
  saveSession(session: ChatSession): void;
  close(): Promise<void>;
}
