/**
 * Tokenisation shared by BM25, the builtin embedder and the benchmark's MiniSearch baseline:
 * @node-rs/jieba in search mode with a domain dictionary (so 两山七河一流域, 领导小组办公室,
 * 水土保持率 survive as units) plus character bigrams (so damaged or unseen words still match).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

const DICT_PATH = fileURLToPath(new URL('./domain-dict.txt', import.meta.url));

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

/** Jieba search-mode words (lower-cased, punctuation and stop words removed). */
export function tokenizeWords(text: string, options: TokenizeOptions = {}): string[] {
  const drop = options.dropStopWords ?? true;
  const out: string[] = [];
  for (const raw of getJieba().cutForSearch(text, true)) {
    const w = raw.trim().toLowerCase();
    if (!w || PUNCT.test(w)) continue;
    if (drop && STOP.has(w)) continue;
    out.push(w);
  }
  return out;
}

/** Overlapping character bigrams of every run of CJK characters, prefixed so they never collide with words. */
export function charBigrams(text: string): string[] {
  const out: string[] = [];
  let run = '';
  const flush = () => {
    for (let i = 0; i + 1 < run.length; i++) out.push(`#${run[i]}${run[i + 1]}`);
    run = '';
  };
  for (const ch of text) {
    if (CJK.test(ch)) run += ch;
    else flush();
  }
  flush();
  return out;
}

/** Words plus (by default) bigrams: the lexical terms of a text. */
export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
  const words = tokenizeWords(text, options);
  return options.bigrams === false ? words : words.concat(charBigrams(text));
}
