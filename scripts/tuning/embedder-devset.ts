/**
 * The small dev set behind the builtin embedder's choice (scripts/tuning/measure-embedders.ts):
 * the five corpus files split into paragraph-ish passages, and realistic staff questions,
 * each with the passages that answer it (those, in the listed documents, that contain one of
 * the `needles`). Kept apart from the product's gold set on purpose: it is a tuning set.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** One passage of the dev corpus. */
export interface DevPassage {
  id: string;
  docId: string;
  text: string;
}

/** One dev question and what answers it. */
export interface DevQuestion {
  question: string;
  /** Document id prefixes (e.g. `000`) where the answer may be. */
  docs: string[];
  /** Any passage of those documents containing one of these (whitespace-insensitive) answers. */
  needles: string[];
}

const MAX_PASSAGE_CHARS = 160;

/** Splits a document on blank lines, then long paragraphs into runs of whole 。-sentences. */
export function splitPassages(docId: string, text: string): DevPassage[] {
  const out: DevPassage[] = [];
  for (const para of text.split(/\n\s*\n/)) {
    const clean = para.replace(/\s+/g, ' ').trim();
    if (!clean) continue;
    const sentences = clean.match(/[^。]+。?/g) ?? [clean];
    let current = '';
    for (const s of sentences) {
      if (current && current.length + s.length > MAX_PASSAGE_CHARS) {
        out.push({ id: `${docId}#${out.length}`, docId, text: current });
        current = '';
      }
      current += s;
    }
    if (current) out.push({ id: `${docId}#${out.length}`, docId, text: current });
  }
  return out;
}

/** Reads every `.txt` in `corpusDir` and splits it into passages. */
export function loadDevPassages(corpusDir: string): DevPassage[] {
  return readdirSync(corpusDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) => splitPassages(f, readFileSync(join(corpusDir, f), 'utf8')));
}

/** Ids of the passages that answer `q`. */
export function relevantPassages(q: DevQuestion, passages: DevPassage[]): Set<string> {
  const squash = (s: string) => s.replace(/\s+/g, '');
  return new Set(
    passages.filter((p) => q.docs.some((d) => p.docId.startsWith(d)) && q.needles.some((n) => squash(p.text).includes(squash(n)))).map((p) => p.id),
  );
}

/** The dev questions (phrased the way staff ask, not copied from the text). */
export const DEV_QUESTIONS: DevQuestion[] = [
  // 000 翼城县 工作推进机制
  { question: '谁牵头召开协调会议？', docs: ['000'], needles: ['每季度定期召开协调会议', '实行部门会商协调制度，牵头部门'] },
  { question: '翼城县领导小组办公室设在哪个部门？', docs: ['000'], needles: ['领导小组下设办公室，设在自然资源局'] },
  { question: '翼城县生态保护修复领导小组的组长由谁担任', docs: ['000'], needles: ['由分管副县长担任组长'] },
  { question: '各部门项目进展情况什么时候向领导小组办公室报备？', docs: ['000'], needles: ['时间为每季度末下月2日前'] },
  { question: '抓落实工作评估结果分几个等级', docs: ['000'], needles: ['评估结果分为：好、较好、基本落实、落实不力、较差五个等级'] },
  { question: '一年内被约谈两次以上的单位年度考核有什么影响？', docs: ['000'], needles: ['一年内受到两次以上约谈'] },
  { question: '一体化生态修复项目申报由哪个部门牵头', docs: ['000'], needles: ['项目申报领导小组由财政局牵头'] },
  { question: '月报告月调度由谁负责', docs: ['000'], needles: ['月报告、月调度由县自然资源局实行专人负责'] },
  { question: '翼城县如何吸引社会资本参与矿山生态修复？', docs: ['000'], needles: ['翼城县关于鼓励和支持社会资本参与矿山生态保护修复实施办法'] },
  // 001 长子县 政策解读
  { question: '长子县工作机制是依据哪些文件出台的？', docs: ['001'], needles: ['三、出台依据', '结合我实际建立本机制'] },
  { question: '各乡镇每月几号前报送本月工作开展情况？', docs: ['001'], needles: ['每月25日前将本月工作开展情况'] },
  { question: '长子县发现系统性风险隐患问题后向谁报告', docs: ['001'], needles: ['立即上报领导组办公室'] },
  { question: '长子县这份政策解读是哪个机关发布的', docs: ['001'], needles: ['发文机关长子县自然资源局', '长子县自然资源局 2023年12月29'] },
  // 002 宁武县 水土保持实施方案
  { question: '宁武县生态清洁小流域试点选在哪个乡？', docs: ['002'], needles: ['选取薛家洼乡开展整县推进生态清洁小流域试点'] },
  { question: '宁武县小流域规划治理面积和每年治理面积是多少', docs: ['002'], needles: ['规划治理面积133.29km2'] },
  { question: '宁武县2025年水土保持率要达到多少？', docs: ['002'], needles: ['全水土保持率达到56.04%'] },
  { question: '宁武县十四五期间要建几座高标准淤地坝', docs: ['002'], needles: ['高标准淤地坝5座以上'] },
  { question: '没有编制水土保持方案的项目能开工吗？', docs: ['002', '004'], needles: ['未编制水土保持方案或者水土保持方案未经批准的生产建设项目不得开工建设'] },
  { question: '水土保持信用监管的黑名单制度', docs: ['002', '004'], needles: ['黑名单'] },
  { question: '淤地坝运行维护费用怎么分摊', docs: ['002', '004'], needles: ['淤地坝运行维护费用政府和受益主体分摊机制'] },
  // 003 印台区 青山保卫战
  { question: '印台区宣传引导由哪些部门负责', docs: ['003'], needles: ['强化宣传引导', '按职责分工负责'] },
  { question: '印台区到2020年森林覆盖率目标是多少？', docs: ['003'], needles: ['森林覆盖率达到47%'] },
  { question: '责任主体灭失的历史遗留矿山由谁负责治理恢复？', docs: ['003'], needles: ['责任主体灭失的历史遗留矿山地质环境治理恢复责任主体为相关镇政府'] },
  { question: '镇里的青山保卫战实施方案什么时候报区政府', docs: ['003'], needles: ['实施方案于11月15日前报区政府'] },
  { question: '青山保卫战中的青山指的是哪些地方？', docs: ['003'], needles: ['是指印台区金锁关镇、阿庄镇境内'] },
  { question: '印台区林地保有量不低于多少万亩', docs: ['003'], needles: ['全区林地保有量不低于52.3万亩'] },
  { question: '破坏青山生态环境的违法行为怎么处理？', docs: ['003'], needles: ['坚决制止和惩处破坏青山生态环境的行为'] },
  // 004 山西省 水土保持实施方案
  { question: '山西省2035年水土保持率目标', docs: ['004'], needles: ['全省水土保持率达到 72.43%', '全 省 66.18 72.43'] },
  { question: '长治市2035年水土保持率目标值是多少？', docs: ['004'], needles: ['长治市 67.9 83.68'] },
  { question: '全省要扶持多少个水保生态经济专业户', docs: ['004'], needles: ['扶持 1000 个水保生态经济专业户', '扶持1000个水保生态经济专业户'] },
  { question: '多少度以上的坡地禁止开垦种庄稼？', docs: ['004'], needles: ['严禁在 25 度以上的坡面开垦种植农作物'] },
  { question: '全国水土保持高质量发展先行区在哪个县？', docs: ['004'], needles: ['右玉县全国水土保持高质量发展先行区'] },
  { question: '山西省十四五期间要建设多少座淤地坝', docs: ['004'], needles: ['高标准淤地坝400座以上'] },
];
