/**
 * TEST ONLY. The five corpus files as retrieval input without the ingest pipeline: each file is
 * split into paragraph passages (page breaks inside a sentence re-joined, long paragraphs cut
 * at 。 into ≤ maxChars), shaped as the real chunker's {@link Chunk}s with ORIGINAL offsets,
 * plus hand-written {@link DocInfo} for filters.
 */
import type { Chunk } from '../ingest/types.js';
import type { DocInfo } from '../retrieval/types.js';

import { readCorpusText } from './corpus.js';

/** The corpus documents with their (known) metadata. */
export const CORPUS_DOCS: DocInfo[] = [
  {
    id: '000_a21187bb345200ac.txt',
    title: '翼城县“两山六河一流域”生态保护与修复治理抓落实工作推进机制',
    level: '县',
    region: { province: '山西省', city: '临汾市', county: '翼城县', name: '翼城县' },
  },
  {
    id: '001_250f5e31d127e930.txt',
    title: '长子县贯彻落实全省“两山七河一流域”生态保护与修复治理工作机制政策解读',
    level: '县',
    region: { province: '山西省', city: '长治市', county: '长子县', name: '长子县' },
  },
  {
    id: '002_b09ca083261ba923.txt',
    title: '宁武县加强新时代水土保持工作实施方案',
    level: '县',
    region: { province: '山西省', city: '忻州市', county: '宁武县', name: '宁武县' },
  },
  {
    id: '003_771f313df9559ae5.txt',
    title: '铜川市印台区青山保卫战行动方案',
    level: '区',
    region: { province: '陕西省', city: '铜川市', county: '印台区', name: '印台区' },
  },
  {
    id: '004_01ad0f74c71dd3d5.txt',
    title: '山西省加强新时代水土保持工作实施方案',
    level: '省',
    region: { province: '山西省', city: null, county: null, name: '山西省' },
  },
];

const MARKER = /^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.．、])/;
const SENTENCE_END = /[。；：！？”）)]\s*$/;

/** Splits a document into passage chunks with original offsets. */
export function splitIntoChunks(doc: DocInfo, text: string, maxChars = 200): Chunk[] {
  // Paragraph ranges: non-blank lines, with a page break inside a sentence joined back.
  const paras: Array<[number, number]> = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!m[0].trim()) continue;
    const last = paras.at(-1);
    const prevText = last ? text.slice(last[0], last[1]) : '';
    if (last && !SENTENCE_END.test(prevText) && !MARKER.test(m[0]) && /\n\s*\n/.test(text.slice(last[1], m.index + 1))) {
      last[1] = m.index + m[0].length;
    } else {
      paras.push([m.index, m.index + m[0].length]);
    }
  }
  const pieces: Array<[number, number]> = [];
  for (const [a, b] of paras) {
    let start = a;
    let cut = a;
    for (let i = a; i < b; i++) {
      if (text[i] !== '。') continue;
      if (i + 1 - start > maxChars && cut > start) {
        pieces.push([start, cut]);
        start = cut;
      }
      cut = i + 1;
    }
    if (b - start > maxChars && cut > start && cut < b) {
      pieces.push([start, cut]);
      start = cut;
    }
    pieces.push([start, b]);
  }
  const chunks: Chunk[] = [];
  for (const [a0, b0] of pieces) {
    let a = a0;
    let b = b0;
    while (a < b && /\s/.test(text[a])) a++;
    while (b > a && /\s/.test(text[b - 1])) b--;
    if (a === b) continue;
    const body = text.slice(a, b).replace(/\s*\n\s*/g, '');
    const index = chunks.length;
    const marker = MARKER.exec(body)?.[0].trim() ?? '';
    chunks.push({
      id: `${doc.id}#${index}`,
      docId: doc.id,
      index,
      kind: marker ? 'clause' : 'preamble',
      clausePath: marker,
      heading: marker ? body.slice(marker.length, marker.length + 20).split(/[。，,]/)[0] : '',
      text: body,
      start: a,
      end: b,
      cleanStart: a,
      cleanEnd: b,
      context: `${doc.title} ${body}`,
    });
  }
  return chunks;
}

/** All five corpus documents as chunks (in document order) plus their DocInfo. */
export function loadCorpusChunks(maxChars = 200): { chunks: Chunk[]; docs: DocInfo[] } {
  const chunks = CORPUS_DOCS.flatMap((d) => splitIntoChunks(d, readCorpusText(d.id), maxChars));
  return { chunks, docs: CORPUS_DOCS.map((d) => ({ ...d, region: { ...d.region } })) };
}
