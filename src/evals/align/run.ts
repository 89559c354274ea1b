/**
 * `runAlignmentEval`: the alignment evaluation behind `policy eval --align`.
 *
 * 1. Synthetic: N seeded children of the parent plan with known edits; precision and recall
 *    per finding kind (targets: ≥ 0.9 for missing, weakened and target_changed; the other kinds
 *    are reported).
 * 2. Gold: the hand-made 002-vs-004 findings; every mustFlag item flagged, mustNotFlag items
 *    violated (target: at most one false `missing`).
 * 3. Hand-written children (`children.ts`, scored by `handwritten.ts`): per child, recall per
 *    finding kind (target ≥ 0.9) and precision of every kind (target ≥ 0.9 for missing and
 *    weakened on each reworded child); nothing but the gold's `added` on a faithful
 *    localisation; no finding on the parent against itself; a warning and no list for an
 *    unrelated pair.
 * 4. Time: milliseconds per alignment (target: one pair under 1 s in process), and for a pair of
 *    two documents of 20 KB each (target: ≤ 2 s; see {@link buildLargePair}).
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { alignDocuments } from '../../analysis/alignment/align.js';
import type { AlignmentReport } from '../../analysis/alignment/types.js';
import { readDocumentFile } from '../../ingest/decode.js';
import { parseDocument } from '../../ingest/parse.js';
import type { ParsedDocument } from '../../ingest/types.js';
import type { Workspace } from '../../workspace/types.js';
import { readAlignGold, scoreGold, type GoldScore } from './gold.js';
import { matchesExpectation, scoreFindings, sumScores, type KindScore, type LocatedExpectation } from './score.js';
import { buildLargePair } from './large.js';
import { type ChildResult, formatChildren, type PairChecks, runHandwrittenChildren, runPairChecks } from './children.js';
import { describeFinding } from './handwritten.js';
import { defaultSyntheticOptions, generateSyntheticChild, type SyntheticOptions } from './synthetic.js';

/** Options of {@link runAlignmentEval}. */
export interface AlignEvalOptions {
  /** When given, the gold pair is aligned through `workspace.align` (the product path). */
  workspace?: Workspace;
  /** Folder with the corpus files. Default `corpus`. */
  corpusDir: string;
  /** Gold file. Default `evals/align/gold-002-004.json`; skipped when absent. */
  goldPath: string;
  /** Parent of the synthetic children. Default: the gold's parent, else `004_01ad0f74c71dd3d5.txt`. */
  parentId?: string;
  /** Synthetic children. Default 20. */
  syntheticCount: number;
  /** Seed of the first child (the others follow). Default 1. */
  seed: number;
  /** Size of each document of the timing pair (see {@link buildLargePair}); 0 skips it. Default 20480 (20 KB). */
  largeBytes: number;
  /** Folder of the hand-written children and their gold files (`gold-*.json` beside `child-*.txt`). Default: the gold file's folder. */
  childrenDir?: string;
  /** A corpus document unrelated to the parent: aligned against it, it must be warned about, not listed. Default `003_771f313df9559ae5.txt`; null skips. */
  unrelatedId: string | null;
  synthetic: Partial<SyntheticOptions>;
}

/** Documented defaults of {@link AlignEvalOptions}. */
export const defaultAlignEvalOptions: AlignEvalOptions = {
  corpusDir: 'corpus',
  goldPath: 'evals/align/gold-002-004.json',
  syntheticCount: 20,
  seed: 1,
  largeBytes: 20_480,
  unrelatedId: '003_771f313df9559ae5.txt',
  synthetic: {},
};

/** A target with its measured value. */
export interface EvalTarget {
  name: string;
  value: number | null;
  target: string;
  pass: boolean;
}

export interface AlignEvalReport {
  synthetic: {
    parent: string;
    children: number;
    seed: number;
    edits: Omit<SyntheticOptions, 'seed' | 'county' | 'province'>;
    byKind: KindScore[];
    /** Expectations no prediction matched, and predictions that matched none (first 20 each). */
    misses: string[];
    falsePositives: string[];
  };
  gold: (GoldScore & { child: string; parent: string; findings: number }) | null;
  children: ChildResult[];
  checks: PairChecks;
  timing: {
    pairs: number;
    meanMs: number;
    maxMs: number;
    goldMs: number | null;
    largestBytes: number;
    /** The pair of two documents of at least `largeBytes` each: sizes and the slowest of three runs. */
    large: { parentBytes: number; childBytes: number; ms: number } | null;
  };
  targets: EvalTarget[];
}

async function loadDoc(corpusDir: string, id: string): Promise<ParsedDocument> {
  return parseDocument(await readDocumentFile(join(corpusDir, id)));
}

const SCORED = ['missing', 'weakened', 'target_changed'] as const;

/** Runs the alignment evaluation; see the module comment. */
export async function runAlignmentEval(options: Partial<AlignEvalOptions> = {}): Promise<AlignEvalReport> {
  const opts = { ...defaultAlignEvalOptions, ...options };
  const gold = existsSync(opts.goldPath) ? readAlignGold(opts.goldPath) : null;
  const parentId = opts.parentId ?? gold?.parent ?? '004_01ad0f74c71dd3d5.txt';
  const parent = await loadDoc(opts.corpusDir, parentId);
  const times: number[] = [];
  let largestBytes = 0;
  const timed = (child: ParsedDocument, p: ParsedDocument): AlignmentReport => {
    const t0 = performance.now();
    const r = alignDocuments(child, p);
    times.push(performance.now() - t0);
    largestBytes = Math.max(largestBytes, child.raw.bytes, p.raw.bytes);
    return r;
  };

  const runs: KindScore[][] = [];
  const misses: string[] = [];
  const falsePositives: string[] = [];
  for (let k = 0; k < opts.syntheticCount; k++) {
    const seed = opts.seed + k;
    const syn = generateSyntheticChild(parent, { ...opts.synthetic, seed });
    const child = parseDocument({ id: syn.id, format: 'txt', encoding: 'utf-8', text: syn.text, sha256: '', bytes: Buffer.byteLength(syn.text) });
    const report = timed(child, parent);
    const expected: LocatedExpectation[] = syn.expected.map((e) => ({
      kind: e.kind,
      parent: e.start >= 0 ? { start: e.start, end: e.end } : null,
      child: e.child ? { start: e.child.start, end: e.child.end } : null,
      label: `seed ${seed} ${e.kind} ${e.parentClause} ${e.edit}: ${(e.parentQuote || e.child?.quote || '').slice(0, 40)}`,
    }));
    runs.push(scoreFindings(report.findings, expected));
    for (const e of expected) if (!report.findings.some((f) => matchesExpectation(f, e))) misses.push(e.label);
    for (const f of report.findings) if (!expected.some((e) => matchesExpectation(f, e))) falsePositives.push(`seed ${seed} ${describeFinding(f)}`);
  }
  const byKind = sumScores(runs);

  let goldResult: AlignEvalReport['gold'] = null;
  let goldMs: number | null = null;
  if (gold) {
    const child = await loadDoc(opts.corpusDir, gold.child);
    const goldParent = gold.parent === parentId ? parent : await loadDoc(opts.corpusDir, gold.parent);
    const t0 = performance.now();
    const report = opts.workspace ? await opts.workspace.align(gold.child, gold.parent) : timed(child, goldParent);
    goldMs = performance.now() - t0;
    goldResult = { child: gold.child, parent: gold.parent, findings: report.findings.length, ...scoreGold(report.findings, gold, child, goldParent) };
  }

  const children = await runHandwrittenChildren(opts.childrenDir ?? dirname(opts.goldPath), opts.corpusDir, new Map([[parentId, parent]]));
  for (const c of children) times.push(c.ms);
  const checks = await runPairChecks(parent, opts.corpusDir, opts.unrelatedId);

  let large: AlignEvalReport['timing']['large'] = null;
  if (opts.largeBytes > 0) {
    const donors: ParsedDocument[] = [];
    for (const id of readdirSync(opts.corpusDir)
      .filter((f) => f.endsWith('.txt') && f !== parentId)
      .sort())
      donors.push(await loadDoc(opts.corpusDir, id));
    const pair = buildLargePair(parent, donors, opts.largeBytes);
    let ms = 0;
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      alignDocuments(pair.child, pair.parent);
      ms = Math.max(ms, performance.now() - t0);
    }
    large = { parentBytes: pair.parent.raw.bytes, childBytes: pair.child.raw.bytes, ms: Math.round(ms) };
  }

  const kind = (k: string) => byKind.find((x) => x.kind === k)!;
  const targets: EvalTarget[] = [];
  for (const k of SCORED) {
    targets.push({ name: `synthetic ${k} precision`, value: kind(k).precision, target: '≥ 0.9', pass: (kind(k).precision ?? 0) >= 0.9 });
    targets.push({ name: `synthetic ${k} recall`, value: kind(k).recall, target: '≥ 0.9', pass: (kind(k).recall ?? 0) >= 0.9 });
  }
  if (goldResult) {
    targets.push({
      name: 'gold mustFlag flagged',
      value: goldResult.flagged,
      target: `= ${goldResult.mustFlag}`,
      pass: goldResult.flagged === goldResult.mustFlag,
    });
    targets.push({ name: 'gold false missing', value: goldResult.falseMissing, target: '≤ 1', pass: goldResult.falseMissing <= 1 });
  }
  targets.push(...childTargets(children, checks));
  const maxMs = times.length ? Math.max(...times) : 0;
  targets.push({ name: 'max ms per alignment', value: Math.round(maxMs), target: '< 1000', pass: maxMs < 1000 });
  if (large)
    targets.push({ name: `ms to align two ${Math.round(opts.largeBytes / 1024)} KB documents`, value: large.ms, target: '≤ 2000', pass: large.ms <= 2000 });
  return {
    synthetic: {
      parent: parentId,
      children: opts.syntheticCount,
      seed: opts.seed,
      edits: (({ seed: _s, county: _c, province: _p, ...rest }) => rest)({ ...defaultSyntheticOptions, ...opts.synthetic }),
      byKind,
      misses: misses.slice(0, 20),
      falsePositives: falsePositives.slice(0, 20),
    },
    gold: goldResult,
    children,
    checks,
    timing: {
      pairs: times.length,
      meanMs: Math.round(times.reduce((a, b) => a + b, 0) / Math.max(1, times.length)),
      maxMs: Math.round(maxMs),
      goldMs: goldMs === null ? null : Math.round(goldMs),
      largestBytes,
      large,
    },
    targets,
  };
}

/** The targets on the hand-written children and the known pairs. */
function childTargets(children: ChildResult[], checks: PairChecks): EvalTarget[] {
  const out: EvalTarget[] = [];
  for (const c of children) {
    const name = c.child.replace(/\.txt$/, '');
    if (c.faithful) {
      out.push({ name: `${name}: findings beyond the gold's added`, value: c.falsePositives.length, target: '= 0', pass: c.falsePositives.length === 0 });
      continue;
    }
    for (const k of c.byKind) {
      if (k.expected) out.push({ name: `${name} ${k.kind} recall`, value: k.recall, target: '≥ 0.9', pass: (k.recall ?? 0) >= 0.9 });
      if ((k.kind === 'missing' || k.kind === 'weakened') && k.truePositives + k.falsePositives > 0)
        out.push({ name: `${name} ${k.kind} precision`, value: k.precision, target: '≥ 0.9', pass: (k.precision ?? 0) >= 0.9 });
    }
  }
  out.push({ name: 'parent against itself: findings', value: checks.selfFindings, target: '= 0', pass: checks.selfFindings === 0 });
  if (checks.unrelated)
    out.push({
      name: `unrelated pair ${checks.unrelated.child}: findings listed`,
      value: checks.unrelated.listed,
      target: '= 0, warned',
      pass: checks.unrelated.warned && checks.unrelated.listed === 0,
    });
  return out;
}

const fmt = (x: number | null) => (x === null ? '—' : Number.isInteger(x) ? String(x) : x.toFixed(3));

/** A readable report: per-kind table, gold results, timing and targets. */
export function formatAlignEvalTable(report: AlignEvalReport): string {
  const lines: string[] = [];
  const s = report.synthetic;
  lines.push(`synthetic children of ${s.parent}: ${s.children} (seeds ${s.seed}–${s.seed + s.children - 1}); edits per child ${JSON.stringify(s.edits)}`);
  const head = ['kind', 'expected', 'predicted', 'precision', 'recall'];
  const rows = s.byKind.map((k) => [k.kind, String(k.expected), String(k.predicted), fmt(k.precision), fmt(k.recall)]);
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => [...r[i]].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  lines.push(line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line));
  if (s.misses.length) lines.push('', 'missed (first 20):', ...s.misses.map((m) => `  ${m}`));
  if (s.falsePositives.length) lines.push('', 'false positives (first 20):', ...s.falsePositives.map((m) => `  ${m}`));
  if (report.gold) {
    const g = report.gold;
    lines.push(
      '',
      `gold ${g.child} vs ${g.parent}: ${g.findings} findings; mustFlag ${g.flagged}/${g.mustFlag} flagged; mustNotFlag violated ${g.violated}/${g.mustNotFlag} (false missing ${g.falseMissing}); unlisted ${g.unlisted}${g.unlocated ? `; ${g.unlocated} gold quotes not found` : ''}`,
    );
    for (const u of g.unflagged) lines.push(`  not flagged: ${u}`);
    for (const v of g.violations) lines.push(`  violated: ${v}`);
  }
  lines.push(...formatChildren(report.children, report.checks));
  const t = report.timing;
  lines.push(
    '',
    `timing: ${t.pairs} alignments, mean ${t.meanMs} ms, max ${t.maxMs} ms (largest document ${t.largestBytes} bytes)${t.goldMs !== null ? `; gold pair ${t.goldMs} ms` : ''}`,
  );
  if (t.large) lines.push(`timing pair: parent ${t.large.parentBytes} bytes, child ${t.large.childBytes} bytes: ${t.large.ms} ms (slowest of 3)`);
  lines.push('', 'targets:', ...report.targets.map((x) => `  ${x.pass ? 'PASS' : 'FAIL'}  ${x.name}: ${fmt(x.value)} (${x.target})`));
  return lines.join('\n');
}
