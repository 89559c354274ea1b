/**
 * A synthetic corpus for benchmarks: N chunks made by recombining the clauses of the real
 * documents, deterministically (seeded PRNG). Each chunk takes a run of consecutive clause
 * pieces of one source document (sometimes jumping elsewhere in it), so chunks stay topically
 * coherent and share vocabulary the way real policy text does; synthetic documents get invented
 * region names so the region and level filters have something to select.
 *
 * Memory: the clause pool is shared; each chunk holds only its own text and context strings.
 */
import { createRng } from '../core/rng.js';
import { formatChineseNumeral } from '../zh/numerals.js';
import type { AdminLevel, Chunk } from '../ingest/types.js';
import type { DocInfo } from './types.js';

/** A source document for recombination. */
export interface SourceDocument {
  id: string;
  title: string;
  text: string;
}

/** Options of {@link makeSyntheticCorpus}. */
export interface SyntheticOptions {
  /** Number of chunks. Default 100,000. */
  count: number;
  /** PRNG seed. Default 42. */
  seed: number;
  /** Chunks per synthetic document. Default 60. */
  chunksPerDoc: number;
  /** Chunk length range in characters (each chunk picks a target uniformly). Default [80, 400]. */
  minChars: number;
  maxChars: number;
  /** Probability of jumping to a random clause of the source instead of the next one. Default 0.2. */
  jump: number;
}

/** Documented defaults of {@link SyntheticOptions}. */
export const defaultSyntheticOptions: SyntheticOptions = { count: 100_000, seed: 42, chunksPerDoc: 60, minChars: 80, maxChars: 400, jump: 0.2 };

/** Clause pieces of a text: cut after 。；，, and line ends, whitespace collapsed, empties dropped. */
export function splitClauses(text: string): string[] {
  return text
    .replace(/[ \t\u3000]+/g, ' ')
    .split(/(?<=[。；;，,])|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 2);
}

const SYLLABLES = '安宁平阳武城华山河清泉丰永和兴东西南北中新太原临汾长治忻州晋朔吕梁云石岭源沁襄垣泽柳林霍古交灵丘繁峙代静乐岚保德偏关神池五寨'.split('');
const PROVINCES = ['山西省', '陕西省', '河北省', '河南省', '内蒙古自治区'];
const REAL_REGIONS = /翼城县|长子县|宁武县|印台区|山西省|临汾市|长治市|忻州市|铜川市|我县|全县|全省|我省|全区/g;

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)];
}

/** The synthetic corpus: chunks (ids `syn-NNNNN.txt#i`) and their documents. */
export interface SyntheticCorpus {
  chunks: Chunk[];
  docs: DocInfo[];
}

/** Generates the corpus from `sources` (typically the five real documents). Deterministic for equal inputs. */
export function makeSyntheticCorpus(sources: readonly SourceDocument[], options: Partial<SyntheticOptions> = {}): SyntheticCorpus {
  const o = { ...defaultSyntheticOptions, ...options };
  const rand = createRng(o.seed);
  const pools = sources.map((s) => splitClauses(s.text));
  if (!pools.some((p) => p.length)) throw new Error('makeSyntheticCorpus: the sources have no text');
  const chunks: Chunk[] = [];
  const docs: DocInfo[] = [];
  let doc: DocInfo | null = null;
  let source = 0;
  let local = '';
  let offset = 0;
  let section = 0;
  for (let i = 0; i < o.count; i++) {
    if (i % o.chunksPerDoc === 0) {
      source = (docs.length + Math.floor(rand() * 2)) % sources.length;
      while (!pools[source].length) source = (source + 1) % sources.length;
      const level: AdminLevel = pick(rand, ['县', '县', '县', '区', '市', '省'] as const);
      const province = pick(rand, PROVINCES);
      const city = `${pick(rand, SYLLABLES)}${pick(rand, SYLLABLES)}市`;
      local = level === '省' ? province : level === '市' ? city : `${pick(rand, SYLLABLES)}${pick(rand, SYLLABLES)}${level}`;
      const county = level === '县' || level === '区' ? local : null;
      const id = `syn-${String(docs.length).padStart(5, '0')}.txt`;
      const title = sources[source].title.replace(REAL_REGIONS, local);
      doc = { id, title, level, region: { province, city: level === '省' ? null : city, county, name: local } };
      docs.push(doc);
      offset = 0;
      section = 0;
    }
    const pool = pools[source];
    const target = o.minChars + Math.floor(rand() * (o.maxChars - o.minChars + 1));
    let at = Math.floor(rand() * pool.length);
    let text = '';
    while (text.length < target) {
      text += pool[at];
      at = rand() < o.jump ? Math.floor(rand() * pool.length) : (at + 1) % pool.length;
    }
    text = text.replace(REAL_REGIONS, local);
    if (rand() < 0.3 || section === 0) section++;
    const index = i % o.chunksPerDoc;
    const clausePath = `${formatChineseNumeral(Math.min(section, 99))}（${formatChineseNumeral((index % 9) + 1)}）`;
    const heading = text.slice(0, 12).split(/[。；，,]/)[0];
    chunks.push({
      id: `${doc!.id}#${index}`,
      docId: doc!.id,
      index,
      kind: 'clause',
      clausePath,
      heading,
      text,
      start: offset,
      end: offset + text.length,
      cleanStart: offset,
      cleanEnd: offset + text.length,
      context: `${doc!.title} ${clausePath} ${heading} ${text}`,
    });
    offset += text.length + 1;
  }
  return { chunks, docs };
}
