-- requires: vector>=0.8
-- hnsw.ef_search takes at most 1000: search_products_by_similarity set twice max_results,
-- so max_results above 500 failed. The rest of the function is as in 010.
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
  -- pgvector accepts ef_search from 1 to 1000; iterative scans read on past it up to the LIMIT.
  PERFORM set_config('hnsw.ef_search', least(greatest(candidates, 100), 1000)::text, true);
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
