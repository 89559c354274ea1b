import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { beforeEach, describe, expect, it } from 'vitest';
import { PARSER_VERSION } from '../ingest/parse.js';
import { ingest } from './pipeline.js';
import { readCurrentGeneration, readManifest } from './generations.js';
import { openIndex, searchIndex } from './open-index.js';

const CORPUS = 'corpus';
const builtin = { kind: 'builtin' as const };

function setup(): { src: string; index: string } {
  const root = mkdtempSync(join(tmpdir(), 'ingest-'));
  const src = join(root, 'docs');
  mkdirSync(src);
  for (const f of readdirSync(CORPUS)) copyFileSync(join(CORPUS, f), join(src, f));
  return { src, index: join(root, 'index') };
}

describe('ingest pipeline', () => {
  let dirs: { src: string; index: string };
  beforeEach(() => {
    dirs = setup();
  });

  it('indexes the five documents and answers a search from the new generation', async () => {
    const r = await ingest({ paths: [dirs.src], indexDir: dirs.index, embedder: builtin });
    expect(r.changed).toBe(true);
    expect(r.documents).toBe(5);
    expect(r.problems).toEqual([]);
    expect(r.chunks).toBeGreaterThan(100);
    expect(r.embedder?.kind).toBe('builtin');
    const idx = await openIndex(dirs.index, builtin);
    const hits = await searchIndex(idx, '协调会议 牵头部门', { k: 5 });
    expect(hits[0].docId).toBe('000_a21187bb345200ac.txt');
    expect(hits[0].text).toContain('每季度定期召开协调会议');
  });

  it('does nothing when nothing changed, replaces changed files and drops removed ones', async () => {
    const first = await ingest({ paths: [dirs.src], indexDir: dirs.index, embedder: builtin });
    const again = await ingest({ paths: [dirs.src], indexDir: dirs.index, embedder: builtin });
    expect(again.changed).toBe(false);
    expect(again.generation).toBeNull();
    expect(readCurrentGeneration(dirs.index)).toBe(first.generation);
    expect(again.unchanged).toHaveLength(5);

    const f = join(dirs.src, '003_771f313df9559ae5.txt');
    writeFileSync(f, readFileSync(f, 'utf8').replace('森林覆盖率达到47%', '森林覆盖率达到49%'));
    rmSync(join(dirs.src, '001_250f5e31d127e930.txt'));
    const third = await ingest({ paths: [dirs.src], indexDir: dirs.index, embedder: builtin });
    expect(third.updated).toEqual(['003_771f313df9559ae5.txt']);
    expect(third.removed).toEqual(['001_250f5e31d127e930.txt']);
    expect(third.documents).toBe(4);
    const idx = await openIndex(dirs.index, builtin);
    expect(idx.docs.has('001_250f5e31d127e930.txt')).toBe(false);
    expect(idx.docs.get('003_771f313df9559ae5.txt')!.clean.text).toContain('森林覆盖率达到49%');
  });

  it('re-reads unchanged files parsed by an older parser, and records the parser version', async () => {
    const first = await ingest({ paths: [dirs.src], indexDir: dirs.index, embedder: builtin });
    const genDir = join(dirs.index, first.generation!);
    expect(readManifest(genDir).parserVersion).toBe(PARSER_VERSION);
    // The same generation as an older parser left it: no version, and a parse that differs.
    const manifest = JSON.parse(readFileSync(join(genDir, 'manifest.json'), 'utf8'));
    delete manifest.parserVersion;
    writeFileSync(join(genDir, 'manifest.json'), JSON.stringify(manifest));
    const again = await ingest({ paths: [dirs.src], indexDir: dirs.index, embedder: builtin });
    expect(again.changed).toBe(true);
    expect(again.unchanged).toEqual([]);
    expect(again.updated).toHaveLength(5);
    expect(readManifest(join(dirs.index, again.generation!)).parserVersion).toBe(PARSER_VERSION);
    // Once re-read, nothing changes.
    expect((await ingest({ paths: [dirs.src], indexDir: dirs.index, embedder: builtin })).changed).toBe(false);
  });

  it('reports bad files with stable codes and ingests the rest', async () => {
    writeFileSync(join(dirs.src, 'empty.txt'), '');
    writeFileSync(join(dirs.src, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3, 0, 0]));
    writeFileSync(join(dirs.src, 'copy.txt'), readFileSync(join(dirs.src, '004_01ad0f74c71dd3d5.txt')));
    writeFileSync(join(dirs.src, 'big.txt'), 'x'.repeat(2048));
    writeFileSync(
      join(dirs.src, 'gbk.txt'),
      iconv.encode('某某县关于印发水土保持实施方案的通知\n一、总体目标\n到2025年，全县水土保持率达到60%。\n', 'gb18030'),
    );
    const r = await ingest({ paths: [dirs.src], indexDir: dirs.index, embedder: builtin, maxFileBytes: 1024 * 1024 });
    const codes = Object.fromEntries(r.problems.map((p) => [p.file.split('/').pop(), p.code]));
    expect(codes['empty.txt']).toBe('FILE_EMPTY');
    expect(codes['binary.txt']).toBe('FILE_BINARY');
    expect(codes['copy.txt']).toBe('FILE_DUPLICATE');
    expect(r.documents).toBe(7); // five + big.txt + gbk.txt
    const small = await ingest({ paths: [join(dirs.src, 'big.txt')], indexDir: dirs.index, embedder: builtin, maxFileBytes: 100 });
    expect(small.problems.map((p) => p.code)).toEqual(['FILE_TOO_LARGE']);
    const idx = await openIndex(dirs.index, builtin);
    expect(idx.docs.get('gbk.txt')!.clean.text).toContain('全县水土保持率达到60%');
  });

  it('leaves the previous index serving when an ingest is interrupted before the swap', async () => {
    const first = await ingest({ paths: [dirs.src], indexDir: dirs.index, embedder: builtin });
    writeFileSync(join(dirs.src, 'new.txt'), '某某县实施方案\n一、总体目标\n到2030年，全县森林覆盖率达到50%。\n');
    await expect(
      ingest({
        paths: [dirs.src],
        indexDir: dirs.index,
        embedder: builtin,
        beforeSwap: () => {
          throw new Error('power cut');
        },
      }),
    ).rejects.toThrow('power cut');
    expect(readCurrentGeneration(dirs.index)).toBe(first.generation);
    const manifest = readManifest(join(dirs.index, first.generation!));
    expect(manifest.documents).toHaveLength(5);
    const idx = await openIndex(dirs.index, builtin);
    expect((await searchIndex(idx, '协调会议', { k: 1 })).length).toBe(1);
    // No half-written generation is left behind, and the lock is released.
    expect(readdirSync(dirs.index).filter((e) => e.startsWith('gen-'))).toEqual([first.generation]);
    expect(existsSync(join(dirs.index, 'ingest.lock'))).toBe(false);
  });

  it('refuses to query an index with another embedder', async () => {
    await ingest({ paths: [dirs.src], indexDir: dirs.index, embedder: builtin });
    await expect(openIndex(dirs.index, { kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', model: 'x' })).rejects.toMatchObject({
      code: 'EMBEDDER_MISMATCH',
    });
  });

  it('refuses a second concurrent ingest on the same index', async () => {
    const a = ingest({ paths: [dirs.src], indexDir: dirs.index, embedder: builtin });
    await expect(ingest({ paths: [dirs.src], indexDir: dirs.index, embedder: builtin })).rejects.toMatchObject({ code: 'INDEX_LOCKED' });
    await a;
  });
});
