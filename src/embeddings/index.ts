export type { EmbeddingProvider, EmbeddingProviderName, EmbeddingSettings, ProviderOutcome } from './provider.js';
export { createEmbeddingProvider, type EmbeddingProviderOptions } from './factory.js';
export { pullLocalModel, type PulledModel, type PullProgress } from './local/pullLocalModel.js';
export { locateLocalModel, MODEL_FILES } from './local/modelLocation.js';
export { embeddingText, contentHash, type EmbeddableProduct } from './embeddingText.js';
export { normalize, cosineSimilarity } from './vectors.js';
export { KNOWN_OPENAI_DIMENSIONS } from './remote/openaiProvider.js';
export type { RetryPolicy } from './remote/retry.js';
export type { RequestLimits } from './remote/batching.js';
