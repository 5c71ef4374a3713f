import { env } from '@huggingface/transformers';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { isZavaError } from '../../src/errors.js';
import { createEmbeddingProvider } from '../../src/embeddings/factory.js';
import { pullLocalModel } from '../../src/embeddings/local/pullLocalModel.js';
import { embeddingSettings, TINY_MODEL_NAME, tinyModelDir } from './helpers/tinyModel.js';

let scratch: string;
let fetchSpy: MockInstance<typeof env.fetch>;

beforeEach(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'zava-models-'));
  fetchSpy = vi.spyOn(env, 'fetch');
});

afterEach(async () => {
  fetchSpy.mockRestore();
  await rm(scratch, { recursive: true, force: true });
});

describe('a local model that is not there', () => {
  it('is unavailable with a reason naming the cache dir and the fix, and nothing is downloaded', async () => {
    const outcome = await createEmbeddingProvider(embeddingSettings({ embeddings: 'local', modelCacheDir: scratch }));
    expect(outcome).toEqual({
      status: 'unavailable',
      provider: 'local',
      reason: `the local model Xenova/all-MiniLM-L6-v2 is not in ${scratch}; run \`zava-mcp models pull\` online or set ZAVA_MODEL_DIR`,
    });
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(env.allowRemoteModels).toBe(true);
  });

  it('names the files an incomplete ZAVA_MODEL_DIR lacks', async () => {
    const modelDir = path.join(scratch, TINY_MODEL_NAME);
    await cp(await tinyModelDir(), modelDir, { recursive: true });
    await rm(path.join(modelDir, 'tokenizer.json'));
    const outcome = await createEmbeddingProvider(embeddingSettings({ embeddings: 'local', localModel: TINY_MODEL_NAME, modelDir }));
    expect(outcome.status).toBe('unavailable');
    expect(outcome).toMatchObject({ reason: expect.stringContaining(`ZAVA_MODEL_DIR ${modelDir} is incomplete (no tokenizer.json)`) });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('refuses a ZAVA_MODEL_DIR that holds a different model than ZAVA_LOCAL_MODEL names', async () => {
    const outcome = await createEmbeddingProvider(embeddingSettings({ embeddings: 'local', modelDir: await tinyModelDir() }));
    expect(outcome.status).toBe('unavailable');
    expect(outcome).toMatchObject({ reason: expect.stringMatching(/is not named all-MiniLM-L6-v2, the model ZAVA_LOCAL_MODEL names/) });
  });

  it('is unavailable, not a crash, when the model files are corrupt', async () => {
    const modelDir = path.join(scratch, TINY_MODEL_NAME);
    await cp(await tinyModelDir(), modelDir, { recursive: true });
    await writeFile(path.join(modelDir, 'onnx', 'model.onnx'), 'not an onnx model');
    const outcome = await createEmbeddingProvider(embeddingSettings({ embeddings: 'local', localModel: TINY_MODEL_NAME, modelDir }));
    expect(outcome.status).toBe('unavailable');
    expect(outcome).toMatchObject({ reason: expect.stringMatching(new RegExp(`^could not load the local model ${TINY_MODEL_NAME} from .+; `)) });
    expect((outcome as { reason: string }).reason).not.toContain('\n');
  });
});

describe('a model in the cache directory', () => {
  it('loads offline from <cache>/<owner>/<name>, where a pull puts it', async () => {
    const cached = path.join(scratch, 'zava', TINY_MODEL_NAME);
    await mkdir(path.dirname(cached), { recursive: true });
    await cp(await tinyModelDir(), cached, { recursive: true });
    const outcome = await createEmbeddingProvider(
      embeddingSettings({ embeddings: 'local', localModel: `zava/${TINY_MODEL_NAME}`, modelCacheDir: scratch }),
    );
    if (outcome.status !== 'ready') throw new Error(JSON.stringify(outcome));
    expect(outcome.provider.model).toBe(`zava/${TINY_MODEL_NAME}`);
    expect(await outcome.provider.embed(['tent'])).toHaveLength(1);
    await outcome.provider.close?.();
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

describe('pulling the local model without a network', () => {
  it('fails with one line naming the model, the cause and the fix, and restores the env', async () => {
    fetchSpy.mockRejectedValue(new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND huggingface.co') }));
    const before = { allowRemoteModels: env.allowRemoteModels, allowLocalModels: env.allowLocalModels, cacheDir: env.cacheDir };
    const error = await pullLocalModel(embeddingSettings({ modelCacheDir: scratch })).catch((caught: unknown) => caught);
    expect(isZavaError(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'embedding_failed',
      message:
        'could not download Xenova/all-MiniLM-L6-v2 from the Hugging Face hub: fetch failed (getaddrinfo ENOTFOUND huggingface.co); copy the model directory and set ZAVA_MODEL_DIR',
    });
    expect(String(fetchSpy.mock.calls[0]?.[0])).toContain('huggingface.co/Xenova/all-MiniLM-L6-v2/');
    expect({ allowRemoteModels: env.allowRemoteModels, allowLocalModels: env.allowLocalModels, cacheDir: env.cacheDir }).toEqual(before);
  });

  it('refuses a model id that is not a hub id', async () => {
    await expect(pullLocalModel(embeddingSettings({ localModel: '../../etc', modelCacheDir: scratch }))).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
