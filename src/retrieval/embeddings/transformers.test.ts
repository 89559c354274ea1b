import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../core/errors.js';
import { dot } from './base.js';
import { writeTinyModel, type TinyModel } from '../../testing/tiny-model.js';
import { modelCardDefaults, TransformersEmbedder, type TransformersEmbedderOptions } from './transformers.js';

const BGE_ZH_INSTRUCTION = '为这个句子生成表示以用于检索相关文章：';
let root: string;
let tiny: TinyModel;

function embedder(options: TransformersEmbedderOptions = {}): TransformersEmbedder {
  return new TransformersEmbedder({ modelsDir: tiny.modelsDir, model: tiny.model, allowRemote: false, queryInstruction: BGE_ZH_INSTRUCTION, ...options });
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'tiny-model-'));
  tiny = writeTinyModel(join(root, 'models'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('TransformersEmbedder on the generated tiny model (offline)', () => {
  it('knows its dimension from config.json before loading, and names dtype and pooling in its id', () => {
    expect(embedder().info()).toEqual({ kind: 'transformers', model: 'tiny/bert-zh', dimension: 16, id: 'transformers:tiny/bert-zh:16:q8-mean' });
    expect(embedder({ dtype: 'fp32', pooling: 'cls' }).info().id).toBe('transformers:tiny/bert-zh:16:fp32-cls');
  });

  it('embeds unit vectors of the model dimension, deterministically', async () => {
    const e = embedder();
    const texts = ['全省水土保持率达到目标', '领导小组办公室设在自然资源局'];
    const a = await e.embedDocuments(texts);
    expect(a).toHaveLength(2);
    for (const v of a) {
      expect(v).toHaveLength(16);
      expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    }
    expect(await e.embedDocuments(texts)).toEqual(a);
    expect(await embedder().embedDocuments(texts)).toEqual(a);
    expect((await e.load()).dimension).toBe(16);
  });

  it('prefixes queries with the instruction (and only then differs from the document vector)', async () => {
    const text = '水土保持率目标';
    const withInstruction = embedder();
    expect(await withInstruction.embedQuery(text)).not.toEqual((await withInstruction.embedDocuments([text]))[0]);
    const without = embedder({ queryInstruction: '' });
    expect(await without.embedQuery(text)).toEqual((await without.embedDocuments([text]))[0]);
  });

  it.each(['mean', 'cls'] as const)('scores similar texts above dissimilar ones (%s pooling)', async (pooling) => {
    const e = embedder({ pooling, dtype: 'fp32' });
    const [a, b, c] = await e.embedDocuments(['全省水土保持率达到目标', '全县水土保持率达到目标值', '领导小组办公室设在自然资源局']);
    expect(dot(a, b)).toBeGreaterThan(dot(a, c) + 0.1);
    expect(dot(a, b)).toBeGreaterThan(dot(b, c) + 0.1);
  });

  it.each([
    ['tokenizer.json', {}],
    ['config.json', {}],
    ['tokenizer_config.json', {}],
    ['onnx/model_quantized.onnx', {}],
    ['onnx/model.onnx', { dtype: 'fp32' }],
    ['onnx/model.onnx', { quantized: false }],
  ] as const)('throws MODEL_FILE_MISSING naming %s when it is missing', async (file, options) => {
    const modelsDir = join(root, `broken-${file.replace(/\W/g, '-')}-${Object.keys(options).join('')}`);
    cpSync(tiny.modelsDir, modelsDir, { recursive: true });
    rmSync(join(modelsDir, tiny.model, file));
    const e = embedder({ modelsDir, ...options }); // constructing is lazy: no error yet
    const err = await e.embedDocuments(['水土保持']).catch((x) => x);
    expect(isAppError(err, 'MODEL_FILE_MISSING')).toBe(true);
    expect(err.message).toContain(join(modelsDir, tiny.model, file));
    expect(err.message).toContain('POLICY_ALLOW_REMOTE_MODELS=true');
    expect(() => e.checkFiles()).toThrow(expect.objectContaining({ code: 'MODEL_FILE_MISSING' }));
  });

  it('exports the settings that shape its vectors', () => {
    expect(embedder({ pooling: 'cls' }).exportState()).toEqual({
      model: 'tiny/bert-zh',
      dtype: 'q8',
      pooling: 'cls',
      queryInstruction: BGE_ZH_INSTRUCTION,
      documentInstruction: '',
    });
  });
});

describe('modelCardDefaults', () => {
  it('follows the model cards: BGE uses CLS and its instruction, E5 its prefixes, others mean pooling', () => {
    expect(modelCardDefaults('Xenova/bge-small-zh-v1.5')).toEqual({ pooling: 'cls', queryInstruction: BGE_ZH_INSTRUCTION, documentInstruction: '' });
    expect(modelCardDefaults('BAAI/bge-base-en-v1.5').queryInstruction).toMatch(/^Represent this sentence/);
    expect(modelCardDefaults('Xenova/multilingual-e5-small')).toEqual({ pooling: 'mean', queryInstruction: 'query: ', documentInstruction: 'passage: ' });
    expect(modelCardDefaults('tiny/bert-zh')).toEqual({ pooling: 'mean', queryInstruction: '', documentInstruction: '' });
  });

  it('defaults a bge-zh embedder to CLS pooling with the Chinese query instruction', () => {
    expect(new TransformersEmbedder({ modelsDir: root, model: 'Xenova/bge-small-zh-v1.5' }).exportState()).toMatchObject({
      pooling: 'cls',
      queryInstruction: BGE_ZH_INSTRUCTION,
      dtype: 'q8',
    });
  });
});
