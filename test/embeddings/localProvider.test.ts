import { env } from '@huggingface/transformers';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestModel } from '../../scripts/build-test-model.js';
import { createEmbeddingProvider } from '../../src/embeddings/factory.js';
import type { EmbeddingProvider } from '../../src/embeddings/provider.js';
import { cosineSimilarity } from '../../src/embeddings/vectors.js';
import { embeddingSettings, TINY_MODEL_NAME, tinyModelSettings } from './helpers/tinyModel.js';

async function readyProvider(settings: Parameters<typeof createEmbeddingProvider>[0], batchSize?: number): Promise<EmbeddingProvider> {
  const outcome = await createEmbeddingProvider(settings, batchSize ? { local: { batchSize } } : {});
  if (outcome.status !== 'ready') throw new Error(`expected a ready provider, got ${JSON.stringify(outcome)}`);
  return outcome.provider;
}

const norm = (vector: Float32Array) => Math.hypot(...vector);

describe('the local provider on the tiny test model', () => {
  let provider: EmbeddingProvider;

  beforeAll(async () => {
    provider = await readyProvider(await tinyModelSettings());
  });

  afterAll(async () => {
    await provider.close?.();
  });

  it('names itself local with the configured model and the dimension from config.json', () => {
    expect(provider.name).toBe('local');
    expect(provider.model).toBe(TINY_MODEL_NAME);
    expect(provider.dimensions).toBe(32);
  });

  it('returns unit-length vectors of the model dimension', async () => {
    const vectors = await provider.embed(['insulated cooler for camping', 'Noise cancelling headphones!', 'zzzz qqq']);
    expect(vectors).toHaveLength(3);
    for (const vector of vectors) {
      expect(vector).toBeInstanceOf(Float32Array);
      expect(vector).toHaveLength(32);
      expect(norm(vector)).toBeCloseTo(1, 5);
    }
  });

  it('gives a text the same vector every time, alone or inside a padded batch', async () => {
    const [alone] = await provider.embed(['waterproof hiking boots']);
    const [again] = await provider.embed(['waterproof hiking boots']);
    const batch = await provider.embed(['a much longer text about a stainless steel kitchen knife set for the chef', 'waterproof hiking boots']);
    expect(Array.from(again!)).toEqual(Array.from(alone!));
    Array.from(batch[1]!).forEach((value, i) => expect(value).toBeCloseTo(alone![i]!, 6));
  });

  it('embeds 100 texts in input order across several batches', async () => {
    const words = ['tent', 'coffee', 'laptop', 'shampoo', 'dog', 'sofa', 'drill', 'novel', 'tire', 'yoga'];
    const texts = Array.from({ length: 100 }, (_, i) => `${words[i % 10]} ${words[Math.floor(i / 10)]} ${i}`);
    const vectors = await provider.embed(texts);
    expect(vectors).toHaveLength(100);
    for (const index of [0, 31, 32, 63, 64, 99]) {
      const [expected] = await provider.embed([texts[index]!]);
      expect(cosineSimilarity(vectors[index]!, expected!)).toBeCloseTo(1, 5);
    }
  });

  it('puts related product texts closer together than unrelated ones', async () => {
    const [query, cooler, headphones] = await provider.embed([
      'keeps drinks cold on a camping trip',
      'insulated cooler for camping',
      'noise cancelling headphones',
    ]);
    const related = cosineSimilarity(query!, cooler!);
    const unrelated = cosineSimilarity(query!, headphones!);
    expect(related).toBeGreaterThan(unrelated + 0.3);
  });

  it('returns an empty array for no texts', async () => {
    await expect(provider.embed([])).resolves.toEqual([]);
  });

  it('embeds an empty string as a unit vector instead of failing', async () => {
    const [vector] = await provider.embed(['']);
    expect(norm(vector!)).toBeCloseTo(1, 5);
  });

  it('rejects with the abort reason when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped by the caller'));
    await expect(provider.embed(['tent'], controller.signal)).rejects.toThrow('stopped by the caller');
  });
});

describe('loading the local model', () => {
  it('reads the dimension from config.json rather than assuming one', async () => {
    const outDir = await mkdtemp(path.join(os.tmpdir(), 'zava-tiny16-'));
    try {
      const modelDir = await buildTestModel(outDir, { hiddenSize: 16 });
      const provider = await readyProvider(embeddingSettings({ embeddings: 'local', localModel: TINY_MODEL_NAME, modelDir }));
      expect(provider.dimensions).toBe(16);
      const [vector] = await provider.embed(['camping tent']);
      expect(vector).toHaveLength(16);
      await provider.close?.();
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });

  it('uses batches of the configured size and keeps the order', async () => {
    const provider = await readyProvider(await tinyModelSettings(), 3);
    const texts = ['tent', 'coffee mug', 'laptop charger', 'dog leash', 'garden hose', 'yoga mat', 'car tire'];
    const batched = await provider.embed(texts);
    for (const [index, text] of texts.entries()) {
      const [alone] = await provider.embed([text]);
      expect(cosineSimilarity(batched[index]!, alone!)).toBeCloseTo(1, 5);
    }
    await provider.close?.();
  });

  it('makes no network request and leaves the transformers.js env as it found it', async () => {
    const original = { allowRemoteModels: env.allowRemoteModels, allowLocalModels: env.allowLocalModels, cacheDir: env.cacheDir };
    const configured = { allowRemoteModels: true, allowLocalModels: true, cacheDir: path.join(os.tmpdir(), 'someone-elses-cache') };
    Object.assign(env, configured);
    const fetchSpy = vi.spyOn(env, 'fetch');
    try {
      const provider = await readyProvider(await tinyModelSettings());
      await provider.embed(['camping stove']);
      await provider.close?.();
      expect(fetchSpy).not.toHaveBeenCalled();
      expect({ allowRemoteModels: env.allowRemoteModels, allowLocalModels: env.allowLocalModels, cacheDir: env.cacheDir }).toEqual(configured);
    } finally {
      fetchSpy.mockRestore();
      Object.assign(env, original);
    }
  });

  it('refuses to embed after close', async () => {
    const provider = await readyProvider(await tinyModelSettings());
    await provider.close?.();
    await expect(provider.embed(['tent'])).rejects.toMatchObject({ code: 'embedding_failed' });
  });
});
