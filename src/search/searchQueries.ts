import { checkedDimensions } from './vectorLiteral.js';

/**
 * Named search queries. They run in a store session: row-level security keeps every
 * one of them inside the bound stores, including the HNSW scans.
 */

/** Lab 04's full-text expression, the one idx_products_text_search indexes. */
export const PRODUCT_DOCUMENT =
  "to_tsvector('english', p.product_name || ' ' || COALESCE(p.product_description, '') || ' ' || COALESCE(p.brand, ''))";

/** Iterative scans keep HNSW reading past other stores' rows until the LIMIT is met. */
export const ITERATIVE_SCAN_SETTINGS_SQL =
  "SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true), set_config('hnsw.ef_search', $1::text, true)";

/**
 * Only active products are results. A scalar subquery (unlike EXISTS, which the
 * planner turns into a join) stays a filter on the index scan, so an iterative HNSW
 * scan keeps reading until enough active products of the bound stores are found.
 */
const ACTIVE_PRODUCT =
  '(SELECT p.is_active FROM products p WHERE p.store_id = pe.store_id AND p.product_id = pe.product_id)';

/**
 * Approximate nearest products of one model through its partial HNSW index
 * (expression and predicate match the index). $1 vector, $2 model, $3 candidates.
 * Relaxed order means the scan's order is approximate: materialise, then re-sort.
 */
export function nearestByIndexSql(dimensions: number): string {
  const d = checkedDimensions(dimensions);
  return `
WITH nearest AS MATERIALIZED (
  SELECT pe.store_id, pe.product_id, pe.embedding::vector(${d}) <=> $1::vector(${d}) AS distance
    FROM product_embeddings pe
   WHERE pe.embedding_model = $2 AND ${ACTIVE_PRODUCT}
   ORDER BY pe.embedding::vector(${d}) <=> $1::vector(${d})
   LIMIT $3)
SELECT store_id, product_id, (1 - distance)::float8 AS score FROM nearest ORDER BY distance, product_id`;
}

/** Exact nearest products (no index): the reference the approximate search is held to. */
export const NEAREST_EXACT_SQL = `
SELECT pe.store_id, pe.product_id, (1 - (pe.embedding <=> $1::vector))::float8 AS score
  FROM product_embeddings pe
 WHERE pe.embedding_model = $2 AND ${ACTIVE_PRODUCT}
 ORDER BY pe.embedding <=> $1::vector, pe.product_id
 LIMIT $3`;

/**
 * Full-text candidates with OR semantics: plainto_tsquery stems and drops stop
 * words, then its terms are joined with | so that a descriptive question matches
 * products sharing any of its words. $1 query text, $2 candidates.
 */
export const FULL_TEXT_SQL = `
WITH q AS (SELECT NULLIF(replace(plainto_tsquery('english', $1)::text, ' & ', ' | '), '')::tsquery AS query)
SELECT p.store_id, p.product_id, ts_rank_cd(${PRODUCT_DOCUMENT}, q.query)::float8 AS score
  FROM products p, q
 WHERE q.query IS NOT NULL AND ${PRODUCT_DOCUMENT} @@ q.query AND p.is_active
 ORDER BY score DESC, p.product_id
 LIMIT $2`;

/** Product names close to the query despite misspellings (pg_trgm word similarity). $1 text, $2 candidates. */
export const TRIGRAM_SQL = `
SELECT p.store_id, p.product_id, word_similarity($1, p.product_name)::float8 AS score
  FROM products p
 WHERE $1 <% p.product_name AND p.is_active
 ORDER BY score DESC, p.product_id
 LIMIT $2`;

export const TRIGRAM_THRESHOLD_SQL = "SELECT set_config('pg_trgm.word_similarity_threshold', $1::text, true)";

/** What a search result shows of a product. $1 store ids, $2 product ids (pairwise). */
export const PRODUCT_DETAILS_SQL = `
SELECT p.store_id, p.product_id, p.product_name, p.brand, c.category_name, p.price, p.current_stock,
       p.rating_average, left(p.product_description, 240) AS description
  FROM unnest($1::text[], $2::uuid[]) AS wanted(store_id, product_id)
  JOIN products p ON p.store_id = wanted.store_id AND p.product_id = wanted.product_id
  LEFT JOIN product_categories c ON c.category_id = p.category_id
 WHERE p.is_active`;

/** The stored vector of one product for one model, if the bound stores can see it. */
export const PRODUCT_EMBEDDING_SQL = `
SELECT pe.store_id, pe.product_id, pe.embedding::text AS embedding
  FROM product_embeddings pe
 WHERE pe.product_id = $1 AND pe.embedding_model = $2
 LIMIT 1`;

export const PRODUCT_TEXT_SQL = `
SELECT p.store_id, p.product_id, p.product_name, COALESCE(p.brand, '') AS brand
  FROM products p WHERE p.product_id = $1 LIMIT 1`;

export const MODEL_SQL = `
SELECT embedding_model, dimensions, default_similarity_threshold, index_name,
       EXISTS (SELECT 1 FROM product_embeddings pe WHERE pe.embedding_model = m.embedding_model) AS has_vectors
  FROM embedding_models m WHERE m.embedding_model = $1`;
