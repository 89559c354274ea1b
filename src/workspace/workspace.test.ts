import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../core/config.js';
import { createWorkspace } from './workspace.js';
import { PARENT_ID, corpusPath } from '../testing/corpus.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function setup(withCorpus: boolean) {
  const root = mkdtempSync(join(tmpdir(), 'workspace-test-'));
  dirs.push(root);
  const corpusDir = join(root, 'corpus');
  mkdirSync(corpusDir);
  if (withCorpus) cpSync(corpusPath(PARENT_ID), join(corpusDir, PARENT_ID));
  return loadConfig({}, { corpusDir, indexDir: join(root, 'index'), dataDir: join(root, 'data') });
}

describe('createWorkspace', () => {
  it('builds the index when none exists, and rebuilds a damaged one instead of serving it', async () => {
    const config = setup(true);
    const ws = await createWorkspace(config);
    await ws.ensureIndex();
    expect(ws.status()).toMatchObject({ ready: true, documents: 1 });
    const gen = readFileSync(join(config.indexDir, 'CURRENT'), 'utf8').trim();
    writeFileSync(join(config.indexDir, gen, 'retrieval', 'bm25.bin'), 'not an index');

    const again = await createWorkspace(config);
    await again.ensureIndex();
    expect(again.status().generation).not.toBe(gen);
    expect((await again.ask('山西省2035年的水土保持率目标是多少？', { mode: 'extractive' })).answer).toContain('72.43');
  });

  it('re-reads an index parsed by an older parser at start-up instead of serving its stale parses', async () => {
    const config = setup(true);
    await (await createWorkspace(config)).ensureIndex();
    const gen = readFileSync(join(config.indexDir, 'CURRENT'), 'utf8').trim();
    const manifestPath = join(config.indexDir, gen, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    manifest.parserVersion = 0;
    writeFileSync(manifestPath, JSON.stringify(manifest));

    const again = await createWorkspace(config);
    await again.ensureIndex();
    expect(again.status()).toMatchObject({ ready: true, documents: 1 });
    expect(again.status().generation).not.toBe(gen);
  });

  it('refuses to start on a corpus folder with nothing to ingest, saying why', async () => {
    const config = setup(false);
    const ws = await createWorkspace(config);
    await expect(ws.ensureIndex()).rejects.toMatchObject({ code: 'INDEX_NOT_FOUND' });
    // A second start finds the empty index it left and still refuses.
    await expect(ws.ensureIndex()).rejects.toMatchObject({ code: 'INDEX_NOT_FOUND' });
    rmSync(config.corpusDir, { recursive: true });
    await expect(ws.ensureIndex()).rejects.toThrow(/No such file or folder/);
  });
});
