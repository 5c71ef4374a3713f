/**
 * A vector for every product under the local model's name (one high component
 * chosen by the product id): what `embed` would store, without a model. The
 * similarity function and copies of vector tables then have rows to work on.
 */
export const EMBED_EVERY_PRODUCT = `
INSERT INTO retail.product_embeddings (store_id, product_id, embedding_text, embedding_model, content_hash, embedding)
SELECT p.store_id, p.product_id, p.product_name, 'Xenova/all-MiniLM-L6-v2', md5(p.product_name),
       (SELECT array_agg(CASE WHEN i = abs(hashtext(p.product_id::text)) % 384 + 1 THEN 1.0 ELSE 0.01 END ORDER BY i)::real[]::vector
          FROM generate_series(1, 384) AS i)
  FROM retail.products p`;
