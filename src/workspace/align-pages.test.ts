/**
 * Alignment of a paged source: every quote of a PDF carries its page (the page its offsets lie
 * on), and the Markdown and HTML reports print （第N页） after the clause address of those quotes
 * and of no others.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { renderAlignmentHtml, renderAlignmentMarkdown } from '../analysis/alignment/render.js';
import type { PagedSide } from '../analysis/alignment/render-common.js';
import type { AlignmentReport } from '../analysis/alignment/types.js';
import { pageAt, readDocument } from '../ingest/decode.js';
import type { ParsedDocument, RawDocument } from '../ingest/types.js';
import { corpusDocs } from '../testing/alignment-corpus.js';
import { CHILD_ID, PARENT_ID } from '../testing/corpus.js';
import { buildCorpusPdf } from '../testing/fixtures/paged-plan.js';
import { alignForWorkspace } from './align.js';

let docs: Map<string, ParsedDocument>;
let report: AlignmentReport;
let raw: RawDocument;

beforeAll(async () => {
  docs = await corpusDocs();
  // The county plan (a real child of the province's plan) as a PDF of several pages.
  const bytes = buildCorpusPdf(CHILD_ID);
  raw = await readDocument({ name: 'child.pdf', bytes });
  report = await alignForWorkspace({ docs }, { name: 'child.pdf', bytes }, PARENT_ID, { maxFileBytes: 5 * 1024 * 1024 });
  expect(report.relation.related).toBe(true);
}, 60_000);

const childSides = (r: AlignmentReport) =>
  [...r.findings.map((f) => f.child), ...r.obligations.map((o) => o.child), ...r.pairs.map((p) => p.child)].filter((s) => s !== null);
const parentSides = (r: AlignmentReport) => [
  ...r.findings.map((f) => f.parent),
  ...r.obligations.map((o) => o.parent),
  ...r.excluded.map((e) => e.parent),
  ...r.pairs.map((p) => p.parent),
];

describe('alignment of a paged source', () => {
  it('gives every quote of the PDF the page its offsets lie on, and none to the text parent', () => {
    const sides = childSides(report) as PagedSide[];
    expect(sides.length).toBeGreaterThan(0);
    for (const s of sides) expect(s.page, s.quote).toBe(pageAt(raw, s.start));
    expect(new Set(sides.map((s) => s.page)).size).toBeGreaterThan(1);
    for (const s of parentSides(report)) expect((s as PagedSide | null)?.page).toBeUndefined();
  });

  it('prints （第N页） after the clause address of the PDF quotes in the Markdown and HTML reports', () => {
    const md = renderAlignmentMarkdown(report);
    const html = renderAlignmentHtml(report);
    const finding = report.findings.find((f) => f.child);
    expect(finding).toBeDefined();
    const side = finding!.child as PagedSide;
    expect(md).toContain(`本级 ${side.clause}（第${side.page}页）`);
    expect(html).toContain(`本级 ${side.clause}（第${side.page}页）`);
    // The parent is a text file: its quotes have no page, so only child quotes are paged.
    expect(md).not.toMatch(/上级 [^\n：]*（第\d+页）/);
    const pages = md.match(/（第\d+页）/g) ?? [];
    expect(pages.length).toBeGreaterThan(0);
  });
});
