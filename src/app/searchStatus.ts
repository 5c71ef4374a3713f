import { vectorsUnavailableReason, type DatabaseCapabilities } from '../db/capabilities.js';
import type { ProviderOutcome } from '../embeddings/provider.js';

/** One line on what product search can do here and why, for the banner and status. */
export function describeSearch(capabilities: DatabaseCapabilities, embeddings: ProviderOutcome, embedded: number | undefined): string {
  const unavailable = vectorsUnavailableReason(capabilities);
  if (unavailable) return `full text only: ${unavailable}`;
  const pgvector = `pgvector ${capabilities.pgvector.version}`;
  if (embeddings.status === 'disabled') return `full text only: embeddings are turned off (ZAVA_EMBEDDINGS=none); ${pgvector}`;
  if (embeddings.status === 'unavailable') return `full text only: ${embeddings.reason}`;
  const { provider } = embeddings;
  return `hybrid: ${provider.name} ${provider.model} (${provider.dimensions} dimensions) + full text, ${pgvector}${embedded ? `; embedded ${embedded} products` : ''}`;
}
