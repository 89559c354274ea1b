/** Schemas of the document routes: summaries, details with the clause tree, ingest results, the task register. */
import { z } from 'zod';
import { RECORD_FIELDS } from '../../ingest/types.js';
import { adminLevel, errorCodeSchema, named } from './common.js';
import { embedderInfoSchema } from './status.js';

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
  record: z
    .array(z.object({ field: z.enum(RECORD_FIELDS), value: z.string(), start: z.number(), end: z.number() }))
    .describe('Header and closing fields (主送, 抄送, 落款, 印发, 索引号, 附件, 依据…) with clean offsets'),
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

export const taskRowSchema = named(
  'TaskRow',
  z.object({
    obligationId: z.string(),
    clause: z.string().describe('Clause path, e.g. 四（三）'),
    heading: z.string(),
    task: z.string().describe('The duty as written'),
    lead: z.array(z.string()).describe('牵头单位'),
    leadSource: z
      .enum(['lead', 'responsible', 'clause'])
      .nullable()
      .describe('Where the lead came from: a stated lead, the responsible units, or the clause note'),
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

export const documentPageSchema = named(
  'DocumentPage',
  z.object({
    page: z.number().int().describe('The page, 1-based'),
    pages: z.number().int().describe('Pages of the document'),
    start: z.number().int().describe("Offset of the page's first character in the original text"),
    end: z.number().int().describe('Offset one past its last character'),
    text: z.string().describe('originalText.slice(start, end): a citation on this page highlights text.slice(citation.start - start, citation.end - start)'),
    ocr: z.boolean().describe('The page was read by OCR (a scan): its text is only as good as the recognition'),
  }),
);
