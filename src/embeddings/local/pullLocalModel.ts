import { ZavaError } from '../../errors.js';
import { errorSummary } from '../errorText.js';
import type { EmbeddingSettings } from '../provider.js';
import { cachedModelDir, checkModelId, missingModelFiles, modelCacheDir } from './modelLocation.js';
import { withTransformersEnv } from './transformersEnv.js';

export interface PullProgress {
  /** transformers.js's status: 'initiate', 'download', 'progress', 'done', 'ready', ... */
  status: string;
  file?: string;
  /** 0-100 for 'progress' events. */
  progress?: number;
  loaded?: number;
  total?: number;
}

export interface PulledModel {
  model: string;
  dir: string;
  dimensions: number;
}

/**
 * Downloads the configured local model from the Hugging Face hub into the model
 * cache (only the files the fp32 feature-extraction pipeline reads), then loads it
 * once to prove it works. Files already in the cache are not downloaded again.
 */
export async function pullLocalModel(
  settings: Pick<EmbeddingSettings, 'localModel' | 'modelCacheDir'>,
  onProgress?: (event: PullProgress) => void,
): Promise<PulledModel> {
  const model = settings.localModel;
  const badId = checkModelId(model);
  if (badId) throw new ZavaError('invalid_argument', badId);
  const cacheDir = modelCacheDir(settings);
  const { pipeline } = await import('@huggingface/transformers');
  let dimensions: unknown;
  try {
    // allowLocalModels=false: skip transformers.js's own models folder, so every
    // file comes from the cache dir or the hub and lands in the cache dir.
    const extractor = await withTransformersEnv({ allowRemoteModels: true, allowLocalModels: false, cacheDir }, () =>
      pipeline('feature-extraction', model, {
        dtype: 'fp32',
        cache_dir: cacheDir,
        local_files_only: false,
        ...(onProgress ? { progress_callback: (event: unknown) => onProgress(toProgress(event)) } : {}),
      }),
    );
    dimensions = (extractor.model.config as { hidden_size?: unknown }).hidden_size;
    await extractor.dispose();
  } catch (error) {
    throw new ZavaError(
      'embedding_failed',
      `could not download ${model} from the Hugging Face hub: ${errorSummary(error)}; copy the model directory and set ZAVA_MODEL_DIR`,
      {},
      { cause: error },
    );
  }
  const dir = cachedModelDir(settings, model);
  const missing = missingModelFiles(dir);
  if (missing.length > 0 || typeof dimensions !== 'number') {
    throw new ZavaError('embedding_failed', `${model} was fetched but ${dir} lacks ${missing.join(', ') || 'hidden_size in config.json'}; it cannot be used as a local model`);
  }
  return { model, dir, dimensions };
}

function toProgress(event: unknown): PullProgress {
  const fields = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
  const pick = (name: string) => (typeof fields[name] === 'number' ? (fields[name] as number) : undefined);
  return {
    status: typeof fields['status'] === 'string' ? fields['status'] : 'unknown',
    ...(typeof fields['file'] === 'string' ? { file: fields['file'] } : {}),
    ...(pick('progress') !== undefined ? { progress: pick('progress') } : {}),
    ...(pick('loaded') !== undefined ? { loaded: pick('loaded') } : {}),
    ...(pick('total') !== undefined ? { total: pick('total') } : {}),
  };
}
