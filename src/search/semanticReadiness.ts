import type { DatabaseCapabilities } from '../db/capabilities.js';
import type { EmbeddingProvider, ProviderOutcome } from '../embeddings/provider.js';

export type SemanticReadiness = { ready: true; provider: EmbeddingProvider } | { ready: false; reason: string };

/** Whether a vector search can run before touching the data; the model's vectors are checked in the session. */
export function semanticReadiness(outcome: ProviderOutcome, capabilities: DatabaseCapabilities): SemanticReadiness {
  if (!capabilities.pgvector.installed) return { ready: false, reason: 'pgvector is not installed on this database' };
  if (!capabilities.pgvector.iterativeScan) {
    return { ready: false, reason: `pgvector ${capabilities.pgvector.version} is older than 0.8, which store-filtered HNSW search needs` };
  }
  if (outcome.status === 'disabled') return { ready: false, reason: 'embeddings are turned off (ZAVA_EMBEDDINGS=none)' };
  if (outcome.status === 'unavailable') return { ready: false, reason: outcome.reason };
  return { ready: true, provider: outcome.provider };
}
