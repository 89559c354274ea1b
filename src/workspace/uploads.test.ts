/** The upload queue on disk, and the ids uploads get. */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ID_BYTES, normaliseDocId, truncateUtf8 } from './upload-name.js';
import { createUploadStore } from './uploads.js';

describe('upload store', () => {
  it('stages the bytes, records the job, and finds it again after a restart', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'uploads-')), 'q');
    const a = createUploadStore(dir);
    const job = a.accept({ docId: 'plan.txt', format: 'txt', bytes: Buffer.from('一、总则'), replace: false });
    expect(job).toMatchObject({ docId: 'plan.txt', status: 'accepted', bytes: 12, error: null });
    expect(existsSync(a.stagedPath(job.id))).toBe(true);
    // A second store on the same folder: the server after a restart.
    const b = createUploadStore(dir);
    expect(b.get(job.id)).toEqual(job);
    expect(b.unfinished().map((j) => j.id)).toEqual([job.id]);
    b.save({ ...job, status: 'failed', error: { code: 'FILE_BINARY', message: 'binary' } });
    expect(b.unfinished()).toEqual([]);
    expect(() => b.get('00000000-0000-0000-0000-000000000000')).toThrow(expect.objectContaining({ code: 'UPLOAD_NOT_FOUND' }));
    expect(() => b.get('../../etc/passwd')).toThrow(expect.objectContaining({ code: 'UPLOAD_NOT_FOUND' }));
  });

  it('keeps the newest finished jobs and drops staged bytes no live job owns', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'uploads-')), 'q');
    const store = createUploadStore(dir, { keepFinished: 2 });
    const jobs = [1, 2, 3, 4].map((i) => store.accept({ docId: `d${i}.txt`, format: 'txt', bytes: Buffer.from(`x${i}`), replace: false }));
    jobs.slice(0, 3).forEach((j, i) => store.save({ ...j, status: 'indexed', acceptedAt: `2024-01-0${i + 1}T00:00:00.000Z` }));
    writeFileSync(join(dir, '11111111-1111-1111-1111-111111111111.part'), 'orphan');
    store.prune();
    const left = store.list().map((j) => j.docId);
    expect(left).toContain('d4.txt');
    expect(left.filter((d) => d !== 'd4.txt').sort()).toEqual(['d2.txt', 'd3.txt']);
    expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([`${jobs[3].id}.part`]);
  });
});

describe('upload ids', () => {
  it('strips paths and odd characters, keeps the extension, falls back when nothing is left', () => {
    expect(normaliseDocId('../../etc/passwd', '.txt')).toBe('passwd.txt');
    expect(normaliseDocId('C:\\Users\\me\\方案 (1).txt', '.txt')).toBe('方案_1_.txt');
    expect(normaliseDocId('.bashrc', '.txt', 'upload-x')).toBe('bashrc.txt');
    expect(normaliseDocId('', '.txt', 'upload-x')).toBe('upload-x.txt');
    expect(normaliseDocId('\ud840\udc00\ud800.txt', '.txt', 'upload-x')).toBe('𠀀_.txt');
    expect(normaliseDocId('\udfff.txt', '.txt', 'upload-x')).toBe('upload-x.txt');
  });

  it('normalises to NFC: the same name typed on two systems is the same id', () => {
    expect(normaliseDocId('Cafe\u0301.txt')).toBe(normaliseDocId('Caf\u00e9.txt'));
  });

  it('cuts long names to a byte budget without splitting a character (an 80-character Chinese name is 240 bytes)', () => {
    const id = normaliseDocId(`${'水土保持'.repeat(20)}.txt`, '.txt');
    expect(Buffer.byteLength(id)).toBeLessThanOrEqual(MAX_ID_BYTES);
    expect(id.endsWith('.txt')).toBe(true);
    expect(truncateUtf8('水土', 4)).toBe('水');
  });

  it('always gives an id that is a short, safe file name (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.constantFrom('.txt', '.docx', '.html'), (name, ext) => {
        const id = normaliseDocId(name, ext, 'upload-x');
        expect(Buffer.byteLength(id)).toBeLessThanOrEqual(MAX_ID_BYTES);
        expect(id).not.toMatch(/[/\\\u0000-\u001f]/);
        expect(id.startsWith('.')).toBe(false);
        expect(id.endsWith(ext)).toBe(true);
        expect(id).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
        expect(normaliseDocId(id, ext, 'upload-x')).toBe(id);
      }),
    );
  });
});
