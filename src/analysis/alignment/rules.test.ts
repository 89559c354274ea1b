/**
 * The rules of alignment on small plans a reviewer could write by hand: paraphrase is no finding,
 * force drops on the defined scale, deadlines and standards have a direction, responsibility moved
 * down is told from localisation, and what a county may leave out is excluded with a reason.
 */
import { describe, expect, it } from 'vitest';
import { docFromText } from '../../testing/alignment-corpus.js';
import { alignDocuments } from './align.js';
import type { AlignmentReport } from './types.js';

const plan = (title: string, body: string) => docFromText(`${title}.txt`, `${title}\n为做好相关工作，结合实际，制定本方案。\n一、重点任务\n${body}`);
const province = (body: string) => plan('山西省加强水土保持工作实施方案', body);
const county = (body: string) => plan('宁武县加强水土保持工作实施方案', body);
const align = (child: string, parent: string) => alignDocuments(county(child), province(parent));
const kinds = (r: AlignmentReport) => r.findings.map((f) => [f.kind, f.severity]);

describe('paraphrase', () => {
  it('finds nothing when the county rewords verbs and nouns of the genre', () => {
    const r = align(
      '（一）加强组织领导。定期研究部署相关工作，增强水源涵养功能，促进绿色低碳发展，完善耕地休耕轮作制度。\n',
      '（一）加强组织领导。定期研究布置相关工作，提升水源涵养能力，推动绿色低碳发展，健全耕地休耕轮作制度。\n',
    );
    expect(r.findings).toEqual([]);
  });
  it('finds nothing for a department written in another style', () => {
    const r = align(
      '（一）加强协作。县林草局、县水务局要按照职责分工做好相关工作。\n',
      '（一）加强协作。省林业和草原局、省水利厅要按照职责分工做好相关工作。\n',
    );
    expect(r.findings).toEqual([]);
  });
  it('finds nothing when a programme or a title is quoted differently or not at all', () => {
    const kept = '聚焦耕地保护、粮食安全、面源污染防治，推进旱作梯田建设。';
    const parent = `（一）实施工程。${kept}深入实施“十百千工程”，严格落实《黄河流域生态保护和高质量发展规划纲要》，牢固树立“绿水青山就是金山银山，冰天雪地也是金山银山”的理念。\n`;
    for (const child of [
      `（一）实施工程。${kept}深入实施十百千工程，严格落实黄河流域生态保护和高质量发展规划纲要，牢固树立绿水青山就是金山银山，冰天雪地也是金山银山的理念。\n`,
      `（一）实施工程。${kept}深入实施「十百千工程」，严格落实“黄河流域生态保护和高质量发展规划纲要”，牢固树立‘绿水青山就是金山银山，冰天雪地也是金山银山’的理念。\n`,
      `（一）实施工程。${kept}深入实施“十百千”工程，严格落实《黄河流域生态保护和高质量发展规划纲要》，牢固树立"绿水青山就是金山银山，冰天雪地也是金山银山"的理念。\n`,
    ])
      expect(align(child, parent).findings).toEqual([]);
  });
});

describe('force', () => {
  it('reports 严格禁止 → 原则上不得 as a weakening, and 全部纳入 → 逐步纳入', () => {
    const r = align(
      '（一）加强管控。原则上不得开展开发性建设活动。\n（二）加强监管。各主管部门审批的生产建设项目逐步纳入监管清单。\n',
      '（一）加强管控。严格禁止开发性建设活动。\n（二）加强监管。各主管部门审批的生产建设项目全部纳入监管清单。\n',
    );
    expect(r.findings.map((f) => [f.kind, f.detail])).toEqual([
      ['weakened', expect.stringContaining('原则上')],
      ['weakened', expect.stringContaining('逐步')],
    ]);
    expect(r.findings[0].severity).toBe('high');
  });
  it('reports 要 → 可, and nothing for a verb of the same force or an intensifier replaced', () => {
    expect(
      kinds(align('（一）编制规划。县人民政府可结合实际编制本县水土保持规划。\n', '（一）编制规划。市县级政府要相应制定本行政区水土保持规划。\n')),
    ).toEqual([['weakened', 'high']]);
    expect(align('（一）统筹推进。统筹推进耕地数量、质量、生态一体化建设。\n', '（一）统筹推进。着力推进耕地数量、质量、生态一体化建设。\n').findings).toEqual(
      [],
    );
  });
});

describe('deadlines and standards', () => {
  it('reads a five-year period as due at its end, and a later deadline as a loosening', () => {
    const kept = '聚焦耕地保护、粮食安全、面源污染防治，推进旱作梯田建设。';
    const r = align(`（一）治理坡耕地。${kept}到2027年底完成坡耕地综合治理2.5万亩。\n`, `（一）治理坡耕地。${kept}“十四五”期间实施坡耕地综合治理100万亩。\n`);
    const d = r.findings.find((f) => f.kind === 'deadline_changed');
    expect(d?.severity).toBe('high');
    expect(d?.detail).toContain('2021—2025');
    // The county's share of a provincial total is checked, at low severity.
    expect(r.findings.find((f) => f.kind === 'target_changed')?.severity).toBe('low');
  });
  it('rates a looser slope high and a stricter distance low', () => {
    const r = align(
      '（一）保护耕地。严禁在30度以上的坡面开垦种植农作物。\n（二）城市绿化。打造“200米见绿、400米见园”街头绿地。\n',
      '（一）保护耕地。严禁在25度以上的坡面开垦种植农作物。\n（二）城市绿化。打造“300米见绿、500米见园”街头绿地。\n',
    );
    const changes = r.findings.filter((f) => f.kind === 'target_changed').map((f) => [f.detail.slice(0, 12), f.severity]);
    expect(changes).toContainEqual([expect.stringContaining('25度'), 'high']);
    expect(changes).toContainEqual([expect.stringContaining('300米'), 'low']);
    // Findings lead with what a reviewer must act on.
    expect(r.findings[0].severity).toBe('high');
  });
});

describe('actors', () => {
  it('reports responsibility moved below the county, and not the county naming its own levels', () => {
    const moved = align('（一）落实责任。落实各乡（镇）人民政府淤地坝安全运用管理主体责任。\n', '（一）落实责任。落实市县政府淤地坝安全运用管理主体责任。\n');
    expect(moved.findings.map((f) => [f.kind, f.severity, f.detail])).toEqual([['actor_changed', 'high', expect.stringContaining('下移')]]);
    const kept = align('（一）落实责任。落实县乡两级政府淤地坝安全运用管理主体责任。\n', '（一）落实责任。落实市县政府淤地坝安全运用管理主体责任。\n');
    expect(kept.findings).toEqual([]);
  });
  it('reports a government duty handed to a department', () => {
    const kept = '增强水土保持规划的空间约束力和管控力，逐级跟踪规划落实情况。';
    const r = align(
      `（一）加强监督。${kept}由县生态环境局对规划实施情况开展监督检查。\n`,
      `（一）加强监督。${kept}各级政府要加强对水土保持规划实施的监督检查。\n`,
    );
    expect(r.findings.map((f) => f.kind)).toEqual(['actor_changed']);
  });
});

describe('what a county may leave out', () => {
  it('lists a task of the province and a place of another county as excluded, with the reason', () => {
    const r = align(
      '（一）加强监管。依法征收水土保持补偿费。\n',
      '（一）加强监管。依法征收水土保持补偿费，建立完善全省淤地坝监管信息平台。\n（二）示范引领。大力推进右玉县先行区建设。\n',
    );
    expect(r.findings).toEqual([]);
    expect(r.excluded.map((e) => e.reason)).toEqual([expect.stringContaining('省级'), expect.stringContaining('右玉县')]);
    expect(r.obligations.map((o) => o.status)).toEqual(['covered', 'excluded']);
  });
  it('still reports a requirement the county dropped', () => {
    const r = align('（一）加强监管。依法征收水土保持补偿费。\n', '（一）加强监管。依法征收水土保持补偿费，落实生态环境损害赔偿制度。\n');
    expect(r.findings.map((f) => [f.kind, f.parent?.quote])).toEqual([['missing', '落实生态环境损害赔偿制度']]);
    expect(r.obligations.map((o) => o.status)).toEqual(['missing']);
  });
});
