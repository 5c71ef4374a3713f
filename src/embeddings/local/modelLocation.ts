import { existsSync } from 'node:fs';
import path from 'node:path';
import { defaultModelCacheDir } from '../../config/paths.js';
import type { EmbeddingSettings } from '../provider.js';

/** What transformers.js reads for a feature-extraction model at dtype fp32. */
export const MODEL_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'] as const;

// The Hugging Face hub's repository id shape; it also keeps the id from walking out of the cache dir.
const MODEL_ID = /^(?:[\w.-]+\/)?[\w.-]{1,96}$/;

export type LocatedModel = { ok: true; dir: string } | { ok: false; reason: string };

export function modelCacheDir(settings: Pick<EmbeddingSettings, 'modelCacheDir'>): string {
  return path.resolve(settings.modelCacheDir ?? defaultModelCacheDir());
}

export function checkModelId(model: string): string | undefined {
  if (MODEL_ID.test(model) && !model.includes('..')) return undefined;
  return `ZAVA_LOCAL_MODEL ${JSON.stringify(model)} is not a model id like Xenova/all-MiniLM-L6-v2`;
}

/** Where transformers.js's file cache keeps a model pulled from the hub (revision main). */
export function cachedModelDir(settings: Pick<EmbeddingSettings, 'modelCacheDir'>, model: string): string {
  return path.join(modelCacheDir(settings), ...model.split('/'));
}

export function missingModelFiles(dir: string): string[] {
  return MODEL_FILES.filter((file) => !existsSync(path.join(dir, file)));
}

/**
 * The directory to load the configured local model from, checked before
 * transformers.js is asked, so a missing model never turns into a download.
 */
export function locateLocalModel(settings: Pick<EmbeddingSettings, 'localModel' | 'modelDir' | 'modelCacheDir'>): LocatedModel {
  const model = settings.localModel;
  if (settings.modelDir) return locateModelDir(path.resolve(settings.modelDir), model);
  const badId = checkModelId(model);
  if (badId) return { ok: false, reason: badId };
  const cacheDir = modelCacheDir(settings);
  const dir = cachedModelDir(settings, model);
  const missing = missingModelFiles(dir);
  if (missing.length === MODEL_FILES.length) {
    return { ok: false, reason: `the local model ${model} is not in ${cacheDir}; run \`zava-mcp models pull\` online or set ZAVA_MODEL_DIR` };
  }
  if (missing.length > 0) {
    return { ok: false, reason: `the local model ${model} in ${dir} is incomplete (no ${missing.join(', ')}); run \`zava-mcp models pull\` online or set ZAVA_MODEL_DIR` };
  }
  return { ok: true, dir };
}

function locateModelDir(dir: string, model: string): LocatedModel {
  // The directory's name must be the model's: vectors are stored under the model
  // name, so a directory holding some other model must not pass for this one.
  const expected = model.split('/').pop() ?? model;
  if (path.basename(dir).toLowerCase() !== expected.toLowerCase()) {
    return {
      ok: false,
      reason: `ZAVA_MODEL_DIR ${dir} is not named ${expected}, the model ZAVA_LOCAL_MODEL names (${model}); point it at that model's directory or set ZAVA_LOCAL_MODEL to the model it holds`,
    };
  }
  const missing = missingModelFiles(dir);
  if (missing.length === MODEL_FILES.length) {
    return { ok: false, reason: `ZAVA_MODEL_DIR ${dir} holds no model (no ${MODEL_FILES.join(', ')}); copy the model's directory there or unset ZAVA_MODEL_DIR` };
  }
  if (missing.length > 0) {
    return { ok: false, reason: `ZAVA_MODEL_DIR ${dir} is incomplete (no ${missing.join(', ')}); copy the whole model directory there` };
  }
  return { ok: true, dir };
}
