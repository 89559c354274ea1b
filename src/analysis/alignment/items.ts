/**
 * Items dropped from a list: a matched phrase can lose one member of its enumeration
 * (`统筹实施水土流失治理和地形地貌景观重塑、土壤重构、植被修复重建` →
 * `…治理土壤重构、植被修复重建`). A character-level LCS of the two phrases finds the parent
 * characters the child lacks; a run counts only when it is a whole list member (bounded by
 * 、/和/及/与 or the phrase ends) of at least `minChars` characters — a dropped modifier
 * (`重点地区`, the province's `“一群两区三圈”`, `吕梁山、太行山…三大`) is localisation, and so is
 * a member of what the requirement serves (`为…、动态监测和科学研究提供支撑`, `zh/enumerations.ts`).
 */
import { PURPOSE_FRAME } from '../../zh/enumerations.js';

/** A dropped list member: offsets into the phrase text. */
export interface DroppedItem {
  text: string;
  start: number;
  end: number;
}

const CONTENT = /[\p{L}\p{N}]/u;
const SEP_BEFORE = /[、,，;；]$/;
const SEP_AFTER = /^[、,，;；等]/;
const CONJ = /^[和及与]/;
const CONJ_END = /[和及与]$/;
/** Verbs that take a list as their object (`纳入A和B`, `完善A和B`). */
const LIST_VERB_END = /(?:纳入|列入|完善|健全|建立|加强|推进|开展|实施|落实|推动|建设)$/;

/** Content characters of a text with their indices. */
function contentChars(text: string): { ch: string; at: number }[] {
  const out: { ch: string; at: number }[] = [];
  for (let i = 0; i < text.length; i++) if (CONTENT.test(text[i])) out.push({ ch: text[i], at: i });
  return out;
}

/** Indices (into `a`) of the characters of `a` that an LCS with `b` leaves unmatched. */
function unmatched(a: string[], b: string[]): boolean[] {
  const n = a.length;
  const m = b.length;
  const L = new Uint16Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      L[i * (m + 1) + j] = a[i] === b[j] ? L[(i + 1) * (m + 1) + j + 1] + 1 : Math.max(L[(i + 1) * (m + 1) + j], L[i * (m + 1) + j + 1]);
    }
  }
  const miss = new Array<boolean>(n).fill(true);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      miss[i] = false;
      i++;
      j++;
    } else if (L[(i + 1) * (m + 1) + j] >= L[i * (m + 1) + j + 1]) i++;
    else j++;
  }
  return miss;
}

/**
 * Ranges `[a, b)` of the quoted names and titles of a text, quotes included: “…”, "…", ‘…’,
 * 「…」, 『…』 and 《…》 alike — a programme is the same name whichever marks a plan puts around it.
 */
function quotedRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  const re = /“[^”]{1,30}”|"[^"]{1,30}"|‘[^’]{1,30}’|「[^」]{1,30}」|『[^』]{1,30}』|《[^》]{1,60}》/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** Ranges `[a, b)` of the lists inside purpose frames (`为A、B和C提供支撑` → `A、B和C`). */
function purposeRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(PURPOSE_FRAME)) out.push([m.index + 1, m.index + 1 + m[1].length]);
  return out;
}

/**
 * The whole list members of `parent` that `child` lacks, each at least `minChars` content
 * characters. Both are phrase texts (clean).
 */
export function droppedItems(parent: string, child: string, minChars = 4): DroppedItem[] {
  const pc = contentChars(parent);
  const cc = contentChars(child);
  if (!pc.length || !cc.length || pc.length > 400 || cc.length > 400) return [];
  const miss = unmatched(
    pc.map((x) => x.ch),
    cc.map((x) => x.ch),
  );
  const quotes = quotedRanges(parent);
  const served = purposeRanges(parent);
  const out: DroppedItem[] = [];
  for (let k = 0; k < pc.length; ) {
    if (!miss[k]) {
      k++;
      continue;
    }
    let e = k;
    while (e + 1 < pc.length && miss[e + 1]) e++;
    let start = pc[k].at;
    let end = pc[e].at + 1;
    k = e + 1;
    const before = parent.slice(0, start).trimEnd();
    const after = parent.slice(end).trimStart();
    let text = parent.slice(start, end);
    // A list starts after a separator, a conjunction, or the verb that takes it (`纳入国民教育体系和…培训体系`).
    const leftOk = !before || SEP_BEFORE.test(before) || CONJ.test(text) || CONJ_END.test(before) || LIST_VERB_END.test(before);
    const rightOk = !after || SEP_AFTER.test(after) || CONJ_END.test(text) || CONJ.test(after);
    if (!leftOk || !rightOk) continue;
    if (CONJ.test(text)) {
      text = text.slice(1);
      start++;
    }
    if (CONJ_END.test(text)) {
      text = text.slice(0, -1);
      end--;
    }
    if (contentChars(text).length < minChars) continue;
    // Inside a quoted name (a member of the province's own slogan) is localisation; across its
    // edge is no list member at all: a comma inside the quotes (`“…金山银山，冰天雪地…”`) split
    // a child that dropped the quotes elsewhere.
    if (quotes.some(([a, b]) => (start >= a && end <= b) || (start > a && start < b && end > b) || (start < a && end > a && end < b))) continue;
    // What the requirement serves, not what it asks for: the child still asks for it.
    if (served.some(([a, b]) => start >= a && end <= b)) continue;
    out.push({ text, start, end });
  }
  return out;
}
