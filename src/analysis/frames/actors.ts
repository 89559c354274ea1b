/**
 * Actors: who leads, cooperates, is responsible, chairs, or where an office sits. Pattern by
 * pattern, from the most explicit (`（责任部门：…）`, `由…牵头`) to the least (a sentence subject
 * followed by 要/负责/a duty verb). Department lists are split into names with offsets; names
 * are kept exactly as written (`县自然资源局` and `自然资源局` stay different).
 */
import { ORG_NAME, ORG_NAME_LONGEST, looksLikeOrg } from '../../zh/organisations.js';
import { ADVERBS, DUTY_VERBS, clauseSegments, maskTitles, splitNames } from './text.js';
import type { ActorMention, ActorRole } from './types.js';

const NOT_DELIM = '[^,，;；。:：!?！？\\n由]';
const LABELS: Record<string, ActorRole> = {
  责任部门: 'responsible',
  责任单位: 'responsible',
  责任主体: 'responsible',
  实施主体: 'responsible',
  主办单位: 'responsible',
  牵头单位: 'lead',
  牵头部门: 'lead',
  配合单位: 'cooperate',
  配合部门: 'cooperate',
  参与单位: 'cooperate',
  协办单位: 'cooperate',
};
const RE_LABEL = new RegExp(`(${Object.keys(LABELS).join('|')})[:：]\\s*([^)）;；。\\n]{2,300})`, 'g');
const RE_NOTE = /[(（]([^()（）\n]{2,300}?)按(?:照)?职责(?:分工)?负责[)）]/g;
const RE_BY_LEAD = new RegExp(`由(${NOT_DELIM}{1,100}?)(?:共同)?牵头`, 'g');
const RE_BY_DUTY = new RegExp(`由(${NOT_DELIM}{1,60}?)(?:实行专人|具体|专门|专人)?(负责|统筹|组织实施)(?![人同])`, 'g');
const RE_CHAIR = new RegExp(`(?:由)?(${NOT_DELIM}{1,100}?)(?:担)?任(副组长|组长|总指挥|副总指挥|召集人|主任|副主任|成员)`, 'g');
const RE_CHAIR_BY = new RegExp(`(组长|召集人|总指挥)由(${NOT_DELIM}{1,40}?)担任`, 'g');
const RE_MEMBERS = new RegExp(`(${NOT_DELIM}{2,160}?)为(成员|成员单位|副组长)`, 'g');
const RE_LOCATION = new RegExp(`设在(${ORG_NAME_LONGEST})`, 'g');
const RE_MAIN_DUTY = new RegExp(`主体责任由(${NOT_DELIM}{1,60}?)(?:负责)?落实`, 'g');
const RE_CARRY = new RegExp(`落实(${ORG_NAME_LONGEST})[^,，;；。]{0,40}?(?:主体责任|责任制)`, 'g');
const RE_BEARS = new RegExp(`责任主体为(${ORG_NAME_LONGEST})`, 'g');
/** `主要负责同志是第一责任人`: a post named as the one responsible. */
const RE_IS_POST = new RegExp(`(${NOT_DELIM}{2,30}?)是(第一责任人|直接责任人|主要责任人)`, 'g');
/** Patterns whose names are posts (县政府主要负责人, 主要负责同志), kept whole by splitNames. */
const POST_PATTERNS = new Set(['…是第一责任人']);
const RE_COOP = /(?:积极|密切|全力|共同|主动|根据各自职能|依据职责|按照?职责(?:分工)?|按职能|做好)*(配合|参与|协助|协办)/g;
const RE_WITH = new RegExp(`(?:协同|会同)(${NOT_DELIM}{2,100}?等(?:相关)?(?:部门|单位)|${ORG_NAME})`, 'g');
const RE_LEAD_AFTER = /牵头(?!部门|单位|作用|的|抓总|组织和)/g;
const RE_ROLE_NOUN = /^(?:各)?牵头(?:部门|单位)$/;

const CHAIR_ROLES: Record<string, ActorRole> = {
  组长: 'chair',
  总指挥: 'chair',
  召集人: 'chair',
  主任: 'chair',
  副组长: 'deputy',
  副总指挥: 'deputy',
  副主任: 'deputy',
  成员: 'member',
  成员单位: 'member',
};
const MODALS = '要|应当|应|必须|务必|须|需|将|负责|对';
const ADV = ADVERBS.join('|');
const VERBS = DUTY_VERBS.join('|');
/** A sentence subject: a department list (earlier items may be bare: `发展改革、财政…等部门`), maybe with its head (主要负责人). */
const SUBJECT = new RegExp(
  `^((?:[\\u4e00-\\u9fa5()（）]{1,16}(?:[、,，]|和|及))*?(?:${ORG_NAME}|各地|各市县|各县区|各市|各县))(?:主要负责人|负责人|主要负责同志)?(?=(?:${MODALS})|(?:${ADV})*(?:${VERBS}|汇总|发挥))`,
);
const SUBJECT_ALONE = new RegExp(`^((?:[\\u4e00-\\u9fa5()（）]{1,16}(?:[、,，]|和|及))*?${ORG_NAME})(?:主要负责人|负责人|主要负责同志)?$`);
const LEADS_BY_ROLE = /^(?:要|应)?(?:切实)?(?:充分)?发挥(?:好)?[^,，;；。]{0,20}牵头(?!单位|部门)/;

function isVerbStart(s: string): boolean {
  if (RE_ROLE_NOUN.test(s)) return false;
  return (
    DUTY_VERBS.some((v) => s.startsWith(v)) ||
    /^(为|以|在|对|按|根据|依据|围绕|结合|通过|把|将|向|由|经|从|与|同|于|给|除|凡|如|若|当|随|使|让|视|特别是)/.test(s)
  );
}

/** A subject never contains a hand-over verb: `视情节移交纪检监察机关` is an action, not a department. */
const NOT_IN_SUBJECT = /移交|移送|报送|上报|提交|纳入|交由|通报|报告/;

/**
 * Finds every actor statement of a sentence. Offsets are `baseOffset` + index in `sentence`.
 * Overlapping statements keep the most confident (`由财政局牵头` beats the subject reading).
 */
export function extractActors(sentence: string, baseOffset = 0): ActorMention[] {
  const text = sentence;
  const masked = maskTitles(sentence);
  const found: ActorMention[] = [];
  const add = (role: ActorRole, a: number, b: number, pattern: string, confidence: number, extra: Partial<ActorMention> = {}) => {
    while (a < b && /[\s,，、]/.test(text[a])) a++;
    while (b > a && /[\s,，、]/.test(text[b - 1])) b--;
    if (b <= a) return;
    const { names, etc } = splitNames(text.slice(a, b), baseOffset + a, { keepPosts: role === 'chair' || POST_PATTERNS.has(pattern) });
    if (!names.length) return;
    found.push({
      role,
      names,
      list: { text: text.slice(a, b), start: baseOffset + a, end: baseOffset + b },
      pattern,
      confidence,
      ...(etc ? { etc } : {}),
      ...extra,
    });
  };
  const each = (re: RegExp, fn: (m: RegExpExecArray) => void) => {
    re.lastIndex = 0;
    for (let m = re.exec(masked); m; m = re.exec(masked)) fn(m);
  };
  const groupStart = (m: RegExpExecArray, g: number) => m.index + m[0].indexOf(m[g]);

  each(RE_LABEL, (m) => {
    const a = groupStart(m, 2);
    add(LABELS[m[1]], a, a + m[2].length, `${m[1]}:`, 0.95);
  });
  each(RE_NOTE, (m) => add('responsible', m.index + 1, m.index + 1 + m[1].length, '(…按职责分工负责)', 0.9));
  each(RE_BY_LEAD, (m) => {
    if (!looksLikeOrg(m[1])) return;
    add('lead', m.index + 1, m.index + 1 + m[1].length, '由…牵头', 0.95);
  });
  each(RE_BY_DUTY, (m) => {
    if (!looksLikeOrg(m[1])) return;
    add(m[2] === '统筹' ? 'coordinate' : 'responsible', m.index + 1, m.index + 1 + m[1].length, `由…${m[2]}`, 0.9);
  });
  each(RE_CHAIR, (m) => {
    let a = groupStart(m, 1);
    let s = m[1];
    const by = s.lastIndexOf('由');
    if (by >= 0) {
      a += by + 1;
      s = s.slice(by + 1);
    }
    if (!s || isVerbStart(s) || /^(组长|副组长)/.test(s)) return;
    add(CHAIR_ROLES[m[2]], a, a + s.length, `…任${m[2]}`, 0.95);
  });
  each(RE_CHAIR_BY, (m) => add(CHAIR_ROLES[m[1]], groupStart(m, 2), groupStart(m, 2) + m[2].length, `${m[1]}由…担任`, 0.95));
  each(RE_MEMBERS, (m) => {
    if (isVerbStart(m[1])) return;
    add(CHAIR_ROLES[m[2]], groupStart(m, 1), groupStart(m, 1) + m[1].length, `…为${m[2]}`, 0.9);
  });
  each(RE_LOCATION, (m) => {
    const before = masked.slice(0, m.index);
    const subj = /(领导小组办公室|领导组办公室|办公室|指挥部)[^。]*$/.exec(before);
    add('location', m.index + 2, m.index + 2 + m[1].length, '设在', 0.95, subj ? { subject: subj[1] } : {});
  });
  each(RE_MAIN_DUTY, (m) => add('responsible', groupStart(m, 1), groupStart(m, 1) + m[1].length, '主体责任由…落实', 0.9));
  each(RE_CARRY, (m) => add('responsible', m.index + 2, m.index + 2 + m[1].length, '落实…主体责任', 0.8));
  each(RE_BEARS, (m) => add('responsible', groupStart(m, 1), groupStart(m, 1) + m[1].length, '责任主体为', 0.9));
  each(RE_IS_POST, (m) => add('responsible', groupStart(m, 1), groupStart(m, 1) + m[1].length, '…是第一责任人', 0.85));
  each(RE_WITH, (m) => add('cooperate', m.index + 2, m.index + 2 + m[1].length, '协同/会同', 0.8));

  const segments = clauseSegments(masked);
  const segmentOf = (pos: number) => segments.find(([s, e]) => pos >= s && pos < e) ?? [pos, pos];
  each(RE_LEAD_AFTER, (m) => {
    const [s] = segmentOf(m.index);
    const x = masked.slice(s, m.index);
    if (!x || x.includes('由') || !looksLikeOrg(x) || isVerbStart(x)) return;
    add('lead', s, m.index, '…牵头', 0.85);
  });
  each(RE_COOP, (m) => {
    const verbAt = m.index + m[0].length - m[1].length;
    const [s] = segmentOf(m.index);
    let x = masked.slice(s, m.index);
    const lead = x.lastIndexOf('牵头');
    const from = lead >= 0 ? s + lead + 2 : s;
    x = masked.slice(from, m.index);
    if (!x || !looksLikeOrg(x) || isVerbStart(x) || verbAt <= from) return;
    add('cooperate', from, m.index, `…${m[1]}`, 0.85);
  });
  // Subjects: a department list opening a clause, followed by a modal or a duty verb.
  segments.forEach(([s, e], k) => {
    const seg = masked.slice(s, e);
    const m = SUBJECT.exec(seg);
    if (!m) {
      // `各相关部门主要负责人,必须带头…`: the subject stands alone before a clause opening with a modal.
      const alone = SUBJECT_ALONE.exec(seg);
      const next = segments[k + 1];
      if (alone && next && new RegExp(`^(?:${MODALS})`).test(masked.slice(next[0], next[1])) && !isVerbStart(alone[1]) && !NOT_IN_SUBJECT.test(alone[1])) {
        add('responsible', s, s + alone[1].length, 'subject', 0.65);
      }
      return;
    }
    if (isVerbStart(m[1]) || m[1].length > 60 || NOT_IN_SUBJECT.test(m[1])) return;
    const rest = seg.slice(m[0].length);
    // `水行政主管部门要切实履行…职责,发挥好牵头组织…作用`: the lead role may sit in the next clause.
    const next = segments[k + 1];
    const nextText = next ? masked.slice(next[0], next[1]) : '';
    const role: ActorRole = RE_ROLE_NOUN.test(m[1]) || LEADS_BY_ROLE.test(rest) || LEADS_BY_ROLE.test(nextText) ? 'lead' : 'responsible';
    add(role, s, s + m[1].length, 'subject', new RegExp(`^(?:${MODALS})`).test(rest) ? 0.7 : 0.6);
  });
  return dedupe(found);
}

/** Keeps, among mentions whose lists overlap, the most confident (the earliest on ties). */
function dedupe(found: ActorMention[]): ActorMention[] {
  const sorted = [...found].sort((a, b) => b.confidence - a.confidence || a.list.start - b.list.start);
  const kept: ActorMention[] = [];
  for (const m of sorted) {
    if (kept.some((k) => m.list.start < k.list.end && k.list.start < m.list.end)) continue;
    kept.push(m);
  }
  return kept.sort((a, b) => a.list.start - b.list.start);
}

/** Names of the mentions with a given role, in order, without repeats. */
export function namesByRole(mentions: ActorMention[], role: ActorRole): string[] {
  const out: string[] = [];
  for (const m of mentions) if (m.role === role) for (const n of m.names) if (!out.includes(n.text)) out.push(n.text);
  return out;
}
