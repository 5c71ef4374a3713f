import { ZavaError } from '../errors.js';
import type { StoreTransaction } from '../tenant/storeSession.js';
import { withDetails, type SearchContext } from './productSearch.js';
import { fuseRankings, type Candidate } from './rankFusion.js';
import { FULL_TEXT_SQL, PRODUCT_EMBEDDING_SQL, PRODUCT_TEXT_SQL } from './searchQueries.js';
import type { ProductMatch, SimilarProductsResult } from './searchShapes.js';
import { semanticReadiness } from './semanticReadiness.js';
import { findModel, vectorCandidates } from './vectorCandidates.js';

/**
 * Products like a given one, in the bound stores: its own stored vector against the
 * model's index, or full-text search on its name when vectors are unavailable.
 * A product outside the bound stores is "not found", exactly like one that does not exist.
 */
export async function findSimilarProducts(context: SearchContext, productId: string, maxRows: number): Promise<SimilarProductsResult> {
  const readiness = semanticReadiness(context.embeddings, context.capabilities);
  return context.session.read(async (tx) => {
    const product = (await tx.query<{ store_id: string; product_id: string; product_name: string; brand: string }>(PRODUCT_TEXT_SQL, [productId])).rows[0];
    if (!product) throw new ZavaError('not_found', `no product ${productId} in the bound stores`);
    const subject = { store_id: product.store_id, product_id: product.product_id, product_name: product.product_name };
    let reason = readiness.ready ? undefined : readiness.reason;
    if (readiness.ready) {
      const model = await findModel(tx, readiness.provider.model);
      const stored = model && (await tx.query<{ embedding: string }>(PRODUCT_EMBEDDING_SQL, [productId, model.embedding_model])).rows[0];
      if (model && stored) {
        const found = await vectorCandidates(tx, { vector: stored.embedding, model, threshold: -1, wanted: maxRows, exclude: productId });
        const results = await withDetails(tx, fuseRankings({ semantic: found.candidates }, maxRows));
        return { product: subject, method: 'semantic' as const, semantic: { used: true, model: model.embedding_model }, results };
      }
      reason = `product ${productId} has no embedding for ${readiness.provider.model}; run \`zava-mcp embed\``;
    }
    const results = await byName(tx, `${product.product_name} ${product.brand}`, productId, maxRows);
    return {
      product: subject,
      method: 'full_text' as const,
      semantic: { used: false, unavailable_reason: reason },
      results,
      note: `semantic search unavailable (${reason}); similar products come from full-text search on the product's name`,
    };
  });
}

async function byName(tx: StoreTransaction, text: string, exclude: string, maxRows: number): Promise<ProductMatch[]> {
  const rows = (await tx.query<Candidate>(FULL_TEXT_SQL, [text, maxRows + 1])).rows.filter((row) => row.product_id !== exclude);
  return withDetails(tx, fuseRankings({ full_text: rows }, maxRows));
}
