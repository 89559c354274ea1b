/**
 * Where a document comes from: the administrative region and level of its issuer, read from
 * the leading place names of the issuer (`铜川市印台区人民政府` → 陕西省 / 铜川市 / 印台区).
 *
 * Known places come from the gazetteer (`zh/data/gazetteer.json`), which completes a name with
 * its parents; other places are recognised by their suffixes (…省, …自治区, …市, …县, …区, …旗),
 * which fills the names but not the parents.
 */
import { MUNICIPALITIES, defaultGazetteer, indexGazetteer, type Gazetteer } from '../../zh/gazetteer.js';
import type { AdminLevel, Region } from '../types.js';

/** The longest name of `names` that `s` starts with. */
function longestPrefix(s: string, names: Iterable<string>): string | null {
  let best: string | null = null;
  for (const n of names) if (s.startsWith(n) && (!best || n.length > best.length)) best = n;
  return best;
}

/** Organisation words: what follows the place names of an issuer. */
const ORG_WORD = /^(人民政府|政府|党委|委员会|人大|政协|办公室|办公厅|[\p{Script=Han}]{0,10}?(局|厅|委|办|院|中心|部|所|站|队|小组|指挥部))/u;

/** A region and its administrative level. */
export interface RegionResult {
  region: Region;
  level: AdminLevel | null;
}

/**
 * Reads the region from the leading place names of `name` (an issuer such as
 * `长子县自然资源局`, or a title such as `宁武县加强…实施方案`). Known names are completed
 * with their parents from the gazetteer; unknown ones are recognised by suffix only when an
 * organisation word follows (so `生态保护区` in a title is not a district). County-level
 * cities count as 县 level.
 */
export function inferRegion(name: string | null | undefined, gazetteer: Gazetteer = defaultGazetteer): RegionResult {
  const region: Region = { province: null, city: null, county: null, name: null };
  let level: AdminLevel | null = null;
  if (!name) return { region, level };
  const idx = indexGazetteer(gazetteer);
  let rest = name.normalize('NFKC').replace(/\s+/g, '');
  const orgFollows = (i: number) => ORG_WORD.test(rest.slice(i)) || rest.slice(i) === '';

  const province = longestPrefix(rest, [...idx.provinces, ...MUNICIPALITIES]) ?? /^\p{Script=Han}{2,3}?(省|自治区)/u.exec(rest)?.[0] ?? null;
  if (province) {
    region.province = province;
    level = '省';
    rest = rest.slice(province.length);
  }
  let city = longestPrefix(rest, idx.cities.keys());
  let countyFirst = longestPrefix(rest, idx.counties.keys());
  if (countyFirst && city && city.length >= countyFirst.length) countyFirst = null;
  if (!city && !countyFirst) {
    // An unknown prefecture: "…市" followed by an organisation word or by a county.
    const m = /^\p{Script=Han}{2,4}?市/u.exec(rest);
    if (m && (orgFollows(m[0].length) || /^\p{Script=Han}{1,4}?(县|区|旗)/u.test(rest.slice(m[0].length)))) city = m[0];
  }
  if (city) {
    region.city = city;
    region.province ??= idx.cities.get(city)?.province ?? null;
    level = '市';
    rest = rest.slice(city.length);
  }
  let county = countyFirst && !city ? countyFirst : longestPrefix(rest, idx.counties.keys());
  if (!county) {
    const m = /^\p{Script=Han}{1,4}?(县|区|旗)/u.exec(rest);
    if (m && orgFollows(m[0].length)) county = m[0];
  }
  if (county) {
    const known = idx.counties.get(county);
    // A known county under another city than the one written is a different place: keep what is written.
    if (known && (!region.city || region.city === known.city)) {
      region.city ??= known.city;
      region.province ??= known.province;
    }
    region.county = county;
    level = county.endsWith('区') ? '区' : '县';
  }
  region.name = region.county ?? region.city ?? region.province;
  return { region, level };
}
