/**
 * Answers made of figures: a table cell named by row and column, the extreme row of a column,
 * and arithmetic on two figures each found on its own. Drafts only; the caller verifies
 * citations and records the turn.
 */
import type { ParsedDocument } from '../ingest/types.js';
import { PROVINCE_SCOPE } from '../zh/question-cues.js';
import { asksDateGap, daysBetween, formatDifference, planOperands, readFigure } from './arithmetic.js';
import { citeClean } from './evidence.js';
import type { Draft } from './extractive.js';
import { answerFromRecord } from './record-answer.js';
import { askedExtreme, captionOverlap, cellText, columnsFor, extremeRow, findRowMentions, questionYears, rowLabel, tableUnit } from './table-answer.js';
import type { Understanding } from './understand.js';

/** Words that ask for a value (a table cell answers them), beyond the question kind. */
const ASKS_VALUE = /多少|几|目标|指标|要达到|达到|定的|定了|分到|分解|那栏|一栏|数是|数值|是几/;

/** Most rows one answer lists. */
const MAX_ROWS = 3;

/**
 * A table cell (or cells) the question names by row label and, optionally, by year column.
 * Null when no table row is named; an abstention when the row is named but the year asked is
 * not a column of the table.
 */
export function draftTableCell(question: string, u: Understanding, docs: ParsedDocument[]): Draft | null {
  if (!ASKS_VALUE.test(question) && u.kind !== 'amount') return null;
  const mentions = findRowMentions(question, docs);
  if (!mentions.length) return null;
  const years = questionYears(question);
  const seen = new Set<string>();
  const parts: { text: string; doc: ParsedDocument; start: number; end: number }[] = [];
  for (const m of mentions) {
    const key = `${m.doc.id}|${m.row.start}`;
    if (seen.has(key) || parts.length >= MAX_ROWS) continue;
    seen.add(key);
    const cols = columnsFor(m.row, years);
    if (!cols.length) continue;
    const unit = tableUnit(m.row, m.doc);
    parts.push({ text: cols.map((c) => cellText(m.row, c, unit)).join('；'), doc: m.doc, start: m.row.start, end: m.row.end });
  }
  if (!parts.length) {
    const columns = (mentions[0].row.header ?? []).slice(1).join('、');
    return {
      answer: null,
      citations: [],
      confidence: 0,
      reason: `The table states no value for ${years.join('、')}年 (its columns: ${columns}).`,
      docIds: [mentions[0].doc.id],
    };
  }
  return {
    answer: parts.map((p) => p.text).join('；'),
    citations: parts.map((p) => citeClean(p.doc, p.start, p.end)),
    confidence: 0.9,
    docIds: [...new Set(parts.map((p) => p.doc.id))],
  };
}

/** The row with the highest or lowest value in the asked column of the table the question is about. */
export function draftExtremeRow(question: string, docs: ParsedDocument[]): Draft | null {
  const extreme = askedExtreme(question);
  if (!extreme) return null;
  let best: { doc: ParsedDocument; table: string; overlap: number } | null = null;
  for (const doc of docs) {
    for (const table of new Set(doc.tables.map((r) => r.table))) {
      const first = doc.tables.find((r) => r.table === table)!;
      const overlap = captionOverlap(question, first);
      if (overlap >= 2 && (!best || overlap > best.overlap)) best = { doc, table, overlap };
    }
  }
  if (!best) return null;
  const rows = best.doc.tables.filter((r) => r.table === best!.table);
  const found = extremeRow(rows, extreme, questionYears(question)[0] ?? null);
  if (!found) return null;
  const unit = tableUnit(found.row, best.doc);
  return {
    answer: `${rowLabel(found.row)}（${cellText(found.row, found.column, unit).replace(`${rowLabel(found.row)} `, '')}）`,
    citations: [citeClean(best.doc, found.row.start, found.row.end)],
    confidence: 0.85,
    docIds: [best.doc.id],
  };
}

/** Place words of a question that can name an operand: its places, table rows it names, and the province. */
function operandPlaces(question: string, u: Understanding, docs: ParsedDocument[]): string[] {
  const out = [...u.places, ...findRowMentions(question, docs).map((m) => m.label)];
  const province = PROVINCE_SCOPE.exec(question)?.[0];
  if (province) out.push(province);
  // A row label may be written short in the question (运城 for 运城市): use the form it uses.
  return out.map((p) => (question.includes(p) ? p : p.replace(/(市|县|区|省)$/, ''))).filter((p) => p.length >= 2 && question.includes(p));
}

/**
 * Arithmetic on two figures: each operand asked as its own question through `ask`; the result
 * with its working, both figures cited. Null when the question does not name two operands.
 */
export async function draftArithmetic(
  question: string,
  u: Understanding,
  docs: ParsedDocument[],
  ask: (question: string) => Promise<Draft>,
): Promise<Draft | null> {
  if (asksDateGap(question)) return draftDateGap(question, u, docs);
  const operands = planOperands(question, operandPlaces(question, u, docs)) ?? rowColumnsAsOperands(question, docs);
  if (!operands) return null;
  const found: { label: string; draft: Draft }[] = [];
  for (const op of operands) found.push({ label: op.label, draft: await ask(op.question) });
  const missing = found.find((f) => f.draft.answer === null);
  if (missing) return { ...missing.draft, reason: `No figure for ${missing.label}: ${missing.draft.reason ?? 'the documents do not state it'}` };
  // Both operands read from the same place of the same clause: one figure was found for two.
  const [ca, cb] = found.map((f) => f.draft.citations[0]);
  if (ca && cb && ca.source === cb.source && ca.start === cb.start && found[0].draft.answer === found[1].draft.answer)
    return {
      answer: null,
      citations: [],
      confidence: 0,
      reason: `The documents state one figure for both ${found[0].label} and ${found[1].label}.`,
      docIds: [],
    };
  const [fa, fb] = found.map((f) => ({ label: f.label, figure: readFigure(f.draft.answer ?? '') }));
  if (!fa.figure || !fb.figure) return { answer: null, citations: [], confidence: 0, reason: 'An operand was found without a figure.', docIds: [] };
  const text = formatDifference({ label: fa.label, figure: fa.figure }, { label: fb.label, figure: fb.figure });
  if (!text) return { answer: null, citations: [], confidence: 0, reason: 'The two figures are in different units.', docIds: [] };
  return {
    answer: text,
    working: text,
    parts: found.map((f) => ({ label: f.label, answer: f.draft.answer!, docIds: f.draft.docIds })),
    citations: found.flatMap((f) => f.draft.citations.slice(0, 1)),
    confidence: Math.min(...found.map((f) => f.draft.confidence)) * 0.95,
    docIds: [...new Set(found.flatMap((f) => f.draft.docIds))],
  };
}

/**
 * One table row named without years ("太原两个阶段的目标相差多少"): its two value columns are the
 * operands, each asked as the row with that column's year.
 */
function rowColumnsAsOperands(question: string, docs: ParsedDocument[]): { label: string; question: string }[] | null {
  const rows = findRowMentions(question, docs);
  if (rows.length !== 1 || questionYears(question).length) return null;
  const { row, label } = rows[0];
  const cols = columnsFor(row, []).filter((c) => /\d{4}/.test(row.header?.[c] ?? ''));
  if (cols.length < 2) return null;
  return cols.slice(0, 2).map((c) => {
    const year = /\d{4}/.exec(row.header![c])![0];
    return { label: `${year}年`, question: `${label}${year}年是多少？` };
  });
}

/** Days between two dates of one document's record (落款 and 印发). */
function draftDateGap(question: string, u: Understanding, docs: ParsedDocument[]): Draft | null {
  const doc = docs.find((d) => u.docIds.includes(d.id)) ?? (docs.length === 1 ? docs[0] : undefined);
  if (!doc) return null;
  const signed = answerFromRecord(doc, question, ['signedDate']);
  const issued = answerFromRecord(doc, question, ['issuedDate']);
  const iso = (s: string | null) => doc.meta.dates.find((d) => d.raw.replace(/\s+/g, '') === (s ?? '').replace(/\s+/g, ''))?.iso ?? null;
  const a = iso(signed.answer);
  const b = iso(issued.answer);
  if (!a || !b) return { answer: null, citations: [], confidence: 0, reason: 'The document does not state both dates.', docIds: [doc.id] };
  return {
    answer: `${signed.answer}（成文）到${issued.answer}（印发）相隔${daysBetween(a, b)}天`,
    citations: [...signed.citations, ...issued.citations],
    confidence: 0.9,
    docIds: [doc.id],
  };
}
