/**
 * The response schemas stay in sync with the stage types: at compile time (each schema's
 * inferred type equals the type it mirrors, checked by `tsc`), and at run time on objects the
 * real workspace produced (parsing drops unknown keys, so a field the schema lacks shows up as a
 * difference, and a field it types wrongly fails the parse).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { AlignmentReport } from '../../analysis/alignment/types.js';
import type { CalendarEntry, TaskRow } from '../../analysis/index.js';
import { toReportingCalendar } from '../../analysis/index.js';
import type { Answer, ChatSession, Citation } from '../../answer/types.js';
import type { IngestResult } from '../../indexing/pipeline.js';
import type { Section } from '../../ingest/types.js';
import type { SearchHit } from '../../retrieval/types.js';
import type { DocumentDetail, DocumentSummary, WorkspaceStatus } from '../../workspace/types.js';
import { buildRegister } from '../obligation-register.js';
import { alignmentReportSchema } from './align.js';
import { chatSessionSchema } from './chat.js';
import { calendarEntrySchema, documentDetailSchema, documentSummarySchema, type ingestResultSchema, type sectionSchema, taskRowSchema } from './documents.js';
import { answerSchema, type citationSchema, searchHitSchema } from './query.js';
import { statusSchema } from './status.js';
import { createTestApp, type TestApp } from '../../testing/api.js';
import { CHILD_ID, PARENT_ID } from '../../testing/corpus.js';

/** True only when A and B are mutually assignable (optional and nullable fields included). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Compiles only when its type argument is `true`. */
const same = <T extends true>(): T => true as T;

// Compile-time: a stage type that gains, loses or changes a field breaks `tsc` here.
same<Equals<z.infer<typeof answerSchema>, Answer>>();
same<Equals<z.infer<typeof citationSchema>, Citation>>();
same<Equals<z.infer<typeof searchHitSchema>, SearchHit>>();
same<Equals<z.infer<typeof alignmentReportSchema>, AlignmentReport>>();
same<Equals<z.infer<typeof chatSessionSchema>, ChatSession>>();
same<Equals<z.infer<typeof statusSchema>, WorkspaceStatus>>();
// clausesByLevel is Record<number, number> in TypeScript and string-keyed in JSON, hence the Omit.
type NoLevels<T> = Omit<T, 'clausesByLevel'>;
same<Equals<NoLevels<z.infer<typeof documentSummarySchema>>, NoLevels<DocumentSummary>>>();
same<Equals<NoLevels<z.infer<typeof documentDetailSchema>>, NoLevels<DocumentDetail>>>();
same<Equals<z.infer<typeof sectionSchema>, Section>>();
same<Equals<z.infer<typeof ingestResultSchema>, IngestResult>>();
same<Equals<z.infer<typeof taskRowSchema>, TaskRow>>();
same<Equals<z.infer<typeof calendarEntrySchema>, CalendarEntry>>();

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

/** Parses `value` (as JSON would carry it) and expects nothing to be dropped or changed. */
function expectExact(schema: z.ZodType, value: unknown): void {
  const json = JSON.parse(JSON.stringify(value));
  const parsed = schema.safeParse(json);
  expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
  expect(parsed.data).toEqual(json);
}

describe('schemas on real workspace objects', () => {
  it('status, documents and sections', () => {
    expectExact(statusSchema, t.workspace.status());
    for (const d of t.workspace.listDocuments()) expectExact(documentSummarySchema, d);
    expectExact(documentDetailSchema, t.workspace.getDocument(PARENT_ID));
    expectExact(documentDetailSchema, t.workspace.getDocument(CHILD_ID));
  });

  it('search hits, answers (answered and abstained) and chat sessions', async () => {
    for (const h of await t.workspace.search('水土保持率', { k: 10 })) expectExact(searchHitSchema, h);
    const session = t.workspace.createSession();
    const answered = await t.workspace.ask('山西省2035年的水土保持率目标是多少？', { session });
    expect(answered.citations.length).toBeGreaterThan(0);
    expectExact(answerSchema, answered);
    expectExact(answerSchema, await t.workspace.ask('北京市的垃圾分类怎么规定？', { session }));
    expectExact(chatSessionSchema, session);
  });

  it('the alignment report', async () => {
    expectExact(alignmentReportSchema, await t.workspace.align(CHILD_ID, PARENT_ID));
  });

  it('the task register and the reporting calendar', () => {
    const obligations = t.workspace.obligations(PARENT_ID);
    const { tasks } = buildRegister(obligations);
    expect(tasks.length).toBeGreaterThan(10);
    for (const row of tasks) expectExact(taskRowSchema, row);
    const calendar = toReportingCalendar(obligations);
    expect(calendar.length).toBeGreaterThan(0);
    for (const e of calendar) expectExact(calendarEntrySchema, e);
  });
});
