/**
 * Tasks a plan keeps for its own level, as data: what a province (or a city) does itself and a
 * lower-level plan rightly leaves out — building the province-wide platform, the province's own
 * budget, revising the province's plan, choosing pilot counties, serving as a model for the whole
 * province. `{L}` stands for the parent's level character (省, 市, 县), `{B}` for the levels below
 * it. A parent requirement that matches one and has no counterpart in the child is listed as
 * excluded (not applicable), with the reason, instead of missing.
 */

/** One pattern of a parent-level task and the reason a report gives. */
export interface LevelTask {
  pattern: string;
  reason: string;
  /** Only for a child of these levels (3 county or district): the task needs a level below the child's that a county lacks. */
  childLevels?: readonly number[];
}

/** The patterns (regex sources with `{L}` and `{B}`). */
export const LEVEL_TASKS: readonly LevelTask[] = [
  { pattern: '(?:建立|建设|完善|搭建)[^,，。；;]{0,6}全{L}[^,，。；;]{0,16}(?:平台|系统|数据库|一张图)', reason: '建设{L}级统一平台，属{L}级事项' },
  { pattern: '(?:划定|确定|公布)全{L}', reason: '划定全{L}范围，属{L}级事项' },
  { pattern: '{L}级(?:财政|资金|预算)', reason: '{L}级财政投入，属{L}级事项' },
  { pattern: '(?:修订|修编|制定|编制)《[^》]*{L}[^》]*》', reason: '修订{L}级规划或文件，属{L}级事项' },
  { pattern: '选取\\s*\\d+\\s*个(?:{B})', reason: '在下级地区中选取试点，属{L}级事项' },
  { pattern: '为全{L}', reason: '为全{L}提供示范或经验，属{L}级事项' },
  { pattern: '{L}直', reason: '{L}直单位的事项' },
  { pattern: '^我{L}', reason: '关于{L}本级整体的表述' },
  { pattern: '制定[^,，。；;]{0,12}(?:规范标准|标准规范|技术标准|地方标准)', reason: '制定标准规范，一般由{L}级负责' },
];

/** Level characters and the levels below each. */
export const LEVELS_BELOW: Readonly<Record<string, string>> = { 省: '县|市|区', 市: '县|区|乡|镇', 县: '乡|镇', 区: '乡|镇|街道' };

/** The compiled patterns for a parent of level `level` (省, 市, 县, 区) and a child of level `childLevel` (1–4, null when unknown). */
export function levelTaskPatterns(level: string, childLevel: number | null = null): { re: RegExp; reason: string }[] {
  const below = LEVELS_BELOW[level];
  if (!below) return [];
  const fill = (s: string) => s.replace(/\{L\}/g, level).replace(/\{B\}/g, below);
  return LEVEL_TASKS.filter((t) => !t.childLevels || (childLevel !== null && t.childLevels.includes(childLevel))).map((t) => ({
    re: new RegExp(fill(t.pattern)),
    reason: fill(t.reason),
  }));
}

/**
 * What a lower plan writes when it takes up the parent's own tasks rather than adding one of its
 * own: `全面承接我县任务`, `完成我县承担的治理任务`, `按照全省部署`, `助力全省`. Never `added`.
 */
export const IMPLEMENTATION_GLUE: readonly string[] = [
  '承接[^,，。；;]{0,8}任务',
  '完成[^,，。；;]{0,10}承担的[^,，。；;]{0,8}任务',
  '按照(?:全省|全市|省|市)[^,，。；;]{0,10}部署',
  '助力全(?:省|市)',
  '为全(?:省|市)[^,，。；;]{0,16}(?:贡献|作出)',
  // A body named as cooperating (`市水利局配合做好相关工作`) states a role in a requirement, not a new one.
  '^[^,，。；;]{2,16}(?:配合|协助)(?:做好|抓好)?(?:相关|有关)?工作$',
];

/**
 * Aims rather than tasks: a clause that asks a body to play a role, show a quality or promote a
 * spirit (`充分发挥…示范引领作用`, `在乡村振兴中发挥水土保持优势`, `彰显自然景观`, `树立榜样、弘扬事迹`)
 * names no deliverable a lower plan could leave undone on its own. When a child does not restate
 * one it is listed as not restated, not as a missing requirement.
 */
export const AIM_PHRASE = /^(?:在[^,，。；;]{1,12}中)?(?:充分|更好|更好地|积极|大力|进一步)?(?:发挥|彰显|弘扬|树立|营造|调动|凝聚|展现|展示)/;
