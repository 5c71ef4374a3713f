import { createEmbeddingProvider, type EmbeddingProviderOptions } from '../../../src/embeddings/factory.js';
import type { EmbeddingProvider, EmbeddingSettings } from '../../../src/embeddings/provider.js';
import type { RetryPolicy } from '../../../src/embeddings/remote/retry.js';

/** Fast, deterministic retries: 1 ms backoff, no jitter. */
export const FAST_RETRY: Partial<RetryPolicy> = { baseDelayMs: 1, maxDelayMs: 4, random: () => 0 };

/** A retry policy whose sleep records the delays and returns at once. */
export function recordingRetry(): { retry: Partial<RetryPolicy>; delays: number[] } {
  const delays: number[] = [];
  return { delays, retry: { ...FAST_RETRY, sleep: async (ms: number) => void delays.push(ms) } };
}

export async function readyProvider(settings: EmbeddingSettings, options: EmbeddingProviderOptions = {}): Promise<EmbeddingProvider> {
  const outcome = await createEmbeddingProvider(settings, options);
  if (outcome.status !== 'ready') throw new Error(`expected a ready provider, got ${JSON.stringify(outcome)}`);
  return outcome.provider;
}

/** The error a promise rejects with; fails the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected the promise to reject');
}
