/** Localisation: what a county legitimately rewrites compares equal; what it changes does not. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coreOrgName, isGovernmentActor, namesForeignPlace, normalizeForMatch } from './localize.js';

const ctx = { regionNames: ['山西省', '宁武县', '忻州市', '山西', '宁武', '忻州'] };
const same = (a: string, b: string) => expect(normalizeForMatch(a, ctx)).toBe(normalizeForMatch(b, ctx));

describe('normalizeForMatch', () => {
  it('maps level words of province and county to one form', () => {
    same('全省水土保持率达到66.18%', '全县水土保持率达到56.04%');
    same('我省黄河流域', '我县黄河流域');
    same('依托国家及省级水土流失监测平台', '依托国家及县级水土流失监测平台');
    same('落实市县政府淤地坝安全运用管理主体责任', '落实县乡两级政府淤地坝安全运用管理主体责任');
    same('加大省级财政水土保持投入', '加大地方财政水土保持投入');
    same('由省水利厅牵头', '由县水利局牵头');
    same('建立水土保持厅际协调机制', '建立水土保持部门协调机制');
    same('结合我县实际', '结合我实际');
  });
  it('strips region names and punctuation, and writes numbers as #', () => {
    // 打造 and 建设 are one word of the genre (zh/synonyms.ts).
    expect(normalizeForMatch('打造“山西特色”样板，共 100 个', ctx)).toBe('建设特色样板共#个');
    expect(normalizeForMatch('宁武县人民政府', ctx)).toBe('人民政府');
  });
  it('keeps what changes the substance', () => {
    expect(normalizeForMatch('严禁开垦', ctx)).not.toBe(normalizeForMatch('避免开垦', ctx));
    expect(normalizeForMatch('水利部门牵头', ctx)).not.toBe(normalizeForMatch('林业部门牵头', ctx));
  });
  it('is idempotent and never longer than its input (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'全省县市级我政府厅局水利100.5%，、“”（）山西宁武 abc'.split('')), maxLength: 40 }), (s) => {
        const once = normalizeForMatch(s, ctx);
        expect(normalizeForMatch(once, ctx)).toBe(once);
        expect(once.length).toBeLessThanOrEqual(s.length);
      }),
    );
  });
});

describe('coreOrgName', () => {
  it('reduces a department to its core across levels and spellings', () => {
    expect(coreOrgName('省水利厅')).toBe('水利');
    expect(coreOrgName('县水利局')).toBe('水利');
    expect(coreOrgName('水行政主管部门')).toBe('水利');
    expect(coreOrgName('区自然资源分局')).toBe('自然资源');
    expect(coreOrgName('林草')).toBe('林业和草原');
    expect(coreOrgName('林草', false)).toBe('林草');
  });
  it('reads party departments, branches of a higher bureau and short department names', () => {
    expect(coreOrgName('县委宣传部')).toBe(coreOrgName('省委宣传部'));
    expect(coreOrgName('县委宣传部')).toBe('宣传部');
    expect(coreOrgName('市生态环境局宁武分局')).toBe('生态环境');
    expect(coreOrgName('县住建局')).toBe(coreOrgName('省住房和城乡建设厅'));
    expect(coreOrgName('县文旅局')).toBe(coreOrgName('省文化和旅游厅'));
    expect(coreOrgName('县卫健局')).toBe(coreOrgName('省卫生健康委'));
    expect(coreOrgName('县财政局')).not.toBe(coreOrgName('县民政局'));
  });
  it('never compares governments or role words', () => {
    expect(coreOrgName('市县政府')).toBeNull();
    expect(coreOrgName('县乡两级政府')).toBeNull();
    expect(coreOrgName('阿庄镇')).toBeNull();
    expect(coreOrgName('牵头部门')).toBeNull();
    expect(coreOrgName('相关部门')).toBeNull();
    expect(isGovernmentActor('各级党委和政府')).toBe(true);
  });
});

describe('namesForeignPlace', () => {
  const foreign = new Set(['右玉县', '朔州市', '临汾市']);
  it('finds another county of the province, or a small named place the child never mentions', () => {
    expect(namesForeignPlace('大力推进右玉县全国水土保持高质量发展先行区建设', foreign, '宁武县…')).toBe('右玉县');
    expect(namesForeignPlace('以太德塬为重点,加快推进塬面保护', foreign, '宁武县…')).toBe('太德塬');
    expect(namesForeignPlace('推进黄土高原残塬沟壑区固沟保塬建设', foreign, '宁武县…')).toBeNull();
    expect(namesForeignPlace('加快实施黄土高原水土流失综合治理', foreign, '宁武县…')).toBeNull();
  });
  it('does not treat a place the child names as foreign', () => {
    expect(namesForeignPlace('以太德塬为重点', foreign, '本县以太德塬为重点')).toBeNull();
  });
});
