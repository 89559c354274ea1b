/**
 * The modality lexicon: cue words of how strongly a sentence of a plan binds, on a 0–5 scale
 * (5 prohibition, 4 mandatory, 3 obligatory, 2 aspirational or hedged, 1 permissive), as data.
 * A single character such as 应 or 要 is a cue only outside the words that merely contain it:
 * each entry lists those words (`notIn`), so the exclusions read as the words they protect.
 */

/** Levels of the scale. */
export type CueLevel = 1 | 2 | 3 | 4 | 5;

/** One group of cue words of the same level and polarity. */
export interface CueEntry {
  /** The cue words. Where two overlap in a text, the longer wins. */
  cues: readonly string[];
  level: CueLevel;
  /** A prohibition or prevention (不得, 防止): the duty is to NOT do something. */
  negative?: boolean;
  /** Softened force (避免, 适时): a reviewer reads it as weaker than its level's plain cues. */
  softened?: boolean;
  /** Words that contain a cue but are not one (`应用` is not `应`, `负责人` is not `负责`). */
  notIn?: readonly string[];
  /** When set, the cue counts only inside one of these words (`也可`, `可视`). */
  onlyIn?: readonly string[];
  /** A cue that ends its clause is a noun (`抓好落实。`, `给予支持。`), not a verb of duty. */
  notAtClauseEnd?: boolean;
  /** `贯彻落实…精神/思想`: carrying out an ideology states allegiance, not a duty. */
  notBeforeIdeology?: boolean;
}

/** The lexicon, strongest first. */
export const MODALITY_CUES: readonly CueEntry[] = [
  // 5: prohibitions.
  { cues: ['严格禁止', '坚决杜绝', '不允许', '严禁', '禁止', '不得', '不许', '杜绝', '一律不'], level: 5, negative: true },
  { cues: ['不准'], level: 5, negative: true, notIn: ['不准确'] },
  { cues: ['不应当', '不应'], level: 5, negative: true, notIn: ['不应用', '不应急', '不应对'] },
  // 4: mandatory.
  { cues: ['坚决防止', '严防'], level: 4, negative: true },
  { cues: ['必须', '务必', '确保', '严格', '坚决', '一律'], level: 4 },
  { cues: ['须'], level: 4, notIn: ['必须', '无须', '毋须', '须知'] },
  // 3: obligatory.
  { cues: ['避免', '防止'], level: 3, negative: true, softened: true },
  { cues: ['应当', '应该', '负总责'], level: 3 },
  {
    cues: ['应'],
    level: 3,
    notIn: [
      '应用',
      '应急',
      '应对',
      '应邀',
      '应聘',
      '应付',
      '应收',
      '应届',
      '应答',
      '应声',
      '应运',
      '相应',
      '响应',
      '适应',
      '对应',
      '供应',
      '反应',
      '效应',
      '呼应',
      '感应',
      '照应',
      '回应',
      '顺应',
      '报应',
      '内应',
      '策应',
    ],
  },
  {
    cues: ['要'],
    level: 3,
    notIn: [
      '要求',
      '要点',
      '要素',
      '要件',
      '要害',
      '要务',
      '要闻',
      '要地',
      '要道',
      '要塞',
      '要领',
      '要旨',
      '要么',
      '要是',
      '重要',
      '主要',
      '需要',
      '必要',
      '纲要',
      '首要',
      '只要',
      '摘要',
      '扼要',
      '紧要',
      '简要',
      '概要',
      '险要',
      '显要',
      '次要',
      '提要',
      '机要',
      '政要',
    ],
  },
  {
    cues: ['需'],
    level: 3,
    notIn: ['需求', '必需', '所需', '急需', '根据需要', '工作需要', '发展需要', '实际需要', '的需要', '按需要', '按照需要'],
  },
  { cues: ['负责'], level: 3, notIn: ['负责人', '负责同志'] },
  {
    cues: ['落实'],
    level: 3,
    // 抓落实 / 落实不力 / 落实情况 are nouns of the work, not a duty to carry something out.
    notIn: ['抓落实', '基本落实', '工作落实', '落实不', '落实较', '落实情况', '落实结果', '落实过程', '落实中', '落实的', '落实好:', '落实好：'],
    notAtClauseEnd: true,
    notBeforeIdeology: true,
  },
  // 2: aspirational and hedged.
  { cues: ['力争', '原则上', '争取', '尽量', '尽可能', '争创', '争建', '探索', '逐步'], level: 2 },
  { cues: ['适时', '视情况', '视情节'], level: 2, softened: true },
  // 1: permissive.
  { cues: ['鼓励', '提倡', '倡导', '可以', '允许'], level: 1 },
  { cues: ['可'], level: 1, onlyIn: ['可随时', '可视', '也可', '亦可', '均可', '即可', '方可'] },
  {
    cues: ['支持'],
    level: 1,
    // Support as a noun (技术支持, 支持力度) is a resource, not a permission.
    notIn: ['技术支持', '资金支持', '政策支持', '奖励支持', '给予支持', '提供支持', '加大支持', '的支持', '支持措施', '支持力度', '支持政策'],
    notAtClauseEnd: true,
  },
];

// ---------------------------------------------------------------- the force scale of alignment

/**
 * The force scale alignment uses to say a child plan WEAKENED a parent's requirement. Ranks,
 * strongest first: 6 prohibition (严禁/禁止), 5 must-not (不得), 4 must (必须/确保), 3 shall
 * (应当/要, and a bare directive verb — a plan's body is imperative), 2 aim or hedge (力争/原则上/
 * 逐步/适时), 1 may (鼓励/可以/支持). A drop in rank is a weakening; a change of verb at the same
 * rank is not. 严格/大力/全面 are not on it: they are intensifiers ({@link INTENSIFIERS}), whose
 * loss is at most a low-severity finding.
 */
export const FORCE_RANKS: readonly { rank: 1 | 2 | 3 | 4 | 5 | 6; name: string; cues: readonly string[] }[] = [
  { rank: 6, name: '禁止', cues: ['严格禁止', '坚决杜绝', '严禁', '禁止', '杜绝', '一律不', '不允许', '不准'] },
  { rank: 5, name: '不得', cues: ['不得', '不许', '不应当', '不应'] },
  { rank: 4, name: '必须', cues: ['必须', '务必', '确保', '须', '坚决防止', '严防', '坚决', '一律'] },
  { rank: 3, name: '应当', cues: ['应当', '应该', '应', '要', '需', '负责', '负总责', '落实', '避免', '防止'] },
  { rank: 2, name: '力争', cues: ['力争', '原则上', '争取', '尽量', '尽可能', '逐步', '适时', '视情况', '视情节', '探索', '争创', '争建'] },
  { rank: 1, name: '鼓励', cues: ['鼓励', '提倡', '倡导', '可以', '允许', '支持', '可'] },
];

/**
 * Cues of rank 2 that are hedges only before another verb (`探索建立…机制`, `争取开展…`); before
 * a noun they are the task itself (`探索…新路径`, `争取国家资金`), at the rank of a directive.
 */
export const HEDGE_ONLY_BEFORE_VERB: readonly string[] = ['探索', '争取', '争创', '争建'];

/**
 * Hedges that lower any cue they qualify to rank 2 (`原则上不得` is weaker than `不得`; `有条件的
 * 地方…` asks only some), and the permissive `可` before a verb or an adverbial (`可结合实际编制`)
 * at rank 1. `可` inside words (可持续, 可借鉴, 许可) is no cue.
 */
export const HEDGES: readonly string[] = ['原则上', '有条件的', '条件成熟的', '视情况', '尽量', '尽可能', '适时', '逐步', '一般情况下'];

/** Words after which `可` is permissive (`可结合实际`, `可视情况`, `可由…`): the verbs and adverbials a permission opens. */
export const MAY_BEFORE: readonly string[] = [
  '结合',
  '根据',
  '视',
  '按',
  '参照',
  '自行',
  '适当',
  '采取',
  '通过',
  '由',
  '在',
  '依法',
  '编制',
  '制定',
  '开展',
  '设立',
  '建立',
  '组织',
  '实行',
  '实施',
  '探索',
];

/** Quantifiers that make a duty cover everything (`全部纳入`, `所有项目`, `一律`): dropping one narrows it. */
export const QUANTIFIERS: readonly string[] = ['全部', '所有', '一律', '凡是'];

/**
 * Quality modifiers of what a duty produces (`高效旱作农业`, `高标准农田`, `高质量精品小流域`): dropping
 * one lowers the standard of the result, a low-severity weakening.
 */
export const QUALITY_MODIFIERS: readonly string[] = ['高效', '高标准', '高质量', '精品'];

/**
 * Intensifiers: the quality modifiers, and adverbs of effort that make a duty sound stronger
 * without changing its rank (大力, 全面, 切实). An effort adverb dropped from a requirement kept
 * otherwise word for word is style, not substance; dropped from one the child rewrote, with no
 * other manner adverb in its place, it is a low-severity weakening.
 */
export const INTENSIFIERS: readonly string[] = [...QUALITY_MODIFIERS, '大力', '全面', '切实', '着力', '加快', '全力', '从严', '严格', '率先', '坚决', '强力'];

/** Manner adverbs a reworded requirement puts where an intensifier was (`着力推进` → `统筹推进`): the intensity stays. */
export const MANNER_ADVERBS: readonly string[] = [
  ...INTENSIFIERS,
  '积极',
  '深入',
  '纵深',
  '统筹',
  '持续',
  '扎实',
  '不断',
  '有序',
  '稳步',
  '大规模',
  '重点',
  '着重',
  '努力',
  '进一步',
  '全域',
  '系统',
  '科学',
  '依法',
  '精准',
  '一体',
  '协同',
  '加速',
  '尽快',
  '抓紧',
  '优先',
  '常态化',
  '规范化',
];
