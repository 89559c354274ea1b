/**
 * The retrieval dev set behind the fusion, BM25 and diversification choices
 * (scripts/tuning/measure-fusion.ts; results in scripts/tuning/README.md): realistic staff questions about the
 * five corpus documents, each with the passage that answers it given as `needles`. A chunk is
 * relevant when it belongs to one of `docs` and contains a needle (whitespace and punctuation ignored), so the
 * set works with any chunking. A tuning set, kept apart from the product's gold set.
 */
import type { Chunk } from '../../src/ingest/types.js';
import type { DevQuestion } from './embedder-devset.js';

/** One dev question and what answers it: a chunk of one of `docs` containing any of `needles`. */
export type RetrievalDevQuestion = DevQuestion;

/** Whitespace, punctuation and symbols removed: the cleaner normalises brackets and colons. */
const squash = (s: string) => s.replace(/[\s\p{P}\p{S}]+/gu, '');

/** Indices of the chunks that answer `q`. */
export function relevantChunks(q: RetrievalDevQuestion, chunks: readonly Chunk[]): Set<number> {
  const needles = q.needles.map(squash);
  const out = new Set<number>();
  chunks.forEach((c, i) => {
    if (!q.docs.some((d) => c.docId.startsWith(d))) return;
    const t = squash(c.text);
    if (needles.some((n) => t.includes(n))) out.add(i);
  });
  return out;
}

export const RETRIEVAL_DEV_SET: RetrievalDevQuestion[] = [
  // 000 翼城县 抓落实工作推进机制
  { question: '协调会议 牵头部门', docs: ['000'], needles: ['每季度定期召开协调会议'] },
  { question: '翼城县两山六河一流域领导小组组长由谁担任', docs: ['000'], needles: ['由分管副县长担任组长'] },
  { question: '山水林田湖草沙一体化生态修复项目申报由哪个部门牵头', docs: ['000'], needles: ['项目申报领导小组由财政局牵头'] },
  { question: '项目进展情况多久向领导小组办公室报备一次', docs: ['000'], needles: ['每季度向领导小组办公室报备'] },
  { question: '抓落实评估结果分为哪几个等级', docs: ['000'], needles: ['评估结果分为：好、较好、基本落实、落实不力、较差五个等级'] },
  { question: '被约谈两次以上的单位年度考核能评优秀吗', docs: ['000'], needles: ['一年内受到两次以上约谈'] },
  { question: '翼城县发现系统性风险隐患问题应当向谁报告', docs: ['000'], needles: ['一旦发现及时报告县自然资源局'] },
  { question: '鼓励社会资本参与矿山生态修复的办法', docs: ['000'], needles: ['翼城县关于鼓励和支持社会资本参与矿山生态保护修复实施办法'] },
  // 001 长子县 政策解读
  { question: '长子县各乡镇每月什么时候报送工作开展情况', docs: ['001'], needles: ['每月25日前将本月工作开展情况'] },
  { question: '长子县工作机制的出台依据是哪些文件', docs: ['001'], needles: ['出台依据', '结合我实际建立本机制'] },
  { question: '长子县领导组办公室怎样管理完成情况', docs: ['001'], needles: ['领导组办公室对完成情况进行动态管理'] },
  { question: '长子县普遍存在的风险隐患问题发现后怎么办', docs: ['001'], needles: ['立即上报领导组办公室'] },
  // 002 宁武县 水土保持实施方案
  { question: '宁武县淤地坝安全运用的主体责任', docs: ['002'], needles: ['落实县乡两级政府淤地坝安全运用管理主体责任'] },
  { question: '宁武县生态清洁小流域试点在哪个乡', docs: ['002'], needles: ['选取薛家洼乡开展整县推进生态清洁小流域试点'] },
  { question: '宁武县2025年水土保持率目标', docs: ['002'], needles: ['全水土保持率达到56.04%'] },
  { question: '宁武县十四五期间建设多少座高标准淤地坝', docs: ['002'], needles: ['高标准淤地坝5座以上'] },
  { question: '宁武县小流域综合治理由哪个部门牵头协调', docs: ['002'], needles: ['水利部门牵头协调'] },
  { question: '宁武县在河流湖泊水库管理范围内禁止什么行为', docs: ['002'], needles: ['禁止私采滥挖及过度开采'] },
  // 003 印台区 青山保卫战
  { question: '印台区青山保卫战的宣传引导由哪些部门负责', docs: ['003'], needles: ['强化宣传引导', '按职责分工负责'] },
  { question: '印台区2020年森林覆盖率要达到多少', docs: ['003'], needles: ['森林覆盖率达到47%'] },
  { question: '责任主体灭失的历史遗留矿山由谁治理恢复', docs: ['003'], needles: ['责任主体灭失的历史遗留矿山地质环境治理恢复责任主体为相关镇政府'] },
  { question: '各镇青山保卫战实施方案什么时候报区政府', docs: ['003'], needles: ['实施方案于11月15日前报区政府'] },
  { question: '印台区林地保有量目标是多少万亩', docs: ['003'], needles: ['全区林地保有量不低于52.3万亩'] },
  { question: '青山保卫战纳入什么考核体系', docs: ['003'], needles: ['将青山保卫战纳入全区污染防治攻坚战目标责任考核体系'] },
  // 004 山西省 水土保持实施方案
  { question: '山西省2035年水土保持率目标是多少', docs: ['004'], needles: ['全省水土保持率达到 72.43%', '全 省 66.18 72.43'] },
  { question: '山西省要建设多少个绿色矿业发展示范区', docs: ['004'], needles: ['建设 10 个以上绿色矿业发展示范区', '建设10个以上绿色矿业发展示范区'] },
  { question: '25度以上的坡地能开垦种植农作物吗', docs: ['004'], needles: ['严禁在 25 度以上的坡面开垦种植农作物'] },
  { question: '右玉县在水土保持方面有什么定位', docs: ['004'], needles: ['右玉县全国水土保持高质量发展先行区'] },
  { question: '长治市2035年水土保持率目标值', docs: ['004'], needles: ['长治市 67.9 83.68'] },
  { question: '省里建立什么机制统筹协调水土保持工作', docs: ['004'], needles: ['建立水土保持厅际协调机制'] },
  { question: '全省十四五期间建设多少座高标准淤地坝', docs: ['004'], needles: ['高标准淤地坝400座以上'] },
  // Clauses 宁武县 copied from 山西省: either document answers.
  {
    question: '没有编制水土保持方案的生产建设项目可以开工吗',
    docs: ['002', '004'],
    needles: ['未编制水土保持方案或者水土保持方案未经批准的生产建设项目不得开工建设'],
  },
  { question: '水土保持信用监管的黑名单制度', docs: ['002', '004'], needles: ['黑名单'] },
];
