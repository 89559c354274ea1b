/**
 * What two parallel sentences say differently. A county plan rewords its province's sentence
 * (建立水土保持厅际协调机制 → 建立水土保持部门协调机制; 加大省级财政… → 加大地方财政…): asked "叫法有什么不同",
 * "分别是哪级财政", the answer is the part that differs on each side, read out to the end of its
 * noun phrase (厅际协调机制 / 部门协调机制), not the two whole sentences.
 *
 * The difference is a character alignment (longest common subsequence) of the two texts with
 * punctuation, quotation marks and joining words that change nothing ignored.
 */
import { getJieba } from '../zh/tokenize.js';

/** Options of {@link diffParallel}. */
export interface ParallelDiffOptions {
  /** Share of the shorter text the two must have in common to be parallel. Default 0.6. */
  minShared: number;
  /** Longest text compared, in characters (longer: not a sentence pair). Default 400. */
  maxChars: number;
  /** Words of the shared text after a difference read with it, at most (厅际 + 协调 + 机制). Default 2. */
  followWords: number;
}

export const defaultParallelDiffOptions: ParallelDiffOptions = { minShared: 0.6, maxChars: 400, followWords: 2 };

/** A differing part of one side, with offsets into that side's text. */
export interface DiffSpan {
  text: string;
  start: number;
  end: number;
}

/** The result: null when the texts are not parallel; else each side's differing parts (empty on both: same). */
export interface ParallelDiff {
  a: DiffSpan[];
  b: DiffSpan[];
  /** Share of the shorter text in common. */
  shared: number;
}

/** Characters whose difference changes nothing (punctuation, quotes, spaces, joining words). */
const NEUTRAL = /[\s\p{P}\p{S}和及与的等]/u;

/** A comparable form of one character (full-width and ASCII punctuation alike). */
const fold = (c: string) => {
  const n = c.normalize('NFKC');
  return n.length === 1 ? n : c;
};

/** Matched positions of the longest common subsequence of a and b (neutral characters skipped). */
function commonSubsequence(a: string, b: string): { inA: boolean[]; inB: boolean[]; count: number } {
  const n = a.length;
  const m = b.length;
  const dp = new Uint16Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) dp[at(i, j)] = fold(a[i]) === fold(b[j]) ? dp[at(i + 1, j + 1)] + 1 : Math.max(dp[at(i + 1, j)], dp[at(i, j + 1)]);
  const inA = new Array<boolean>(n).fill(false);
  const inB = new Array<boolean>(m).fill(false);
  let count = 0;
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (fold(a[i]) === fold(b[j])) {
      inA[i++] = true;
      inB[j++] = true;
      if (!NEUTRAL.test(a[i - 1])) count++;
    } else if (dp[at(i + 1, j)] >= dp[at(i, j + 1)]) i++;
    else j++;
  }
  return { inA, inB, count };
}

/** Word spans of a text. */
function wordsOf(text: string): { start: number; end: number; tag: string }[] {
  let at = 0;
  return getJieba()
    .tag(text, true)
    .map((w) => {
      const s = { start: at, end: at + w.word.length, tag: w.tag };
      at += w.word.length;
      return s;
    });
}

/**
 * Runs of unmatched, non-neutral characters of a side, widened to whole words and read on to the
 * end of their noun phrase: at most `followWords` more words, stopping after `head` when given.
 */
function spansOf(text: string, matched: boolean[], head: string | null, followWords: number): DiffSpan[] {
  const words = wordsOf(text);
  const out: DiffSpan[] = [];
  let i = 0;
  while (i < text.length) {
    if (matched[i] || NEUTRAL.test(text[i])) {
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && (!matched[j] || NEUTRAL.test(text[j])) && !/[,，。；;：:]/.test(text[j])) j++;
    while (j > i && NEUTRAL.test(text[j - 1])) j--;
    // Whole words: from the start of the word holding i to the end of the word holding j - 1.
    let s = words.find((w) => w.start <= i && w.end > i)?.start ?? i;
    let e = words.find((w) => w.start < j && w.end >= j)?.end ?? j;
    // Read on through the words after it that complete the phrase (厅际 | 协调 | 机制), to the asked head when there is one.
    const headIn = head ? text.indexOf(head, s) : -1;
    if (head && headIn >= 0 && headIn < e) e = headIn + head.length;
    else if (head && headIn >= e && headIn - e <= 6 && !/\p{P}/u.test(text.slice(e, headIn))) e = headIn + head.length;
    else {
      let k = words.findIndex((w) => w.start >= e);
      let end = e;
      for (let n = 0; k >= 0 && k < words.length && n < followWords; n++, k++) {
        const w = words[k];
        if (/\p{P}/u.test(text.slice(w.start, w.end)) || !/^(?:n|nz|vn|v|ng|nr|ns|nt|l|j|b|f|s)/.test(w.tag)) break;
        // A verb reads on only when a noun completes it (协调 | 机制).
        if (!w.tag.startsWith('v') || w.tag === 'vn') end = w.end;
      }
      e = end;
    }
    while (s < e && NEUTRAL.test(text[s])) s++;
    while (e > s && NEUTRAL.test(text[e - 1]) && !/[）)》”]/.test(text[e - 1])) e--;
    if (e > s && !out.some((x) => x.start <= s && x.end >= e)) out.push({ text: text.slice(s, e), start: s, end: e });
    i = Math.max(j, e);
  }
  return out;
}

/**
 * What each of two parallel texts says that the other does not, or null when they are not
 * parallel (too little in common: two different sentences, not one reworded).
 */
export function diffParallel(a: string, b: string, head: string | null = null, options: Partial<ParallelDiffOptions> = {}): ParallelDiff | null {
  const o = { ...defaultParallelDiffOptions, ...options };
  if (!a || !b || a.length > o.maxChars || b.length > o.maxChars) return null;
  const { inA, inB, count } = commonSubsequence(a, b);
  const content = (t: string) => [...t].filter((c) => !NEUTRAL.test(c)).length;
  const shared = count / Math.max(1, Math.min(content(a), content(b)));
  if (shared < o.minShared) return null;
  return { a: spansOf(a, inA, head, o.followWords), b: spansOf(b, inB, head, o.followWords), shared };
}
