/**
 * Organisation names in Chinese policy text, as data: the suffixes that end the name of a body or
 * post (县自然资源局, 各乡(镇)人民政府, 领导小组办公室), the words that end in such a character but
 * name nothing (城镇, 场所, 督办), and the issuing bodies whose name stands alone on a letterhead or
 * signature line. Frames (who leads), metadata (issuer, signature) and cleaning (a signature line
 * is never joined to the sentence above it) read organisation names through here.
 */

/** Suffixes that end an organisation or post name (longest first, so the regex prefers them). */
export const ORG_SUFFIXES = [
  '领导小组办公室',
  '领导组办公室',
  '人民政府',
  '领导小组',
  '主管部门',
  '职能部门',
  '办事处',
  '委员会',
  '领导组',
  '办公室',
  '管理局',
  '分局',
  '政府',
  '党委',
  '部门',
  '单位',
  '机关',
  '中心',
  '街道',
  '企业',
  '公司',
  '法院',
  '检察院',
  '局',
  '厅',
  '委',
  '办',
  '镇',
  '乡',
  '站',
  '所',
  '队',
];
const SUFFIX_ALT = ORG_SUFFIXES.join('|');
/** Characters a name is built from: Han, and the `(镇)` of `各乡(镇)人民政府`. */
const NAME_CHAR = '(?:[\\u4e00-\\u9fa5]|[(（]镇[)）])';
/** Words that end in a suffix character but name no organisation (`城镇`, `场所`, `督办`). */
const NOT_ORG_END = '(?<!城镇|城乡|村镇|集镇|场所|厕所|住所|处所|网站|督办|交办|承办|主办|举办|创办|查办|催办|申办|军队)';
/** One organisation name: up to 24 name characters, then a suffix. Lazy, so the shortest name wins. */
export const ORG_NAME = `${NAME_CHAR}{0,24}?(?:${SUFFIX_ALT})${NOT_ORG_END}`;
/** The longest organisation name at a position (`相关镇政府`, not `相关镇`): for lookups after 设在/报送/责任主体为. */
export const ORG_NAME_LONGEST = `${NAME_CHAR}{0,24}(?:${SUFFIX_ALT})${NOT_ORG_END}`;
const ENDS_WITH_ORG = new RegExp(`(?:${SUFFIX_ALT})${NOT_ORG_END}$`);

/** True when a phrase ends like an organisation or post (`县自然资源局`, `相关部门`, `各乡(镇)人民政府`). */
export function looksLikeOrg(s: string): boolean {
  return ENDS_WITH_ORG.test(s) && !/^(工作|主体|责任|任务|有关|其他)$/.test(s);
}

/** Bodies that issue documents: what a letterhead, signature or imprint line names. */
export const ISSUER_SUFFIXES = [
  '人民政府办公室',
  '人民政府办公厅',
  '人民政府',
  '政府',
  '办公室',
  '办公厅',
  '委员会',
  '领导小组',
  '指挥部',
  '办事处',
  '中心',
  '局',
  '厅',
  '委',
  '院',
  '部',
  '办',
];

/** An issuing body's name alone on a line (a letterhead may add 文件): group 1 is the name. */
export const ISSUER_LINE = new RegExp(`^(\\p{Script=Han}{2,30}?(?:${ISSUER_SUFFIXES.join('|')}))(?:文件)?$`, 'u');

/** True when a text ends with an issuing body's suffix (`…人民政府办公室`, `…自然资源局`). */
export function endsWithIssuer(s: string): boolean {
  return new RegExp(`(?:${ISSUER_SUFFIXES.join('|')})$`).test(s);
}
