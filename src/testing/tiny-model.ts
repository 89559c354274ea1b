/**
 * A few-KB, BERT-shaped model that transformers.js loads like any other local model, so the
 * TransformersEmbedder can be tested offline without downloading weights. The ONNX graph is
 * `last_hidden_state = (E_word[input_ids] + E_type[token_type_ids] + mean over the sequence) × mask`:
 * no attention, but every position (CLS included) sees the whole text, so CLS and mean pooling
 * both give text-dependent vectors, and texts sharing characters land close together.
 *
 * The ONNX protobuf is encoded by hand (a dozen fields of a handful of messages) so the
 * product code needs no protobuf library.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng, gaussian } from '../retrieval/embeddings/linalg.js';

/** Options of {@link writeTinyModel}. */
export interface TinyModelOptions {
  /** Model id (folder under the models dir). Default `tiny/bert-zh`. */
  model?: string;
  /** Hidden size. Default 16. */
  hiddenSize?: number;
  /** Seed of the embedding tables. Default 7. */
  seed?: number;
  /** Also write `onnx/model_quantized.onnx` (same graph) so the default q8 dtype loads. Default true. */
  quantizedCopy?: boolean;
}

/** What {@link writeTinyModel} wrote. */
export interface TinyModel {
  /** Pass as `modelsDir`. */
  modelsDir: string;
  /** Pass as `model`. */
  model: string;
  /** Absolute paths of the files written. */
  files: string[];
  hiddenSize: number;
  vocabSize: number;
}

const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
/** The 240 most frequent characters of the corpus, digits and common punctuation. */
const CHARS =
  '保水生土和态实的持作工山理建流制政区护治发一化落复管设推进修部行体全重地局要域监强展责加合资施关任自度府开门用各林分失县为源规人项力目成机然点河法省办动市导业系统务定对大等单农划以方公案面能协环主与境相标效草高不抓位时同提立两中调入产田十按结领完整督组准间二在评有严格性城级新质到改民乡经及造六报综考国于绿程原核沙防好依查通量果本事现照题湖明善三平问会村确西织青文小范精七积年空利职金印措负件镇步清矿挥健况头线策多筹科将耕批社决淤功极测出坝情专色引控内上台价据委厅打型预四审运围期' +
  '0123456789，。、？：；（）《》“”,.?:;()%';

/**
 * Writes the tiny model under `<modelsDir>/<model>/` (config.json, tokenizer.json,
 * tokenizer_config.json, onnx/model.onnx and, by default, onnx/model_quantized.onnx).
 * Deterministic: same options, same bytes.
 */
export function writeTinyModel(modelsDir: string, options: TinyModelOptions = {}): TinyModel {
  const model = options.model ?? 'tiny/bert-zh';
  const hidden = options.hiddenSize ?? 16;
  const vocab = [...SPECIAL, ...new Set(CHARS)];
  const dir = join(modelsDir, model);
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  const files: string[] = [];
  const write = (rel: string, data: string | Uint8Array) => {
    const path = join(dir, rel);
    writeFileSync(path, data);
    files.push(path);
  };
  write('config.json', JSON.stringify(bertConfig(vocab.length, hidden), null, 2));
  write('tokenizer.json', JSON.stringify(bertTokenizer(vocab), null, 2));
  write('tokenizer_config.json', JSON.stringify(tokenizerConfig(), null, 2));
  const onnx = encodeTinyOnnx(vocab.length, hidden, options.seed ?? 7);
  write('onnx/model.onnx', onnx);
  if (options.quantizedCopy ?? true) write('onnx/model_quantized.onnx', onnx);
  return { modelsDir, model, files, hiddenSize: hidden, vocabSize: vocab.length };
}

function bertConfig(vocabSize: number, hidden: number) {
  return {
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: hidden,
    num_hidden_layers: 1,
    num_attention_heads: 1,
    intermediate_size: hidden * 4,
    hidden_act: 'gelu',
    max_position_embeddings: 512,
    type_vocab_size: 2,
    vocab_size: vocabSize,
    pad_token_id: 0,
    layer_norm_eps: 1e-12,
  };
}

function bertTokenizer(vocab: string[]) {
  const id = (t: string) => vocab.indexOf(t);
  const special = (t: string) => ({ id: id(t), content: t, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map(special),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [id('[CLS]')], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [id('[SEP]')], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
    },
  };
}

function tokenizerConfig() {
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    tokenize_chinese_chars: true,
    model_max_length: 512,
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
    clean_up_tokenization_spaces: true,
  };
}

// ---------------------------------------------------------------- ONNX encoding

const FLOAT = 1;
const INT64 = 7;

/** The ONNX ModelProto bytes of the tiny graph (IR 7, opset 14). */
export function encodeTinyOnnx(vocabSize: number, hidden: number, seed: number): Uint8Array {
  const rng = createRng(seed);
  const word = new Float32Array(vocabSize * hidden);
  for (let i = 0; i < word.length; i++) word[i] = gaussian(rng);
  // Special tokens get small rows so the text, not [CLS]/[SEP], dominates the output.
  for (let i = 0; i < SPECIAL.length * hidden; i++) word[i] *= 0.1;
  const types = Float32Array.from({ length: 2 * hidden }, () => 0.1 * gaussian(rng));
  const seqDims: Array<number | string> = ['batch_size', 'sequence_length'];
  const graph = message(
    ...[
      node('Gather', ['word_embeddings', 'input_ids'], ['word']),
      node('Gather', ['token_type_embeddings', 'token_type_ids'], ['type']),
      node('Add', ['word', 'type'], ['summed']),
      node('Cast', ['attention_mask'], ['mask_f'], [intAttr('to', FLOAT)]),
      node('Unsqueeze', ['mask_f', 'axis_last'], ['mask3']),
      node('Mul', ['summed', 'mask3'], ['masked']),
      node('ReduceSum', ['masked', 'axis_seq'], ['total'], [intAttr('keepdims', 1)]),
      node('ReduceSum', ['mask3', 'axis_seq'], ['count'], [intAttr('keepdims', 1)]),
      node('Div', ['total', 'count'], ['mean']),
      node('Add', ['summed', 'mean'], ['contextual']),
      node('Mul', ['contextual', 'mask3'], ['last_hidden_state']),
    ].map((n) => bytesField(1, n)),
    stringField(2, 'tiny_bert'),
    bytesField(5, floatTensor('word_embeddings', [vocabSize, hidden], word)),
    bytesField(5, floatTensor('token_type_embeddings', [2, hidden], types)),
    bytesField(5, int64Tensor('axis_last', [1], [-1])),
    bytesField(5, int64Tensor('axis_seq', [1], [1])),
    bytesField(11, valueInfo('input_ids', INT64, seqDims)),
    bytesField(11, valueInfo('attention_mask', INT64, seqDims)),
    bytesField(11, valueInfo('token_type_ids', INT64, seqDims)),
    bytesField(12, valueInfo('last_hidden_state', FLOAT, [...seqDims, hidden])),
  );
  return message(
    varintField(1, 7), // ir_version
    stringField(2, 'policy-assistant tiny-model'),
    bytesField(7, graph),
    bytesField(8, message(stringField(1, ''), varintField(2, 14))), // opset_import: ai.onnx 14
  );
}

function node(op: string, inputs: string[], outputs: string[], attributes: Uint8Array[] = []): Uint8Array {
  return message(
    ...inputs.map((i) => stringField(1, i)),
    ...outputs.map((o) => stringField(2, o)),
    stringField(3, `${op}_${outputs[0]}`),
    stringField(4, op),
    ...attributes.map((a) => bytesField(5, a)),
  );
}

function intAttr(name: string, value: number): Uint8Array {
  return message(stringField(1, name), varintField(3, value), varintField(20, 2 /* INT */));
}

function floatTensor(name: string, dims: number[], data: Float32Array): Uint8Array {
  const raw = new Uint8Array(data.length * 4);
  const view = new DataView(raw.buffer);
  data.forEach((x, i) => view.setFloat32(i * 4, x, true));
  return message(...dims.map((d) => varintField(1, d)), varintField(2, FLOAT), stringField(8, name), bytesField(9, raw));
}

function int64Tensor(name: string, dims: number[], data: number[]): Uint8Array {
  const raw = new Uint8Array(data.length * 8);
  const view = new DataView(raw.buffer);
  data.forEach((x, i) => view.setBigInt64(i * 8, BigInt(x), true));
  return message(...dims.map((d) => varintField(1, d)), varintField(2, INT64), stringField(8, name), bytesField(9, raw));
}

function valueInfo(name: string, elemType: number, dims: Array<number | string>): Uint8Array {
  const shape = message(...dims.map((d) => bytesField(1, typeof d === 'number' ? varintField(1, d) : stringField(2, d))));
  const tensorType = message(varintField(1, elemType), bytesField(2, shape));
  return message(stringField(1, name), bytesField(2, bytesField(1, tensorType)));
}

// Minimal protobuf wire format: varints (wire type 0) and length-delimited fields (wire type 2).

function varint(value: number | bigint): Uint8Array {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return Uint8Array.from(out);
}

function varintField(field: number, value: number): Uint8Array {
  return concat(varint((field << 3) | 0), varint(value));
}

function bytesField(field: number, bytes: Uint8Array): Uint8Array {
  return concat(varint((field << 3) | 2), varint(bytes.length), bytes);
}

function stringField(field: number, s: string): Uint8Array {
  return bytesField(field, new TextEncoder().encode(s));
}

function message(...fields: Uint8Array[]): Uint8Array {
  return concat(...fields);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
