/** Upload type detection from bytes. */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../core/errors.js';
import { fixturePath } from '../testing/corpus.js';
import { buildOfd } from '../testing/fixtures/ofd.js';
import { looksBinary, looksHtml, sniffUpload } from './sniff.js';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (err) {
    return isAppError(err) ? err.code : 'OTHER';
  }
};

describe('sniffUpload', () => {
  it('recognises text in UTF-8 and GBK, keeping .md', () => {
    const text = '一、总体目标\n全省水土保持率达到 66.18%。';
    expect(sniffUpload(Buffer.from(text), '方案.txt')).toEqual({ format: 'txt', name: '方案.txt' });
    expect(sniffUpload(iconv.encode(text, 'gbk'), 'plan.bin')).toEqual({ format: 'txt', name: 'plan.txt' });
    expect(sniffUpload(Buffer.from(`\uFEFF${text}`), 'notes.md')).toEqual({ format: 'md', name: 'notes.md' });
  });

  it('recognises HTML by its markup and .docx by its zip entries', () => {
    expect(sniffUpload(Buffer.from('  <!DOCTYPE html><html><body>正文</body></html>'), 'x.txt').format).toBe('html');
    expect(sniffUpload(Buffer.from('<html lang="zh"><p>正文</p></html>'), 'x.htm')).toEqual({ format: 'html', name: 'x.htm' });
    const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....[Content_Types].xml....word/document.xml....')]);
    expect(sniffUpload(docx, 'report.pdf')).toEqual({ format: 'docx', name: 'report.docx' });
  });

  it('recognises PDFs, scans (PNG, JPEG, TIFF), OLE files (.doc, .wps, .xls) and OFD by their bytes', () => {
    expect(sniffUpload(Buffer.from('%PDF-1.7\n'), '通知.txt')).toEqual({ format: 'pdf', name: '通知.pdf' });
    // A PDF header may follow junk, as readers allow.
    expect(sniffUpload(Buffer.from('\r\n%PDF-1.4\n'), undefined).format).toBe('pdf');
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    expect(sniffUpload(png, 'scan.txt')).toEqual({ format: 'image', name: 'scan.png' });
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
    expect(sniffUpload(jpeg, '扫描件.jpeg')).toEqual({ format: 'image', name: '扫描件.jpeg' });
    expect(sniffUpload(jpeg, 'scan.png')).toEqual({ format: 'image', name: 'scan.jpg' });
    expect(sniffUpload(Buffer.from([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0]), 'a.tiff')).toEqual({ format: 'image', name: 'a.tiff' });
    const doc = readFileSync(fixturePath('policy-sample.doc'));
    const xls = readFileSync(fixturePath('policy-sample.xls'));
    expect(sniffUpload(doc, '通知.docx')).toEqual({ format: 'doc', name: '通知.doc' });
    // WPS Writer files are Word 97 files inside: the client's .wps is believed; a workbook is an .xls whatever its name.
    expect(sniffUpload(doc, '通知.wps')).toEqual({ format: 'wps', name: '通知.wps' });
    expect(sniffUpload(xls, '分工表.doc')).toEqual({ format: 'xls', name: '分工表.xls' });
    // A damaged compound file keeps its legacy name; the decoder says what is wrong with it.
    expect(sniffUpload(doc.subarray(0, 600), 'x.xls').name).toBe('x.xls');
    expect(sniffUpload(buildOfd(['一、总体目标']), '公文.zip')).toEqual({ format: 'ofd', name: '公文.ofd' });
  });

  it('refuses GIFs, RTF, other zips and binaries with 415 codes', () => {
    expect(codeOf(() => sniffUpload(Buffer.from('GIF89a\x01\x00', 'latin1'), 'a.png'))).toBe('FILE_UNSUPPORTED');
    expect(codeOf(() => sniffUpload(Buffer.from('{\\rtf1\\ansi 正文}'), 'a.txt'))).toBe('FILE_UNSUPPORTED');
    expect(codeOf(() => sniffUpload(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'a.docx'))).toBe('FILE_UNSUPPORTED');
    expect(codeOf(() => sniffUpload(Buffer.from([0x41, 0x00, 0x42, 0x00]), 'utf16.txt'))).toBe('FILE_BINARY');
    expect(codeOf(() => sniffUpload(Buffer.alloc(0), 'a.txt'))).toBe('FILE_EMPTY');
  });

  it('makes safe names: no paths, no hidden files, a fallback when absent', () => {
    expect(sniffUpload(Buffer.from('正文'), '../../etc/passwd').name).toBe('passwd.txt');
    expect(sniffUpload(Buffer.from('正文'), 'C:\\Users\\me\\方案 (1).txt').name).toBe('方案_1_.txt');
    expect(sniffUpload(Buffer.from('正文'), '.bashrc').name).toMatch(/^bashrc\.txt$/);
    expect(sniffUpload(Buffer.from('正文'), undefined).name).toMatch(/^upload-[0-9a-f]{12}\.txt$/);
  });

  it('accepts any printable text in UTF-8 or GB18030 (property)', () => {
    const cjk = fc.string({ unit: fc.constantFrom(...'水土保持率目标一二三、（）。，\n 0123456789abc%'), minLength: 1, maxLength: 200 });
    fc.assert(
      fc.property(cjk, fc.constantFrom('utf8', 'gb18030'), (text, enc) => {
        const bytes = enc === 'utf8' ? Buffer.from(text) : iconv.encode(text, 'gb18030');
        expect(sniffUpload(bytes, 'doc.txt').format).toBe('txt');
      }),
    );
  });

  it('never throws anything but an AppError (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.string(), (bytes, name) => {
        expect(codeOf(() => sniffUpload(Buffer.from(bytes), name))).not.toBe('OTHER');
      }),
    );
  });
});

describe('helpers', () => {
  it('looksBinary and looksHtml', () => {
    expect(looksBinary(Buffer.from('plain\ttext\r\n'))).toBe(false);
    expect(looksBinary(Buffer.from([1, 2, 3, 4, 65]))).toBe(true);
    expect(looksHtml('<p>not a page</p>')).toBe(false);
    expect(looksHtml('<div><head><title>x</title></head></div>')).toBe(true);
    expect(looksHtml('说明：<html> 标签')).toBe(false);
  });
});
