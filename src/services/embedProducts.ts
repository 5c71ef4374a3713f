import { detectCapabilities, vectorsUnavailableReason, type DatabaseCapabilities } from '../db/capabilities.js';
import type { DatabasePort, SqlExecutor } from '../db/port.js';
import { contentHash, embeddingText } from '../embeddings/embeddingText.js';
import type { EmbeddingProvider } from '../embeddings/provider.js';
import { ZavaError } from '../errors.js';
import { embeddingId, embeddingIndexName } from '../search/embeddingIndexName.js';
import { toVectorLiteral } from '../search/vectorLiteral.js';

export interface EmbedProgress {
  phase: 'embedding';
  done: number;
  total: number;
}

export interface EmbedReport {
  model: string;
  dimensions: number;
  embedded: number;
  unchanged: number;
  elapsedMs: number;
}

interface ProductText {
  store_id: string;
  product_id: string;
  text: string;
  hash: string;
}

/** Thresholds per provider until a model is calibrated (Lab 04's 0.7 is far too high). */
const DEFAULT_THRESHOLD = 0.25;

const PRODUCTS_SQL = `
SELECT p.store_id, p.product_id, p.product_name, p.brand, c.category_name, p.product_description, p.tags
  FROM retail.products p LEFT JOIN retail.product_categories c ON c.category_id = p.category_id
 ORDER BY p.store_id, p.product_id`;

const UPSERT_SQL = `
INSERT INTO retail.product_embeddings
       (embedding_id, store_id, product_id, embedding_text, embedding_model, content_hash, embedding)
SELECT e.embedding_id, e.store_id, e.product_id, e.embedding_text, $5, e.content_hash, e.embedding::vector
  FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $6::text[], $7::text[])
       AS e(embedding_id, store_id, product_id, embedding_text, content_hash, embedding)
ON CONFLICT (store_id, product_id, embedding_model) DO UPDATE
   SET embedding_text = EXCLUDED.embedding_text, content_hash = EXCLUDED.content_hash,
       embedding = EXCLUDED.embedding, updated_at = now()`;

/**
 * Embeds every product whose text has no current embedding for the provider's
 * model (new, or changed since: the content hash differs). Each batch commits on
 * its own, so an interrupted run resumes where it stopped.
 */
export async function embedProducts(
  db: DatabasePort,
  provider: EmbeddingProvider,
  options: { batchSize?: number; onProgress?: (progress: EmbedProgress) => void; signal?: AbortSignal; capabilities?: DatabaseCapabilities } = {},
): Promise<EmbedReport> {
  const started = performance.now();
  const unavailable = vectorsUnavailableReason(options.capabilities ?? (await detectCapabilities(db)));
  if (unavailable) throw new ZavaError('feature_unavailable', `${unavailable}: product embeddings cannot be stored`);
  await registerModel(db, provider);
  const pending = await productsToEmbed(db, provider.model);
  const batchSize = options.batchSize ?? 64;
  let done = 0;
  options.onProgress?.({ phase: 'embedding', done, total: pending.length });
  for (let start = 0; start < pending.length; start += batchSize) {
    options.signal?.throwIfAborted();
    const batch = pending.slice(start, start + batchSize);
    const vectors = await provider.embed(batch.map((product) => product.text), options.signal);
    await db.transaction({ role: 'owner' }, (tx) => storeBatch(tx, provider.model, batch, vectors));
    done += batch.length;
    options.onProgress?.({ phase: 'embedding', done, total: pending.length });
  }
  // Without statistics the planner cannot tell a store's share of the vectors and
  // never picks the HNSW index (PGlite has no autovacuum to gather them).
  if (pending.length > 0) await db.query('ANALYZE retail.product_embeddings');
  const total = (await db.query<{ count: number }>('SELECT count(*) FROM retail.products')).rows[0]?.count ?? 0;
  return { model: provider.model, dimensions: provider.dimensions, embedded: pending.length, unchanged: total - pending.length, elapsedMs: performance.now() - started };
}

async function registerModel(db: DatabasePort, provider: EmbeddingProvider): Promise<void> {
  await db.transaction({ role: 'owner' }, async (tx) => {
    const existing = await tx.query<{ dimensions: number }>('SELECT dimensions FROM retail.embedding_models WHERE embedding_model = $1', [provider.model]);
    const registered = existing.rows[0];
    if (registered && registered.dimensions !== provider.dimensions) {
      throw new ZavaError('embedding_failed', `model ${provider.model} is registered with ${registered.dimensions} dimensions but returns ${provider.dimensions}`);
    }
    const indexName = embeddingIndexName(provider.model);
    if (!registered) {
      await tx.query(
        'INSERT INTO retail.embedding_models (embedding_model, provider, dimensions, default_similarity_threshold, index_name) VALUES ($1, $2, $3, $4, $5)',
        [provider.model, provider.name, provider.dimensions, DEFAULT_THRESHOLD, indexName],
      );
    }
    await tx.query('SELECT retail_private.ensure_embedding_index($1, $2, $3)', [provider.model, provider.dimensions, indexName]);
  });
}

/** How many products have a vector for `model` that matches their current text. */
export async function currentEmbeddings(db: DatabasePort, model: string): Promise<{ current: number; products: number }> {
  const [pending, products] = await Promise.all([productsToEmbed(db, model), db.query<{ n: number }>('SELECT count(*)::int AS n FROM retail.products')]);
  const total = products.rows[0]?.n ?? 0;
  return { current: total - pending.length, products: total };
}

async function productsToEmbed(db: DatabasePort, model: string): Promise<ProductText[]> {
  const [products, current] = await Promise.all([
    db.query<{ store_id: string; product_id: string; product_name: string; brand: string | null; category_name: string | null; product_description: string | null; tags: string[] | null }>(PRODUCTS_SQL),
    db.query<{ store_id: string; product_id: string; content_hash: string | null }>(
      'SELECT store_id, product_id, content_hash FROM retail.product_embeddings WHERE embedding_model = $1 AND embedding IS NOT NULL',
      [model],
    ),
  ]);
  const hashes = new Map(current.rows.map((row) => [`${row.store_id}/${row.product_id}`, row.content_hash]));
  return products.rows
    .map((product) => {
      const text = embeddingText(product);
      return { store_id: product.store_id, product_id: product.product_id, text, hash: contentHash(text) };
    })
    .filter((product) => hashes.get(`${product.store_id}/${product.product_id}`) !== product.hash);
}

async function storeBatch(tx: SqlExecutor, model: string, batch: ProductText[], vectors: Float32Array[]): Promise<void> {
  if (vectors.length !== batch.length) throw new ZavaError('embedding_failed', `asked for ${batch.length} embeddings, got ${vectors.length}`);
  await tx.query(UPSERT_SQL, [
    batch.map((product) => embeddingId(product.store_id, product.product_id, model)),
    batch.map((product) => product.store_id),
    batch.map((product) => product.product_id),
    batch.map((product) => product.text),
    model,
    batch.map((product) => product.hash),
    vectors.map((vector) => toVectorLiteral(vector)),
  ]);
}
