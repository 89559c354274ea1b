/**
 * Who carries a requirement, read from a phrase of a plan: the governments and departments it
 * names, each with its role there — the carrier (the subject, `由X…`, `落实X…主体责任`), a body
 * consulted (`征求X的意见`, `会同X`), a cooperating one (`X配合`) — or an object only (`考核X`,
 * `对X…支持`), which is never compared. A phrase without a subject of its own inherits the
 * carrier of the phrase before it in the sentence (`X要…,发挥…作用`).
 *
 * Governments carry their levels (`市县政府` → 市, 县; `各级政府` → all), departments their core
 * name through `zh/departments.ts` (水务局 = 水利局 = 水行政主管部门).
 */
import { ADMIN_LEVELS, ALL_LEVELS_WORDS, DEPARTMENT_VARIANTS } from '../../zh/departments.js';
import { coreOrgName } from './localize.js';

/** A government or department named in a phrase. */
export interface ActorRef {
  text: string;
  /** Clean offsets. */
  start: number;
  end: number;
  kind: 'government' | 'department';
  /** Levels of a government (1 省 … 4 乡镇); 'all' for 各级 (every level below the plan's author), 'local' for 各地/地方 (the local governments: down to the county). */
  levels: Set<number> | 'all' | 'local' | null;
  /** Canonical core of a department (`水利`). */
  core: string | null;
  role: 'carrier' | 'consulted' | 'cooperate' | 'object';
}

/** The actors of one phrase. */
export interface PhraseActors {
  carriers: ActorRef[];
  consulted: ActorRef[];
  cooperate: ActorRef[];
  /** The phrase gives the carrier the lead (`牵头`). */
  lead: boolean;
  /** The carriers were inherited from an earlier phrase of the sentence. */
  inherited: boolean;
}

const LEVEL_WORD = '县（市、区）|县\\(市、区\\)|市（州）|乡（镇）|乡\\(镇\\)|乡镇|街道|自治区|省|市|县|区|旗|乡|镇';
const LEVEL_OF = new Map(ADMIN_LEVELS.flatMap((l) => l.words.map((w) => [w, l.level] as [string, number])));
const GOVERNMENT = new RegExp(
  `(?:各级|各地|有关地方|地方)(?:人民)?(?:政府|党委和政府|党委政府)?|(各|本)?((?:${LEVEL_WORD})(?:[、和及与]?(?:${LEVEL_WORD}))*)(两级|三级|各级|级)?(人民)?(政府|党委和政府|党委政府)?`,
  'g',
);
const DEPT_SUFFIX = /(?:行政主管部门|主管部门|部门|委员会|办公室|机关|厅|局|委)(?![\u4e00-\u9fa5]{0,1}(?:员|托|屈|婉))/g;
/** What ends a name when reading leftwards from its suffix: punctuation and the words around a name. */
const NAME_STOP =
  /(?:[\s,，。;；:：、（）()“”"《》]|由|对|向|征求|听取|会同|要|在|并|将|把|和|与|及|的|经|请|报|按照|依据|发挥|落实|考核|鼓励|支持|履行|负责|切实|积极|部门|局|厅|委|办公室|政府)$/;
/** Known department names, longest first: read whole even when they contain 和 (`林业和草原`). */
const KNOWN_NAMES = [...new Set(DEPARTMENT_VARIANTS.flatMap((d) => [d.core, ...d.variants]))].sort((a, b) => b.length - a.length);
/** What follows a subject: a modal, a role verb or the verb of the duty. */
const AFTER_SUBJECT =
  /^(?:主要负责同志|主要负责人|负责同志)?(?:要|应|须|必须|负责|牵头|承担|发挥|履行|按照|依据|会同|加强|切实|做好|抓好|统筹|组织|对|在|将|把|可|结合|依法|全面|进一步|积极|定期|每)/;

/** Reads the levels of a government phrase (`市县政府` → {2,3}, `县、乡（镇）两级` → {3,4}). */
function levelsOf(text: string): Set<number> | 'all' | 'local' | null {
  if (text.startsWith('各级')) return 'all';
  if (ALL_LEVELS_WORDS.some((w) => text.startsWith(w))) return 'local';
  const out = new Set<number>();
  const re = new RegExp(LEVEL_WORD, 'g');
  for (const m of text.matchAll(re)) {
    const w = m[0].replace(/\(/g, '（').replace(/\)/g, '）');
    const level = LEVEL_OF.get(w) ?? (w.startsWith('县（') ? 3 : w.startsWith('市（') ? 2 : undefined);
    if (level) out.add(level);
  }
  return out.size ? out : null;
}

/** Governments named in a text: a level word that ends in 政府, or stands as a subject (`各乡（镇）要`, `县、乡两级要`). */
function findGovernments(text: string, base: number): ActorRef[] {
  const out: ActorRef[] = [];
  for (const m of text.matchAll(GOVERNMENT)) {
    const t = m[0];
    const generic = !m[2];
    const named = generic || !!m[5] || !!m[3] || (!!m[1] && AFTER_SUBJECT.test(text.slice(m.index! + t.length)));
    // A bare level word (`省`, `全县`) is a place or scope, not a body.
    if (!named || (m.index! > 0 && text[m.index! - 1] === '全')) continue;
    if (!generic && !m[5] && !m[3] && !/^各/.test(t)) continue;
    out.push({ text: t, start: base + m.index!, end: base + m.index! + t.length, kind: 'government', levels: levelsOf(t), core: null, role: 'object' });
  }
  return out;
}

/** Departments named in a text: a suffix (局, 部门, 委…) read leftwards to the start of the name. */
function findDepartments(text: string, base: number, govs: ActorRef[]): ActorRef[] {
  const out: ActorRef[] = [];
  for (const m of text.matchAll(DEPT_SUFFIX)) {
    const end = m.index! + m[0].length;
    const head = text.slice(0, m.index!);
    const known = KNOWN_NAMES.find((n) => head.endsWith(n));
    let start = known ? m.index! - known.length : m.index!;
    if (!known) while (start > 0 && m.index! - start < 14 && !NAME_STOP.test(text.slice(0, start))) start--;
    // The level before a known name belongs to it (`市` of `市发展改革委`).
    if (known && start > 0 && /[省市县区]/.test(text[start - 1])) start--;
    const name = text.slice(start, end);
    if (govs.some((g) => g.start - base < end && start < g.end - base)) continue;
    const core = coreOrgName(name);
    if (!core) continue;
    out.push({ text: name, start: base + start, end: base + end, kind: 'department', levels: null, core, role: 'object' });
  }
  return out;
}

/** The role of an actor from the words around it (see the module comment). */
function roleOf(text: string, a: ActorRef, base: number, first: boolean): ActorRef['role'] {
  const before = text.slice(0, a.start - base);
  const after = text.slice(a.end - base);
  if (/(?:征求|听取|会同|商)(?:同级)?$/.test(before)) return 'consulted';
  if (/^(?:等部门|等单位|等)?(?:配合|协助|参与)/.test(after)) return 'cooperate';
  if (/由$/.test(before)) return 'carrier';
  if (/落实$/.test(before) && /^[^,，。;；]{0,20}责任/.test(after)) return 'carrier';
  if (first && /^(?:[并同时各有关]*)$/.test(before.replace(/[\s、]/g, '')) && AFTER_SUBJECT.test(after.replace(/^(?:等部门|等单位|等)/, ''))) return 'carrier';
  return 'object';
}

/** The actors of a phrase on its own (no inheritance). */
export function readPhraseActors(text: string, base: number): PhraseActors {
  const govs = findGovernments(text, base);
  const all = [...govs, ...findDepartments(text, base, govs)].sort((a, b) => a.start - b.start);
  // A list of subjects (`发展改革、财政、自然资源等部门要…`): every member before the verb is a carrier.
  const leadIndex = all.findIndex((a) => a.start - base <= 2);
  for (let k = 0; k < all.length; k++) {
    const a = all[k];
    const inList = k > leadIndex && leadIndex >= 0 && /^[、和及与]?$/.test(text.slice(all[k - 1].end - base, a.start - base));
    a.role = roleOf(text, a, base, k === leadIndex || inList);
    if (inList && a.role === 'object') a.role = 'carrier';
  }
  // List members before the carrier that ends the list share its role.
  for (let k = all.length - 2; k >= 0; k--)
    if (all[k + 1].role === 'carrier' && /^[、和及与]$/.test(text.slice(all[k].end - base, all[k + 1].start - base))) all[k].role = 'carrier';
  return {
    carriers: all.filter((a) => a.role === 'carrier'),
    consulted: all.filter((a) => a.role === 'consulted'),
    cooperate: all.filter((a) => a.role === 'cooperate'),
    lead: /牵头/.test(text),
    inherited: false,
  };
}

/** The actors of each phrase of a sentence, carriers inherited from the phrase before when a phrase has none. */
export function sentenceActors(phrases: { text: string; start: number }[]): PhraseActors[] {
  const out: PhraseActors[] = [];
  let last: ActorRef[] = [];
  for (const p of phrases) {
    const own = readPhraseActors(p.text, p.start);
    if (own.carriers.length) last = own.carriers;
    else if (last.length) Object.assign(own, { carriers: last, inherited: true });
    out.push(own);
  }
  return out;
}
