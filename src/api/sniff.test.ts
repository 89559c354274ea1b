/** Upload type detection from bytes. */
import iconv from 'iconv-lite';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../core/errors.js';
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

  it('refuses images, PDFs, other zips and binaries with 415 codes', () => {
    expect(codeOf(() => sniffUpload(Buffer.from('89504e470d0a1a0a0000', 'hex'), 'a.txt'))).toBe('FILE_UNSUPPORTED');
    expect(codeOf(() => sniffUpload(Buffer.from('%PDF-1.7\n'), 'a.txt'))).toBe('FILE_UNSUPPORTED');
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
