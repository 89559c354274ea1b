import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../core/errors.js';
import { cleanText } from './clean.js';
import { readDocument, readDocumentFile, sniffBytes } from './decode.js';
import { extractHtmlText } from './decode/html.js';
import { decodeText, isPlausibleText, looksBinary } from './decode/text.js';
import { buildDocx } from '../testing/fixtures/docx.js';
import { buildZip } from '../testing/fixtures/zip.js';
import { corpusPath, fixturePath, readCorpusText } from '../testing/corpus.js';

const corpusText = readCorpusText;
const IDS = ['000_a21187bb345200ac.txt', '001_250f5e31d127e930.txt', '002_b09ca083261ba923.txt', '003_771f313df9559ae5.txt', '004_01ad0f74c71dd3d5.txt'];
/** The covering notice of 004, a paragraph with full-width punctuation and a 文号. */
const PARAGRAPH = corpusText(IDS[4]).slice(0, 400);

async function codeOf(p: Promise<unknown>): Promise<ErrorCode | 'ok'> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

describe('text decoding', () => {
  it('decodes a GBK-encoded corpus paragraph to the same text', async () => {
    const bytes = iconv.encode(PARAGRAPH, 'gbk');
    expect(new TextDecoder('utf-8', { fatal: false }).decode(bytes)).not.toBe(PARAGRAPH);
    const doc = await readDocument({ name: 'notice.txt', bytes }, {});
    expect(doc.encoding).toBe('gb18030');
    expect(doc.text).toBe(PARAGRAPH);
    expect(doc.format).toBe('txt');
  });

  it('decodes every corpus file re-encoded as GB18030 byte for byte', async () => {
    for (const id of IDS) {
      const text = corpusText(id);
      const doc = await readDocument({ name: id, bytes: iconv.encode(text, 'gb18030') }, {});
      expect(doc.text, id).toBe(text);
      expect(doc.encoding).toBe('gb18030');
    }
  });

  it('reads UTF-8 with and without a BOM, dropping the BOM', async () => {
    const plain = Buffer.from(PARAGRAPH, 'utf8');
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), plain]);
    const a = await readDocument({ name: 'a.md', bytes: plain }, {});
    const b = await readDocument({ name: 'b.txt', bytes: withBom }, {});
    expect(a.text).toBe(PARAGRAPH);
    expect(b.text).toBe(PARAGRAPH);
    expect(a.encoding).toBe('utf-8');
    expect(b.encoding).toBe('utf-8');
    expect(a.format).toBe('md');
  });

  it('reads UTF-16 with a BOM (Notepad "Unicode")', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PARAGRAPH, 'utf16le')]);
    const doc = await readDocument({ name: 'u16.txt', bytes }, {});
    expect(doc.encoding).toBe('utf-16le');
    expect(doc.text).toBe(PARAGRAPH);
  });

  it('never returns mojibake: Big5 bytes decode as Big5, not as GB18030 garbage', () => {
    const traditional =
      '山西省人民政府辦公廳關於印發山西省加強新時代水土保持工作實施方案的通知。各市、縣人民政府，省人民政府各委、辦、廳、局：現印發給你們，請認真貫徹執行。';
    const decoded = decodeText(iconv.encode(traditional, 'big5'));
    expect(decoded?.encoding).toBe('big5');
    expect(decoded?.text).toBe(traditional);
    expect(isPlausibleText(iconv.decode(iconv.encode(traditional, 'big5'), 'gb18030'))).toBe(false);
  });

  it('reports FILE_UNDECODABLE for bytes that are neither UTF-8 nor Chinese', async () => {
    const latin1 = Buffer.from('Café crème, déjà vu, naïve façade. Ça ira, très bien.', 'latin1');
    expect(await codeOf(readDocument({ name: 'fr.txt', bytes: latin1 }, {}))).toBe('FILE_UNDECODABLE');
  });

  it('prefers GB18030 when a short GBK text happens to be valid UTF-8 nonsense', () => {
    // 全 is C8 AB in GBK, which is also the UTF-8 encoding of ȫ.
    expect(decodeText(iconv.encode('83.9\n全省', 'gb18030'))).toMatchObject({ text: '83.9\n全省', encoding: 'gb18030' });
    // Valid UTF-8 that no legacy encoding reads better stays UTF-8, however unusual.
    expect(decodeText(Buffer.from('Ţhe ŵord ĉafé', 'utf8'))).toMatchObject({ text: 'Ţhe ŵord ĉafé', encoding: 'utf-8' });
    expect(decodeText(iconv.encode('态', 'gb18030'))).toMatchObject({ text: '态', encoding: 'gb18030' });
  });

  it('round-trips any stretch of the corpus through UTF-8 and GB18030 (property)', () => {
    const text = IDS.map(corpusText).join('\n');
    fc.assert(
      fc.property(fc.nat(text.length - 1), fc.integer({ min: 3, max: 600 }), fc.constantFrom('utf8', 'gb18030'), (start, len, enc) => {
        // Slice on code points so no surrogate pair is cut.
        const slice = [...text].slice(start, start + len).join('');
        // One or two GBK characters can be valid UTF-8 by chance ("媒" is C3 BD, UTF-8 for "ý"):
        // such a file is ambiguous. Three Han characters are not.
        if ((slice.match(/\p{Script=Han}/gu) ?? []).length < 3) return;
        const bytes = enc === 'utf8' ? Buffer.from(slice, 'utf8') : iconv.encode(slice, 'gb18030');
        const decoded = decodeText(bytes);
        expect(decoded?.text).toBe(slice);
      }),
      { numRuns: 300 },
    );
  });
});

describe('sniffing and errors', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64), Buffer.from('IHDR')]);

  it('gives each bad input its error code', async () => {
    const cases: [string, Buffer, ErrorCode][] = [
      ['empty.txt', Buffer.alloc(0), 'FILE_EMPTY'],
      ['blank.txt', Buffer.from(' \r\n\t\u3000\n', 'utf8'), 'FILE_EMPTY'],
      ['image.txt', png, 'FILE_BINARY'],
      ['noext', Buffer.concat([Buffer.from('abc'), Buffer.alloc(10), Buffer.from('def')]), 'FILE_BINARY'],
      ['scan.pdf', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj', 'latin1'), 'PDF_INVALID'],
      ['renamed.txt', Buffer.from('%PDF-1.4\n1 0 obj <<>>', 'latin1'), 'PDF_INVALID'],
      ['setup.exe', Buffer.from('MZ\x90\x00', 'latin1'), 'FILE_UNSUPPORTED'],
      ['photo.png', png, 'IMAGE_INVALID'],
      ['old.docx', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), 'DOC_INVALID'],
      ['plain.docx', Buffer.from('这不是一个 docx 文件，只是文字。', 'utf8'), 'DOCX_INVALID'],
      ['truncated.docx', buildDocx(['第一段']).subarray(0, 120), 'DOCX_INVALID'],
      ['garbage.docx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('garbage garbage garbage garbage')]), 'DOCX_INVALID'],
      ['notword.docx', buildZip([{ name: 'hello.txt', data: '你好' }]), 'DOCX_INVALID'],
      [
        'nav-only.html',
        Buffer.from(
          '<!doctype html><html><body><div class="nav"><a href="/">首页</a><a href="/a">政务公开</a></div><div class="footer">版权所有：某县人民政府</div></body></html>',
        ),
        'NO_TEXT',
      ],
      ['empty.docx', buildDocx([]), 'NO_TEXT'],
    ];
    for (const [name, bytes, code] of cases) expect(await codeOf(readDocument({ name, bytes }, {})), name).toBe(code);
  });

  it('enforces the size limit (default 5 MB, or the option) before decoding', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0x61);
    expect(await codeOf(readDocument({ name: 'big.txt', bytes: big }, {}))).toBe('FILE_TOO_LARGE');
    expect(await codeOf(readDocument({ name: 'p.txt', bytes: Buffer.from(PARAGRAPH) }, { maxBytes: 100 }))).toBe('FILE_TOO_LARGE');
    const dir = mkdtempSync(join(tmpdir(), 'decode-'));
    writeFileSync(join(dir, 'p.txt'), PARAGRAPH);
    expect(await codeOf(readDocumentFile(join(dir, 'p.txt'), { maxBytes: 100 }))).toBe('FILE_TOO_LARGE');
    expect(await codeOf(readDocumentFile(join(dir, 'missing.txt')))).toBe('FILE_NOT_FOUND');
  });

  it('sniffs the format from the bytes, not the name', async () => {
    expect(sniffBytes(buildDocx(['x']))).toBe('zip');
    expect(sniffBytes(png)).toBe('image');
    expect(looksBinary(Buffer.from(PARAGRAPH))).toBe(false);
    const docxAsTxt = await readDocument({ name: 'misnamed.txt', bytes: buildDocx(['正文第一段']) }, {});
    expect(docxAsTxt.format).toBe('docx');
    const htmlAsTxt = await readDocument({ name: 'page.txt', bytes: readFileSync(fixturePath('gov-page.html')) }, {});
    expect(htmlAsTxt.format).toBe('html');
  });

  it('fills id (the base name), path, sha256 of the bytes and the byte count', async () => {
    const path = corpusPath(IDS[3]);
    const doc = await readDocumentFile(path);
    const bytes = readFileSync(path);
    expect(doc.id).toBe(IDS[3]);
    expect(doc.path).toBe(path);
    expect(doc.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(doc.bytes).toBe(bytes.length);
    expect(doc.text).toBe(bytes.toString('utf8'));
    expect((await readDocument({ name: 'dir/sub/x.txt', bytes }, {})).id).toBe('x.txt');
  });
});

describe('HTML pages', () => {
  const page = readFileSync(fixturePath('gov-page.html'));

  it('keeps the article, title and metadata rows; drops navigation, scripts, styles and footers', async () => {
    const doc = await readDocument({ name: 'page.html', bytes: page }, {});
    const lines = doc.text.split('\n');
    expect(doc.format).toBe('html');
    expect(lines[0]).toBe('宁武县人民政府办公室关于印发宁武县加强新时代水土保持工作实施方案的通知');
    expect(lines).toContain('宁武县加强新时代水土保持工作实施方案');
    expect(lines).toContain('一、总体目标');
    expect(lines).toContain('宁武县人民政府办公室');
    expect(lines).toContain('2024年4月16日');
    expect(lines).toContain('发文字号： 宁政办发〔2024〕12号 成文日期： 2024年4月16日');
    for (const chrome of ['首页', '政务服务', '当前位置', '字体大小', '打印本页', '关闭本页', '版权所有', '统计代码', 'font-size', '分享到', '无障碍']) {
      expect(doc.text, chrome).not.toContain(chrome);
    }
  });

  it('renders one line per table row with tab-separated cells', async () => {
    const doc = await readDocument({ name: 'page.html', bytes: page }, {});
    const lines = doc.text.split('\n');
    expect(lines).toContain('序号\t重点任务\t牵头单位');
    expect(lines).toContain('1\t加强水土保持 空间管控\t县水利局');
    expect(lines).toContain('2\t抓好人为水土流失源头管控\t县自然资源局');
    // The cleaner keeps the rows as single tab-separated lines.
    expect(cleanText(doc.text).text.split('\n')).toContain('1\t加强水土保持空间管控\t县水利局');
  });

  it('reads a GBK page that declares charset=gb2312', async () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><div class="TRS_Editor"><p>${PARAGRAPH.replace(/\n+/g, '</p><p>')}</p></div></body></html>`;
    const doc = await readDocument({ name: 'gbk.htm', bytes: iconv.encode(html, 'gbk') }, {});
    expect(doc.encoding).toBe('gb18030');
    expect(doc.text).toContain('晋政办发〔2023〕36号');
    expect(doc.text).toContain('各市、县人民政府，省人民政府各委、办、厅、局：');
  });

  it('falls back to the largest text block when no known container exists', () => {
    const html = `<html><body>
      <div id="menu-wrap"><ul><li><a href="/1">机构设置</a></li><li><a href="/2">政策文件</a></li><li><a href="/3">办事服务</a></li></ul></div>
      <div id="x1"><div id="x2"><p>第一条 为加强水土保持工作，制定本办法。</p><p>第二条 本办法适用于本县行政区域内的水土保持工作。</p><p>第三条 县水利局负责组织实施。</p></div></div>
      <div id="links">友情链接：<a href="http://a">山西省人民政府</a> <a href="http://b">忻州市人民政府</a></div>
    </body></html>`;
    const text = extractHtmlText(html);
    expect(text.split('\n')).toEqual([
      '第一条 为加强水土保持工作，制定本办法。',
      '第二条 本办法适用于本县行政区域内的水土保持工作。',
      '第三条 县水利局负责组织实施。',
    ]);
  });

  it('keeps a page laid out with tables as paragraphs, not one giant row', () => {
    const paras = Array.from(
      { length: 10 },
      (_, i) => `<p>（${i + 1}）第${i + 1}项工作要求，由县直各有关单位按照职责分工认真落实，确保各项任务按期完成并取得实效。</p>`,
    ).join('');
    const html = `<html><body><table><tr><td width="200"><a href="/">首页</a></td><td><div class="content">${paras}</div></td></tr></table></body></html>`;
    const lines = extractHtmlText(html).split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(/^（1）第1项/);
  });
});

describe('.docx', () => {
  const blocks = [
    '山西省加强新时代水土保持工作实施方案',
    '一、总体目标',
    '到2025年，全省水土保持率达到66.18%。',
    {
      table: [
        ['市', '2025年目标(%)', '2035年目标(%)'],
        ['运城市', '77.25', '83.9'],
        ['全省', '66.18', '72.43'],
      ],
    },
    '二、保障措施',
  ];

  it('keeps paragraphs as lines and table rows as tab-separated lines (deflated and stored zips)', async () => {
    for (const store of [false, true]) {
      const doc = await readDocument({ name: 'plan.docx', bytes: buildDocx(blocks, store) }, {});
      expect(doc.format).toBe('docx');
      expect(doc.encoding).toBe('n/a');
      expect(doc.text.split('\n')).toEqual([
        '山西省加强新时代水土保持工作实施方案',
        '一、总体目标',
        '到2025年，全省水土保持率达到66.18%。',
        '市\t2025年目标(%)\t2035年目标(%)',
        '运城市\t77.25\t83.9',
        '全省\t66.18\t72.43',
        '二、保障措施',
      ]);
    }
  });
});
