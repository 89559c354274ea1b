/** Scoring a hand-written child: recall per kind, precision with the writer's notes exempt. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../analysis/alignment/types.js';
import { corpusDoc, docFromText } from '../../testing/alignment-corpus.js';
import type { AlignGold } from './gold.js';
import { describeFinding, exemptSpans, goldDocumentPath, quotedPassages, scoreChild } from './handwritten.js';

describe('quotedPassages', () => {
  it('takes the quoted passages of a note, split at ellipses', () => {
    expect(quotedPassages('六（十七）“修订《山西省水土保持规划》”为省级事项；“大力推进右玉县……先行区建设”')).toEqual([
      '修订《山西省水土保持规划》',
      '大力推进右玉县',
      '先行区建设',
    ]);
    expect(quotedPassages('“整县”太短')).toEqual([]);
  });
});

describe('goldDocumentPath', () => {
  it('finds a child beside the gold file, and a corpus id in the corpus', () => {
    expect(goldDocumentPath('evals/align/gold-city.json', 'child-city.txt', 'corpus')).toBe(join('evals/align', 'child-city.txt'));
    expect(goldDocumentPath('evals/align/gold-002-004.json', '004_01ad0f74c71dd3d5.txt', 'corpus')).toBe(join('corpus', '004_01ad0f74c71dd3d5.txt'));
  });
});

describe('scoreChild', () => {
  it('counts a finding a mustFlag item explains as true, a note-exempt one as neither, the rest as false', async () => {
    const parent = await corpusDoc('004');
    const child = docFromText('c.txt', '某县方案\n一、目标\n（一）加强监管。依法征收水土保持补偿费。\n');
    const at = (quote: string) => {
      const start = parent.raw.text.indexOf(quote);
      return { clause: '七（二十五）', heading: '', quote, start, end: start + quote.length };
    };
    const finding = (quote: string): Finding => ({ kind: 'missing', severity: 'medium', parent: at(quote), child: null, detail: '', similarity: null });
    const gold: AlignGold = {
      child: 'c.txt',
      parent: '004_01ad0f74c71dd3d5.txt',
      mustFlag: [{ kind: 'missing', parentClause: '七（二十五）', parentQuote: '加大水土保持补偿费返还力度', childClause: null, childQuote: null }],
      mustNotFlag: [],
      notes: ['七（二十五）“加大省级财政水土保持投入”为省级事项'],
    };
    expect(exemptSpans(gold, parent)).toHaveLength(1);
    const score = scoreChild(
      [finding('加大水土保持补偿费返还力度'), finding('加大省级财政水土保持投入'), finding('积极开展国家水土保持示范创建')],
      gold,
      child,
      parent,
    );
    expect(score.byKind.find((k) => k.kind === 'missing')).toMatchObject({
      expected: 1,
      found: 1,
      truePositives: 1,
      exempt: 1,
      falsePositives: 1,
      precision: 0.5,
    });
    expect(score.falsePositives).toHaveLength(1);
  });
});

describe('describeFinding', () => {
  it('shows an added replacement by the child text it adds, not the parent text it stands for', () => {
    const side = (clause: string, quote: string) => ({ clause, heading: '', quote, start: 0, end: quote.length });
    const added: Finding = {
      kind: 'added',
      severity: 'low',
      parent: side('七（二十五）', '加大水土保持补偿费返还力度'),
      child: side('七（二十三）', '加大水土保持投入'),
      detail: '本级文件以此替换了上级文件的“加大水土保持补偿费返还力度”。',
      similarity: null,
    };
    expect(describeFinding(added)).toBe('added 七（二十三） 加大水土保持投入 — 本级文件以此替换了上级文件的“加大水土保持补偿费返还力度”。');
    expect(describeFinding({ ...added, kind: 'missing', detail: '' })).toBe('missing 七（二十五） 加大水土保持补偿费返还力度 — ');
  });
});
