/**
 * A timing pair of at least a given size (the target: two 20 KB documents aligned in ≤ 2 s).
 * The corpus plans are smaller than 20 KB, so the parent is grown with the clauses of other
 * plans appended as extra chapters — real policy sentences, not filler that would match
 * nothing — and the child is a synthetic child of that grown parent (deletions, weakened
 * modals, changed numbers, reordering, localisation), so both sides are full-size.
 */
import { toOriginalRange } from '../../ingest/clean.js';
import { flattenSections } from '../../ingest/structure.js';
import { parseDocument } from '../../ingest/parse.js';
import type { ParsedDocument } from '../../ingest/types.js';
import { generateSyntheticChild } from './synthetic.js';

const CHAPTERS = ['八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];
const ITEMS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const parse = (id: string, text: string) => parseDocument({ id, format: 'txt', encoding: 'utf-8', text, sha256: '', bytes: Buffer.byteLength(text) });

/** Body paragraphs (sentences of clauses) of a document, without headings and attachments. */
function clauseParagraphs(doc: ParsedDocument): string[] {
  const out: string[] = [];
  for (const s of flattenSections(doc.sections)) {
    if (/^附件/.test(s.path) || s.children.length) continue;
    const body = doc.clean.text.slice(s.bodyStart, s.end).replace(/\s+/g, '');
    if (body.length >= 30) out.push(body);
  }
  return out;
}

/**
 * A parent of at least `bytes` bytes (UTF-8) and a synthetic child of it. The parent text is
 * everything of `parent` before its attachments, then chapters made of `donors`' clauses.
 */
export function buildLargePair(parent: ParsedDocument, donors: ParsedDocument[], bytes: number, seed = 1): { parent: ParsedDocument; child: ParsedDocument } {
  const raw = parent.raw.text;
  const attachment = parent.sections.find((s) => /^附件/.test(s.path));
  const base = attachment ? raw.slice(0, toOriginalRange(parent.clean, raw, attachment.start, attachment.start + 1).start) : raw;
  const pool = donors.flatMap(clauseParagraphs);
  let pair: { parent: ParsedDocument; child: ParsedDocument } | null = null;
  // The child loses what the generator deletes (more of a small plan): grow the parent until both are big enough.
  for (let goal = Math.round(bytes * 1.08), round = 0; round < 6; goal = Math.round(goal * 1.15), round++) {
    let text = base;
    for (let k = 0, chapter = 0; Buffer.byteLength(text) < goal && pool.length && chapter < CHAPTERS.length; k++) {
      if (k % ITEMS.length === 0) text += `\n${CHAPTERS[chapter++]}、其他重点任务\n`;
      text += `(${ITEMS[k % ITEMS.length]})${pool[k % pool.length]}\n`;
    }
    const big = parse(`${parent.id.replace(/\.\w+$/, '')}-${bytes}.txt`, text);
    const syn = generateSyntheticChild(big, { seed });
    pair = { parent: big, child: parse(syn.id, syn.text) };
    if (pair.child.raw.bytes >= bytes) break;
  }
  return pair!;
}
