/** Alignment on the real pair (002 宁武县 against 004 山西省) and on synthetic children of 004. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../ingest/types.js';
import { generateSyntheticChild } from '../../evals/align/synthetic.js';
import { matchesExpectation } from '../../evals/align/score.js';
import { alignDocuments } from './align.js';
import { corpusDoc, docFromText } from '../../testing/alignment-corpus.js';
import type { AlignmentReport, Finding } from './types.js';

let child: ParsedDocument;
let parent: ParsedDocument;
let report: AlignmentReport;

beforeAll(async () => {
  child = await corpusDoc('002');
  parent = await corpusDoc('004');
  report = alignDocuments(child, parent);
});

const byParentQuote = (r: AlignmentReport, kind: Finding['kind'], text: string) =>
  r.findings.filter((f) => f.kind === kind && f.parent?.quote.replace(/\s+/g, '').includes(text));
const onParentText = (r: AlignmentReport, text: string) => r.findings.filter((f) => f.parent?.quote.replace(/\s+/g, '').includes(text));

describe('002 against 004', () => {
  it('reports the 2025 水土保持率 target 66.18% → 56.04% with the parent decomposition for 忻州市', () => {
    const [f] = byParentQuote(report, 'target_changed', '66.18%');
    expect(f).toBeDefined();
    expect(f.child?.quote).toContain('56.04%');
    expect(f.target).toMatchObject({ parentValue: '66.18%', childValue: '56.04%', direction: 'lower' });
    expect(f.target?.decomposition).toEqual({ region: '忻州市', year: '2025', value: '63.56', clause: '附件2' });
    expect(f.parent?.clause).toBe('一');
    expect(f.severity).toBe('high');
  });

  it('reports the 2035 target 72.43% → 57.2% (decomposition 66.22)', () => {
    const [f] = byParentQuote(report, 'target_changed', '72.43%');
    expect(f.target).toMatchObject({ parentValue: '72.43%', childValue: '57.2%', direction: 'lower' });
    expect(f.target?.decomposition?.value).toBe('66.22');
  });

  it('reports 400座 → 5座, a dropped 必须, a dropped 在规划审批前 and a dropped 林业和草原', () => {
    expect(byParentQuote(report, 'target_changed', '400座')[0]?.target).toMatchObject({ parentValue: '400座以上', childValue: '5座以上', direction: 'lower' });
    expect(byParentQuote(report, 'weakened', '必须在规划中提出')).toHaveLength(1);
    expect(byParentQuote(report, 'deadline_changed', '在规划审批前')).toHaveLength(1);
    expect(byParentQuote(report, 'actor_changed', '林业和草原')[0]?.detail).toContain('林业和草原');
  });

  it('reports whole requirements the county left out, and what it added', () => {
    expect(byParentQuote(report, 'missing', '加大水土保持补偿费返还力度')).toHaveLength(1);
    expect(byParentQuote(report, 'missing', '继承弘扬水土保持历史经验')).toHaveLength(1);
    const added = report.findings.filter((f) => f.kind === 'added' && f.child?.quote.includes('禁止私采滥挖'));
    expect(added).toHaveLength(1);
    expect(added[0].parent).toBeNull();
  });

  it('does not flag what a county legitimately localises', () => {
    // 我省黄河流域 → 我县汾河流域; 市县政府 → 县乡两级政府; 省级财政 → 地方财政; 厅际 → 部门.
    for (const text of [
      '我省黄河流域水土保持高质量发展',
      '落实市县政府淤地坝安全运用管理主体责任',
      '加大省级财政水土保持投入',
      '建立水土保持厅际协调机制',
      '依法禁止在以上区域',
    ]) {
      expect(onParentText(report, text), text).toEqual([]);
    }
    // The topic of a condition (`制定涉及…规划,在实施过程中可能造成水土流失的,必须…`) worded without its verb is no dropped duty.
    expect(byParentQuote(report, 'weakened', '制定涉及基础设施建设')).toEqual([]);
    // The province's own places: 右玉县 and 太德塬 are not the county's business.
    expect(onParentText(report, '右玉县')).toEqual([]);
    expect(onParentText(report, '太德塬')).toEqual([]);
  });

  it('does not flag characters lost in extraction (全水土保持率, 加重要生态功能区, 放管服 without quotes)', () => {
    expect(onParentText(report, '全面深化水土保持“放管服”改革')).toEqual([]);
    expect(onParentText(report, '将七河源头区')).toEqual([]);
    expect(byParentQuote(report, 'deadline_changed', '到2025年')).toEqual([]);
  });

  it('quotes both documents verbatim at their original offsets', () => {
    const sides = [...report.findings.flatMap((f) => [f.parent, f.child]), ...report.pairs.flatMap((p) => [p.parent, p.child])];
    for (const f of report.findings) {
      if (f.parent) expect(parent.raw.text.slice(f.parent.start, f.parent.end)).toBe(f.parent.quote);
      if (f.child) expect(child.raw.text.slice(f.child.start, f.child.end)).toBe(f.child.quote);
    }
    expect(sides.filter(Boolean).length).toBeGreaterThan(50);
  });

  it('summarises coverage per chapter, consistently', () => {
    const s = report.summary;
    expect(s.covered + s.weakened + s.changed + s.missing).toBe(s.parentObligations);
    expect(s.byChapter.map((c) => c.clause)).toEqual(['一', '二', '三', '四', '五', '六', '七']);
    expect(s.byChapter.reduce((a, c) => a + c.obligations, 0)).toBe(s.parentObligations);
    expect(s.coverage).toBeGreaterThan(0.6);
    expect(s.coverage).toBeLessThan(1);
    expect(s.added).toBe(report.findings.filter((f) => f.kind === 'added').length);
  });
});

describe('synthetic children of 004', () => {
  it('finds each kind of edit at the edited clause', () => {
    for (const seed of [1, 2, 3]) {
      const syn = generateSyntheticChild(parent, { seed });
      const r = alignDocuments(docFromText(syn.id, syn.text), parent);
      for (const e of syn.expected) {
        // `added` is located on the child side (the parent has no such text), every other kind on the parent side.
        const located = { kind: e.kind, parent: e.start >= 0 ? { start: e.start, end: e.end } : null, child: e.child ?? null, label: e.edit };
        const hit = r.findings.some((f) => matchesExpectation(f, located));
        expect(hit, `seed ${seed}: ${e.kind} ${e.edit} ${e.parentQuote || e.child?.quote}`).toBe(true);
      }
      const scored = r.findings.filter((f) => ['missing', 'weakened', 'target_changed'].includes(f.kind));
      expect(scored.length).toBeLessThanOrEqual(syn.expected.length + 1);
    }
  });

  it('is insensitive to reordering and localisation alone', () => {
    const syn = generateSyntheticChild(parent, {
      seed: 7,
      deleteSentences: 0,
      deletePhrases: 0,
      weaken: 0,
      changeNumbers: 0,
      moveDeadlines: 0,
      dropActors: 0,
      insertSentences: 0,
      reorderSentences: 4,
      reorderClauses: 2,
      damage: 0,
    });
    expect(syn.neutral.filter((n) => n.startsWith('reorder')).length).toBeGreaterThanOrEqual(4);
    const r = alignDocuments(docFromText(syn.id, syn.text), parent);
    expect(r.findings).toEqual([]);
  });

  it('finds nothing when a plan is aligned with itself', () => {
    const r = alignDocuments(parent, parent);
    expect(r.findings).toEqual([]);
    expect(r.summary.coverage).toBe(1);
  });
});

describe('boilerplate', () => {
  const plan = (ideology: string, duty: string) =>
    `某县加强水土保持工作实施方案\n为深入贯彻党的二十大精神，结合我县实际，制定本方案。\n一、指导思想\n${ideology}\n二、重点任务\n（一）加强监管。${duty}\n`;
  it('produces no finding, whatever it says', () => {
    const parentDoc = docFromText(
      'p.txt',
      plan('以习近平新时代中国特色社会主义思想为指导，深入贯彻党的二十大精神，坚决做到两个维护。', '各部门必须严格落实水土保持方案制度，每季度报送进展。'),
    );
    const childDoc = docFromText(
      'c.txt',
      plan('坚持以人民为中心的发展思想，全面贯彻落实省委省政府决策部署。', '各部门必须严格落实水土保持方案制度，每季度报送进展。'),
    );
    const r = alignDocuments(childDoc, parentDoc);
    expect(r.findings).toEqual([]);
    expect(r.summary.parentObligations).toBeGreaterThan(0);
  });
  it('still reports a weakened duty next to it', () => {
    const parentDoc = docFromText('p.txt', plan('以习近平新时代中国特色社会主义思想为指导。', '各部门必须严格落实水土保持方案制度，每季度报送进展。'));
    const childDoc = docFromText('c.txt', plan('全面贯彻落实省委省政府决策部署。', '各部门落实水土保持方案制度，每季度报送进展。'));
    const r = alignDocuments(childDoc, parentDoc);
    expect(r.findings.map((f) => f.kind)).toEqual(['weakened']);
  });
});

describe('pairs never seen: general rules', () => {
  const plan = (title: string, intro: string, body: string) =>
    docFromText(`${title}.txt`, `${title}\n为做好相关工作，结合实际，制定本方案。\n${intro}一、重点任务\n${body}`);

  it('reports a deleted sentence that names the parent county itself (its own name is localised, not a foreign place)', () => {
    const parentDoc = plan(
      '翼城县生态修复工作推进机制',
      '',
      '（一）建立制度。制定出台《翼城县社会资本参与生态修复实施办法》，探索多元化投入机制。各相关部门要每季度报送工作进展。\n',
    );
    const childDoc = plan('浮山县生态修复工作推进机制', '', '（一）建立制度。各相关部门要每季度报送工作进展。\n');
    const r = alignDocuments(childDoc, parentDoc);
    expect(r.findings.filter((f) => f.kind === 'missing').map((f) => f.parent?.quote)).toEqual([
      '制定出台《翼城县社会资本参与生态修复实施办法》，探索多元化投入机制',
    ]);
  });

  it('reports a department dropped from a leading group (deputies and members count, not only leads)', () => {
    const body = (deputies: string) => `（一）成立领导机构。由分管副县长担任组长，${deputies}负责人担任副组长，发改局、住建局、水利局等部门负责人为成员。\n`;
    const r = alignDocuments(
      plan('浮山县生态修复工作推进机制', '', body('政府办、自然资源局、生态环境局')),
      plan('翼城县生态修复工作推进机制', '', body('政府办、自然资源局、财政局、生态环境局')),
    );
    expect(r.findings.map((f) => [f.kind, f.detail])).toEqual([['actor_changed', expect.stringContaining('财政')]]);
  });

  it('counts targets the child restates in its opening paragraph as kept, and never as added', () => {
    const parentDoc = plan(
      '山西省水土保持实施方案',
      '',
      '（一）总体目标。到2025年，全省水土保持率达到66.18%。\n（二）加强监管。各地要落实水土保持目标责任。\n',
    );
    const childDoc = plan('宁武县水土保持实施方案', '到2025年，全县水土保持率达到66.18%。\n', '（一）加强监管。县乡两级要落实水土保持目标责任。\n');
    expect(alignDocuments(childDoc, parentDoc).findings).toEqual([]);
  });

  it('does not call a different metric of the same unit a changed target', () => {
    const parentDoc = plan('山西省水土保持实施方案', '', '（一）总体目标。到2025年，重点区域水土流失得到有效治理，全省水土保持率达到66.18%。\n');
    const childDoc = plan('宁武县水土保持实施方案', '', '（一）总体目标。到2025年，重点区域水土流失得到有效治理，水土流失治理率达到65%以上。\n');
    const [f] = alignDocuments(childDoc, parentDoc).findings.filter((x) => x.kind === 'target_changed');
    expect(f?.target).toMatchObject({ metric: '水土保持率', parentValue: '66.18%', childValue: '（无）' });
    expect(f?.detail).toContain('水土流失治理率');
  });
});

describe('departments and cycles', () => {
  const plan = (title: string, body: string) => docFromText(`${title}.txt`, `${title}\n一、工作机制\n${body}`);
  const county = (body: string) => plan('浮山县生态修复工作推进机制', body);
  const parentPlan = (body: string) => plan('翼城县生态修复工作推进机制', body);

  it('reports a lead swapped with a cooperating unit, even though both are still named', () => {
    const body = (lead: string, coop: string) => `（一）落实协调配合。建立由${lead}、自然资源局牵头，${coop}、住建局等部门配合的工作机制。\n`;
    const r = alignDocuments(county(body('水利局', '财政局')), parentPlan(body('财政局', '水利局')));
    expect(r.findings.map((f) => [f.kind, f.detail])).toEqual([['actor_changed', expect.stringMatching(/牵头单位由“财政局?”改为“水利局?”/)]]);
  });

  it('compares the cycle of the clause itself, not any cycle left in its sentence', () => {
    const body = (cycle: string) => `（一）调度评估。县自然资源局将${cycle}整理形成结果清单上报，按月跟踪进度，按季度进行评估。\n`;
    const r = alignDocuments(county(body('按季度')), parentPlan(body('按月')));
    expect(r.findings.map((f) => [f.kind, f.detail])).toEqual([['deadline_changed', '频次由“按月”改为“按季度”。']]);
    expect(alignDocuments(county(body('按月')), parentPlan(body('按月'))).findings).toEqual([]);
  });
});
