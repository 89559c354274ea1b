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
import type { DocumentDetail, DocumentSummary } from '../analysis/summary.js';
import type { EmbedderInfo } from '../retrieval/embeddings/types.js';
import type { SearchHit, SearchOptions } from '../retrieval/types.js';

export type { DocumentDetail, DocumentSummary };

export interface WorkspaceStatus {
  ready: boolean;
  generation: string | null;
  documents: number;
  chunks: number;
  embedder: EmbedderInfo | null;
  llm: { configured: boolean; model: string | null };
  ingesting: boolean;
}

/** Options of {@link Workspace.ask}: the answering options, with the LLM endpoint taken from config. */
export type AskOptions = Omit<AnswerOptions, 'llm'>;

export interface Workspace {
  readonly config: Config;
  status(): WorkspaceStatus;
  /** Builds the index from the corpus when none exists. */
  ensureIndex(): Promise<void>;
  ingest(paths?: string[]): Promise<IngestResult>;
  /** Stores an uploaded file and ingests it incrementally. */
  addDocument(name: string, bytes: Buffer): Promise<{ id: string; result: IngestResult }>;
  removeDocument(id: string): Promise<IngestResult>;
  listDocuments(): DocumentSummary[];
  getDocument(id: string): DocumentDetail;
  search(query: string, options?: SearchOptions): Promise<SearchHit[]>;
  ask(question: string, options?: AskOptions): Promise<Answer>;
  /** The obligations of a document (register rows and calendar are derived from them). */
  obligations(id: string): Obligation[];
  /** Aligns a child (an indexed id, or a file read without being indexed) against its parent (given, or found). */
  align(child: string | { name: string; bytes: Buffer }, parent?: string): Promise<AlignmentReport>;
  /** Chat sessions (persisted under the data folder). */
  getSession(id: string): ChatSession;
  createSession(): ChatSession;
  saveSession(session: ChatSession): void;
  close(): Promise<void>;
}
