/** Schemas of alignment reports and the labels the UI names them with. */
import { z } from 'zod';
import { FINDING_ORDER, PARENT_SOURCE_LABELS, SEVERITY_LABELS, type FindingKind, type ParentSource, type Severity } from '../../analysis/alignment/kinds.js';
import { adminLevel, named } from './common.js';

const SEVERITIES = Object.keys(SEVERITY_LABELS) as [Severity, ...Severity[]];
const PARENT_SOURCES = Object.keys(PARENT_SOURCE_LABELS) as [ParentSource, ...ParentSource[]];

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
    parentSource: z.enum(PARENT_SOURCES),
    notes: z.array(z.string()),
    relation: z.object({
      related: z.boolean().describe('False when the child covers too little of the parent: findings withheld, a note warns'),
      coverage: z.number().describe("Share of the parent's phrases with a counterpart in the child"),
      withheld: z.number().describe('Findings withheld because the pair looks unrelated'),
    }),
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
        kind: z.enum(FINDING_ORDER as [FindingKind, ...FindingKind[]]),
        severity: z.enum(SEVERITIES),
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
            looser: z.boolean().nullable().optional(),
            decomposition: z.object({ region: z.string(), year: z.string(), value: z.string(), clause: z.string() }).nullable(),
          })
          .optional(),
      }),
    ),
    excluded: z
      .array(z.object({ parent: findingSideSchema, reason: z.string() }))
      .describe('Parent requirements the child may leave out and did, with the reason'),
    obligations: z
      .array(
        z.object({
          parent: findingSideSchema,
          status: z.enum(['covered', 'weakened', 'changed', 'missing', 'excluded']),
          reason: z.string().nullable(),
          child: findingSideSchema.nullable(),
        }),
      )
      .describe('Every parent obligation with its outcome, in the parent order'),
    pairs: z.array(z.object({ parent: findingSideSchema, child: findingSideSchema, similarity: z.number() })),
  }),
);

export const alignmentLabelsSchema = named(
  'AlignmentLabels',
  z.object({
    kinds: z
      .array(z.object({ kind: z.enum(FINDING_ORDER as [FindingKind, ...FindingKind[]]), label: z.string(), hint: z.string() }))
      .describe('Finding kinds in reading order'),
    severities: z.record(z.enum(SEVERITIES), z.string()),
    parentSources: z.record(z.enum(PARENT_SOURCES), z.string()),
  }),
);
