/**
 * Set differences between two documents' parallel lists ("宁武的配合部门跟省里比少了哪个", "翼城和
 * 长子比哪个县多了林业"). A county plan copies its province's sentence and drops or adds items of
 * a list in it; asking each side on its own finds two unrelated lists as often as the pair. So
 * the pair is found directly: among the sentences of one side and of the other that are parallel
 * (most of their wording shared) and whose lists differ, the pair whose clauses the question's
 * terms cover best. The answer is the items one list has and the other lacks.
 */
import { splitSentences } from '../analysis/frames/sentences.js';
import { sectionChainAt } from '../ingest/structure.js';
import type { ParsedDocument } from '../ingest/types.js';
import { canonicalizeDepartments } from '../zh/departments.js';
import { findEnumerations } from '../zh/enumerations.js';
import { hanBigrams } from '../zh/bigrams.js';

/** Options of {@link findListDifference}. */
export interface ListDifferenceOptions {
  /** Share of character bigrams two sentences must have in common (Dice) to be parallel. Default 0.5. */
  minParallel: number;
  /**
   * Least coverage of the question's terms by either sentence's clause for the pair to answer.
   * Lower than a single answer needs: a pair must also be parallel and differ in its lists, and
   * the question's words for the list itself (名单, 那条) are rarely the document's. Default 0.35.
   */
  minCoverage: number;
}

export const defaultListDifferenceOptions: ListDifferenceOptions = { minParallel: 0.5, minCoverage: 0.35 };

/** A sentence holding a list, with its items and the headings of its clause. */
interface ListSentence {
  doc: ParsedDocument;
  start: number;
  end: number;
  text: string;
  context: string;
  items: string[];
  bigrams: Set<string>;
}

/** The parallel pair found, and what each list has that the other lacks. */
export interface ListDifference {
  a: { doc: ParsedDocument; start: number; end: number };
  b: { doc: ParsedDocument; start: number; end: number };
  onlyA: string[];
  onlyB: string[];
  coverage: number;
}

const dice = (a: Set<string>, b: Set<string>): number => {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return (2 * shared) / (a.size + b.size);
};

/** An item as compared: department variants as their core (林草 → 林业和草原), 等/相关 endings dropped. */
const itemKey = (item: string): string => canonicalizeDepartments(`${item}部门`).replace(/部门$/, '').replace(/等$/, '').trim();

const LIST_SENTENCES = new WeakMap<ParsedDocument, ListSentence[]>();

/** The sentences of a document that hold a list of two or more items (computed once per document). */
function listSentencesOf(doc: ParsedDocument): ListSentence[] {
  let out = LIST_SENTENCES.get(doc);
  if (out) return out;
  out = [];
  for (const s of splitSentences(doc.clean.text)) {
    if (s.heading || !/[、，,]/.test(s.text)) continue;
    const items = findEnumerations(s.text).flatMap((e) => (e.items.length >= 2 ? e.items.map((i) => itemKey(i.text)) : []));
    if (items.length < 2) continue;
    // The clause says what the list is for, often in another sentence (强化相关部门间的协同配合。…A、B等部门要…).
    const chain = sectionChainAt(doc.sections, s.start);
    const clause = chain.at(-1);
    const context = `${chain.map((x) => x.heading).join(' ')} ${clause ? doc.clean.text.slice(clause.bodyStart, Math.min(clause.end, clause.bodyStart + 600)) : ''}`;
    out.push({ doc, start: s.start, end: s.end, text: s.text, context, items, bigrams: hanBigrams(s.text) });
  }
  LIST_SENTENCES.set(doc, out);
  return out;
}

/** `list` has `x` when an item is `x`, or one contains the other (林业和草原 / 林业). */
export const holds = (list: string[], x: string) => list.some((y) => y === x || y.includes(x) || x.includes(y));

/**
 * The parallel pair of list sentences, one in `aDocs` and one in `bDocs`, whose lists differ and
 * whose clauses `cover` (the question's term coverage, 0..1) rates best; null when no pair is
 * parallel, differs and is covered well enough. `mustHold`: an item the question names (多了林业),
 * which one of the two differences must contain.
 */
export function findListDifference(
  aDocs: ParsedDocument[],
  bDocs: ParsedDocument[],
  cover: (text: string) => number,
  mustHold: string | null = null,
  options: Partial<ListDifferenceOptions> = {},
): ListDifference | null {
  const o = { ...defaultListDifferenceOptions, ...options };
  const bs = bDocs.flatMap(listSentencesOf);
  let best: ListDifference | null = null;
  for (const a of aDocs.flatMap(listSentencesOf)) {
    for (const b of bs) {
      if (a.doc === b.doc || dice(a.bigrams, b.bigrams) < o.minParallel) continue;
      const onlyA = a.items.filter((x) => !holds(b.items, x));
      const onlyB = b.items.filter((x) => !holds(a.items, x));
      if (!onlyA.length && !onlyB.length) continue;
      if (mustHold && ![...onlyA, ...onlyB].some((x) => x.includes(mustHold) || mustHold.includes(x))) continue;
      const coverage = Math.max(cover(`${a.context} ${a.text}`), cover(`${b.context} ${b.text}`));
      if (coverage < o.minCoverage || (best && coverage <= best.coverage)) continue;
      best = { a: { doc: a.doc, start: a.start, end: a.end }, b: { doc: b.doc, start: b.start, end: b.end }, onlyA, onlyB, coverage };
    }
  }
  return best;
}
