import { appendFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../core/errors.js';
import { sha256Hex } from './binary.js';
import { FakeEmbedder } from '../testing/fake-embedder.js';
import { RetrievalIndex } from './hybrid.js';
import { loadCorpusChunks } from '../testing/retrieval-corpus.js';

const { chunks, docs } = loadCorpusChunks();
const embedder = new FakeEmbedder(32);
// exactBelow 0 so the loaded index answers dense queries from the HNSW file it read.
const index = RetrievalIndex.build(
  chunks,
  chunks.map((c) => embedder.embedText(c.context)),
  docs,
  { dense: { exactBelow: 0 }, fusion: { denseWeight: 0.4 } },
);
const root = mkdtempSync(join(tmpdir(), 'retrieval-persist-'));
const saved = join(root, 'saved');
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeAll(() => index.save(saved));

/** A fresh copy of the saved index to damage. */
let copies = 0;
function copyOfSaved(): string {
  const dir = join(root, `copy-${copies++}`);
  index.save(dir);
  return dir;
}

function loadError(dir: string): unknown {
  try {
    RetrievalIndex.load(dir);
  } catch (e) {
    return e;
  }
  return undefined;
}

/** Rewrites the manifest's size and checksum of `name` to match its (damaged) content. */
function resealFile(dir: string, name: string): void {
  const manifestPath = join(dir, 'manifest.json');
  const m = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const buf = readFileSync(join(dir, name));
  m.files[name] = { bytes: buf.length, sha256: sha256Hex(buf) };
  writeFileSync(manifestPath, JSON.stringify(m));
}

describe('RetrievalIndex save/load', () => {
  it('round-trips chunks, documents, vectors, BM25, the HNSW graph and options', () => {
    const loaded = RetrievalIndex.load(saved);
    expect(loaded.chunks).toEqual(chunks);
    expect([...loaded.docs.values()]).toEqual(docs);
    expect(loaded.options).toEqual(index.options);
    expect(loaded.dimension).toBe(32);
    for (const q of ['协调会议 牵头部门', '淤地坝', '青山保卫战宣传']) {
      const v = embedder.embedText(q);
      for (const mode of ['hybrid', 'lexical', 'dense'] as const) {
        expect(loaded.search(q, v, { mode, k: 8 })).toEqual(index.search(q, v, { mode, k: 8 }));
      }
      expect(loaded.search(q, v, { region: '山西' })).toEqual(index.search(q, v, { region: '山西' }));
    }
  });

  it.each<[string, (dir: string) => void]>([
    ['the folder is missing', (dir) => rmSync(dir, { recursive: true })],
    ['the manifest is missing (unfinished write)', (dir) => unlinkSync(join(dir, 'manifest.json'))],
    ['the manifest is not JSON', (dir) => writeFileSync(join(dir, 'manifest.json'), '{"format":')],
    [
      'the manifest has another version',
      (dir) => {
        const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
        writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...m, version: 99 }));
      },
    ],
    ['chunks.jsonl is missing', (dir) => unlinkSync(join(dir, 'chunks.jsonl'))],
    [
      'chunks.jsonl was edited',
      (dir) => {
        const p = join(dir, 'chunks.jsonl');
        writeFileSync(p, readFileSync(p, 'utf8').replace('协调', '协商'));
      },
    ],
    ['vectors.f32 is truncated', (dir) => truncateSync(join(dir, 'vectors.f32'), 100)],
    ['bm25.bin has extra bytes', (dir) => appendFileSync(join(dir, 'bm25.bin'), 'x')],
    [
      'hnsw.bin has a flipped byte',
      (dir) => {
        const p = join(dir, 'hnsw.bin');
        const b = readFileSync(p);
        b[b.length >> 1] ^= 0xff;
        writeFileSync(p, b);
      },
    ],
    ['hnsw.bin is missing', (dir) => unlinkSync(join(dir, 'hnsw.bin'))],
    ['docs.json was edited', (dir) => writeFileSync(join(dir, 'docs.json'), '[]')],
    // Damage that also rewrote the manifest: the structural checks still catch it.
    [
      'a chunk line is not a chunk',
      (dir) => {
        const p = join(dir, 'chunks.jsonl');
        const lines = readFileSync(p, 'utf8').split('\n');
        lines[3] = JSON.stringify({ id: 'x' });
        writeFileSync(p, lines.join('\n'));
        resealFile(dir, 'chunks.jsonl');
      },
    ],
    [
      'a chunk belongs to no document',
      (dir) => {
        const p = join(dir, 'docs.json');
        const d = JSON.parse(readFileSync(p, 'utf8'));
        d[0].id = 'renamed';
        writeFileSync(p, JSON.stringify(d));
        resealFile(dir, 'docs.json');
      },
    ],
    [
      'the vectors do not fill count × dim',
      (dir) => {
        truncateSync(join(dir, 'vectors.f32'), 4 * 32 * 3);
        resealFile(dir, 'vectors.f32');
      },
    ],
    [
      'a vector is NaN',
      (dir) => {
        const p = join(dir, 'vectors.f32');
        const b = readFileSync(p);
        b.writeFloatLE(Number.NaN, 8);
        writeFileSync(p, b);
        resealFile(dir, 'vectors.f32');
      },
    ],
    [
      'the BM25 file covers other chunks',
      (dir) => {
        const other = RetrievalIndex.build(
          chunks.slice(0, 5),
          chunks.slice(0, 5).map((c) => embedder.embedText(c.context)),
          docs,
        );
        const tmp = join(root, `other-${copies++}`);
        other.save(tmp);
        writeFileSync(join(dir, 'bm25.bin'), readFileSync(join(tmp, 'bm25.bin')));
        resealFile(dir, 'bm25.bin');
      },
    ],
  ])('throws INDEX_CORRUPT when %s', (_what, damage) => {
    const dir = copyOfSaved();
    damage(dir);
    const err = loadError(dir);
    expect(isAppError(err, 'INDEX_CORRUPT')).toBe(true);
    expect((err as Error).message).toContain(dir);
  });

  it('saves and loads an empty index', () => {
    const dir = join(root, 'empty');
    RetrievalIndex.build([], [], docs).save(dir);
    const loaded = RetrievalIndex.load(dir);
    expect(loaded.size).toBe(0);
    expect(loaded.search('水土', null)).toEqual([]);
  });
});
