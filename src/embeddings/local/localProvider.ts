import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import { ZavaError } from '../../errors.js';
import { errorSummary } from '../errorText.js';
import type { EmbeddingProvider, EmbeddingSettings, ProviderOutcome } from '../provider.js';
import { locateLocalModel } from './modelLocation.js';
import { withTransformersEnv } from './transformersEnv.js';

export interface LocalProviderOptions {
  /** Texts per forward pass; bounds memory (the batch is padded to its longest text). */
  batchSize?: number;
}

const DEFAULT_BATCH_SIZE = 32;

/**
 * The configured local model, loaded offline: from ZAVA_MODEL_DIR, or from the
 * model cache where `zava-mcp models pull` put it. Never downloads.
 */
export async function openLocalProvider(
  settings: Pick<EmbeddingSettings, 'localModel' | 'modelDir' | 'modelCacheDir'>,
  options: LocalProviderOptions = {},
): Promise<ProviderOutcome> {
  const model = settings.localModel;
  const located = locateLocalModel(settings);
  if (!located.ok) return { status: 'unavailable', provider: 'local', reason: located.reason };
  let extractor: FeatureExtractionPipeline;
  try {
    extractor = await loadOffline(located.dir);
  } catch (error) {
    const reason = `could not load the local model ${model} from ${located.dir}: ${errorSummary(error)}; run \`zava-mcp models pull\` again or fix ZAVA_MODEL_DIR`;
    return { status: 'unavailable', provider: 'local', reason };
  }
  const dimensions = (extractor.model.config as { hidden_size?: unknown }).hidden_size;
  if (typeof dimensions !== 'number' || !Number.isInteger(dimensions) || dimensions < 1) {
    await extractor.dispose();
    return { status: 'unavailable', provider: 'local', reason: `the local model ${model} in ${located.dir} has no hidden_size in config.json, so its dimension is unknown` };
  }
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  const provider = new LocalEmbeddingProvider(extractor, model, dimensions, batchSize);
  return { status: 'ready', provider };
}

/**
 * Loads by absolute directory path: transformers.js treats a path that is not a
 * hub id as local-only, so neither the hub nor its own models folder is consulted.
 */
async function loadOffline(dir: string): Promise<FeatureExtractionPipeline> {
  const { pipeline } = await import('@huggingface/transformers');
  return withTransformersEnv({ allowRemoteModels: false, allowLocalModels: true }, () =>
    pipeline('feature-extraction', dir, { dtype: 'fp32', local_files_only: true }),
  );
}

class LocalEmbeddingProvider implements EmbeddingProvider {
  readonly name = 'local';
  private closed = false;

  constructor(
    private readonly extractor: FeatureExtractionPipeline,
    readonly model: string,
    readonly dimensions: number,
    private readonly batchSize: number,
  ) {}

  async embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    signal?.throwIfAborted();
    if (this.closed) throw new ZavaError('embedding_failed', `the local model ${this.model} was closed`);
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.batchSize) {
      const batch = texts.slice(start, start + this.batchSize);
      vectors.push(...(await this.embedBatch(batch)));
      signal?.throwIfAborted();
    }
    return vectors;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.extractor.dispose();
  }

  private async embedBatch(batch: string[]): Promise<Float32Array[]> {
    let output: Awaited<ReturnType<FeatureExtractionPipeline['_call']>>;
    try {
      // The library's own mean pooling (over the attention mask) and L2 normalisation.
      output = await this.extractor(batch, { pooling: 'mean', normalize: true });
    } catch (error) {
      throw new ZavaError('embedding_failed', `the local model ${this.model} failed to embed: ${errorSummary(error)}`, {}, { cause: error });
    }
    const [rows, columns] = output.dims;
    if (rows !== batch.length || columns !== this.dimensions || !(output.data instanceof Float32Array)) {
      throw new ZavaError('embedding_failed', `the local model ${this.model} returned [${output.dims.join(', ')}] float data, expected [${batch.length}, ${this.dimensions}]`);
    }
    const data = output.data;
    const vectors: Float32Array[] = [];
    // slice() copies, so the vectors outlive the tensor's buffer.
    for (let row = 0; row < rows; row++) vectors.push(data.slice(row * columns, (row + 1) * columns));
    output.dispose();
    if (!vectors.every((vector) => vector.every(Number.isFinite))) {
      throw new ZavaError('embedding_failed', `the local model ${this.model} produced a non-finite vector`);
    }
    return vectors;
  }
}
