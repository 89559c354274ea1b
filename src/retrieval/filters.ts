/**
 * Search filters (document ids, administrative level, region) turned into the set of chunks a
 * search may return. Filters apply per document; a chunk is allowed when its document is.
 */
import type { Region } from '../ingest/types.js';
import type { AllowedSet } from './dense.js';
import type { DocInfo, SearchOptions } from './types.js';

/** Strips one trailing administrative suffix so `山西` matches `山西省` and `印台` matches `印台区`. */
export function regionKey(name: string): string {
  const s = name.replace(/\s+/g, '');
  const m = /^(.{2,}?)(?:自治区|自治州|自治县|特别行政区|省|市|县|区|旗|盟|州)$/u.exec(s);
  return m ? m[1] : s;
}

/** The region keys of a document (province, city, county, name), for {@link regionMatches}. */
export function regionKeys(region: Region): Set<string> {
  return new Set([region.province, region.city, region.county, region.name].filter((r): r is string => !!r).map(regionKey));
}

/** True when `name` is the document's province, city, county or issuing region (suffix-insensitive). */
export function regionMatches(region: Region, name: string): boolean {
  const key = regionKey(name);
  return !!key && regionKeys(region).has(key);
}

type FilterOptions = Pick<SearchOptions, 'docIds' | 'level' | 'region'>;

/** True when `options` carries any filter. */
export function hasFilter(options: FilterOptions): boolean {
  return options.docIds !== undefined || options.level !== undefined || (options.region !== undefined && options.region !== '');
}

/**
 * The document predicate of `options`, prepared once per search. `keysOf` (optional) returns
 * a document's precomputed {@link regionKeys}, saving the regex work per document and query.
 */
export function compileFilter(options: FilterOptions, keysOf?: (doc: DocInfo) => Set<string>): (doc: DocInfo) => boolean {
  const ids = options.docIds ? new Set(options.docIds) : null;
  const level = options.level;
  const region = options.region ? regionKey(options.region) : null;
  return (doc) =>
    (!ids || ids.has(doc.id)) && (!level || doc.level === level) && (region === null || (keysOf ? keysOf(doc) : regionKeys(doc.region)).has(region));
}

/** True when the document passes every filter given in `options`. */
export function documentMatches(doc: DocInfo, options: FilterOptions): boolean {
  return compileFilter(options)(doc);
}

/**
 * The allowed chunks for `options`, or null when nothing is filtered. `chunksByDoc` maps each
 * document id to its chunk indices in ascending order.
 */
export function allowedChunks(
  docs: Iterable<DocInfo>,
  chunksByDoc: ReadonlyMap<string, Uint32Array>,
  size: number,
  options: FilterOptions,
  keysOf?: (doc: DocInfo) => Set<string>,
): AllowedSet | null {
  if (!hasFilter(options)) return null;
  const pass = compileFilter(options, keysOf);
  const mask = new Uint8Array(size);
  let count = 0;
  for (const doc of docs) {
    if (!pass(doc)) continue;
    for (const i of chunksByDoc.get(doc.id) ?? []) {
      mask[i] = 1;
      count++;
    }
  }
  const list = new Uint32Array(count);
  for (let i = 0, n = 0; n < count; i++) if (mask[i]) list[n++] = i;
  return { mask, list };
}
