import { ZavaError } from '../../errors.js';
import { normalize } from '../vectors.js';

export interface ParsedEmbeddings {
  /** Unit vectors in input order. */
  vectors: Float32Array[];
  /** The model the server says it used, when it says. */
  model: string | undefined;
}

/**
 * Checks an embeddings response against the request: one embedding per input,
 * each index once, one dimension (`dimensions` when known). Servers may return
 * `data` out of order, so vectors are placed by `index`. Embeddings may be float
 * arrays or base64 float32 (some compatible servers ignore encoding_format).
 */
export function parseEmbeddingResponse(body: unknown, inputCount: number, dimensions: number | undefined, label: string): ParsedEmbeddings {
  const fail = (problem: string) => new ZavaError('embedding_failed', `${label} returned an unusable embeddings response: ${problem}`);
  const data = isRecord(body) ? body['data'] : undefined;
  if (!Array.isArray(data)) throw fail('no data array');
  if (data.length !== inputCount) throw fail(`${data.length} embeddings for ${inputCount} inputs`);
  const vectors = new Array<Float32Array | undefined>(inputCount);
  let expected = dimensions;
  for (const item of data) {
    const index = isRecord(item) ? item['index'] : undefined;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= inputCount) throw fail(`an embedding has index ${String(index)}`);
    if (vectors[index]) throw fail(`index ${index} appears twice`);
    const values = decodeEmbedding((item as Record<string, unknown>)['embedding']);
    if (!values) throw fail(`embedding ${index} is neither a number array nor base64 float32`);
    expected ??= values.length;
    if (values.length !== expected) throw fail(`embedding ${index} has ${values.length} dimensions, expected ${expected}`);
    try {
      vectors[index] = normalize(values);
    } catch {
      throw fail(`embedding ${index} is zero or not finite`);
    }
  }
  const model = isRecord(body) && typeof body['model'] === 'string' && body['model'] !== '' ? body['model'] : undefined;
  return { vectors: vectors as Float32Array[], model };
}

function decodeEmbedding(value: unknown): ArrayLike<number> | undefined {
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'base64');
    if (bytes.length === 0 || bytes.length % 4 !== 0) return undefined;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    return Float32Array.from({ length: bytes.length / 4 }, (_, i) => view.getFloat32(i * 4, true));
  }
  if (Array.isArray(value) && value.length > 0 && value.every((entry) => typeof entry === 'number')) return value as number[];
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
