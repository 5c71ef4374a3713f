-- requires: vector>=0.8
-- Semantic search objects; applied only where pgvector 0.8+ is available (PGlite
-- always; stock PostgreSQL packages and embedded-postgres lack it, and then this file
-- waits). 0.8 brought iterative index scans, which keep a store-filtered HNSW search
-- from coming back short.
CREATE EXTENSION IF NOT EXISTS vector;

-- Untyped, so vectors of several models and dimensions share the column; each model
-- gets its own partial HNSW index over a cast to its dimension (pgvector's documented
-- pattern for mixed dimensions).
ALTER TABLE retail.product_embeddings ADD COLUMN IF NOT EXISTS embedding vector;
COMMENT ON COLUMN retail.product_embeddings.embedding IS 'The vector; its dimension is that of embedding_model.';

CREATE TABLE IF NOT EXISTS retail.embedding_models (
  embedding_model              VARCHAR(100) PRIMARY KEY,
  provider                     VARCHAR(20) NOT NULL,
  dimensions                   INTEGER NOT NULL CHECK (dimensions BETWEEN 1 AND 2000),
  default_similarity_threshold DOUBLE PRECISION NOT NULL CHECK (default_similarity_threshold BETWEEN -1 AND 1),
  index_name                   TEXT
);
COMMENT ON TABLE retail.embedding_models IS 'Embedding models known to this database, their dimension, default similarity threshold and HNSW index.';
ALTER TABLE retail.embedding_models ENABLE ROW LEVEL SECURITY;
ALTER TABLE retail.embedding_models FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS embedding_models_owner_access ON retail.embedding_models;
CREATE POLICY embedding_models_owner_access ON retail.embedding_models FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS embedding_models_shared_read ON retail.embedding_models;
CREATE POLICY embedding_models_shared_read ON retail.embedding_models FOR SELECT TO mcp_user USING (true);
GRANT SELECT ON retail.embedding_models TO mcp_user;

-- Creates the partial HNSW index of one model; the model name only ever reaches the
-- DDL as a quoted literal.
CREATE OR REPLACE FUNCTION retail_private.ensure_embedding_index(model TEXT, dims INTEGER, index_name TEXT) RETURNS VOID
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
  IF dims IS NULL OR dims < 1 OR dims > 2000 THEN
    RAISE EXCEPTION 'HNSW indexes take 1 to 2000 dimensions, not %', dims USING ERRCODE = '22023';
  END IF;
  EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON retail.product_embeddings USING hnsw ((embedding::vector(%s)) vector_cosine_ops) WHERE embedding_model = %L',
                 index_name, dims, model);
END
$$;
REVOKE ALL ON FUNCTION retail_private.ensure_embedding_index(TEXT, INTEGER, TEXT) FROM PUBLIC;

-- Thresholds: Lab 04's 0.7 misses most related items; these models put related
-- product texts around 0.3-0.6 (see README, "Semantic search").
INSERT INTO retail.embedding_models (embedding_model, provider, dimensions, default_similarity_threshold, index_name) VALUES
  ('text-embedding-3-small', 'openai', 1536, 0.25, 'idx_product_embeddings_vector'),
  ('Xenova/all-MiniLM-L6-v2', 'local', 384, 0.25, 'idx_product_embeddings_vector_minilm')
ON CONFLICT (embedding_model) DO NOTHING;

SELECT retail_private.ensure_embedding_index(embedding_model, dimensions, index_name)
FROM retail.embedding_models WHERE index_name IS NOT NULL;

-- Lab 04's function, safe: it runs as the caller (row-level security applies) and
-- also filters by the verified store context, so a forged context returns nothing.
CREATE OR REPLACE FUNCTION retail.search_products_by_similarity(
  search_embedding     vector,
  similarity_threshold DOUBLE PRECISION DEFAULT NULL,
  max_results          INTEGER DEFAULT 20,
  embedding_model      TEXT DEFAULT NULL
)
RETURNS TABLE (product_id UUID, product_name VARCHAR(200), product_description TEXT, brand VARCHAR(100),
               price DECIMAL(10,2), similarity_score DOUBLE PRECISION)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, public, pg_temp
SET hnsw.iterative_scan = 'relaxed_order'
SET hnsw.ef_search = 100
AS $$
DECLARE
  context_stores TEXT[] := retail.verified_store_ids();
  dims INTEGER := vector_dims(search_embedding);
  model TEXT := embedding_model;
  threshold DOUBLE PRECISION := similarity_threshold;
  candidates INTEGER;
BEGIN
  IF context_stores IS NULL THEN
    RETURN;
  END IF;
  IF max_results IS NULL OR max_results < 1 OR max_results > 1000 THEN
    RAISE EXCEPTION 'max_results must be between 1 and 1000' USING ERRCODE = '22023';
  END IF;
  IF model IS NULL THEN
    SELECT min(m.embedding_model), count(*) INTO model, candidates
      FROM retail.embedding_models m WHERE m.dimensions = dims;
    IF candidates = 0 THEN
      RAISE EXCEPTION 'no embedding model has % dimensions', dims USING ERRCODE = '22023';
    ELSIF candidates > 1 THEN
      RAISE EXCEPTION 'several embedding models have % dimensions; pass embedding_model', dims USING ERRCODE = '22023';
    END IF;
  END IF;
  IF threshold IS NULL THEN
    SELECT m.default_similarity_threshold INTO threshold FROM retail.embedding_models m WHERE m.embedding_model = model;
    threshold := COALESCE(threshold, 0.25);
  END IF;
  -- Over-fetch for the relaxed iterative scan, then re-sort exactly.
  candidates := greatest(max_results * 2, 40);
  PERFORM set_config('hnsw.ef_search', greatest(candidates, 100)::text, true);
  RETURN QUERY EXECUTE format(
    'WITH nearest AS MATERIALIZED (
       SELECT pe.store_id, pe.product_id, pe.embedding::vector(%1$s) <=> $1::vector(%1$s) AS distance
         FROM retail.product_embeddings pe
        WHERE pe.embedding_model = $2 AND pe.store_id = ANY ($3)
        ORDER BY pe.embedding::vector(%1$s) <=> $1::vector(%1$s)
        LIMIT $4)
     SELECT p.product_id, p.product_name, p.product_description, p.brand, p.price, (1 - n.distance)::float8
       FROM nearest n
       JOIN retail.products p ON p.store_id = n.store_id AND p.product_id = n.product_id
      WHERE p.is_active AND 1 - n.distance >= $5
      ORDER BY n.distance
      LIMIT $6', dims)
  USING search_embedding, model, context_stores, candidates, threshold, max_results;
END
$$;
COMMENT ON FUNCTION retail.search_products_by_similarity(vector, DOUBLE PRECISION, INTEGER, TEXT) IS
  'Products of the current store context most similar to search_embedding (cosine). Threshold defaults per model.';
REVOKE ALL ON FUNCTION retail.search_products_by_similarity(vector, DOUBLE PRECISION, INTEGER, TEXT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION retail.search_products_by_similarity(vector, DOUBLE PRECISION, INTEGER, TEXT) TO mcp_user;
