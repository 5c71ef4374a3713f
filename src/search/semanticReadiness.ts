import { vectorsUnavailableReason, type DatabaseCapabilities } from '../db/capabilities.js';
import type { EmbeddingProvider, ProviderOutcome } from '../embeddings/provider.js';
import { hidePaths } from '../errorText.js';

export type SemanticReadiness = { ready: true; provider: EmbeddingProvider } | { ready: false; reason: string };

/**
 * Whether a vector search can run before touching the data; the model's vectors are
 * checked in the session. The reason goes to clients: without the server's paths.
 */
export function semanticReadiness(outcome: ProviderOutcome, capabilities: DatabaseCapabilities): SemanticReadiness {
  const unavailable = vectorsUnavailableReason(capabilities);
  if (unavailable) return { ready: false, reason: unavailable };
  if (outcome.status === 'disabled') return { ready: false, reason: 'embeddings are turned off (ZAVA_EMBEDDINGS=none)' };
  if (outcome.status === 'unavailable') return { ready: false, reason: hidePaths(outcome.reason) };
  return { ready: true, provider: outcome.provider };
}
