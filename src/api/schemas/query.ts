/** Schemas of search and answers. */
import { z } from 'zod';
import { named } from './common.js';

export const questionKind = z.enum(['who', 'where', 'when', 'frequency', 'amount', 'list', 'allowed', 'definition', 'what']);

export const searchHitSchema = named(
  'SearchHit',
  z.object({
    chunkId: z.string(),
    docId: z.string(),
    source: z.string(),
    title: z.string(),
    clausePath: z.string(),
    heading: z.string(),
    kind: z.enum(['notice', 'preamble', 'clause', 'table-row']),
    text: z.string(),
    start: z.number().describe('Offset into the original text'),
    end: z.number(),
    score: z.number(),
    scores: z.object({ dense: z.number().nullable(), lexical: z.number().nullable(), fused: z.number() }),
    rank: z.number(),
  }),
);

export const citationSchema = named(
  'Citation',
  z.object({
    source: z.string().describe('Document id'),
    title: z.string(),
    clause: z.string().describe("Clause path, or '' for the notice/preamble"),
    quote: z.string().describe('originalText.slice(start, end)'),
    start: z.number(),
    end: z.number(),
    page: z.number().optional().describe('Page of a paged source (PDF, OFD, scan) where the quote starts, 1-based'),
    ocr: z.boolean().optional().describe('The quote was read by OCR from a scanned page'),
  }),
);

export const answerPartSchema = named('AnswerPart', z.object({ label: z.string(), answer: z.string(), docIds: z.array(z.string()) }));

export const answerSchema = named(
  'Answer',
  z.object({
    question: z.string(),
    answer: z.string().nullable().describe('Short direct answer; null when abstained'),
    abstained: z.boolean(),
    citations: z.array(citationSchema),
    confidence: z.number(),
    mode: z.enum(['extractive', 'llm']),
    understanding: z.object({ kind: questionKind, docIds: z.array(z.string()), topic: z.string() }),
    reason: z.string().optional(),
    parts: z.array(answerPartSchema).optional().describe('The answer per document or place, when it covers several'),
    working: z.string().optional().describe('Working of an arithmetic answer'),
    band: z
      .enum(['fact', 'sentence'])
      .optional()
      .describe("'sentence' when the answer is the shortest verbatim part of the clause rather than the fact cut out"),
    timings: z.object({ retrieveMs: z.number(), answerMs: z.number() }).optional(),
  }),
);
