/**
 * Tokenisation shared by BM25, the builtin embedder and the benchmark's MiniSearch baseline:
 * @node-rs/jieba in search mode with a domain dictionary (so 两山七河一流域, 领导小组办公室,
 * 水土保持率 survive as units) plus character bigrams (so damaged or unseen words still match).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

const DICT_PATH = fileURLToPath(new URL('./data/domain-dict.txt', import.meta.url));

let jieba: Jieba | undefined;

/** The process-wide jieba instance with the domain dictionary loaded (built once, lazily). */
export function getJieba(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(readFileSync(DICT_PATH));
  }
  return jieba;
}

const STOP = new Set(
  '的 了 和 与 及 等 在 对 为 是 将 把 由 从 以 于 其 并 或 各 有关 相关 进行 工作 加强 推进 开展 实施 做好 进一步 一 之 也 中 上 下 按照 根据'.split(' '),
);
const PUNCT = /^[\s\p{P}\p{S}]+$/u;
const CJK = /\p{Script=Han}/u;

export interface TokenizeOptions {
  /** Add overlapping character bigrams of each CJK run. Default true. */
  bigrams?: boolean;
  /** Drop stop words. Default true. */
  dropStopWords?: boolean;
}

/**
 * What a raw jieba token becomes: its trimmed lower-case form, or null for punctuation and
 * blanks. Cached per distinct token (ingest sees the same few thousand words millions of times;
 * the regex and case mapping were a fifth of tokenisation). The cache is capped so a server
 * fed arbitrary queries cannot grow it without bound.
 */
const normalizedWords = new Map<string, string | null>();
const NORMALIZED_WORDS_CAP = 200_000;

function normalizeWord(raw: string): string | null {
  let w = normalizedWords.get(raw);
  if (w !== undefined) return w;
  const t = raw.trim().toLowerCase();
  w = !t || PUNCT.test(t) ? null : t;
  if (normalizedWords.size < NORMALIZED_WORDS_CAP) normalizedWords.set(raw, w);
  return w;
}

/** Jieba search-mode words (lower-cased, punctuation and stop words removed). */
export function tokenizeWords(text: string, options: TokenizeOptions = {}): string[] {
  const drop = options.dropStopWords ?? true;
  const out: string[] = [];
  for (const raw of getJieba().cutForSearch(text, true)) {
    const w = normalizeWord(raw);
    if (w === null) continue;
    if (drop && STOP.has(w)) continue;
    out.push(w);
  }
  return out;
}

/** Per BMP code unit: 0 = not yet known, 1 = Han, 2 = not Han (filled from {@link CJK} on first sight). */
const HAN_BMP = new Uint8Array(0x10000);

/** Length in code units (1 or 2) of the Han code point at `i`, or 0 when it is not Han. */
function hanWidthAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) {
    let h = HAN_BMP[c];
    if (h === 0) h = HAN_BMP[c] = CJK.test(text[i]) ? 1 : 2;
    return h === 1 ? 1 : 0;
  }
  const cp = text.codePointAt(i)!;
  const w = cp > 0xffff ? 2 : 1;
  return CJK.test(String.fromCodePoint(cp)) ? w : 0;
}

/**
 * Overlapping character bigrams of every run of CJK characters, prefixed so they never collide
 * with words. A run is a slice of consecutive Han code points; its bigrams are taken over UTF-16
 * code units (a character outside the BMP contributes its two halves, as it always has).
 */
export function charBigrams(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  const flush = (end: number) => {
    for (let i = start; i + 1 < end; i++) out.push(`#${text[i]}${text[i + 1]}`);
    start = -1;
  };
  for (let i = 0; i < text.length; ) {
    const w = hanWidthAt(text, i);
    if (w) {
      if (start < 0) start = i;
      i += w;
    } else {
      if (start >= 0) flush(i);
      i += text.codePointAt(i)! > 0xffff ? 2 : 1;
    }
  }
  if (start >= 0) flush(text.length);
  return out;
}

/** Words plus (by default) bigrams: the lexical terms of a text. */
export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
  const words = tokenizeWords(text, options);
  return options.bigrams === false ? words : words.concat(charBigrams(text));
}
