import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../../core/errors.js';
import { fixturePath } from '../../testing/corpus.js';
import { buildDocx } from '../../testing/fixtures/docx.js';
import { buildZip } from '../../testing/fixtures/zip.js';
import { readDocument } from '../decode.js';
import { checkOleFile } from './ole-guard.js';
import { defaultFormatLimits } from './limits.js';
import { checkZipDirectory, guardZip, listZipEntries } from './zip-guard.js';

async function codeOf(p: Promise<unknown>): Promise<ErrorCode | 'ok'> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

/** A .docx whose document.xml inflates to `mb` megabytes of spaces (a ratio of about 1000:1). */
function docxBomb(mb: number): Buffer {
  const xml = `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>炸弹</w:t></w:r></w:p>${' '.repeat(mb * 1024 * 1024)}</w:body></w:document>`;
  return buildZip([
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: 'word/document.xml', data: xml },
  ]);
}

/** Rewrites the declared inflated size of entry `index` in the central directory (a lying archive). */
function lieAboutSize(zip: Buffer, index: number, size: number): Buffer {
  const out = Buffer.from(zip);
  const entries = listZipEntries(out);
  let p = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  for (let i = 0; i < index; i++) p = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p + 4);
  out.writeUInt32LE(size, p + 24);
  expect(entries[index].uncompressedSize).not.toBe(size);
  return out;
}

describe('zip guard', () => {
  it('lists entries from the central directory without inflating', () => {
    const zip = buildDocx(['第一段']);
    expect(listZipEntries(zip).map((e) => e.name)).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
  });

  it('refuses a .docx zip bomb with FILE_TOO_COMPLEX before mammoth sees it', async () => {
    const bomb = docxBomb(20);
    expect(bomb.length).toBeLessThan(100_000);
    expect(await codeOf(readDocument({ name: 'bomb.docx', bytes: bomb }))).toBe('FILE_TOO_COMPLEX');
    // The same file under a lower total limit is refused for its size, not only its ratio.
    expect(() => checkZipDirectory(docxBomb(2), 'b.docx', { ...defaultFormatLimits, maxCompressionRatio: 10_000, maxUnzippedBytes: 1024 * 1024 })).toThrow(
      /inflates to more than/,
    );
  });

  it('refuses too many entries, and an archive that lies about its sizes', async () => {
    const many = buildZip(Array.from({ length: 30 }, (_, i) => ({ name: `word/f${i}.xml`, data: 'x' })));
    expect(() => checkZipDirectory(many, 'many.docx', { ...defaultFormatLimits, maxZipEntries: 20 })).toThrow(/30 zip entries/);
    const honest = buildDocx(['水土保持'.repeat(2000)]);
    const liar = lieAboutSize(honest, 2, 100);
    expect(() => guardZip(liar, 'liar.docx', defaultFormatLimits)).toThrow(/inflates beyond its declared/);
    expect(await codeOf(readDocument({ name: 'liar.docx', bytes: liar }))).toBe('FILE_TOO_COMPLEX');
    expect(await codeOf(readDocument({ name: 'ok.docx', bytes: honest }))).toBe('ok');
  });

  it('reads ZIP64 records', () => {
    const zip = buildZip([{ name: 'a.txt', data: 'abc' }]);
    // Rewrite the end record's entry count as 0xFFFF and add a zip64 record + locator that hold the real values.
    const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const cdSize = zip.readUInt32LE(eocd + 12);
    const cdOffset = zip.readUInt32LE(eocd + 16);
    const rec = Buffer.alloc(56);
    rec.writeUInt32LE(0x06064b50, 0);
    rec.writeBigUInt64LE(44n, 4);
    rec.writeBigUInt64LE(1n, 24);
    rec.writeBigUInt64LE(1n, 32);
    rec.writeBigUInt64LE(BigInt(cdSize), 40);
    rec.writeBigUInt64LE(BigInt(cdOffset), 48);
    const loc = Buffer.alloc(20);
    loc.writeUInt32LE(0x07064b50, 0);
    loc.writeBigUInt64LE(BigInt(eocd), 8);
    const end = Buffer.from(zip.subarray(eocd));
    end.writeUInt16LE(0xffff, 8);
    end.writeUInt16LE(0xffff, 10);
    const z64 = Buffer.concat([zip.subarray(0, eocd), rec, loc, end]);
    expect(listZipEntries(z64).map((e) => e.name)).toEqual(['a.txt']);
  });

  it('never throws anything but an AppError on damaged archives (property)', () => {
    const zip = buildDocx(['第一段', { table: [['a', 'b']] }]);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(zip.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (edits) => {
        const bad = Buffer.from(zip);
        for (const [at, v] of edits) bad[at] = v;
        try {
          guardZip(bad, 'x.docx', defaultFormatLimits);
        } catch (err) {
          expect(err).toBeInstanceOf(AppError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('OLE guard (.doc/.xls before word-extractor or LibreOffice)', () => {
  const doc = readFileSync(fixturePath('policy-sample.doc'));

  it('accepts the Word 97 fixture and names its streams', () => {
    expect(checkOleFile(doc, 'a.doc', 'DOC_INVALID').names).toContain('WordDocument');
  });

  it('refuses a sector chain that loops (word-extractor would allocate until the process dies)', async () => {
    const bad = Buffer.from(doc);
    const secSize = 1 << bad.readUInt16LE(0x1e);
    const fatSector = bad.readUInt32LE(0x4c);
    const fat = (fatSector + 1) * secSize;
    // Point the directory's first sector at itself via a two-sector loop: dir → dir+1 → dir.
    const dir = bad.readUInt32LE(0x30);
    bad.writeUInt32LE(dir + 1, fat + dir * 4);
    bad.writeUInt32LE(dir, fat + (dir + 1) * 4);
    expect(() => checkOleFile(bad, 'loop.doc', 'DOC_INVALID')).toThrow(/damaged/);
    expect(await codeOf(readDocument({ name: 'loop.doc', bytes: bad }))).toBe('DOC_INVALID');
  });

  it('terminates with text or DOC_INVALID on any corruption of the FAT and directory (property)', async () => {
    const secSize = 1 << doc.readUInt16LE(0x1e);
    const fat = (doc.readUInt32LE(0x4c) + 1) * secSize;
    const dir = (doc.readUInt32LE(0x30) + 1) * secSize;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(fat, dir), fc.nat(secSize - 4), fc.integer({ min: 0, max: 0xffffffff })), { minLength: 1, maxLength: 4 }),
        async (edits) => {
          const bad = Buffer.from(doc);
          for (const [base, off, v] of edits) bad.writeUInt32LE(v >>> 0, base + (off & ~3));
          const code = await codeOf(readDocument({ name: 'fuzz.doc', bytes: bad }));
          expect(['ok', 'DOC_INVALID', 'NO_TEXT']).toContain(code);
        },
      ),
      { numRuns: 60 },
    );
  });
});
