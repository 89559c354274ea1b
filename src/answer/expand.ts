/**
 * The written forms of what staff type: abbreviations spelled out (水保 → 水土保持, 中办 →
 * 中共中央办公厅) and the formal word of each colloquial one added beside it (庄稼 → 农作物,
 * 动工 → 开工), so retrieval and term coverage see the words documents use. The tables are in
 * `zh/question-cues.ts`.
 */
import { ABBREVIATIONS, COLLOQUIAL } from '../zh/question-cues.js';

/** Text with abbreviations spelled out (中办 → 中共中央办公厅). */
export function expandAbbreviations(text: string): string {
  let out = text;
  for (const [short, full] of ABBREVIATIONS) if (out.includes(short) && !out.includes(full)) out = out.split(short).join(full);
  return out;
}

/** The formal words of the colloquial words a text uses (庄稼 → 农作物), longest colloquial words first. */
export function formalWords(text: string): string[] {
  const out: string[] = [];
  let rest = text;
  for (const [colloquial, formal] of [...COLLOQUIAL].sort((a, b) => b[0].length - a[0].length)) {
    if (!rest.includes(colloquial) || text.includes(formal)) continue;
    out.push(formal);
    rest = rest.split(colloquial).join(' ');
  }
  return out;
}

/** A question in the words documents use: abbreviations spelled out, formal words appended. */
export function expandQuestion(text: string): string {
  const expanded = expandAbbreviations(text);
  const formal = formalWords(expanded);
  return formal.length ? `${expanded} ${formal.join(' ')}` : expanded;
}
