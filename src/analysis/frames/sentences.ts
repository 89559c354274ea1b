/**
 * Sentence splitting with offsets. Splits after 。！？；(and their ASCII forms, which the cleaner's
 * NFKC produces) and at line breaks, never inside 《》, “”, brackets or 〔〕 — but only brackets
 * that close on the same line, because extraction damage leaves openers without closers
 * (`〔202195号`) and one of those must not glue the rest of a document into one sentence.
 */
import { leadingMarker } from '../../zh/clause-markers.js';
import { findBracketPairs } from './text.js';
import type { Sentence } from './types.js';

const TERMINATORS = new Set(['。', '！', '？', '；', '!', '?', ';']);
const CLOSERS = new Set(['”', '’', ')', '）', '》', '」', '』', '】', '〕', '"']);
const MAX_HEADING_CHARS = 40;
/** Characters that continue a sentence after a closing quote. */
const CONTINUES = /[的之等,，、和与及]/;

/**
 * Is this sentence a heading rather than a statement? A clause marker followed by a short
 * phrase without commas (`（三）加强组织领导。`, `一、总体目标`), or a short unpunctuated line
 * (a title, `附件:重点工作任务分工表`).
 */
export function isHeadingText(text: string): boolean {
  const t = text.trim();
  const m = leadingMarker(t);
  const rest = (m ? t.slice(m.length) : t).replace(/[。.]$/, '');
  if (rest.length > MAX_HEADING_CHARS || /[,，;；。:：!?！？]/.test(rest)) return false;
  if (m) return true;
  // Without a marker only an unterminated short line (a title) counts.
  return !/[。;；!?！？]$/.test(t) && rest.length <= MAX_HEADING_CHARS;
}

/**
 * Splits `text` into sentences. Spans are trimmed of whitespace, in order, never overlap, and
 * together contain every non-whitespace character of `text` exactly once;
 * `s.text === text.slice(s.start - baseOffset, s.end - baseOffset)`.
 * A heading that ends with 。 (`（三）加强组织领导。`) is its own sentence, flagged `heading`,
 * so the body sentence after it starts clean.
 */
export function splitSentences(text: string, baseOffset = 0): Sentence[] {
  const inside = new Uint8Array(text.length);
  const pairEnd = new Uint8Array(text.length);
  for (const [a, b] of findBracketPairs(text)) {
    for (let i = a + 1; i < b; i++) inside[i] = 1;
    pairEnd[b] = 1;
  }
  const out: Sentence[] = [];
  const push = (a: number, b: number) => {
    while (a < b && /\s/.test(text[a])) a++;
    while (b > a && /\s/.test(text[b - 1])) b--;
    if (b <= a) return;
    const t = text.slice(a, b);
    out.push({ text: t, start: baseOffset + a, end: baseOffset + b, heading: isHeadingText(t) });
  };
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\n' || ch === '\r') {
      push(start, i);
      start = i + 1;
      i++;
      continue;
    }
    const endsHere =
      (!inside[i] && TERMINATORS.has(ch)) ||
      // A quote or bracket closing right after a stop (`…。”`) ends the sentence after the closer,
      // unless the sentence plainly goes on (`“谁修复，谁受益。”的原则`).
      (pairEnd[i] === 1 && !inside[i] && i > 0 && TERMINATORS.has(text[i - 1]) && !CONTINUES.test(text[i + 1] ?? ''));
    if (!endsHere) {
      i++;
      continue;
    }
    let j = i + 1;
    // Absorb runs of stops and stray closers (`。。`, `；”`) so no sentence starts with punctuation.
    while (j < text.length && !inside[j] && (TERMINATORS.has(text[j]) || (CLOSERS.has(text[j]) && !pairEnd[j]))) j++;
    push(start, j);
    start = j;
    i = j;
  }
  push(start, text.length);
  return out;
}
