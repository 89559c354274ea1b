/**
 * PDF answer parity (issue 12): 004 printed to PDF by Chromium and ingested must give the same
 * answers on the project's gold for that document as its text file.
 *
 *   npx tsx scripts/bench-pdf-answers.ts [--json]
 *
 * Builds two temporary indexes with the built-in embedder through the ingest pipeline: A, the
 * corpus as it is; B, the same corpus with 004's .txt replaced by its Chromium-printed PDF (same
 * base name, .pdf). Asks every gold item of evals/qa/{dev,test}.jsonl whose source is 004 (with
 * the items a follow-up follows, replayed in its session as `policy eval` does) against both,
 * scores both with `policy eval`'s scorer, and prints the counts, the items whose answers differ,
 * and whether citations into the PDF carry their page. Needs Debian's chromium (skipped, naming
 * the install command, without it).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { answerQuestion } from '../src/answer/index.js';
import type { Answer } from '../src/answer/types.js';
import { type GoldItem, readGold } from '../src/evals/qa/gold.js';
import { computeQaMetrics, isCorrectAnswer, normalizeForMatch, type QaItemResult, type QaMetrics } from '../src/evals/qa/metrics.js';
import { type AskFn, runQaEval } from '../src/evals/qa/run.js';
import { corpusOf, openIndex } from '../src/indexing/open-index.js';
import { ingest } from '../src/indexing/pipeline.js';
import { CORPUS_DIR, PARENT_ID, readCorpusText } from '../src/testing/corpus.js';
import { policyHtml, printHtmlToPdf } from '../src/testing/fixtures/chromium.js';
import { toolProblem } from '../src/testing/fixtures/tools.js';

const { values } = parseArgs({ options: { json: { type: 'boolean' } } });

const GOLD = ['evals/qa/dev.jsonl', 'evals/qa/test.jsonl'];
const PDF_ID = PARENT_ID.replace(/\.txt$/, '.pdf');
const EMBEDDER = { kind: 'builtin' as const };

/** One side of the comparison: an index and the original texts its citations point into. */
interface Side {
  ask: AskFn;
  originals: Map<string, string>;
}

/** Ingests `dir` into a new index under `indexDir` and opens it for answering. */
async function buildSide(dir: string, indexDir: string): Promise<Side> {
  const result = await ingest({ paths: [dir], indexDir, embedder: EMBEDDER, rebuild: true });
  if (result.problems.length) throw new Error(`ingest of ${dir}: ${result.problems.map((p) => `${p.file} ${p.code} ${p.message}`).join('; ')}`);
  const index = await openIndex(indexDir, EMBEDDER);
  const corpus = corpusOf(index);
  // As `policy eval` asks through the workspace (extractive, no LLM endpoint).
  const ask: AskFn = (q, o) => answerQuestion(corpus, q, { session: o.session, searchMode: o.searchMode, mode: o.mode });
  return { ask, originals: new Map([...index.docs.values()].map((d) => [d.id, d.raw.text])) };
}

/** The gold items about 004, in gold order, with every item a follow-up among them follows (its session's history). */
function itemsFor004(gold: GoldItem[]): { replay: GoldItem[]; scored: Set<string> } {
  const byId = new Map(gold.map((i) => [i.id, i]));
  const scored = new Set(gold.filter((i) => i.source === PARENT_ID).map((i) => i.id));
  const needed = new Set<string>();
  for (const id of scored) {
    for (let i: GoldItem | undefined = byId.get(id); i && !needed.has(i.id); i = i.after ? byId.get(i.after) : undefined) needed.add(i.id);
  }
  return { replay: gold.filter((i) => needed.has(i.id)), scored };
}

/** The gold item as B sees it: its source is the PDF. */
const onPdf = (item: GoldItem): GoldItem => (item.source === PARENT_ID ? { ...item, source: PDF_ID } : item);
/** B's answer text with the PDF's id written as the text file's (a label may fall back to the id). */
const answerText = (a: Answer, mapId = false): string | null => (mapId && a.answer ? a.answer.split(PDF_ID).join(PARENT_ID) : a.answer);
/** Right: an answerable item answered correctly (the eval's scorer), an unanswerable one abstained. */
const isRight = (r: QaItemResult) => (r.item.unanswerable ? r.answer.abstained : isCorrectAnswer(r.item, r.answer));
/**
 * Citations as compared: source and quote, the quote as the scorer compares facts (NFKC, no
 * whitespace) — the .txt has blank lines inside some paragraphs the printed page does not.
 */
const citeKey = (a: Answer) => JSON.stringify(a.citations.map((c) => [c.source === PDF_ID ? PARENT_ID : c.source, normalizeForMatch(c.quote)]));

/** An item whose citations differ beyond whitespace (their quotes, in order). */
interface CitationDiff {
  id: string;
  text: string[];
  pdf: string[];
}

interface Diff {
  id: string;
  gold: string;
  question: string;
  text: string | null;
  pdf: string | null;
  correctText: boolean;
  correctPdf: boolean;
}

interface SplitReport {
  gold: string;
  items: number;
  answerable: number;
  correctText: number;
  correctPdf: number;
  identicalAnswers: number;
  identicalCitations: number;
  metricsText: QaMetrics;
  metricsPdf: QaMetrics;
  diffs: Diff[];
  citationDiffs: CitationDiff[];
  pdfCitations: number;
  pdfCitationsWithPage: number;
  evidenceMissingInPdf: string[];
}

async function main(): Promise<void> {
  const problem = toolProblem('chromium');
  if (problem) {
    if (values.json) console.log(JSON.stringify({ skipped: problem }));
    else console.log(`skipped: ${problem}`);
    return;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'bench-pdf-answers-'));
  try {
    const t0 = performance.now();
    const pdf = await printHtmlToPdf(policyHtml(readCorpusText(PARENT_ID)));
    const pdfDir = join(tmp, 'corpus-pdf');
    mkdirSync(pdfDir);
    for (const f of readdirSync(CORPUS_DIR)) if (f !== PARENT_ID) copyFileSync(join(CORPUS_DIR, f), join(pdfDir, f));
    writeFileSync(join(pdfDir, PDF_ID), pdf);
    const a = await buildSide(CORPUS_DIR, join(tmp, 'index-a'));
    const b = await buildSide(pdfDir, join(tmp, 'index-b'));
    const pdfPages = (await openIndex(join(tmp, 'index-b'), EMBEDDER)).docs.get(PDF_ID)?.raw.pages?.length ?? 0;

    const reports: SplitReport[] = [];
    for (const path of GOLD) {
      const { replay, scored } = itemsFor004(readGold(path));
      const runA = await runQaEval(replay, a.ask, a.originals, { mode: 'extractive' });
      const runB = await runQaEval(replay.map(onPdf), b.ask, b.originals, { mode: 'extractive' });
      const pairs = runA.results.map((r, i) => [r, runB.results[i]] as const).filter(([r]) => scored.has(r.item.id));
      const ra = pairs.map(([r]) => r);
      const rb = pairs.map(([, r]) => r);
      const cites = rb.flatMap((r) => r.answer.citations.filter((c) => c.source === PDF_ID));
      const pdfText = b.originals.get(PDF_ID) ?? '';
      reports.push({
        gold: path,
        items: pairs.length,
        answerable: ra.filter((r) => !r.item.unanswerable).length,
        correctText: ra.filter(isRight).length,
        correctPdf: rb.filter(isRight).length,
        identicalAnswers: pairs.filter(([x, y]) => answerText(x.answer) === answerText(y.answer, true) && x.answer.abstained === y.answer.abstained).length,
        identicalCitations: pairs.filter(([x, y]) => citeKey(x.answer) === citeKey(y.answer)).length,
        metricsText: computeQaMetrics(ra, a.originals),
        metricsPdf: computeQaMetrics(rb, b.originals),
        diffs: pairs
          .filter(([x, y]) => answerText(x.answer) !== answerText(y.answer, true) || x.answer.abstained !== y.answer.abstained)
          .map(([x, y]) => ({
            id: x.item.id,
            gold: path,
            question: x.item.question,
            text: answerText(x.answer),
            pdf: answerText(y.answer, true),
            correctText: isRight(x),
            correctPdf: isRight(y),
          })),
        citationDiffs: pairs
          .filter(([x, y]) => citeKey(x.answer) !== citeKey(y.answer))
          .map(([x, y]) => ({ id: x.item.id, text: x.answer.citations.map((c) => c.quote), pdf: y.answer.citations.map((c) => c.quote) })),
        pdfCitations: cites.length,
        pdfCitationsWithPage: cites.filter((c) => typeof c.page === 'number' && c.page >= 1 && c.page <= pdfPages).length,
        evidenceMissingInPdf: ra.flatMap((r) => r.item.evidence.filter((e) => !pdfText.includes(e)).map((e) => `${r.item.id}: ${e}`)),
      });
    }
    const sum = (k: keyof SplitReport) => reports.reduce((n, r) => n + (r[k] as number), 0);
    const total = {
      items: sum('items'),
      answerable: sum('answerable'),
      correctText: sum('correctText'),
      correctPdf: sum('correctPdf'),
      identicalAnswers: sum('identicalAnswers'),
      identicalCitations: sum('identicalCitations'),
      pdfCitations: sum('pdfCitations'),
      pdfCitationsWithPage: sum('pdfCitationsWithPage'),
    };
    const seconds = (performance.now() - t0) / 1000;
    if (values.json) {
      console.log(JSON.stringify({ document: PARENT_ID, pdf: { id: PDF_ID, pages: pdfPages, bytes: pdf.length }, total, splits: reports, seconds }, null, 2));
      return;
    }
    console.log(`${PARENT_ID} as text vs printed by Chromium (${PDF_ID}, ${pdfPages} pages), built-in embedder, extractive answers\n`);
    const head = ['gold', 'items', 'correct on text', 'correct on PDF', 'identical answer', 'identical citations', 'PDF citations with page'];
    const rows = [
      ...reports.map((r) => [
        r.gold,
        r.items,
        r.correctText,
        r.correctPdf,
        r.identicalAnswers,
        r.identicalCitations,
        `${r.pdfCitationsWithPage}/${r.pdfCitations}`,
      ]),
      [
        'total',
        total.items,
        total.correctText,
        total.correctPdf,
        total.identicalAnswers,
        total.identicalCitations,
        `${total.pdfCitationsWithPage}/${total.pdfCitations}`,
      ],
    ].map((r) => r.map(String));
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
    console.log([line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n'));
    console.log('\n(correct: answerable items by `policy eval`’s scorer, unanswerable ones abstained)');
    for (const r of reports) {
      const m = (x: QaMetrics) =>
        `answer accuracy ${x.answerAccuracy}, abstention ${x.abstentionAccuracy}, hit@1 ${x.evidenceHitAt1}, hit@5 ${x.evidenceHitAt5}`;
      console.log(`\n${r.gold}\n  text: ${m(r.metricsText)}\n  PDF:  ${m(r.metricsPdf)}`);
      if (r.evidenceMissingInPdf.length)
        console.log(`  gold evidence not verbatim in the PDF's text (those items drop out of the PDF's hit@k): ${r.evidenceMissingInPdf.join('; ')}`);
    }
    const diffs = reports.flatMap((r) => r.diffs);
    console.log(`\n${diffs.length} item(s) answered differently${diffs.length ? ':' : ''}`);
    const mark = (ok: boolean) => (ok ? '✓' : '✗');
    for (const d of diffs)
      console.log(`\n${d.id}  ${d.question}\n  text ${mark(d.correctText)} ${d.text ?? '(abstained)'}\n  PDF  ${mark(d.correctPdf)} ${d.pdf ?? '(abstained)'}`);
    const citeDiffs = reports.flatMap((r) => r.citationDiffs);
    if (citeDiffs.length) console.log(`\ncitations differing beyond whitespace: ${citeDiffs.map((d) => d.id).join(', ')} (--json lists their quotes)`);
    console.log(`\n${seconds.toFixed(1)} s`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
