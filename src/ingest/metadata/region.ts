/**
 * Where a document comes from: the administrative region and level of its issuer, read from
 * the leading place names of the issuer (`铜川市印台区人民政府` → 陕西省 / 铜川市 / 印台区).
 *
 * A small gazetteer covers Shanxi (all prefectures and counties: the corpus's home province)
 * and Shaanxi (prefectures, and the districts of 铜川市); other places are recognised by their
 * suffixes (…省, …自治区, …市, …县, …区, …旗), which fills the names but not the parents.
 */
import type { AdminLevel, Region } from '../types.js';

/** Province → prefecture → county-level units (counties, districts, county-level cities). */
export type Gazetteer = Record<string, Record<string, string[]>>;

/** Default gazetteer. Ambiguous bare names (阳泉's 城区/矿区/郊区, 晋城's 城区) are left out. */
export const defaultGazetteer: Gazetteer = {
  山西省: {
    太原市: ['小店区', '迎泽区', '杏花岭区', '尖草坪区', '万柏林区', '晋源区', '清徐县', '阳曲县', '娄烦县', '古交市'],
    大同市: ['新荣区', '平城区', '云冈区', '云州区', '阳高县', '天镇县', '广灵县', '灵丘县', '浑源县', '左云县'],
    阳泉市: ['平定县', '盂县'],
    长治市: ['潞州区', '上党区', '屯留区', '潞城区', '襄垣县', '平顺县', '黎城县', '壶关县', '长子县', '武乡县', '沁县', '沁源县'],
    晋城市: ['沁水县', '阳城县', '陵川县', '泽州县', '高平市'],
    朔州市: ['朔城区', '平鲁区', '山阴县', '应县', '右玉县', '怀仁市'],
    晋中市: ['榆次区', '太谷区', '榆社县', '左权县', '和顺县', '昔阳县', '寿阳县', '祁县', '平遥县', '灵石县', '介休市'],
    运城市: ['盐湖区', '临猗县', '万荣县', '闻喜县', '稷山县', '新绛县', '绛县', '垣曲县', '夏县', '平陆县', '芮城县', '永济市', '河津市'],
    忻州市: ['忻府区', '定襄县', '五台县', '代县', '繁峙县', '宁武县', '静乐县', '神池县', '五寨县', '岢岚县', '河曲县', '保德县', '偏关县', '原平市'],
    临汾市: ['尧都区', '曲沃县', '翼城县', '襄汾县', '洪洞县', '古县', '安泽县', '浮山县', '吉县', '乡宁县', '大宁县', '隰县', '永和县', '蒲县', '汾西县', '侯马市', '霍州市'],
    吕梁市: ['离石区', '文水县', '交城县', '兴县', '临县', '柳林县', '石楼县', '岚县', '方山县', '中阳县', '交口县', '孝义市', '汾阳市'],
  },
  陕西省: {
    西安市: [],
    铜川市: ['王益区', '印台区', '耀州区', '宜君县'],
    宝鸡市: [],
    咸阳市: [],
    渭南市: [],
    延安市: [],
    汉中市: [],
    榆林市: [],
    安康市: [],
    商洛市: [],
  },
};

const MUNICIPALITIES = ['北京市', '天津市', '上海市', '重庆市'];

interface Place {
  province: string;
  city: string | null;
}

interface Index {
  provinces: Set<string>;
  cities: Map<string, Place>;
  counties: Map<string, Place & { city: string }>;
}

const indexCache = new WeakMap<Gazetteer, Index>();

function indexOf(g: Gazetteer): Index {
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
  const idx = indexOf(gazetteer);
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
