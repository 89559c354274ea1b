import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Embeddings } from '@langchain/core/embeddings';
import { isAppError } from '../../core/errors.js';
import { writeTinyModel } from '../../testing/tiny-model.js';
import { BuiltinEmbedder, createEmbedder, OpenAIEmbedder, restoreEmbedder, TransformersEmbedder, type EmbedderInfo } from './index.js';

const CORPUS = ['翼城县建立部门协调制度，牵头部门每季度定期召开协调会议', '山西省全省水土保持率达到72.43%', '印台区强化宣传引导，营造保护青山的浓厚氛围'];
let root: string;
let modelsDir: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'embedders-'));
  modelsDir = writeTinyModel(join(root, 'models')).modelsDir;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => new Error('expected a rejection'),
    (err) => err,
  );
}

describe('createEmbedder', () => {
  it('defaults to the builtin embedder, ignoring a model name meant for the others', async () => {
    const e = await createEmbedder({ model: 'Xenova/bge-small-zh-v1.5' });
    expect(e).toBeInstanceOf(BuiltinEmbedder);
    expect(e).toBeInstanceOf(Embeddings);
    await e.fit!(CORPUS);
    expect(e.info().model).toBe('tfidf-hash-v1');
  });

  it('builds the transformers and openai embedders without loading or calling anything', async () => {
    const t = await createEmbedder({ kind: 'transformers', modelsDir, model: 'tiny/bert-zh' });
    expect(t).toBeInstanceOf(TransformersEmbedder);
    expect(t.info().dimension).toBe(16);
    const o = await createEmbedder({ kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', model: 'm' });
    expect(o).toBeInstanceOf(OpenAIEmbedder);
    expect(o.info().id).toBe('openai:m:0');
  });

  it('reports a missing model at creation, naming the file', async () => {
    const err = await rejection(createEmbedder({ kind: 'transformers', modelsDir: join(root, 'empty') }));
    expect(isAppError(err, 'MODEL_FILE_MISSING')).toBe(true);
    expect((err as Error).message).toContain(join(root, 'empty', 'Xenova/bge-small-zh-v1.5', 'config.json'));
  });

  it('rejects an unknown kind', async () => {
    expect(isAppError(await rejection(createEmbedder({ kind: 'word2vec' as never })), 'EMBEDDER_UNKNOWN')).toBe(true);
  });
});

describe('restoreEmbedder', () => {
  it('restores the builtin fit from its JSON state: same id, same vectors', async () => {
    const built = await createEmbedder();
    await built.fit!(CORPUS);
    const docs = await built.embedDocuments(CORPUS);
    const info = JSON.parse(JSON.stringify(built.info())) as EmbedderInfo;
    const state = JSON.parse(JSON.stringify(built.exportState!()));
    const restored = await restoreEmbedder(info, state, { kind: 'builtin' });
    expect(restored.info()).toEqual(info);
    expect(await restored.embedDocuments(CORPUS)).toEqual(docs);
    expect(await restored.embedQuery('谁牵头召开协调会议')).toEqual(await built.embedQuery('谁牵头召开协调会议'));
  });

  it('refuses a builtin state that does not match the manifest info (INDEX_CORRUPT)', async () => {
    const built = await createEmbedder();
    await built.fit!(CORPUS);
    const err = await rejection(restoreEmbedder({ ...built.info(), id: 'builtin:tfidf-hash-v1:1024:0000000000' }, built.exportState!()));
    expect(isAppError(err, 'INDEX_CORRUPT')).toBe(true);
  });

  it('refuses a configured kind or model other than the index one (EMBEDDER_MISMATCH)', async () => {
    const info: EmbedderInfo = { kind: 'openai', model: 'm', dimension: 8, id: 'openai:m:8' };
    expect(isAppError(await rejection(restoreEmbedder(info, {}, { kind: 'builtin' })), 'EMBEDDER_MISMATCH')).toBe(true);
    expect(isAppError(await rejection(restoreEmbedder(info, {}, { kind: 'openai', model: 'other' })), 'EMBEDDER_MISMATCH')).toBe(true);
  });

  it('re-creates a transformers embedder with the index settings (dtype, pooling, instruction)', async () => {
    const built = await createEmbedder({ kind: 'transformers', modelsDir, model: 'tiny/bert-zh', dtype: 'fp32', pooling: 'cls', queryInstruction: '查询：' });
    const info = built.info();
    expect(info.id).toBe('transformers:tiny/bert-zh:16:fp32-cls');
    const restored = await restoreEmbedder(info, JSON.parse(JSON.stringify(built.exportState!())), { kind: 'transformers', modelsDir, model: 'tiny/bert-zh' });
    expect(restored.info().id).toBe(info.id);
    expect(await restored.embedQuery('水土保持率')).toEqual(await built.embedQuery('水土保持率'));
    // Same model, but the index says another dimension: not the embedder that built it.
    const err = await rejection(restoreEmbedder({ ...info, dimension: 32, id: 'transformers:tiny/bert-zh:32:fp32-cls' }, built.exportState!(), { modelsDir }));
    expect(isAppError(err, 'EMBEDDER_MISMATCH')).toBe(true);
  });

  it('re-creates an openai embedder expecting the index dimension, without a request', async () => {
    const info: EmbedderInfo = { kind: 'openai', model: 'text-embedding-3-small', dimension: 1536, id: 'openai:text-embedding-3-small:1536' };
    const restored = await restoreEmbedder(
      info,
      { model: 'text-embedding-3-small', queryInstruction: '' },
      { kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1' },
    );
    expect(restored).toBeInstanceOf(OpenAIEmbedder);
    expect(restored.info()).toEqual(info);
  });
});
