/**
 * Localisation normalisation: what a county legitimately rewrites when it implements a
 * provincial plan (全省→全县, 省级→县级, 我省→我县, 市县政府→县乡政府, 省水利厅→县水利局, its
 * own and the province's region names) is mapped to one neutral form on BOTH sides, so the
 * lexical similarity of two clauses measures substance, not level. Also: the core name of a
 * department (for actor comparison) and the place names of a province that a county plan
 * rightly leaves out (右玉县, 太德塬).
 */
import { canonicalizeDepartments, DEPARTMENT_VARIANTS } from '../../zh/departments.js';
import { defaultGazetteer, type Gazetteer } from '../../zh/gazetteer.js';
import { canonicalizeSynonyms, stripDegreeAdverbs } from '../../zh/synonyms.js';
import { tokenizeWords } from '../../zh/tokenize.js';
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
  // `本行政区` is the plan's own area, whichever its level.
  [/本行政区域?/g, '本地'],
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
    // Reworded verbs and nouns of the genre (布置 → 部署, 提升 → 增强) compare as one word.
    t = stripDegreeAdverbs(canonicalizeSynonyms(canonicalizeDepartments(t)));
    // A changed number is a finding of its own (target_changed), not a reason the clauses differ.
    t = t.replace(NON_CONTENT, '').replace(/\d+(?:\.\d+)?/g, '#');
    if (t === before) break;
  }
  return t;
}

/** Department core → canonical core (`林草` → `林业和草原`), from `zh/departments.ts`. */
const DEPARTMENT_CORE = new Map(DEPARTMENT_VARIANTS.flatMap((d) => [d.core, ...d.variants].map((v) => [v, d.core] as [string, string])));

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
  n = n.replace(/^(?:各级|各|有关|相关|同级|省直|市直|县直|省级|市级|县级|区级|省|市|县|区)+/, '');
  // A variant written whole (`纪委监委`, `纪检监察机关`) before its suffix is read off.
  if (canonical && DEPARTMENT_CORE.has(n)) return DEPARTMENT_CORE.get(n)!;
  n = n.replace(/(?:等)?(?:主管部门|部门|单位|分局|支队|大队|厅|局|委员会|委|办公室|办|中心|站|所)+$/, '');
  // Role words are not departments (`牵头部门`, `相关部门`, `成员单位`).
  if (n.length < 2 || /^(?:牵头|责任|主管|成员|配合|协作|协同|有关|相关|其他|所属|业务|职能|行业|各有关|各相关)$/.test(n)) return null;
  return canonical ? (DEPARTMENT_CORE.get(n) ?? n) : n;
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

/** What follows the name of a river or a mountain range in a list or before a landform word. */
const AFTER_LANDFORM = /^(?:、|—|等|流域|沿岸|沿线|两岸|干流|支流|干支流|上游|中游|下游|多沙|重点生态区|三大|两大|生态屏障)/;

/**
 * A named river or mountain range (`某河等重要流域`, `甲山、乙山…三大生态屏障`) of a text that the
 * child never names: a landform of the parent's region the child does not have. Names are jieba
 * words ending in 山 or 河 and standing before a list or a landform word, so generic words
 * (`治山治水`, `城市山体`, `河湖水系`) never match.
 */
export function namesForeignLandform(text: string, childText: string): string | null {
  const names = [...new Set(tokenizeWords(text))].filter((w) => w.length >= 2 && w.length <= 4 && /[山河]$/.test(w)).sort((a, b) => b.length - a.length);
  for (const w of names) {
    for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1))
      if (AFTER_LANDFORM.test(text.slice(at + w.length)) && !childText.includes(w)) return w;
  }
  return null;
}

/**
 * The foreign place a text names, or null: a gazetteer name of another region (even when the child
 * names it too — `学习借鉴某县经验` does not make that county's pilot zone the child's duty), or a small
 * landform absent from the child.
 */
export function namesForeignPlace(text: string, foreign: Set<string>, childText: string): string | null {
  for (const name of foreign) if (name.length >= 2 && text.includes(name)) return name;
  SMALL_PLACE.lastIndex = 0;
  for (let m = SMALL_PLACE.exec(text); m; m = SMALL_PLACE.exec(text)) {
    const name = m[0];
    if (name.length >= 2 && !childText.includes(name)) return name;
  }
  return null;
}
