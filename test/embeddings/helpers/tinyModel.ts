import { fileURLToPath } from 'node:url';
import { buildTestModel, TINY_MODEL_NAME } from '../../../scripts/build-test-model.js';
import { settingsSchema } from '../../../src/config/settings.js';
import type { EmbeddingSettings } from '../../../src/embeddings/provider.js';

export { TINY_MODEL_NAME };

const GENERATED_DIR = fileURLToPath(new URL('../../fixtures/generated', import.meta.url));

let built: Promise<string> | undefined;

/**
 * test/fixtures/generated/zava-tiny-bert, (re)built once per test process. The
 * build is deterministic and writes each file atomically, so parallel workers
 * building at the same moment is harmless.
 */
export function tinyModelDir(): Promise<string> {
  built ??= buildTestModel(GENERATED_DIR);
  return built;
}

/** Valid settings, as loadSettings would produce them, with `overrides` applied. */
export function embeddingSettings(overrides: Partial<EmbeddingSettings>): EmbeddingSettings {
  return settingsSchema.parse(Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)));
}

export async function tinyModelSettings(): Promise<EmbeddingSettings> {
  return embeddingSettings({ embeddings: 'local', localModel: TINY_MODEL_NAME, modelDir: await tinyModelDir() });
}
