/**
 * .docx limits before mammoth: the XML a .docx inflates to is capped (mammoth holds about 60×
 * it in memory), from the sizes its central directory declares; only the parts mammoth parses
 * are inflated to check those sizes, never its images.
 */
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { buildDocx } from '../../testing/fixtures/docx.js';
import { buildZip } from '../../testing/fixtures/zip.js';
import { readDocument } from '../decode.js';
import { checkDocxXmlSize, extractDocxText } from './docx.js';
import { defaultFormatLimits } from './limits.js';
import { listZipEntries } from './zip-guard.js';

/** The error a promise rejects with. */
async function errorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('resolved');
}

/** Rewrites the declared inflated size of the entry named `name` in the central directory. */
function declareSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  const index = listZipEntries(out).findIndex((e) => e.name === name);
  let p = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  for (let i = 0; i < index; i++) p = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p + 4);
  out.writeUInt32LE(size, p + 24);
  return out;
}

const PARAGRAPHS = Array.from({ length: 300 }, (_, i) => `（${i + 1}）县水利局牵头，每季度开展一次水土保持监督检查，第${i + 1}项任务按期完成。`);

describe('.docx XML cap', () => {
  it('refuses a .docx whose XML inflates beyond the cap with FILE_TOO_COMPLEX, naming the setting', async () => {
    const docx = buildDocx(PARAGRAPHS);
    const xml = listZipEntries(docx).reduce((n, e) => n + (e.name.endsWith('.xml') ? e.uncompressedSize : 0), 0);
    const err = await errorOf(readDocument({ name: 'big.docx', bytes: docx }, { limits: { maxDocxXmlBytes: xml - 1 } }));
    expect(err.code).toBe('FILE_TOO_COMPLEX');
    expect(err.message).toContain('POLICY_MAX_DOCX_XML_BYTES');
    expect(err.details).toMatchObject({ xmlBytes: xml, maxDocxXmlBytes: xml - 1 });
    // At the cap it is read.
    const raw = await readDocument({ name: 'big.docx', bytes: docx }, { limits: { maxDocxXmlBytes: xml } });
    expect(raw.text).toContain('第300项任务按期完成');
  });

  it('checks before mammoth runs: XML mammoth would choke on is refused for its size, not parsed', async () => {
    // Not XML at all: mammoth would fail with DOCX_INVALID; the size check comes first.
    const broken = buildZip([{ name: 'word/document.xml', data: `<w:document>${'<'.repeat(200_000)}` }]);
    expect((await errorOf(extractDocxText(broken, 'broken.docx', { ...defaultFormatLimits, maxDocxXmlBytes: 100_000 }))).code).toBe('FILE_TOO_COMPLEX');
    expect((await errorOf(extractDocxText(broken, 'broken.docx', defaultFormatLimits))).code).toBe('DOCX_INVALID');
  });

  it('counts every XML part, not only word/document.xml', () => {
    const entries = [
      { name: 'word/document.xml', method: 8, compressedSize: 10, uncompressedSize: 600, localOffset: 0 },
      { name: 'word/footnotes.xml', method: 8, compressedSize: 10, uncompressedSize: 600, localOffset: 0 },
      { name: 'word/media/image1.png', method: 0, compressedSize: 5000, uncompressedSize: 5000, localOffset: 0 },
    ];
    expect(() => checkDocxXmlSize(entries, 'x.docx', { maxDocxXmlBytes: 1200 })).not.toThrow();
    expect(() => checkDocxXmlSize(entries, 'x.docx', { maxDocxXmlBytes: 1199 })).toThrow(/2\.?\d* ?KB|MB/);
  });
});

describe('.docx parts inflated before mammoth', () => {
  it('still refuses an XML part that inflates beyond its declared size', async () => {
    const liar = declareSize(buildDocx(PARAGRAPHS), 'word/document.xml', 100);
    expect((await errorOf(readDocument({ name: 'liar.docx', bytes: liar }))).code).toBe('FILE_TOO_COMPLEX');
  });

  it('never inflates an image mammoth does not open: one whose size lies does not stop the text', async () => {
    const docx = buildDocx(['一、总体目标', '到2025年，全县水土保持率达到58.6%。']);
    const entries = listZipEntries(docx);
    // Rebuild with an image whose declared size lies: inflating it would be refused.
    const withImage = buildZip([
      ...entries.map((e) => ({ name: e.name, data: inflateFrom(docx, e.name) })),
      { name: 'word/media/image1.png', data: Buffer.alloc(50_000, 7) },
    ]);
    const lying = declareSize(withImage, 'word/media/image1.png', 10);
    const raw = await readDocument({ name: 'image.docx', bytes: lying });
    expect(raw.text).toContain('全县水土保持率达到58.6%');
  });
});

/** The inflated bytes of entry `name` of a zip built by the fixture. */
function inflateFrom(zip: Buffer, name: string): Buffer {
  const e = listZipEntries(zip).find((x) => x.name === name)!;
  const start = e.localOffset + 30 + zip.readUInt16LE(e.localOffset + 26) + zip.readUInt16LE(e.localOffset + 28);
  const data = zip.subarray(start, start + e.compressedSize);
  return e.method === 0 ? data : inflateRawSync(data);
}
