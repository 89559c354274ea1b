/**
 * Alignment benchmark: milliseconds and peak RSS of `alignDocuments` against the province's plan
 * (004) for children of near-identical short clauses (the shape that made the local pass
 * quadratic in the child: every clause is every parent phrase's look-alike) at 40, 80, 160 and
 * 360 KB; for pairs where both sides are large (the province's plan and the county's 002, each
 * repeated N times: dense look-alikes on both sides, what the P×C pair matrices cost); and for
 * the real and hand-written children. Prints a table (or `--json`); figures, not a test.
 *
 *   npx tsx scripts/bench-align.ts [--sizes 40,80,160,360] [--repeats 4,8,16] [--runs 3] [--json]
 *
 * Each case runs in its own process so that its peak RSS is its own; the time is the best of
 * `--runs` alignments (the first warms the JIT), parsing excluded, as wall-clock and as CPU
 * milliseconds (the CPU figure moves less when other work shares the machine; it includes the
 * garbage collector's threads).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { alignDocuments } from '../src/analysis/alignment/align.js';
import { toOriginalRange } from '../src/ingest/clean.js';
import { readDocumentFile } from '../src/ingest/decode.js';
import { parseDocument } from '../src/ingest/parse.js';
import type { ParsedDocument } from '../src/ingest/types.js';
import { CHILD_ID, PARENT_ID, corpusPath } from '../src/testing/corpus.js';
import { repeatedClauses } from '../src/testing/hostile.js';

/** One measured case. */
interface Row {
  case: string;
  parentKb: number;
  childKb: number;
  findings: number;
  ms: number;
  cpuMs: number;
  peakRssMb: number;
}

const HANDWRITTEN = ['city', 'county', 'district', 'faithful'];

const readCorpus = async (id: string) => parseDocument(await readDocumentFile(corpusPath(id)));

/** The body of `doc` (its text before the attachments) repeated `n` times: the clause numbering restarts in each copy. */
const repeated = (doc: ParsedDocument, n: number, id: string) => {
  const raw = doc.raw.text;
  const attachment = doc.sections.find((s) => /^附件/.test(s.path));
  const body = attachment ? raw.slice(0, toOriginalRange(doc.clean, raw, attachment.start, attachment.start + 1).start) : raw;
  const text = Array.from({ length: n }, () => body).join('\n');
  return parseDocument({ id, format: 'txt', encoding: 'utf-8', text, sha256: '', bytes: Buffer.byteLength(text) });
};

/** The parent of a case: 004, or 004 repeated N times for `pair:<N>`. */
async function loadParent(name: string): Promise<ParsedDocument> {
  const parent = await readCorpus(PARENT_ID);
  const n = /^pair:(\d+)$/.exec(name);
  return n ? repeated(parent, Number(n[1]), `parent-x${n[1]}.txt`) : parent;
}

/**
 * The child of a case: `clauses:<KB>` (near-identical clauses of about that size), `pair:<N>`
 * (002 repeated N times), a corpus id, or `child-<name>` of evals/align.
 */
async function loadChild(name: string): Promise<ParsedDocument> {
  const n = /^pair:(\d+)$/.exec(name);
  if (n) return repeated(await readCorpus(CHILD_ID), Number(n[1]), `child-x${n[1]}.txt`);
  const kb = /^clauses:(\d+)$/.exec(name);
  if (kb) {
    // One clause line is about 75 bytes: enough lines for the size asked.
    const bytes = Number(kb[1]) * 1024;
    let count = Math.ceil(bytes / 75);
    let buf = repeatedClauses(count);
    while (buf.length < bytes) buf = repeatedClauses((count = Math.ceil(count * 1.05)));
    const text = buf.toString('utf8');
    return parseDocument({ id: `clauses-${kb[1]}kb.txt`, format: 'txt', encoding: 'utf-8', text, sha256: '', bytes: buf.length });
  }
  const path = name.startsWith('child-') ? fileURLToPath(new URL(`../evals/align/${name}.txt`, import.meta.url)) : corpusPath(name);
  return parseDocument(await readDocumentFile(path));
}

/** Measures one case in this process. */
async function measure(name: string, runs: number): Promise<Row> {
  const parent = await loadParent(name);
  const child = await loadChild(name);
  let best = Number.POSITIVE_INFINITY;
  let bestCpu = Number.POSITIVE_INFINITY;
  let findings = 0;
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const report = alignDocuments(child, parent);
    const cpu = process.cpuUsage(c0);
    best = Math.min(best, performance.now() - t0);
    bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1000);
    findings = report.findings.length;
  }
  return {
    case: name,
    parentKb: Math.round(parent.raw.bytes / 102.4) / 10,
    childKb: Math.round(child.raw.bytes / 102.4) / 10,
    findings,
    ms: Math.round(best),
    cpuMs: Math.round(bestCpu),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

/** Runs one case in a fresh process and reads its row. */
function measureInChild(name: string, runs: number): Row {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--case', name, '--runs', String(runs)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`case ${name} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Row;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '40,80,160,360' },
      repeats: { type: 'string', default: '4,8,16' },
      runs: { type: 'string', default: '3' },
      case: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const runs = Math.max(1, Number(values.runs));
  if (values.case) {
    console.log(JSON.stringify(await measure(values.case, runs)));
    return;
  }
  const cases = [
    ...values.sizes.split(',').map((s) => `clauses:${s.trim()}`),
    ...values.repeats.split(',').map((s) => `pair:${s.trim()}`),
    CHILD_ID,
    ...HANDWRITTEN.map((h) => `child-${h}`),
  ];
  const rows: Row[] = [];
  for (const c of cases) {
    // The big cases take one run: the point is the growth, not the last millisecond.
    const big = (c.startsWith('clauses:') && Number(c.slice(8)) > 100) || (c.startsWith('pair:') && Number(c.slice(5)) > 4);
    const row = measureInChild(c, big ? 1 : runs);
    rows.push(row);
    if (!values.json) console.error(`${row.case}: ${row.ms} ms (CPU ${row.cpuMs} ms), ${row.peakRssMb} MB`);
  }
  if (values.json) {
    console.log(JSON.stringify(rows, null, 2));
    return;
  }
  console.table(rows);
}

await main();
