/**
 * Builds `zava-tiny-bert`, a BERT-shaped embedding model small enough to generate at
 * test time. transformers.js loads it through the same code path as a real model
 * (config, WordPiece tokenizer, ONNX session, mean pooling, normalisation); only
 * the network is a single Gather from an embedding table whose rows are built so
 * that words of one topic are close (see test/fixtures/tinyModelWords.ts).
 *
 *   npx tsx scripts/build-test-model.ts [outDir]   (default test/fixtures/generated)
 */
import onnxProto from 'onnx-proto';
import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DESCRIPTIVE_TOPICS, FUNCTION_WORDS, PRODUCT_TOPICS } from '../test/fixtures/tinyModelWords.js';

const { onnx } = onnxProto;

export const TINY_MODEL_NAME = 'zava-tiny-bert';
export const TINY_MODEL_HIDDEN_SIZE = 32;

const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;
const PUNCTUATION = [...'.,;:!?\'"-_&/()[]{}%$#@+*=<>|~`'];
const LETTERS = [...'abcdefghijklmnopqrstuvwxyz'];
const DIGITS = [...'0123456789'];
const SUFFIXES = ['s', 'es', 'ed', 'er', 'ers', 'ing', 'ly', 'y', 'ness', 'able'];

// Row norms by kind of token: meaning words dominate the mean-pooled sentence,
// function words, pieces and [CLS]/[SEP] barely move it.
const WEIGHT = { product: 1, descriptive: 0.45, function: 0.08, piece: 0.1, special: 0.05 } as const;
const WORD_NOISE = 0.3;

interface TokenSpec {
  token: string;
  weight: number;
  topics: readonly string[];
}

export interface TinyModel {
  vocab: readonly string[];
  hiddenSize: number;
  /** Row-major [vocab.length, hiddenSize]. */
  table: Float32Array;
}

/** The vocabulary and embedding table; a pure function of the word lists and the size. */
export function tinyModel(hiddenSize = TINY_MODEL_HIDDEN_SIZE): TinyModel {
  const specs = tokenSpecs();
  const table = new Float32Array(specs.length * hiddenSize);
  specs.forEach((spec, row) => {
    const vector = spec.token === '[PAD]' ? new Float64Array(hiddenSize) : rowVector(spec, hiddenSize);
    for (let i = 0; i < hiddenSize; i++) table[row * hiddenSize + i] = vector[i]!;
  });
  return { vocab: specs.map((spec) => spec.token), hiddenSize, table };
}

function tokenSpecs(): TokenSpec[] {
  const specs = new Map<string, TokenSpec>();
  const add = (token: string, weight: number, topics: readonly string[] = []): void => {
    const existing = specs.get(token);
    if (!existing) specs.set(token, { token, weight, topics });
    else if (weight >= existing.weight) specs.set(token, { token, weight, topics: [...new Set([...existing.topics, ...topics])] });
  };
  for (const token of SPECIAL_TOKENS) add(token, WEIGHT.special);
  for (const token of [...PUNCTUATION, ...DIGITS, ...LETTERS]) add(token, WEIGHT.piece);
  for (const piece of [...LETTERS, ...DIGITS, ...SUFFIXES]) add(`##${piece}`, WEIGHT.piece);
  for (const word of FUNCTION_WORDS) add(word, WEIGHT.function);
  for (const [topic, words] of Object.entries(DESCRIPTIVE_TOPICS)) for (const word of words) add(word, WEIGHT.descriptive, [topic]);
  for (const [topic, words] of Object.entries(PRODUCT_TOPICS)) for (const word of words) add(word, WEIGHT.product, [topic]);
  return [...specs.values()];
}

function rowVector(spec: TokenSpec, size: number): Float64Array {
  const vector = new Float64Array(size);
  for (const topic of spec.topics) addScaled(vector, unitVector(`topic:${topic}`, size), 1 / Math.sqrt(spec.topics.length));
  // Seeded by the token itself, so adding a word never moves the other rows.
  addScaled(vector, unitVector(`token:${spec.token}`, size), spec.topics.length > 0 ? WORD_NOISE : 1);
  return scaleTo(vector, spec.weight);
}

function unitVector(seed: string, size: number): Float64Array {
  const random = mulberry32(fnv1a(seed));
  const vector = new Float64Array(size);
  for (let i = 0; i < vector.length; i++) {
    // Box-Muller: Gaussian components give directions uniform on the sphere.
    vector[i] = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  }
  return scaleTo(vector, 1);
}

function addScaled(target: Float64Array, source: Float64Array, factor: number): void {
  for (let i = 0; i < target.length; i++) target[i]! += source[i]! * factor;
}

function scaleTo(vector: Float64Array, norm: number): Float64Array {
  const length = Math.hypot(...vector);
  return vector.map((value) => (value / length) * norm);
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function tokenizerJson(vocab: readonly string[]): unknown {
  const ids = Object.fromEntries(vocab.map((token, id) => [token, id]));
  const special = (token: string) => ({ id: token, ids: [ids[token]], tokens: [token] });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((token) => ({
      id: ids[token],
      content: token,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
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
      special_tokens: { '[CLS]': special('[CLS]'), '[SEP]': special('[SEP]') },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: ids },
  };
}

const TOKENIZER_CONFIG = {
  tokenizer_class: 'BertTokenizer',
  do_lower_case: true,
  model_max_length: 512,
  cls_token: '[CLS]',
  sep_token: '[SEP]',
  pad_token: '[PAD]',
  unk_token: '[UNK]',
  mask_token: '[MASK]',
  clean_up_tokenization_spaces: true,
  tokenize_chinese_chars: true,
  strip_accents: null,
};

function modelConfig({ vocab, hiddenSize }: TinyModel): unknown {
  return {
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: hiddenSize,
    vocab_size: vocab.length,
    num_hidden_layers: 0,
    num_attention_heads: 1,
    intermediate_size: hiddenSize,
    max_position_embeddings: 512,
    type_vocab_size: 2,
    pad_token_id: 0,
    zava_note: 'test model built by scripts/build-test-model.ts: last_hidden_state = Gather(embedding table, input_ids)',
  };
}

/** input_ids [batch, seq] -> last_hidden_state [batch, seq, hidden] by one Gather. */
function onnxModel({ vocab, hiddenSize, table }: TinyModel): Uint8Array {
  const { FLOAT, INT64 } = onnx.TensorProto.DataType;
  const tensorType = (elemType: number, dims: (string | number)[]) => ({
    tensorType: {
      elemType,
      shape: { dim: dims.map((dim) => (typeof dim === 'string' ? { dimParam: dim } : { dimValue: dim })) },
    },
  });
  const rawTable = new Uint8Array(table.length * 4);
  const view = new DataView(rawTable.buffer);
  table.forEach((value, index) => view.setFloat32(index * 4, value, true));
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'zava-retail-mcp build-test-model',
    graph: {
      name: TINY_MODEL_NAME,
      node: [{ opType: 'Gather', name: 'embed', input: ['word_embeddings', 'input_ids'], output: ['last_hidden_state'] }],
      initializer: [{ name: 'word_embeddings', dataType: FLOAT, dims: [vocab.length, hiddenSize], rawData: rawTable }],
      // attention_mask is declared so the model has BERT's signature; mean pooling
      // applies the mask outside the graph, so the graph itself never reads it.
      input: [
        { name: 'input_ids', type: tensorType(INT64, ['batch', 'sequence']) },
        { name: 'attention_mask', type: tensorType(INT64, ['batch', 'sequence']) },
      ],
      output: [{ name: 'last_hidden_state', type: tensorType(FLOAT, ['batch', 'sequence', hiddenSize]) }],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/**
 * Writes `<outDir>/zava-tiny-bert/` and returns its path. Output is byte-for-byte
 * deterministic and every file is replaced atomically, so concurrent test workers
 * may build into the same directory.
 */
export async function buildTestModel(outDir: string, { hiddenSize = TINY_MODEL_HIDDEN_SIZE } = {}): Promise<string> {
  const modelDir = path.join(path.resolve(outDir), TINY_MODEL_NAME);
  const model = tinyModel(hiddenSize);
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  await writeAtomically(path.join(modelDir, 'config.json'), json(modelConfig(model)));
  await writeAtomically(path.join(modelDir, 'tokenizer.json'), json(tokenizerJson(model.vocab)));
  await writeAtomically(path.join(modelDir, 'tokenizer_config.json'), json(TOKENIZER_CONFIG));
  await writeAtomically(path.join(modelDir, 'onnx', 'model.onnx'), onnxModel(model));
  return modelDir;
}

async function writeAtomically(file: string, content: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, file);
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const defaultOut = fileURLToPath(new URL('../test/fixtures/generated', import.meta.url));
  const modelDir = await buildTestModel(process.argv[2] ?? defaultOut);
  console.log(modelDir);
}
