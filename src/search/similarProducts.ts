import type { SqlExecutor } from '../db/port.js';
import { ZavaError } from '../errors.js';
import { withStoreContext } from '../tenant/withStoreContext.js';
import { withDetails, type ProductMatch, type SearchContext, type SemanticStatus } from './productSearch.js';
import { fuseRankings, type Candidate } from './rankFusion.js';
import { FULL_TEXT_SQL, PRODUCT_EMBEDDING_SQL, PRODUCT_TEXT_SQL } from './searchQueries.js';
import { semanticReadiness } from './semanticReadiness.js';
import { findModel, vectorCandidates } from './vectorCandidates.js';

export interface SimilarProductsResult {
  product: { store_id: string; product_id: string; product_name: string };
  method: 'semantic' | 'full_text';
  semantic: SemanticStatus;
  results: ProductMatch[];
  note?: string;
}

/**
 * Products like a given one, in the bound stores: its own stored vector against the
 * model's index, or full-text search on its name when vectors are unavailable.
 * A product outside the bound stores is "not found", exactly like one that does not exist.
 */
export async function findSimilarProducts(context: SearchContext, productId: string, maxRows: number): Promise<SimilarProductsResult> {
  const readiness = semanticReadiness(context.embeddings, context.capabilities);
  return withStoreContext(
    context.db,
    context.storeIds,
    async (tx) => {
      const product = (await tx.query<{ store_id: string; product_id: string; product_name: string; brand: string }>(PRODUCT_TEXT_SQL, [productId], { timeoutMs: context.timeoutMs })).rows[0];
      if (!product) throw new ZavaError('not_found', `no product ${productId} in the bound stores`);
      const subject = { store_id: product.store_id, product_id: product.product_id, product_name: product.product_name };
      let reason = readiness.ready ? undefined : readiness.reason;
      if (readiness.ready) {
        const model = await findModel(tx, readiness.provider.model, context.timeoutMs);
        const stored = model && (await tx.query<{ embedding: string }>(PRODUCT_EMBEDDING_SQL, [productId, model.embedding_model], { timeoutMs: context.timeoutMs })).rows[0];
        if (model && stored) {
          const found = await vectorCandidates(tx, { vector: stored.embedding, model, threshold: -1, wanted: maxRows, exclude: productId }, context.timeoutMs);
          const results = await withDetails(tx, fuseRankings({ semantic: found.candidates }, maxRows), context.timeoutMs);
          return { product: subject, method: 'semantic' as const, semantic: { used: true, model: model.embedding_model }, results };
        }
        reason = `product ${productId} has no embedding for ${readiness.provider.model}; run \`zava-mcp embed\``;
      }
      const results = await byName(tx, `${product.product_name} ${product.brand}`, productId, maxRows, context.timeoutMs);
      return {
        product: subject,
        method: 'full_text' as const,
        semantic: { used: false, unavailable_reason: reason },
        results,
        note: `semantic search unavailable (${reason}); similar products come from full-text search on the product's name`,
      };
    },
    { readOnly: true },
  );
}

async function byName(tx: SqlExecutor, text: string, exclude: string, maxRows: number, timeoutMs: number): Promise<ProductMatch[]> {
  const rows = (await tx.query<Candidate>(FULL_TEXT_SQL, [text, maxRows + 1], { timeoutMs })).rows.filter((row) => row.product_id !== exclude);
  return withDetails(tx, fuseRankings({ full_text: rows }, maxRows), timeoutMs);
}
