/**
 * How staff ask about policy documents, as data: the cue words of each question class, the
 * record field a header question names, colloquial words and abbreviations with the written
 * forms documents use, and the chat words that carry no topic. Question analysis reads only
 * these tables; each entry names what it protects or why it is safe. Nothing here is about
 * particular documents: another province's plans are asked about the same way.
 */

/** What a header question asks: a field of the document record, or its 文号, title, date or a document it cites. */
export type RecordAsk =
  | 'issuer'
  | 'recipients'
  | 'copyTo'
  | 'signature'
  | 'signedDate'
  | 'imprint'
  | 'issuedDate'
  | 'publishedDate'
  | 'indexNumber'
  | 'source'
  | 'topic'
  | 'attachment'
  | 'basis'
  | 'publicity'
  | 'docNumber'
  | 'title'
  | 'date'
  | 'cited';

/**
 * Record fields and the words that ask for them. Order matters: the first field whose cue
 * matches wins (索引号 before 号, 印发日期 before 日期).
 */
export const RECORD_FIELD_CUES: readonly [RecordAsk, RegExp][] = [
  ['indexNumber', /索引号/],
  ['docNumber', /文号|发文字号|字号|[几哪]号文|发文号|什么号/],
  ['copyTo', /抄送|抄报/],
  ['recipients', /主送|发给(?:哪些|哪|谁)|下发给|印发给(?:哪些|谁)|送达(?:哪些|谁)/],
  // The attachment list, not what an attachment says (附件1分工表里…由谁牵头 asks the table).
  ['attachment', /附件(?:是|有|叫|都是|名称|名字)|(?:带|附)(?:了|有)?(?:什么|几个|啥|哪些|哪几个)?附件|(?:几个|哪些|什么|啥)附件|后面附了/],
  ['issuedDate', /印发(?:日期|时间|的日子)|(?:哪天|哪一天|什么时候|何时|几号|啥时候)(?:印发|印的|发的|出的)|印发于/],
  ['publishedDate', /发布(?:日期|时间)|(?:哪天|什么时候|何时|啥时候)(?:发布|挂网|公开)|网上.{0,4}(?:发布|公开)/],
  ['signedDate', /落款.{0,6}(?:日期|时间|哪天|几号|何时)|成文(?:日期|时间)|签发(?:日期|时间)|(?:哪天|什么时候|何时)(?:签发|成文)/],
  ['signature', /落款/],
  // 来源 alone is often a topic (资金来源): only the page's own source is a header field.
  ['source', /(?:页面|网页|网站|这篇|那篇|解读|文章).{0,6}来源|来源(?:网站|是哪个网站)|信息来源/],
  ['topic', /主题分类|主题词/],
  ['publicity', /(?:是否|能不能|可以)公开|公开发布吗|公开属性/],
  ['imprint', /(?:哪个|哪家|什么)(?:单位|部门|机关)印发|由谁印发/],
  ['issuer', /发文机关|发文单位|(?:哪个|什么|哪家)(?:单位|部门|机关)(?:发|下发|发布|出台)的|谁发的|以(?:谁|哪个单位)的名义|名义(?:发|印发)|发布机构/],
  [
    'basis',
    /出台依据|制定依据|(?:依据|根据|按照|落实|贯彻|照着)(?:了)?.{0,12}(?:哪|什么).{0,4}(?:文件|方案|意见|通知|规划|政策)|(?:依据|根据|按照)的.{0,12}(?:文件|通知|意见|方案|规划)(?:是)?(?:哪|什么)/,
  ],
  // A document the text cites anywhere (引用的…那个通知): its title, or its 文号 when that is asked.
  ['cited', /(?:引用|援引|提到|提及)(?:了|的)?.{0,16}(?:哪|什么|那个|那份).{0,4}(?:文件|通知|意见|方案|规划|办法)/],
  ['title', /(?:标题|全称|题目|全名)(?:是|叫)|(?:文件|方案|机制|解读)(?:的)?(?:名称|名字)(?:是|叫)/],
  ['date', /(?:哪天|什么时候|何时|哪一天|几号|哪年|啥时候)(?:发的|出台的?|下发的?|发布的|印发的|出的)|(?:发|出台|下发|发布)(?:于|在)?(?:哪天|什么时候|何时)/],
];

/** Words that ask for arithmetic on two stated figures: a difference, an increase, a sum, a gap in days. */
export const ARITHMETIC_CUES =
  /(?:相差|差距|差(?:几|多少)|高(?:出)?(?:几|多少)|低(?:了)?(?:几|多少)|多(?:出|了)?(?:几|多少)|少(?:了)?(?:几|多少)|提高(?:了)?(?:几|多少)|增加(?:了)?(?:几|多少)|减少(?:了)?(?:几|多少)|上升(?:了)?(?:几|多少)|下降(?:了)?(?:几|多少)|增长(?:了)?(?:几|多少)|几个百分点|合计|加起来|一共(?:多少|几)|总共(?:多少|几)|间隔|隔了几天|差(?:了)?几天)/;

/** Words that ask for the same fact of two or more documents or places. */
export const COMPARISON_CUES =
  /分别|各自|各(?:是|为|定了|叫|建|按|多少)|一样吗|一样不|相同吗|是不是一样|有(?:什么|何)(?:不同|区别)|区别|对比|比一比|相比|谁(?:高|低|多|少|大|小)|哪个(?:高|低|多|少|大)/;

/** Words that ask which items one list has and the other lacks. */
export const SET_DIFFERENCE_CUES =
  /(?:多了|少了|多列了|少列了|没有列|没列|缺了|漏了|增加了|去掉了|删了)(?:哪|什么|几)|(?:哪个|哪些|哪一|什么).{0,10}(?:没有列出|没列|没有|缺少|少了|多了)/;

/** Yes/no questions: the answer is the rule that decides them. */
export const YES_NO_CUES = /(?:能不能|可不可以|可以不|是不是|要不要|需不需要|算不算|有没有|会不会|行不行|能否|可否|是否)|(?:吗|么)[？?]?\s*$/;

/** What an extractive answer looks for, in the answering stage's own terms. */
export type AskedKind = 'who' | 'where' | 'when' | 'frequency' | 'amount' | 'list' | 'allowed' | 'definition';

/** Asks whom something is sent or reported to (报送给谁, 上报哪里, 往哪报, 征求哪个部门意见). */
export const RECIPIENT_CUES =
  /(?:报送|报告|上报|报备|汇报|报|送|抄送|移送|移交|提交|交|反馈|通报)(?:给|到|至|往)?(?:谁|哪里|哪儿|哪(?=去|[？?。]|$)|哪(?:个|些|几个)(?:单位|部门|机关)|什么(?:单位|部门|机关))|(?:向|往)(?:谁|哪|哪里)(?:报|汇报|报送|上报)|征求(?:谁|哪|哪个|什么).{0,6}意见/;

/**
 * The kind of fact a question asks for, tried in order: the first rule that matches decides.
 * Recipients are checked before these (they ask 谁 but want where something goes).
 */
export const QUESTION_KIND_CUES: readonly [AskedKind, RegExp][] = [
  // 什么情况下算“落实较好”, 怎样才算: the criterion that defines a grade or category.
  [
    'definition',
    /是指|指的是|具体指|指(?:哪|什么|啥)|什么是|含义|什么意思|如何界定|定义|范围是什么|包括哪些(?:区域|范围|山体)|(?:什么|哪些|啥)情况(?:下)?(?:才)?(?:算|属于|评为|认定为)|(?:怎样|怎么|如何)(?:才)?(?:算|评为|认定)/,
  ],
  // 哪些时间节点, 放在哪些区域: a list of them, not a time or a place.
  ['list', /哪些|哪几[个项条类种档道大]/],
  ['where', /设在|在哪|哪里|何处|办公地点|位于|放在哪/],
  ['frequency', /多久|多长时间(?:一次|搞一次|开一次|评估一次|报一次)|频次|频率|几次|每隔|周期|多少次|隔多长/],
  ['when', /什么时候|何时|啥时候|哪天|截止|期限|时限|几月|几号|日期|时间节点|哪一年|哪年|多久内|前完成|之前|什么时间|时间段/],
  // 禁止哪些行为 asks the rules that forbid, each with its clause.
  ['allowed', /(?:禁止|严禁|不得|不准|不允许|不能)\p{Script=Han}{0,2}(?:哪些|什么)/u],
  ['list', /哪些|都有什么|都有啥|都是啥|都是什么|哪几[个项条类种档道大]?|哪[“"]?[两二三四五六七八九十几]/],
  ['who', /谁|哪个部门|哪个单位|哪家|哪一个部门|牵头|主体责任|担任|组长|主任|主持|召集|由哪/],
  ['amount', /多少|目标值|率目标|分解目标|率.{0,8}目标|比例|几个|几座|几条|多大|百分之|率是|指标|要达到|定的多少|定了多少/],
  ['allowed', /是否(?:允许|可以|能|准许|禁止)|能否|可否|能不能|可不可以|允许|禁止|严禁|不得|可以.*吗|(?:怎么|如何|有什么|什么)规定/],
];

/**
 * Colloquial words staff type and the written forms documents use. Each is a general
 * equivalence of the genre (never a rewrite of one question): searching and matching use both.
 */
export const COLLOQUIAL: readonly [string, string][] = [
  ['庄稼', '农作物'],
  ['种地', '种植'],
  ['开荒', '开垦'],
  ['坡地', '坡面'],
  ['动工', '开工'],
  ['开建', '开工建设'],
  ['老百姓', '公民'],
  ['群众', '公民'],
  ['捐钱', '捐赠'],
  ['花钱', '资金'],
  ['钱', '资金'],
  ['干完', '完成'],
  ['吸取', '汲取'],
  ['干', '实施'],
  ['搞', '开展'],
  ['弄', '开展'],
  ['管', '负责'],
  ['抓', '负责'],
  ['考', '考核'],
  ['评', '评估'],
  ['林子', '林'],
  ['时间段', '期间'],
  ['啥', '什么'],
  ['咋', '怎么'],
  ['多久', '多长时间'],
  ['牵头的', '牵头'],
  ['开会', '召开会议'],
  ['召集', '召开'],
  ['交给', '报送'],
  ['报给', '报送'],
  ['交到', '报送'],
  ['上交', '报送'],
  ['省里', '全省'],
  ['县里', '全县'],
  ['市里', '全市'],
  ['区里', '全区'],
  ['拿去', '用于'],
  ['干嘛', '用于'],
  ['用来', '用于'],
];

/** Abbreviations and the full forms documents write (水保 is 水土保持 in every document of the field). */
export const ABBREVIATIONS: readonly [string, string][] = [
  ['水保', '水土保持'],
  ['中办', '中共中央办公厅'],
  ['国办', '国务院办公厅'],
  ['省政府办', '省人民政府办公厅'],
  ['政府办', '人民政府办公室'],
  ['发改', '发展改革'],
  ['林草', '林业和草原'],
  ['生态环境局', '生态环境分局'],
];

/** Question words and chat particles: removed from a question to leave its topic. */
export const QUESTION_WORDS =
  /(请问|一下|是什么|是多少|有哪些|哪些|什么时候|什么|多少|何时|哪个|哪里|谁|怎么|如何|怎样|吗|呢|么|是否|能否|可否|那么|那|的话|请|\?|？|!|！|。|,|，)/g;

/** Words that name the province's own plan in a question (全省, 省里, 省方案). */
export const PROVINCE_SCOPE =
  // 省… after a name is part of that name (陕西省政府文件: another province's document, not this province's plan).
  /全省|我省|(?<=^|[^\p{Script=Han}]|[由向报经和与及的请按对让给从在该各到至被将把是跟同比那这])省(?:里|方案|级方案|的方案|政府|水保|实施方案|级(?!财政))/u;

/**
 * Verbs that name the same act of a role in plans (who convenes, to whom something goes, who
 * examines): a question using one finds a sentence using another (由谁召集 → 由牵头部门召开).
 */
export const VERB_EQUIVALENTS: readonly (readonly string[])[] = [
  ['召集', '召开', '主持'],
  ['移交', '移送', '转交', '交'],
  ['报', '报送', '上报', '报告', '报备', '汇报', '提交', '交'],
  ['考核', '量化考核', '考评', '评估'],
  ['负责', '承担', '牵头', '抓'],
  ['征求', '听取'],
  ['抄送', '抄报'],
  ['反馈', '通报', '告知'],
  ['设在', '放在', '设于'],
  ['安排', '指定'],
  ['约谈', '问责'],
  ['借', '利用', '借助', '依托'],
  ['防', '避免', '防止', '杜绝', '严禁'],
  ['放在', '以', '针对', '围绕', '聚焦'],
  ['有', '包含', '包括', '含'],
  ['干', '实施', '开展', '从事'],
];

/**
 * Heads of a list question that say nothing about the list's kind (哪些内容, 哪些要素): any list
 * the rest of the question points at answers them.
 */
export const GENERIC_LIST_HEADS: readonly string[] = ['内容', '要素', '方面', '事', '事情', '东西', '情形', '情况', '项目', '举措', '做法', '工作', '问题'];

/** Colloquial list heads and the names documents give such lists (日子 → …等时间节点, 区域 → …区). */
export const LIST_HEAD_EQUIVALENTS: readonly (readonly [string, readonly string[]])[] = [
  ['日子', ['时间节点', '节日', '纪念日', '日']],
  ['区域', ['区', '地区', '重点']],
  ['地方', ['区', '地区', '区域']],
  ['类型', ['型', '类']],
  ['种类', ['型', '类']],
  ['档次', ['档', '等级']],
  ['等级', ['档', '档次']],
  ['行为', ['活动']],
];

/**
 * Period words that name the same period (每月 in a question, 本月 or 按月 in the plan): a
 * question's period is covered by any of them.
 */
export const PERIOD_EQUIVALENTS: readonly (readonly string[])[] = [
  ['每月', '本月', '按月', '月度', '每个月'],
  ['每季度', '本季度', '按季度', '季度', '每个季度'],
  ['每年', '本年度', '按年', '年度', '每一年'],
  ['每周', '本周', '按周'],
];

/**
 * The forms a question's word may take in a plan: itself, the verbs of its group in
 * {@link VERB_EQUIVALENTS} and the period words of its group. A one-character verb (报, 交) counts
 * only where an organisation follows it (报县自然资源局), else it is part of another word.
 */
export function equivalentForms(term: string): { word: string; beforeOrganisation: boolean }[] {
  const out = new Map<string, boolean>([[term, false]]);
  for (const group of [...VERB_EQUIVALENTS, ...PERIOD_EQUIVALENTS])
    if (group.includes(term)) for (const w of group) if (!out.has(w)) out.set(w, w.length === 1);
  return [...out].map(([word, beforeOrganisation]) => ({ word, beforeOrganisation }));
}
