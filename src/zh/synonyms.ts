/**
 * Interchangeable words of Chinese policy plans, as data: the verbs and nouns a lower-level plan
 * uses when it restates a requirement of the plan above it in its own words (布置 → 部署,
 * 提升 → 增强, 能力 → 功能, 打造 → 建成). Alignment compares texts in a canonical form where
 * each group is written as its first word, so a reworded requirement still matches its parent.
 *
 * Every group says why it is safe: the words differ in register or habit, not in what the duty
 * asks. Words whose difference IS the duty (禁止/控制, 全部/逐步, 必须/鼓励, 建立/研究) are never
 * grouped: their force is compared on the scale in `modality-cues.ts`.
 */

/** A group of words treated as one in comparison; the first word is the canonical form. */
export interface SynonymGroup {
  words: readonly string[];
  /** Why the words are interchangeable in a plan. */
  why: string;
}

/** Verb groups: what the duty does. */
export const VERB_SYNONYMS: readonly SynonymGroup[] = [
  { words: ['部署', '布置', '安排部署'], why: '研究部署/研究布置: assigning work after a meeting, the same act' },
  {
    words: ['提升', '提高', '增强', '强化', '加强'],
    why: 'raising a capacity or a level (提升能力/增强功能/强化意识/加强监管): plans use them interchangeably; how much is a target, compared as a number',
  },
  {
    words: ['建设', '建成', '打造', '创建', '建好', '筑牢'],
    why: 'building a project, a demonstration unit or a barrier: 建设/建成/打造 示范区, 筑牢/建设 生态屏障',
  },
  { words: ['修订', '修编', '修改完善'], why: 'revising a plan or a rule in force' },
  {
    words: ['健全', '完善', '建立健全', '建立完善', '建立', '构建', '健全完善'],
    why: 'setting up or improving a mechanism, system or list (健全机制/完善制度/建立体系): the duty is that the mechanism exists and works',
  },
  {
    words: ['推进', '推动', '促进', '实施', '开展', '实行', '推行', '执行', '落实', '压实', '抓好', '做好', '组织开展', '抓实'],
    why: 'carrying out a task (实施工程/推进建设/执行制度/压实责任): the generic action verbs of the genre; the force is in the modal words, not in these',
  },
  { words: ['纳入', '列入', '划入', '纳进'], why: 'putting something on a list, into a plan or a red line' },
  { words: ['提倡', '倡导'], why: 'both are recommendations (permissive force)' },
  { words: ['贯彻', '坚持', '秉持', '践行'], why: 'holding to a principle or idea (贯彻理念/坚持原则)' },
  { words: ['统筹', '统一', '一体'], why: 'planning several things together (统筹规划/统一规划/一体谋划)' },
  { words: ['引领', '带动', '引导'], why: 'a model leading others (示范引领/示范带动)' },
  { words: ['改善', '好转', '改观'], why: 'a situation getting better (状况得到改善/持续好转)' },
  { words: ['使用', '应用', '运用', '利用', '选用', '用好'], why: 'using a technique, equipment or material (推广应用/推广使用/用好遥感手段)' },
  { words: ['保护', '守护', '维护', '呵护'], why: 'protecting vegetation, land or a system (加强植被保护/守护植被)' },
  { words: ['协同', '协作', '协调配合', '协同配合', '协作配合'], why: 'departments working together' },
  { words: ['彰显', '凸显', '突出'], why: 'showing a feature (彰显自然景观)' },
  { words: ['监督检查', '督查', '监督'], why: 'overseeing implementation (监督检查/督查)' },
  { words: ['征求', '听取'], why: 'asking another body for its opinion (征求意见/听取意见)' },
  { words: ['制定', '编制', '制订'], why: 'drawing up a plan, a list or a rule (制定规划/编制规划)' },
  { words: ['明确', '确定'], why: 'fixing targets, tasks or a scope (明确任务/确定目标和任务)' },
  { words: ['宣传', '弘扬', '宣扬'], why: 'making deeds or experience known (宣传事迹/弘扬事迹)' },
  { words: ['选树', '树立'], why: 'setting up role models (选树典型/树立榜样)' },
  { words: ['惩处', '惩治', '严惩'], why: 'punishing violations' },
  { words: ['审批', '报批'], why: 'the approval step a plan goes through (规划审批前/报批前征求意见)' },
];

/** Noun groups: what the duty acts on. */
export const NOUN_SYNONYMS: readonly SynonymGroup[] = [
  { words: ['能力', '功能', '作用', '效能'], why: 'the capacity of a system or body (水源涵养能力/功能, 发挥作用/功能)' },
  { words: ['措施', '举措'], why: 'measures' },
  { words: ['方式', '模式'], why: 'a way of doing things (建设模式/实施方式)' },
  { words: ['资金', '经费'], why: 'money for the work (落实资金/经费)' },
  { words: ['典型', '榜样', '先进典型'], why: 'role models held up to others' },
];

/**
 * Contractions the genre writes for longer words: expanded before comparison so both spellings
 * share their characters (严控 = 严格控制, 增收 = 增加收入).
 */
export const CONTRACTIONS: readonly { short: string; long: string }[] = [
  { short: '严控', long: '严格控制' },
  { short: '严管', long: '严格管理' },
  { short: '严查', long: '严格查处' },
  { short: '从严', long: '严格' },
  { short: '增收', long: '增加收入' },
  { short: '只允许', long: '仅允许' },
  { short: '上述', long: '以上' },
  { short: '对策措施', long: '对策和措施' },
];

/**
 * Degree adverbs that qualify a result without changing what is asked (进一步提升 = 明显增强):
 * dropped from the comparison form. Intensifiers that DO strengthen a duty (大力, 全面) are
 * compared on their own in alignment, on the raw text.
 */
export const DEGREE_ADVERBS: readonly string[] = [
  '进一步',
  '明显',
  '显著',
  '不断',
  '持续',
  '有效',
  '切实',
  '深入',
  '纵深',
  '扎实',
  '积极',
  '大力',
  '全面',
  '着力',
  '加快',
];

/** Every variant → its canonical word, longest variants first (so `建立健全` is read before `建立`). */
function buildTable(): [string, string][] {
  const table = new Map<string, string>();
  for (const c of CONTRACTIONS) table.set(c.short, c.long);
  // Canonical words map to themselves, so a longer canonical word (`监督检查`) is read whole before a variant inside it (`监督`).
  for (const g of [...VERB_SYNONYMS, ...NOUN_SYNONYMS]) for (const w of g.words) table.set(w, g.words[0]);
  return [...table].sort((a, b) => b[0].length - a[0].length);
}

const TABLE = buildTable();
const PATTERN = new RegExp(TABLE.map(([w]) => w).join('|'), 'g');
const LOOKUP = new Map(TABLE);

const DEGREE = new RegExp([...DEGREE_ADVERBS].sort((a, b) => b.length - a.length).join('|'), 'g');

/**
 * A text with every synonym written as its group's canonical word and contractions expanded.
 * One left-to-right pass, longest match first; pure.
 */
export function canonicalizeSynonyms(text: string): string {
  return text.replace(PATTERN, (w) => LOOKUP.get(w) ?? w);
}

/** A text without its degree adverbs ({@link DEGREE_ADVERBS}). */
export function stripDegreeAdverbs(text: string): string {
  return text.replace(DEGREE, '');
}

/** The canonical word of `word` (itself when it belongs to no group). */
export function canonicalWord(word: string): string {
  return LOOKUP.get(word) ?? word;
}
