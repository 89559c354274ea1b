/**
 * The hand-written children of `policy eval --align`: every `gold-*.json` of the gold folder whose
 * child file lies beside it (see `handwritten.ts` for how each is scored), plus the checks every
 * aligner must pass whatever the children: a plan against itself gives no finding, and an
 * unrelated pair gives a warning instead of a list of findings. Each pair is timed in process.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { alignDocuments } from '../../analysis/alignment/align.js';
import { readDocumentFile } from '../../ingest/decode.js';
import { parseDocument } from '../../ingest/parse.js';
import type { ParsedDocument } from '../../ingest/types.js';
import { readAlignGold } from './gold.js';
import { type ChildKindScore, goldDocumentPath, scoreChild } from './handwritten.js';

/** The result of one hand-written child. */
export interface ChildResult {
  gold: string;
  child: string;
  /** A faithful localisation: its gold expects nothing but `added`. */
  faithful: boolean;
  findings: number;
  byKind: ChildKindScore[];
  /** Findings no mustFlag item explains and the notes do not exempt (for the faithful child: the findings that should not be). */
  falsePositives: string[];
  unflagged: string[];
  violations: string[];
  exemptSpans: number;
  unlocated: number;
  ms: number;
}

/** The checks on pairs with a known answer. */
export interface PairChecks {
  /** Findings of the parent aligned with itself (target 0). */
  selfFindings: number;
  /** The unrelated pair: whether the report warned, and how many findings it listed (target: warned, 0). */
  unrelated: { child: string; warned: boolean; listed: number; withheld: number; coverage: number } | null;
}

async function load(path: string): Promise<ParsedDocument> {
  return parseDocument(await readDocumentFile(path));
}

/** Gold files of `dir` whose child is a file beside them (the hand-written children), sorted. */
export function handwrittenGolds(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^gold-.*\.json$/.test(f))
    .sort()
    .map((f) => join(dir, f))
    .filter((p) => existsSync(join(dirname(p), readAlignGold(p).child)));
}

/** Aligns and scores every hand-written child of `dir` against its parent (from `corpusDir`). */
export async function runHandwrittenChildren(dir: string, corpusDir: string, parents: Map<string, ParsedDocument>): Promise<ChildResult[]> {
  const out: ChildResult[] = [];
  for (const goldPath of handwrittenGolds(dir)) {
    const gold = readAlignGold(goldPath);
    const child = await load(goldDocumentPath(goldPath, gold.child, corpusDir));
    let parent = parents.get(gold.parent);
    if (!parent) parents.set(gold.parent, (parent = await load(goldDocumentPath(goldPath, gold.parent, corpusDir))));
    const t0 = performance.now();
    const report = alignDocuments(child, parent);
    const ms = performance.now() - t0;
    const score = scoreChild(report.findings, gold, child, parent);
    out.push({
      gold: goldPath,
      child: gold.child,
      faithful: gold.mustFlag.every((m) => m.kind === 'added'),
      findings: report.findings.length,
      byKind: score.byKind,
      falsePositives: score.falsePositives,
      unflagged: score.unflagged,
      violations: score.violations,
      exemptSpans: score.exemptSpans,
      unlocated: score.unlocated,
      ms: Math.round(ms),
    });
  }
  return out;
}

/** A plan against itself, and an unrelated plan against it (when `unrelatedId` names a corpus file). */
export async function runPairChecks(parent: ParsedDocument, corpusDir: string, unrelatedId: string | null): Promise<PairChecks> {
  const selfFindings = alignDocuments(parent, parent).findings.length;
  let unrelated: PairChecks['unrelated'] = null;
  if (unrelatedId && existsSync(join(corpusDir, unrelatedId))) {
    const r = alignDocuments(await load(join(corpusDir, unrelatedId)), parent);
    unrelated = {
      child: unrelatedId,
      warned: !r.relation.related,
      listed: r.findings.length,
      withheld: r.relation.withheld,
      coverage: r.relation.coverage,
    };
  }
  return { selfFindings, unrelated };
}

const fmt = (x: number | null) => (x === null ? '—' : x.toFixed(2));

/** The per-child table: recall and precision per kind (true/false positives, exempt), with the findings to review. */
export function formatChildren(children: ChildResult[], checks: PairChecks): string[] {
  const lines: string[] = [];
  for (const c of children) {
    lines.push(
      '',
      `hand-written child ${c.child}${c.faithful ? ' (faithful)' : ''}: ${c.findings} findings, ${c.ms} ms; notes exempt ${c.exemptSpans} parent spans`,
    );
    lines.push('  kind              recall          precision (tp/fp/exempt)');
    for (const k of c.byKind) {
      if (!k.expected && !k.predicted) continue;
      lines.push(
        `  ${k.kind.padEnd(16)}  ${fmt(k.recall).padEnd(5)} (${k.found}/${k.expected})`.padEnd(36) +
          `${fmt(k.precision).padEnd(5)} (${k.truePositives}/${k.falsePositives}/${k.exempt})`,
      );
    }
    for (const u of c.unflagged) lines.push(`  not flagged: ${u}`);
    for (const f of c.falsePositives) lines.push(`  not in the gold: ${f}`);
    if (c.unlocated) lines.push(`  ${c.unlocated} gold quotes not found`);
  }
  lines.push('', `parent against itself: ${checks.selfFindings} findings`);
  if (checks.unrelated) {
    const u = checks.unrelated;
    lines.push(
      `unrelated pair ${u.child}: ${u.warned ? 'warned' : 'NOT warned'} (coverage ${fmt(u.coverage)}), ${u.listed} findings listed, ${u.withheld} withheld`,
    );
  }
  return lines;
}
