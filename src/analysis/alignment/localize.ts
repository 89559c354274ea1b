/**
 * Localisation normalisation: what a county legitimately rewrites when it implements a
 * provincial plan (全省→全县, 省级→县级, 我省→我县, 市县政府→县乡政府, 省水利厅→县水利局, its
 * own and the province's region names) is mapped to one neutral form on BOTH sides, so the
 * lexical similarity of two clauses measures substance, not level. Also: the core name of a
 * department (for actor comparison) and the place names of a province that a county plan
 * rightly leaves out (右玉县, 太德塬).
 */
import { defaultGazetteer, type Gazetteer } from '../../zh/gazetteer.js';
import type { ParsedDocument } from '../../ingest/types.js';

/** What the normaliser strips: region names of both documents (longest first). */
export interface LocalizeContext {
  regionNames: string[];
}

const SUFFIX = /(省|市|县|区|自治区|自治县|旗)$/;

/** Region names of a document, with their short forms (`宁武县` → `宁武`) when two characters or more. */
export function regionNamesOf(doc: ParsedDocument): string[] {
  const r = doc.meta.region;
  const out = new Set<string>();
  for (const n of [r.province, r.city, r.county, r.name]) {
    if (!n) continue;
    out.add(n);
    const short = n.replace(SUFFIX, '');
    if (short.length >= 2 && short !== n) out.add(short);
  }
  return [...out];
}

/** The context of a pair: both documents' region names, longest first so `宁武县` goes before `宁武`. */
export function localizeContext(child: ParsedDocument, parent: ParsedDocument): LocalizeContext {
  const names = new Set([...regionNamesOf(child), ...regionNamesOf(parent)]);
  return { regionNames: [...names].sort((a, b) => b.length - a.length) };
}

/** Level words that differ between levels and mean the same: replaced in this order. */
const LEVEL_RULES: [RegExp, string][] = [
  // Governments and finance of the level(s) below: 市县政府, 县乡两级政府, 市县级政府, 乡级政府, 省级财政.
  [/(?:省|市|县|区|乡|镇)+(?:两级|三级|级)?(?:人民)?(?=政府|财政|党委)/g, '地方'],
  [/地方地方/g, '地方'],
  // Department names: 省水利厅 / 县水利局 → 水利局; 厅际 → 部门.
  [/厅际/g, '部门'],
  [/部门间/g, '部门'],
  [/([\u4e00-\u9fa5]{2,8}?)厅(?![际])/g, '$1局'],
  [/(?:^|(?<=[、，,和及与由]))(?:省|市|县|区)(?=[\u4e00-\u9fa5]{2,8}?(?:厅|局|委员会|委|办公室|办))/g, ''],
  // Scope words: 全省/全县 → 全域; 我省/本县 → 本地; 省级/县级 → 地方.
  [/全(?:省|市|县|区)/g, '全域'],
  [/(?:我|本|该)(?:省|市|县|区)/g, '本地'],
  // `结合我实际` (a lost 县): the bare pronoun before 实际 is the same reference.
  [/(?:我|本)(?=实际)/g, '本地'],
  // The same neutral word as a level's government or finance: `县级财水土保持投入` (政 lost) still reads as `省级财政…`.
  [/(?:省|市|县|区)级/g, '地方'],
  [/(?:各)(?:省|市|县|区)/g, '各地'],
];

/** Punctuation, symbols and spaces: dropped for comparison (extraction damage loses them anyway); the decimal point and the number mark `#` stay. */
const NON_CONTENT = /[\s\p{S}□]|(?![.#])\p{P}|\.(?!\d)/gu;

/**
 * The comparison form of a text: NFKC, lower case, region names removed, level words
 * neutralised, punctuation and spaces dropped, every number written `#`. Pure.
 */
export function normalizeForMatch(text: string, ctx: LocalizeContext): string {
  let t = text.normalize('NFKC').toLowerCase();
  // To a fixpoint: dropping punctuation can join a level word (`全，省` → `全省`), a region name, or a number.
  for (let pass = 0; pass < 4; pass++) {
    const before = t;
    for (const name of ctx.regionNames) if (name) t = t.split(name).join('');
    for (const [re, to] of LEVEL_RULES) t = t.replace(re, to);
    // A changed number is a finding of its own (target_changed), not a reason the clauses differ.
    t = t.replace(NON_CONTENT, '').replace(/\d+(?:\.\d+)?/g, '#');
    if (t === before) break;
  }
  return t;
}

/** Names that a unit list normalises to the same department (old and new names, short forms). */
const ORG_ALIASES: [RegExp, string][] = [
  [/^林草$|^林业$|^林业草原$/, '林业和草原'],
  [/^发改$|^发展和改革$|^发展改革委?$/, '发展改革'],
  [/^水务$|^水行政主管$|^水行政$/, '水利'],
  [/^环保$|^环境保护$|^生态环境保护$/, '生态环境'],
  [/^国土$|^国土资源$|^规划和自然资源$/, '自然资源'],
  [/^农业$|^农委$/, '农业农村'],
  // Short forms counties write for the full names of the same departments.
  [/^文旅$|^文化旅游$|^文化和旅游$/, '文化和旅游'],
  [/^住建$|^住房城乡建设$|^住房和城乡建设$/, '住房和城乡建设'],
  [/^交通$|^交通运输$/, '交通运输'],
  [/^工信$|^工业和信息化$/, '工业和信息化'],
  [/^卫健$|^卫生健康$|^卫生和健康$/, '卫生健康'],
  [/^应急$|^应急管理$/, '应急管理'],
  [/^人社$|^人力资源和社会保障$|^人力资源社会保障$/, '人力资源和社会保障'],
  [/^市场监管$|^市场监督管理$/, '市场监督管理'],
];

/** A government or party body (its level changes with the plan's level: localisable, never a changed actor). */
export function isGovernmentActor(name: string): boolean {
  return /(政府|党委|人大|政协|地方|各级|各地|市县|县乡)/.test(name) || /^(省|市|县|区|乡|镇)$/.test(name) || /(乡|镇|街道|村|社区|村委会|居委会)$/.test(name);
}

/**
 * The core of a department name, for comparing who is responsible across levels:
 * `省水利厅` / `县水利局` / `水利部门` → `水利`; null for governments and empty names.
 * With `canonical` false, aliases are not applied (`区水务局` → `水务`, not `水利`).
 */
export function coreOrgName(name: string, canonical = true): string | null {
  let n = name.normalize('NFKC').replace(NON_CONTENT, '');
  if (!n || isGovernmentActor(n)) return null;
  // A party committee's department (`县委宣传部`) is named by the department; a branch of a higher
  // bureau (`市生态环境局宁武分局`) by the bureau.
  n = n.replace(/^(?:省|市|县|区)委(?=[\u4e00-\u9fa5]{2,}部$)/, '').replace(/(局|厅)[\u4e00-\u9fa5]{1,4}分局$/, '$1');
  n = n.replace(/^(?:各级|各|有关|相关|省直|市直|县直|省级|市级|县级|区级|省|市|县|区)+/, '');
  n = n.replace(/(?:等)?(?:主管部门|部门|单位|分局|支队|大队|厅|局|委员会|委|办公室|办|中心|站|所)+$/, '');
  // Role words are not departments (`牵头部门`, `相关部门`, `成员单位`).
  if (n.length < 2 || /^(?:牵头|责任|主管|成员|配合|协作|协同|有关|相关|其他|所属|业务|职能|行业|各有关|各相关)$/.test(n)) return null;
  if (canonical) for (const [re, to] of ORG_ALIASES) if (re.test(n)) return to;
  return n;
}

/**
 * Landforms that name one small place (a tableland, a valley): a plan of another place rightly
 * omits them. The name stands between function words (`以太德塬为重点`); generic terms run on
 * into other words (`残塬沟壑区`, `固沟保塬建设`, `塬面`).
 */
const SMALL_PLACE = /(?<=^|[以在对和与及、，,“；;])(?:(?![以在对和与及])[\u4e00-\u9fa5]){1,3}?(?:塬|峪|峁)(?=$|[为的和与及、，,”；;。])/g;

/**
 * Place names of the parent's province that are not the child's or the parent's own region (or their ancestors):
 * other counties and cities (from the gazetteer) and small named landforms. A parent clause
 * about one of them (`推进右玉县…先行区建设`, `以太德塬为重点`) does not apply to the child.
 */
export function foreignPlaceNames(child: ParsedDocument, parent: ParsedDocument, gazetteer: Gazetteer = defaultGazetteer): Set<string> {
  // The parent's own region is what the child localises (翼城县 → 浮山县), never a place the child may leave out.
  const own = new Set([...regionNamesOf(child), ...regionNamesOf(parent)]);
  const out = new Set<string>();
  const province = parent.meta.region.province ?? child.meta.region.province;
  const cities = province ? gazetteer[province] : undefined;
  if (cities) {
    for (const [city, counties] of Object.entries(cities)) {
      if (!own.has(city)) out.add(city);
      for (const c of counties) if (!own.has(c)) out.add(c);
    }
  }
  return out;
}

/** The foreign place a text names, or null: a gazetteer name of another region or a small landform absent from the child. */
export function namesForeignPlace(text: string, foreign: Set<string>, childText: string): string | null {
  for (const name of foreign) if (name.length >= 2 && text.includes(name) && !childText.includes(name)) return name;
  SMALL_PLACE.lastIndex = 0;
  for (let m = SMALL_PLACE.exec(text); m; m = SMALL_PLACE.exec(text)) {
    const name = m[0];
    if (name.length >= 2 && !childText.includes(name)) return name;
  }
  return null;
}
