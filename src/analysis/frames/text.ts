/**
 * Small text helpers shared by the frame extractors: masking of cited titles, bracket pairing,
 * comma segments, organisation names and splitting of department lists. Every helper keeps
 * offsets: masked text has the length of the input, so a match index in it is an index in it.
 */
import { looksLikeOrg } from '../../zh/organisations.js';
import type { ActorName, Span } from './types.js';

/** Openers and their closers. ASCII `"` pairs with itself. */
const PAIRS: Record<string, string> = {
  '《': '》',
  '“': '”',
  '‘': '’',
  '(': ')',
  '（': '）',
  '〔': '〕',
  '[': ']',
  '【': '】',
  '「': '」',
  '『': '』',
  '〈': '〉',
  '<': '>',
  '"': '"',
};
const CLOSERS = new Set(Object.values(PAIRS));

/**
 * Matched bracket/quote pairs `[open, close]` (close inclusive) of a text, each within one line
 * and at most `maxChars` long. Unmatched openers (extraction damage: `〔202195号`) are ignored,
 * so a lost closer never swallows the rest of a document.
 */
export function findBracketPairs(text: string, maxChars = 240): [number, number][] {
  const pairs: [number, number][] = [];
  let stack: { ch: string; pos: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      stack = [];
      continue;
    }
    const top = stack.length ? stack[stack.length - 1] : null;
    if (ch === '"' && top?.ch === '"') {
      stack.pop();
      if (i - top.pos <= maxChars) pairs.push([top.pos, i]);
      continue;
    }
    if (CLOSERS.has(ch) && ch !== '"') {
      let k = stack.length - 1;
      while (k >= 0 && PAIRS[stack[k].ch] !== ch) k--;
      if (k >= 0) {
        const open = stack[k];
        stack = stack.slice(0, k);
        if (i - open.pos <= maxChars) pairs.push([open.pos, i]);
      }
      continue;
    }
    if (PAIRS[ch] !== undefined) stack.push({ ch, pos: i });
  }
  return pairs.sort((a, b) => a[0] - b[0]);
}

/**
 * Replaces the inside of 《…》 titles with `□` (same length). Cited titles are full of words
 * that look like duties (《…鼓励和支持社会资本…》) and organisations that act on nothing.
 */
export function maskTitles(text: string): string {
  // Code units, not code points: the masked string must have the same length (offsets stay valid).
  const chars = text.split('');
  for (const [a, b] of findBracketPairs(text)) {
    if (text[a] !== '《' && text[a] !== '<') continue;
    for (let i = a + 1; i < b; i++) chars[i] = '□';
  }
  return chars.join('');
}

/** Sentence-internal delimiters: a clause ends at any of these. */
export const CLAUSE_DELIM = /[,，;；。!！?？:：\n]/;

/** Comma-level segments `[start, end)` of a text (delimiters excluded), outside brackets only. */
export function clauseSegments(text: string): [number, number][] {
  const inside = new Uint8Array(text.length);
  for (const [a, b] of findBracketPairs(text)) for (let i = a + 1; i < b; i++) inside[i] = 1;
  const out: [number, number][] = [];
  let s = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || (!inside[i] && CLAUSE_DELIM.test(text[i]))) {
      if (i > s) out.push([s, i]);
      s = i + 1;
    }
  }
  return out;
}

/** Words after a list that are not names: `等部门`, `负责人`, `按职责分工负责`. */
const LIST_TAIL = /(等(?:相关|有关)?(?:职能)?(?:部门|单位)?)?(主要负责人|分管负责人|负责人|主要负责同志|负责同志)?$/;

/**
 * Splits a department list into names with offsets. Splits on 、 and commas (outside
 * brackets, so `县(市、区)` stays whole), and on 和/及/以及/与 only where the left part already
 * ends like an organisation (`党委和政府` splits, `林业和草原` and `市规划和自然资源局` do not).
 * A trailing `等部门` is cut from the last name and reported as `etc`; a trailing `负责人` (the
 * heads of the listed units) is cut too, unless `keepPosts` (a chair is the post itself).
 */
export function splitNames(list: string, base = 0, options: { keepPosts?: boolean } = {}): { names: ActorName[]; etc: boolean } {
  const inside = new Uint8Array(list.length);
  for (const [a, b] of findBracketPairs(list)) for (let i = a + 1; i < b; i++) inside[i] = 1;
  const cuts: [number, number][] = [];
  let s = 0;
  for (let i = 0; i <= list.length; i++) {
    if (i < list.length && (inside[i] || !/[、,，/]/.test(list[i]))) continue;
    cuts.push([s, i]);
    s = i + 1;
  }
  const parts: [number, number][] = [];
  for (const [a, b] of cuts) {
    let from = a;
    const re = /以及|和|及|与/g;
    const piece = list.slice(a, b);
    for (let m = re.exec(piece); m; m = re.exec(piece)) {
      const left = list.slice(from, a + m.index);
      if (looksLikeOrg(left)) {
        parts.push([from, a + m.index]);
        from = a + m.index + m[0].length;
      }
    }
    parts.push([from, b]);
  }
  let etc = false;
  const names: ActorName[] = [];
  parts.forEach(([a, b0]) => {
    let b = b0;
    const trimmed = list.slice(a, b);
    const tail = LIST_TAIL.exec(trimmed);
    if (tail?.[0] && tail.index > 0) {
      if (tail[1]) etc = true;
      // A chair is a post (`县政府主要负责人`): keep it whole unless an 等 precedes the post word.
      b = a + tail.index + (options.keepPosts && !tail[1] ? tail[0].length : 0);
    }
    let a2 = a;
    while (a2 < b && /\s/.test(list[a2])) a2++;
    while (b > a2 && /\s/.test(list[b - 1])) b--;
    if (b > a2) names.push({ text: list.slice(a2, b), start: base + a2, end: base + b });
  });
  return { names, etc };
}

/** Trims whitespace off a span of `text` (offsets relative to `text`, returned with `base`). */
export function trimSpan(text: string, a: number, b: number, base = 0): Span | null {
  while (a < b && /\s/.test(text[a])) a++;
  while (b > a && /\s/.test(text[b - 1])) b--;
  return b > a ? { text: text.slice(a, b), start: base + a, end: base + b } : null;
}

/** Verbs that open a duty (`加强…`, `报送…`): a sentence or clause starting with one is a directive. */
export const DUTY_VERBS = [
  '加强',
  '推进',
  '建立',
  '完善',
  '健全',
  '开展',
  '实施',
  '实行',
  '划定',
  '编制',
  '制定',
  '强化',
  '推动',
  '加快',
  '加大',
  '提高',
  '提升',
  '优化',
  '组织',
  '统筹',
  '坚持',
  '深化',
  '扶持',
  '打造',
  '建设',
  '创新',
  '规范',
  '明确',
  '细化',
  '落实',
  '执行',
  '履行',
  '负责',
  '督促',
  '监督',
  '指导',
  '协调',
  '召开',
  '报送',
  '上报',
  '报告',
  '报备',
  '汇总',
  '整理',
  '安排',
  '做好',
  '抓好',
  '完成',
  '设立',
  '成立',
  '组建',
  '设置',
  '配合',
  '参与',
  '牵头',
  '跟踪',
  '评估',
  '考核',
  '通报',
  '约谈',
  '问责',
  '移送',
  '查处',
  '惩处',
  '整改',
  '推广',
  '探索',
  '鼓励',
  '支持',
  '引导',
  '保障',
  '发挥',
  '采取',
  '征收',
  '修订',
  '修复',
  '治理',
  '筹措',
  '纳入',
  '选取',
  '构建',
  '依法',
  '确定',
  '核查',
  '排查',
  '审查',
  '开发',
  '培育',
  '普及',
  '宣传',
  '曝光',
  '营造',
  '联通',
  '配套',
  '减少',
  '控制',
  '扩大',
  '压实',
  '增加',
  '提出',
  '征求',
  '接受',
  '公开',
  '形成',
  '贯彻',
  '聚焦',
  '围绕',
  '依托',
  '推行',
  '划分',
  '筹集',
  '投入',
  '研究',
  '分析',
  '掌握',
  '反馈',
  '表扬',
  '奖励',
  '给予',
  '提请',
  '兑现',
  '印发',
  '出台',
  '申报',
  '推荐',
  '整合',
  '承担',
  '处理',
  '予以',
  '移交',
  '转变',
  '理顺',
  '弘扬',
  '总结',
  '加以',
  '融入',
  '细分',
  '运用',
  '督导',
  '利用',
  '严肃',
];
/** Adverbs that sit between a subject or modal and its verb (`要切实加强`, `及时安排`). */
export const ADVERBS = [
  '进一步',
  '大力',
  '积极',
  '切实',
  '全面',
  '认真',
  '持续',
  '着力',
  '深入',
  '科学',
  '依法',
  '严格',
  '及时',
  '定期',
  '主动',
  '充分',
  '不断',
  '逐步',
  '同步',
  '有序',
  '精准',
  '常态化',
  '分级',
  '相应',
  '共同',
  '协同',
  '统一',
  '按月',
  '按季度',
  '每季度',
  '每月',
  '每年',
  '要',
  '将',
  '应',
  '务必',
  '必须',
  '率先',
  '重点',
  '集中',
  '加快',
  '逐级',
  '专题',
  '带头',
  '高度',
  '密切',
  '全力',
  '坚决',
];
