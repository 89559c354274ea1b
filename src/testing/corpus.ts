/**
 * TEST ONLY. Where the test inputs are: the project's corpus copy and the fixtures folder,
 * resolved once from this file (never from the working directory), and the corpus ids the
 * tests refer to by name. No product module may import anything under `src/testing/`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The project's corpus folder, absolute, with a trailing slash. */
export const CORPUS_DIR = fileURLToPath(new URL('../../corpus/', import.meta.url));
/** Fixture files (HTML pages and the like), absolute, with a trailing slash. */
export const FIXTURES_DIR = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** 宁武县加强新时代水土保持工作实施方案 (county; its parent is 004). */
export const CHILD_ID = '002_b09ca083261ba923.txt';
/** 山西省加强新时代水土保持工作实施方案 (province). */
export const PARENT_ID = '004_01ad0f74c71dd3d5.txt';
/** 翼城县 “两山六河一流域” 工作推进机制. */
export const YICHENG_ID = '000_a21187bb345200ac.txt';
/** 长子县 政策解读. */
export const ZHANGZI_ID = '001_250f5e31d127e930.txt';
/** 印台区 青山保卫战行动方案. */
export const YINTAI_ID = '003_771f313df9559ae5.txt';
/** The five corpus documents. */
export const ALL_IDS = [YICHENG_ID, ZHANGZI_ID, CHILD_ID, YINTAI_ID, PARENT_ID];

/** The corpus file names (ids), sorted. */
export function corpusIds(): string[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort();
}

/** The id of the corpus document whose name starts with `prefix` (`'004'`). */
export function corpusId(prefix: string): string {
  const id = corpusIds().find((f) => f.startsWith(prefix));
  if (!id) throw new Error(`no corpus file ${prefix}`);
  return id;
}

/** Absolute path of a corpus file. */
export function corpusPath(id: string): string {
  return CORPUS_DIR + id;
}

/** Reads one corpus file as text. */
export function readCorpusText(id: string): string {
  return readFileSync(corpusPath(id), 'utf8');
}

/** Absolute path of a fixture file. */
export function fixturePath(name: string): string {
  return FIXTURES_DIR + name;
}
