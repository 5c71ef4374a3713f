import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildTestModel, TINY_MODEL_NAME } from '../../scripts/build-test-model.js';
import { settingsSchema } from '../../src/config/settings.js';
import { createEmbeddingProvider, embeddingText, type EmbeddingProvider, type EmbeddingSettings } from '../../src/embeddings/index.js';
import { generateDataset } from '../../src/seed/index.js';
import { mean, percentile } from '../support/stats.js';

export interface ThroughputResult {
  provider: string;
  model: string;
  dimensions: number;
  /** What the numbers stand for, in one line. */
  note: string;
  status: 'measured' | 'unavailable' | 'skipped';
  reason?: string;
  texts?: number;
  meanChars?: number;
  batchSize?: number;
  elapsedMs?: number;
  textsPerSecond?: number;
  /** One text at a time, as a search embeds its query. */
  singleTextMs?: { p50: number; p95: number; samples: number };
}

/** Category names of 003_tables.sql, for the text the app embeds. */
const CATEGORY_NAMES: Record<number, string> = {
  1: 'Electronics',
  2: 'Clothing',
  3: 'Home & Garden',
  4: 'Sports & Outdoors',
  5: 'Books & Media',
  6: 'Health & Beauty',
  7: 'Automotive',
};

/** The texts `zava-mcp embed` would embed for the sample catalogue (the app's own generator, fixed seed). */
export function productTexts(count: number): string[] {
  const perScale = 500;
  const { products } = generateDataset({ seed: 20261126, scale: Math.ceil(count / perScale), asOf: '2026-11-01' });
  return products.slice(0, count).map((product) => embeddingText({ ...product, category_name: CATEGORY_NAMES[product.category_id ?? 0] ?? null }));
}

function settings(overrides: Partial<EmbeddingSettings>): EmbeddingSettings {
  return settingsSchema.parse(Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)));
}

async function measure(provider: EmbeddingProvider, texts: string[], singles: number, batchSize: number): Promise<Omit<ThroughputResult, 'provider' | 'model' | 'dimensions' | 'note' | 'status'>> {
  await provider.embed(texts.slice(0, Math.min(texts.length, batchSize))); // warm-up: session, tokenizer, caches
  const started = performance.now();
  const vectors = await provider.embed(texts);
  const elapsedMs = performance.now() - started;
  if (vectors.length !== texts.length) throw new Error(`asked for ${texts.length} vectors, got ${vectors.length}`);
  const single: number[] = [];
  for (const text of texts.slice(0, singles)) {
    const t = performance.now();
    await provider.embed([text]);
    single.push(performance.now() - t);
  }
  return {
    texts: texts.length,
    meanChars: mean(texts.map((text) => text.length)),
    batchSize,
    elapsedMs,
    textsPerSecond: texts.length / (elapsedMs / 1000),
    singleTextMs: { p50: percentile(single, 50), p95: percentile(single, 95), samples: single.length },
  };
}

/**
 * The local provider with the tiny test model: built by scripts/build-test-model.ts
 * into a temporary directory and loaded by transformers.js exactly as a pulled
 * model is (tokenizer, ONNX session, mean pooling, normalisation).
 */
export async function tinyModelThroughput(texts: string[], singles: number): Promise<ThroughputResult> {
  const base = { provider: 'local (transformers.js)', model: TINY_MODEL_NAME, dimensions: 0 };
  const note =
    'the tiny test model built by scripts/build-test-model.ts (32 dimensions, one Gather layer), NOT all-MiniLM-L6-v2 (which cannot be downloaded here): ' +
    'it measures tokenizer + ONNX runtime + pooling overhead, a 6-layer transformer would be much slower';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zava-bench-model-'));
  try {
    const modelDir = await buildTestModel(dir);
    const batchSize = 32;
    const outcome = await createEmbeddingProvider(settings({ embeddings: 'local', localModel: TINY_MODEL_NAME, modelDir }), { local: { batchSize } });
    if (outcome.status !== 'ready') {
      return { ...base, note, status: 'unavailable', reason: outcome.status === 'unavailable' ? outcome.reason : 'disabled' };
    }
    try {
      const result = await measure(outcome.provider, texts, singles, batchSize);
      return { ...base, dimensions: outcome.provider.dimensions, note, status: 'measured', ...result };
    } finally {
      await outcome.provider.close?.();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** OpenAI (or a compatible server at OPENAI_BASE_URL), only when OPENAI_API_KEY is set; a few hundred texts at most. */
export async function openAiThroughput(texts: string[], singles: number): Promise<ThroughputResult> {
  const model = process.env.ZAVA_OPENAI_MODEL || 'text-embedding-3-small';
  const base = { provider: 'openai', model, dimensions: 0, note: 'remote API: network round trips dominate' };
  if (!process.env.OPENAI_API_KEY) return { ...base, status: 'skipped', reason: 'OPENAI_API_KEY is not set' };
  const outcome = await createEmbeddingProvider(
    settings({ embeddings: 'openai', openaiApiKey: process.env.OPENAI_API_KEY, openaiBaseUrl: process.env.OPENAI_BASE_URL || undefined, openaiModel: model }),
  );
  if (outcome.status !== 'ready') return { ...base, status: 'unavailable', reason: outcome.status === 'unavailable' ? outcome.reason : 'disabled' };
  try {
    const result = await measure(outcome.provider, texts.slice(0, 256), Math.min(singles, 10), 256);
    return { ...base, dimensions: outcome.provider.dimensions, status: 'measured', ...result };
  } finally {
    await outcome.provider.close?.();
  }
}
