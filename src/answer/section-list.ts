/**
 * Lists a plan states by its structure: "保障措施有哪些？", "重点任务包括哪几方面？" ask for the
 * sub-clauses of the clause the question names by its heading, answered with their headings in
 * order (the clause tree read at ingest), citing the clause. Department lists (哪些部门) are left
 * to the role extractors.
 */
import { flattenSections } from '../ingest/structure.js';
import type { ParsedDocument, Section } from '../ingest/types.js';
import { citeClean } from './evidence.js';
import type { Draft } from './extractive.js';

/** Words that ask for the items of a clause (not for organisations). */
const ASKS_ITEMS =
  /有哪些|包括哪些|包含哪些|哪几(?:条|项|个方面|方面|类|块|部分)|几(?:条|项|个方面|大方面|部分)|哪些(?:措施|方面|任务|内容|工作|要求|机制|举措|环节|重点|保障)|(?:措施|任务|内容|要求|保障)(?:都)?有(?:哪些|什么|啥)/;
/** Organisations are asked for by the role extractors. */
const ASKS_ORGS = /哪些(?:部门|单位|机构|机关|镇|乡|县|市)|谁/;

/** Character bigrams (Han only). */
function bigrams(text: string): Set<string> {
  const t = text.replace(/[^\p{Script=Han}]/gu, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  return out;
}

/** Share of a heading's bigrams the question repeats. */
function headingMatch(question: Set<string>, heading: string): number {
  const h = bigrams(heading);
  if (h.size < 2) return 0;
  let n = 0;
  for (const g of h) if (question.has(g)) n++;
  return n / h.size;
}

const clean = (heading: string) => heading.replace(/[。.；;：:]+$/, '').trim();

/**
 * The headings of the sub-clauses of the clause the question names, or null when it names none
 * closely (at least 60% of the heading's words) or that clause has fewer than two sub-clauses.
 */
export function draftSectionList(question: string, docs: ParsedDocument[]): Draft | null {
  if (!ASKS_ITEMS.test(question) || ASKS_ORGS.test(question)) return null;
  const q = bigrams(question);
  let best: { doc: ParsedDocument; section: Section; score: number } | null = null;
  for (const doc of docs) {
    for (const section of flattenSections(doc.sections)) {
      if (section.children.length < 2 || !section.heading) continue;
      const score = headingMatch(q, section.heading);
      if (score >= 0.6 && (!best || score > best.score)) best = { doc, section, score };
    }
  }
  if (!best) return null;
  const items = best.section.children.map((c) => clean(c.heading)).filter(Boolean);
  if (items.length < 2) return null;
  const count = /几/.test(question) ? `共${items.length}项：` : '';
  return {
    answer: `${count}${items.join('、')}`,
    citations: [citeClean(best.doc, best.section.start, best.section.bodyStart > best.section.start ? best.section.bodyStart : best.section.end)],
    confidence: 0.75,
    docIds: [best.doc.id],
  };
}
