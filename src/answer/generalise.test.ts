/**
 * The answerer on plans it was never tuned on: a province's plan and a county's plan written for
 * this test (another province, other places, other wording). Each case is one mechanism
 * (definition, glossary grade, count by its noun, yes/no by a must, a recipient, comparisons).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../indexing/open-index.js';
import { buildMiniCorpus } from '../testing/mini-corpus.js';
import { answerQuestion, newSession } from './index.js';

const PROVINCE = `云岭省人民政府办公厅关于印发云岭省河湖保护行动方案的通知
云政办发〔2025〕12号
各州（市）人民政府，省直各有关单位：
《云岭省河湖保护行动方案》已经省人民政府同意，现印发给你们，请认真贯彻落实。
云岭省人民政府办公厅
2025年3月2日
云岭省河湖保护行动方案
一、工作目标
到2030年，全省新建10个美丽河湖示范区，扶持500个护河志愿服务队。
二、重点任务
（一）划定保护岸线。本方案所称保护岸线，是指河湖管理范围内具有重要生态功能、需要严格管控的滨水地带。
（二）严格项目审查。涉河建设项目在开工前，必须经过水行政主管部门审查同意。
（三）强化统筹协调。建立河湖保护厅际协调机制，强化相关部门间的协同配合。发展改革、财政、自然资源、生态环境、林业和草原等部门要按照职责分工做好相关工作。
三、考核评价
评价结果分为优秀、良好、较差三个等级。
评价优秀：按期完成全部任务，且群众满意度在90%以上的；
评价较差：未完成年度任务，经督办后仍未整改的。
按季度向省政府通报考核结果，向各州（市）政府主要负责人反馈考核结果。
对成绩突出的单位予以表扬，向组织人事部门通报考核结果。
对失职渎职涉嫌违法犯罪的，移送司法机关依法处理。
`;

const COUNTY = `青川县人民政府办公室关于印发青川县河湖保护行动方案的通知
青政办发〔2025〕30号
各乡（镇）人民政府，县直各有关单位：
现将《青川县河湖保护行动方案》印发给你们，请认真贯彻落实。
青川县人民政府办公室
2025年5月8日
青川县河湖保护行动方案
一、工作目标
到2030年，全县新建2个美丽河湖示范区，扶持30个护河志愿服务队。
二、重点任务
（一）严格项目审查。涉河建设项目在开工前，必须经过县水利局审查同意。
（二）强化统筹协调。建立河湖保护部门协调机制，强化相关部门间的协同配合。发展改革、财政、自然资源、生态环境等部门要按照职责分工做好相关工作。
（三）加强日常巡查。各乡（镇）每月开展一次河湖巡查，巡查情况于次月5日前报县水利局。
`;

let corpus: Corpus;
let cleanup: () => void;
beforeAll(async () => {
  ({ corpus, cleanup } = await buildMiniCorpus({ 'province-rivers.txt': PROVINCE, 'county-rivers.txt': COUNTY }));
}, 60_000);
afterAll(() => cleanup());

const ask = async (q: string) => (await answerQuestion(corpus, q, { mode: 'extractive' })).answer ?? '';

describe('answers on plans the answerer never saw', () => {
  it('reads a definition whatever head the question asks for (是指哪些岸线 ↔ …的滨水地带)', async () => {
    expect(await ask('云岭省方案里的“保护岸线”是指哪些岸线？')).toContain('具有重要生态功能');
  });

  it('reads a grade from its glossary line (什么情况下算“评价优秀”)', async () => {
    expect(await ask('云岭省什么情况下算“评价优秀”？')).toContain('群众满意度在90%以上');
  });

  it('gives the count of the noun asked about, not another count in the sentence', async () => {
    expect(await ask('到2030年云岭省要扶持多少个护河志愿服务队？')).toContain('500');
  });

  it('answers a yes/no about skipping a step with the must that decides it', async () => {
    const a = await ask('青川县涉河建设项目能不能不经审查直接开工？');
    expect(a).toMatch(/^不能/);
    expect(a).toContain('必须经过');
  });

  it('answers where a case is transferred (移送到哪)', async () => {
    expect(await ask('云岭省失职渎职涉嫌违法犯罪的，移送到哪？')).toContain('司法机关');
  });

  it('finds the recipient a verb puts before it (向X反馈), preferring the very verb asked', async () => {
    expect(await ask('云岭省考核结果要反馈给谁？')).toMatch(/^各州.{3}政府主要负责人/);
  });

  it('gathers every body the asked verb names across sentences (通报给哪些部门)', async () => {
    const a = await ask('云岭省考核结果要通报给哪些部门？');
    expect(a).toContain('省政府');
    expect(a).toContain('组织人事部门');
  });

  it('compares the same fact asked with its own words for each side', async () => {
    const a = await ask('美丽河湖示范区，云岭省要建多少个，青川县呢？');
    expect(a).toContain('10个');
    expect(a).toContain('2个');
  });

  it('asks a comparison again for a follow-up that names neither side (两边分别…)', async () => {
    const session = newSession();
    await answerQuestion(corpus, '美丽河湖示范区，云岭省和青川县分别要建多少个？', { mode: 'extractive', session });
    const a = (await answerQuestion(corpus, '那护河志愿服务队呢，两边分别扶持多少个？', { mode: 'extractive', session })).answer ?? '';
    expect(a).toContain('500个');
    expect(a).toContain('30个');
  });

  it('takes a quoted phrase of a follow-up as its own topic, in the same documents', async () => {
    const session = newSession();
    await answerQuestion(corpus, '青川县多久开展一次河湖巡查？', { mode: 'extractive', session });
    const a = (await answerQuestion(corpus, '那“部门协调机制”要强化什么？', { mode: 'extractive', session })).answer ?? '';
    expect(a).toContain('协同配合');
  });

  it('reads a set difference off the parallel list sentences', async () => {
    expect(await ask('青川县协同配合的部门跟云岭省比，少了哪个部门？')).toContain('林业和草原');
  });
});
