import { describe, expect, it } from 'vitest';
import { cleanText } from '../clean.js';
import { extractMetadata } from '../metadata.js';
import { readCorpusText } from '../../testing/corpus.js';
import type { RecordFieldName } from '../types.js';

const recordOf = (text: string) => {
  const clean = cleanText(text);
  const meta = extractMetadata(clean);
  return { clean, record: meta.record, values: (f: RecordFieldName) => meta.record.filter((r) => r.field === f).map((r) => r.value) };
};

describe('document record', () => {
  it('reads a provincial notice: 主送, 落款, 抄送, 印发, attachments, the document it implements', () => {
    const { record, clean, values } = recordOf(readCorpusText('004_01ad0f74c71dd3d5.txt'));
    expect(values('recipients')).toEqual(['各市、县人民政府,省人民政府各委、办、厅、局']);
    expect(values('signature')).toEqual(['山西省人民政府办公厅']);
    expect(values('signedDate')).toEqual(['2023年6月11日']);
    expect(values('imprint')).toEqual(['山西省人民政府办公厅']);
    expect(values('issuedDate')).toEqual(['2023年6月15日']);
    expect(values('copyTo')[0]).toMatch(/^各市、县党委.*各民主党派山西省委。$/);
    expect(values('attachment')).toEqual(['重点工作任务分工表', '全省水土保持率目标值分解表']);
    expect(values('basis')).toEqual(['中共中央办公厅、国务院办公厅《关于加强新时代水土保持工作的意见》']);
    expect(values('publicity')).toEqual(['(此件公开发布)']);
    // Every value is the text at its offsets (whitespace squeezed).
    for (const r of record) expect(clean.text.slice(r.start, r.end).replace(/\s+/g, '')).toBe(r.value.replace(/\s+/g, ''));
  });

  it('reads a web page: 索引号, 来源, 发布日期, and a signature kept apart from the sentence above it', () => {
    const page = recordOf(readCorpusText('001_250f5e31d127e930.txt'));
    expect(page.values('indexNumber')).toEqual(['000014349/2024-02059']);
    expect(page.values('publishedDate')).toEqual(['2024-01-03']);
    const county = recordOf(readCorpusText('002_b09ca083261ba923.txt'));
    expect(county.values('source')).toEqual(['宁武县人民政府网']);
    expect(county.values('recipients')).toEqual(['各乡(镇)人民政府县直各有关单位']);
    expect(county.values('signature')).toEqual(['宁武县人民政府办公室']);
    expect(county.values('signedDate')).toEqual(['2024416']);
    expect(county.values('basis')).toContain('《忻州市加强新时代水土保持工作实施方案》');
  });

  it('reads every document of a long basis list, however far the last one stands from 根据', () => {
    const { values } = recordOf(readCorpusText('000_a21187bb345200ac.txt'));
    expect(values('basis').map((v) => /（?\(?([^（()）]*号)[)）]$/.exec(v)?.[1])).toEqual([
      '晋自然资发〔2022〕9号',
      '临政办函〔2022〕36号',
      '临自然资发〔2022〕386号',
    ]);
  });

  it('reads a synthetic notice of another province the same way', () => {
    const text = [
      '某某市人民政府办公室文件',
      '某政办发〔2025〕7号',
      '某某市人民政府办公室关于印发某某市河湖长制工作方案的通知',
      '各县（区）人民政府，市直各部门：',
      '根据《某某省河湖长制工作规定》，现将《某某市河湖长制工作方案》印发给你们，请认真执行。',
      '某某市人民政府办公室',
      '2025年3月1日',
      '某某市河湖长制工作方案',
      '一、工作目标',
      '到2027年，河湖水质优良比例达到90%。',
      '附件：1. 任务清单',
      '2. 考核办法',
      '抄送：市委办公室，市人大常委会办公室。',
      '某某市人民政府办公室 2025年3月3日印发',
    ].join('\n');
    const { values } = recordOf(text);
    expect(values('recipients')).toEqual(['各县(区)人民政府,市直各部门']);
    expect(values('signedDate')).toEqual(['2025年3月1日']);
    expect(values('issuedDate')).toEqual(['2025年3月3日']);
    expect(values('imprint')).toEqual(['某某市人民政府办公室']);
    expect(values('attachment')).toEqual(['任务清单', '考核办法']);
    expect(values('copyTo')).toEqual(['市委办公室,市人大常委会办公室。']);
    expect(values('basis')).toEqual(['《某某省河湖长制工作规定》']);
  });
});
