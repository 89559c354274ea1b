/**
 * LangChain adapter: a `BaseRetriever` over a {@link RetrievalIndex} and the {@link Embedder}
 * that built it, so LangChain chains can use our hybrid search. Documents carry the hit's
 * citation data in `metadata` (source, title, clause path, original offsets, scores).
 */
import { Document } from '@langchain/core/documents';
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import type { Embedder } from './embeddings/types.js';
import type { RetrievalIndex } from './hybrid.js';
import type { SearchHit, SearchOptions } from './types.js';

/** What each returned Document's `metadata` holds: the hit without its text (the page content). */
export type PolicyDocumentMetadata = Omit<SearchHit, 'text'>;

/** Fields of {@link PolicyRetriever}. */
export interface PolicyRetrieverInput extends BaseRetrieverInput {
  index: RetrievalIndex;
  embedder: Embedder;
  /** Search options applied to every query (k, filters, mode). Default: hybrid, k = 10. */
  searchOptions?: SearchOptions;
}

/** Converts one hit to a LangChain Document (page content = the chunk's verbatim text). */
export function hitToDocument(hit: SearchHit): Document<PolicyDocumentMetadata> {
  return new Document<PolicyDocumentMetadata>({
    pageContent: hit.text,
    id: hit.chunkId,
    metadata: metadataOf(hit),
  });
}

function metadataOf({ text: _text, scores, ...rest }: SearchHit): PolicyDocumentMetadata {
  return { ...rest, scores: { ...scores } };
}

/** LangChain retriever over the policy index: `await retriever.invoke('问题')`. */
export class PolicyRetriever extends BaseRetriever<PolicyDocumentMetadata> {
  lc_namespace = ['policy-assistant', 'retrievers'];
  static lc_name(): string {
    return 'PolicyRetriever';
  }

  readonly index: RetrievalIndex;
  readonly embedder: Embedder;
  readonly searchOptions: SearchOptions;

  constructor(fields: PolicyRetrieverInput) {
    super(fields);
    this.index = fields.index;
    this.embedder = fields.embedder;
    this.searchOptions = { ...fields.searchOptions };
  }

  /** Embeds the query (not for lexical mode) and searches. */
  async _getRelevantDocuments(query: string): Promise<Document<PolicyDocumentMetadata>[]> {
    const mode = this.searchOptions.mode ?? 'hybrid';
    const vector = mode === 'lexical' ? null : await this.embedder.embedQuery(query);
    return this.index.search(query, vector, this.searchOptions).map(hitToDocument);
  }
}
