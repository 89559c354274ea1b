/**
 * Departments and government levels of Chinese plans, as data: the name variants of one
 * department (林业和草原局/林草局/林业局, 水利局/水务局/水行政主管部门, 发展改革委/发改局/发展和改革局),
 * so a plan that names the same body in its own style is not read as moving a responsibility;
 * and the administrative levels (省 > 市 > 县/区 > 乡镇/街道), so a plan that hands a duty to the
 * level below it (市县政府 → 乡镇) is told from one that names its own level (省水利厅 → 县水利局).
 */

/** One department: its canonical core name and the cores other plans write for it. */
export interface DepartmentVariants {
  core: string;
  /** Cores (the name without level prefix and 局/厅/委/部门) that mean the same department. */
  variants: readonly string[];
  why: string;
}

/** Department name variants. A core is what is left of a name without its level and its 局/厅/部门 suffix. */
export const DEPARTMENT_VARIANTS: readonly DepartmentVariants[] = [
  { core: '林业和草原', variants: ['林草', '林业', '林业草原'], why: 'the 2018 merger named it 林业和草原局; counties keep 林业局 or write 林草局' },
  {
    core: '发展改革',
    variants: ['发改', '发展和改革', '发展改革委', '发展和改革委'],
    why: '发展改革委 (province, city) and 发展和改革局 (county) are the same department',
  },
  {
    core: '水利',
    variants: ['水务', '水行政主管', '水行政', '同级水行政主管', '水利水保'],
    why: 'the water administration: 水利厅/局, a city district 水务局, the law calls it 水行政主管部门',
  },
  { core: '生态环境', variants: ['环保', '环境保护', '生态环境保护'], why: 'the old 环保局 became 生态环境局 in 2018' },
  { core: '自然资源', variants: ['国土', '国土资源', '规划和自然资源', '自然资源和规划'], why: 'the old 国土资源局 became 自然资源局; some cities add 规划' },
  { core: '农业农村', variants: ['农业', '农委'], why: 'the old 农业局/农委 became 农业农村局' },
  { core: '文化和旅游', variants: ['文旅', '文化旅游', '文化和旅游'], why: 'short forms of the same department' },
  { core: '住房和城乡建设', variants: ['住建', '住房城乡建设', '住房和城乡建设'], why: 'short forms of the same department' },
  { core: '交通运输', variants: ['交通'], why: 'short form' },
  { core: '工业和信息化', variants: ['工信', '工业和信息化'], why: 'short form' },
  { core: '卫生健康', variants: ['卫健', '卫生和健康'], why: 'short form' },
  { core: '应急管理', variants: ['应急'], why: 'short form' },
  { core: '人力资源和社会保障', variants: ['人社', '人力资源社会保障'], why: 'short form' },
  { core: '市场监督管理', variants: ['市场监管'], why: 'short form' },
  {
    core: '纪检监察',
    variants: ['纪委监委', '纪委', '监委', '纪检监察机关'],
    why: 'the party discipline and state supervision commissions work as one body (纪委监委 / 纪检监察机关)',
  },
  { core: '行政审批', variants: ['行政审批服务管理', '行政审批服务'], why: 'the approvals bureau under its long and short names' },
];

/** Administrative levels, highest first, with the words that name each in a plan. */
export const ADMIN_LEVELS: readonly { level: 1 | 2 | 3 | 4; name: string; words: readonly string[] }[] = [
  { level: 1, name: '省', words: ['省', '自治区', '直辖市'] },
  { level: 2, name: '市', words: ['市', '州', '盟', '地区'] },
  { level: 3, name: '县', words: ['县', '区', '旗', '县级市'] },
  { level: 4, name: '乡', words: ['乡', '镇', '乡镇', '乡（镇）', '乡(镇)', '街道', '苏木'] },
];

/** Words that name every level below the plan's author at once: a lower plan may name any of its own levels for them. */
export const ALL_LEVELS_WORDS: readonly string[] = ['各级', '各地', '地方', '有关地方', '各有关地方'];

const DEPARTMENT_NAMES = [...new Map(DEPARTMENT_VARIANTS.flatMap((d) => [d.core, ...d.variants].map((v) => [v, d.core] as [string, string])))].sort(
  (a, b) => b[0].length - a[0].length,
);
/**
 * A name is rewritten only where it names a body: before a department suffix (`林草局`, `水务部门`),
 * or whole when it ends like one (`纪委监委`, `纪检监察机关`) — never inside another word
 * (`森林、草原` holds `林、草`; `旱作农业` holds `农业`).
 */
const DEPARTMENT_NAME = new RegExp(
  DEPARTMENT_NAMES.map(([v]) => (/(?:委|机关|局)$/.test(v) ? v : `${v}(?=主管部门|部门|局|厅|委|机关|办公室|系统)`)).join('|'),
  'g',
);
const DEPARTMENT_CANON = new Map(DEPARTMENT_NAMES);

/** A text with every department name variant written as its core (`县纪委监委` → `县纪检监察`, `林草局` → `林业和草原局`). */
export function canonicalizeDepartments(text: string): string {
  return text.replace(DEPARTMENT_NAME, (w) => DEPARTMENT_CANON.get(w) ?? w);
}

/** The core of a department name variant (`林草` → `林业和草原`), or the word itself. */
export function departmentCore(word: string): string {
  return DEPARTMENT_CANON.get(word) ?? word;
}

/** Whether a word is a department's core name or a variant of one (自然资源, 林草, 发改). */
export function isDepartmentCore(word: string): boolean {
  return DEPARTMENT_CANON.has(word) || DEPARTMENT_VARIANTS.some((d) => d.core === word);
}

/** Every spelling of a department core (`林业和草原` → 林草, 林业, …). */
export function departmentSpellings(core: string): string[] {
  const d = DEPARTMENT_VARIANTS.find((x) => x.core === core);
  return d ? [d.core, ...d.variants] : [core];
}

/**
 * A phrase that only states a body's role (`水行政主管部门要切实履行主管部门职责`, `…发挥好牵头作用`)
 * once the body is taken out: when the child gives the role to another body, it is part of that
 * change, not a requirement of its own that went missing.
 */
export const ROLE_PHRASE = /^(?:要|应|须)?(?:切实|认真|充分)?(?:履行|发挥|承担|负起)好?[\u4e00-\u9fa5]{0,10}(?:职责|作用|责任)$/;
