/**
 * Zod schemas of what the API returns, mirroring the stage types (`Answer`, `SearchHit`,
 * `DocumentSummary`, `AlignmentReport`, …). They serialise responses (unknown keys are
 * dropped, so internal fields never leak) and document them in OpenAPI as named components.
 */
import { z } from 'zod';
import { ERRORS, type ErrorCode } from '../core/errors.js';

/** Registers `schema` as an OpenAPI component named `id` (once per process). */
function named<T extends z.ZodType>(id: string, schema: T): T {
  if (!z.globalRegistry.has(schema)) z.globalRegistry.add(schema, { id });
  return schema;
}

/** The stable error codes of `src/errors.ts`. */
export const errorCodeSchema = z.enum(Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]]);

export const errorSchema = named(
  'Error',
  z.object({
    code: errorCodeSchema.describe('Stable error code, e.g. DOC_NOT_FOUND'),
    message: z.string().describe('What went wrong, for a person'),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
);

const adminLevel = z.enum(['省', '市', '县', '区']);
const questionKind = z.enum(['who', 'where', 'when', 'frequency', 'amount', 'list', 'allowed', 'definition', 'what']);

export const embedderInfoSchema = z.object({
  kind: z.enum(['builtin', 'transformers', 'openai']),
  model: z.string(),
  dimension: z.number(),
  id: z.string(),
});

export const statusSchema = named(
  'WorkspaceStatus',
  z.object({
    ready: z.boolean(),
    generation: z.string().nullable(),
    documents: z.number(),
    chunks: z.number(),
    embedder: embedderInfoSchema.nullable(),
    llm: z.object({ configured: z.boolean(), model: z.string().nullable() }),
    ingesting: z.boolean(),
  }),
);

const docNumberSchema = z.object({
  raw: z.string(),
  normalized: z.string().nullable(),
  prefix: z.string().nullable(),
  year: z.number().nullable(),
  serial: z.number().nullable(),
});

const metaSchema = z.object({
  title: z.string().nullable(),
  noticeTitle: z.string().nullable(),
  issuer: z.string().nullable().describe('发文机关'),
  docNumber: docNumberSchema.nullable().describe('文号'),
  dates: z.array(z.object({ kind: z.enum(['成文', '印发', '发布']), raw: z.string(), iso: z.string().nullable() })),
  level: adminLevel.nullable(),
  region: z.object({ province: z.string().nullable(), city: z.string().nullable(), county: z.string().nullable(), name: z.string().nullable() }),
  kind: z.enum(['通知', '实施方案', '工作机制', '行动方案', '政策解读', '意见', '其他']),
  citations: z.array(
    z.object({
      title: z.string().nullable(),
      docNumber: docNumberSchema.nullable(),
      start: z.number(),
      end: z.number(),
      foundId: z.string().nullable().optional(),
    }),
  ),
});

export const documentSummarySchema = named(
  'DocumentSummary',
  z.object({
    id: z.string(),
    title: z.string().nullable(),
    meta: metaSchema,
    sections: z.number(),
    clausesByLevel: z.record(z.string(), z.number()),
    chunks: z.number(),
    tableRows: z.number(),
    parents: z.object({
      found: z.array(z.object({ id: z.string(), title: z.string().nullable(), via: z.enum(['docNumber', 'title', 'similarity']) })),
      absent: z.array(z.object({ title: z.string().nullable(), docNumber: z.string().nullable() })),
    }),
  }),
);

/** A clause of the tree; offsets into the clean text. */
export interface SectionOut {
  path: string;
  level: number;
  marker: string;
  heading: string;
  start: number;
  bodyStart: number;
  end: number;
  children: SectionOut[];
}

export const sectionSchema: z.ZodType<SectionOut> = named(
  'Section',
  z.object({
    path: z.string().describe('Clause path, e.g. 四（三）'),
    level: z.number(),
    marker: z.string(),
    heading: z.string(),
    start: z.number(),
    bodyStart: z.number(),
    end: z.number(),
    get children(): z.ZodArray<z.ZodType<SectionOut>> {
      return z.array(sectionSchema);
    },
  }),
);

export const documentDetailSchema = named(
  'DocumentDetail',
  documentSummarySchema.extend({
    sectionTree: z.array(sectionSchema),
    tables: z.array(
      z.object({
        table: z.string(),
        caption: z.string().nullable(),
        index: z.number(),
        header: z.array(z.string()).nullable(),
        cells: z.array(z.string()),
        start: z.number(),
        end: z.number(),
      }),
    ),
    cleanText: z.string().describe('What clause offsets index into'),
    originalText: z.string().describe('What citation offsets index into'),
  }),
);

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
  }),
);

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
    timings: z.object({ retrieveMs: z.number(), answerMs: z.number() }).optional(),
  }),
);

export const chatSessionSchema = named(
  'ChatSession',
  z.object({
    id: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    turns: z.array(z.object({ role: z.enum(['user', 'assistant']), text: z.string(), at: z.string(), answer: answerSchema.optional() })),
    context: z.object({
      docIds: z.array(z.string()),
      topic: z.string(),
      kind: questionKind.nullable(),
      lastQuestion: z.string().nullable(),
    }),
  }),
);

export const ingestResultSchema = named(
  'IngestResult',
  z.object({
    changed: z.boolean(),
    generation: z.string().nullable(),
    documents: z.number(),
    sections: z.number(),
    chunks: z.number(),
    embedder: embedderInfoSchema.nullable(),
    seconds: z.number(),
    added: z.array(z.string()),
    updated: z.array(z.string()),
    removed: z.array(z.string()),
    unchanged: z.array(z.string()),
    problems: z.array(z.object({ file: z.string(), code: errorCodeSchema, message: z.string() })),
  }),
);

const findingSideSchema = z.object({ clause: z.string(), heading: z.string(), quote: z.string(), start: z.number(), end: z.number() });
const alignedDocSchema = z.object({
  id: z.string(),
  title: z.string().nullable(),
  level: adminLevel.nullable(),
  region: z.string().nullable(),
  external: z.boolean(),
});

export const alignmentReportSchema = named(
  'AlignmentReport',
  z.object({
    child: alignedDocSchema,
    parent: alignedDocSchema,
    parentSource: z.enum(['given', 'index', 'sibling']),
    notes: z.array(z.string()),
    summary: z.object({
      parentObligations: z.number(),
      covered: z.number(),
      weakened: z.number(),
      changed: z.number(),
      missing: z.number(),
      added: z.number(),
      coverage: z.number(),
      byChapter: z.array(
        z.object({
          clause: z.string(),
          heading: z.string(),
          obligations: z.number(),
          covered: z.number(),
          weakened: z.number(),
          changed: z.number(),
          missing: z.number(),
        }),
      ),
    }),
    findings: z.array(
      z.object({
        kind: z.enum(['missing', 'weakened', 'target_changed', 'deadline_changed', 'actor_changed', 'added']),
        severity: z.enum(['high', 'medium', 'low']),
        parent: findingSideSchema.nullable(),
        child: findingSideSchema.nullable(),
        detail: z.string(),
        similarity: z.number().nullable(),
        target: z
          .object({
            metric: z.string(),
            parentValue: z.string(),
            childValue: z.string(),
            direction: z.enum(['higher', 'lower', 'different']),
            decomposition: z.object({ region: z.string(), year: z.string(), value: z.string(), clause: z.string() }).nullable(),
          })
          .optional(),
      }),
    ),
    pairs: z.array(z.object({ parent: findingSideSchema, child: findingSideSchema, similarity: z.number() })),
  }),
);

export const taskRowSchema = named(
  'TaskRow',
  z.object({
    obligationId: z.string(),
    clause: z.string().describe('Clause path, e.g. 四（三）'),
    heading: z.string(),
    task: z.string().describe('The duty as written'),
    lead: z.array(z.string()).describe('牵头单位'),
    leadSource: z.enum(['lead', 'responsible', 'clause']).nullable().describe('Where the lead came from: a stated lead, the responsible units, or the clause note'),
    cooperating: z.array(z.string()).describe('配合单位'),
    deadline: z.string().nullable(),
    frequency: z.string().nullable(),
    target: z.string().nullable(),
    modality: z.string().describe('约束强度: 禁止, 必须, 应当, 力争, 鼓励/允许'),
    quote: z.string().describe('originalText.slice(start, end)'),
    start: z.number(),
    end: z.number(),
  }),
);

export const calendarEntrySchema = named(
  'CalendarEntry',
  z.object({
    obligationId: z.string(),
    clause: z.string(),
    heading: z.string(),
    what: z.string(),
    who: z.array(z.string()),
    when: z.string().nullable().describe('Deadline as written, e.g. 每季度末下月2日前'),
    frequency: z.string().nullable().describe('Frequency as written, e.g. 每季度'),
    period: z.enum(['week', 'month', 'quarter', 'half-year', 'year']).nullable(),
    year: z.number().nullable(),
    month: z.number().nullable(),
    day: z.number().nullable(),
    monthOffset: z.number().optional(),
    recipient: z.string().nullable(),
    quote: z.string(),
    start: z.number(),
    end: z.number(),
  }),
);

export const obligationRegisterSchema = named(
  'ObligationRegister',
  z.object({
    docId: z.string(),
    columns: z.array(z.string()).describe('Chinese headers of the 任务分工表, 序号 first'),
    rows: z.array(z.array(z.string())).describe('One row of cells per task, in document order'),
    tasks: z.array(taskRowSchema),
    calendar: z.array(calendarEntrySchema).describe('Recurring and dated duties (reporting calendar)'),
  }),
);

/** Document ids are file names: bounded, no path separators. */
export const docIdSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^/\\]+$/, 'must be a document id (a file name), not a path')
  .describe('Document id (its file name), e.g. 004_01ad0f74c71dd3d5.txt');

/** Longest question accepted, in characters (the workspace enforces the same limit). */
export const MAX_QUESTION_CHARS = 2000;

/** A question or query: trimmed, non-empty, at most MAX_QUESTION_CHARS. */
export const questionSchema = z.string().trim().min(1).max(MAX_QUESTION_CHARS);
