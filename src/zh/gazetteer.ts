/**
 * The gazetteer: province → prefecture → county-level units, as data (`data/gazetteer.json`),
 * with the lookups region inference needs. Places it does not list are still recognised by their
 * suffixes (…省, …市, …县, …区, …旗) where they are read; the file completes names with parents.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Province → prefecture → county-level units (counties, districts, county-level cities). */
export type Gazetteer = Record<string, Record<string, string[]>>;

interface GazetteerFile {
  municipalities: string[];
  provinces: Gazetteer;
}

const FILE = JSON.parse(readFileSync(fileURLToPath(new URL('./data/gazetteer.json', import.meta.url)), 'utf8')) as GazetteerFile;

/** The default gazetteer, from `data/gazetteer.json`. */
export const defaultGazetteer: Gazetteer = FILE.provinces;

/** Province-level municipalities (北京市…), which have no province above them. */
export const MUNICIPALITIES: readonly string[] = FILE.municipalities;

/** Where a known place sits. */
export interface Place {
  province: string;
  city: string | null;
}

/** Lookups over a gazetteer. */
export interface GazetteerIndex {
  provinces: Set<string>;
  cities: Map<string, Place>;
  counties: Map<string, Place & { city: string }>;
}

const indexCache = new WeakMap<Gazetteer, GazetteerIndex>();

/** The lookups of a gazetteer, built once per gazetteer object. */
export function indexGazetteer(g: Gazetteer): GazetteerIndex {
  let idx = indexCache.get(g);
  if (idx) return idx;
  idx = { provinces: new Set(), cities: new Map(), counties: new Map() };
  for (const [province, cities] of Object.entries(g)) {
    idx.provinces.add(province);
    for (const [city, counties] of Object.entries(cities)) {
      idx.cities.set(city, { province, city: null });
      for (const county of counties) idx.counties.set(county, { province, city });
    }
  }
  indexCache.set(g, idx);
  return idx;
}
