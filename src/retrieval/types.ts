/** Types the retrieval stage outputs. */
import type { AdminLevel, ChunkKind, Region } from '../ingest/types.js';

/** Retrieval channels: both fused (default), BM25 only, or dense vectors only. */
export const SEARCH_MODES = ['hybrid', 'lexical', 'dense'] as const;

export type SearchMode = (typeof SEARCH_MODES)[number];

export interface SearchOptions {
  /** Number of hits. Default 10. */
  k?: number;
  /** Restrict to these document ids. */
  docIds?: string[];
  /** Restrict to documents of this administrative level. */
  level?: AdminLevel;
  /** Restrict to documents whose region (province, city or county) matches this name. */
  region?: string;
  /** Default `hybrid`. */
  mode?: SearchMode;
  /** Diversify so one document cannot take every slot. Default true. */
  diversify?: boolean;
}

/** One retrieved chunk. Scores are "higher is better". */
export interface SearchHit {
  chunkId: string;
  /** Document id = source file name. */
  docId: string;
  source: string;
  title: string;
  clausePath: string;
  heading: string;
  kind: ChunkKind;
  text: string;
  /** Offsets into the document's ORIGINAL text. */
  start: number;
  end: number;
  score: number;
  scores: { dense: number | null; lexical: number | null; fused: number };
  rank: number;
}

/** What the retrieval index keeps per document: enough for filters and for hits. */
export interface DocInfo {
  /** Document id (= source file name). */
  id: string;
  title: string;
  level: AdminLevel | null;
  region: Region;
}

/** Lexical document frequencies: how many of `size` indexed texts contain a term. */
export interface TermStats {
  readonly size: number;
  documentFrequency(term: string): number;
}
