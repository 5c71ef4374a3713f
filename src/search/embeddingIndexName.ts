import { createHash } from 'node:crypto';

/** The HNSW index of a model: Lab 04's name for its model, a stable derived name for others. */
export function embeddingIndexName(model: string): string {
  if (model === 'text-embedding-3-small') return 'idx_product_embeddings_vector';
  if (model === 'Xenova/all-MiniLM-L6-v2') return 'idx_product_embeddings_vector_minilm';
  return `idx_product_embeddings_vector_${createHash('sha256').update(model).digest('hex').slice(0, 12)}`;
}

/** Embedding ids derived from what they embed, so re-running embed never mints new ids. */
export function embeddingId(storeId: string, productId: string, model: string): string {
  const hex = createHash('sha256').update(`${storeId}|${productId}|${model}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
