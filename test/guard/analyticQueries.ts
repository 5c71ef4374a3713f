/** Realistic analytics a model writes against the retail schema; every one must pass the guard and run. */
export interface AnalyticQuery {
  behaviour: string;
  sql: string;
}

const LAB_DOCUMENT = "to_tsvector('english', product_name || ' ' || COALESCE(product_description, '') || ' ' || COALESCE(brand, ''))";

export const ANALYTIC_QUERIES: readonly AnalyticQuery[] = [
  {
    behaviour: 'a monthly revenue CTE with lag() and a rolling sum over ROWS BETWEEN',
    sql: `WITH monthly AS (
  SELECT date_trunc('month', st.transaction_date) AS month, sum(st.total_amount) AS revenue
  FROM sales_transactions st
  WHERE st.transaction_type = 'sale' AND st.transaction_date >= now() - interval '12 months'
  GROUP BY 1
)
SELECT month, revenue,
       revenue - lag(revenue) OVER (ORDER BY month) AS change,
       sum(revenue) OVER (ORDER BY month ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS rolling_3
FROM monthly
ORDER BY month`,
  },
  {
    behaviour: 'the top products per category with rank() OVER (PARTITION BY ... ORDER BY ...)',
    sql: `SELECT * FROM (
  SELECT pc.category_name, p.product_name, sum(sti.total_price) AS revenue,
         rank() OVER (PARTITION BY pc.category_name ORDER BY sum(sti.total_price) DESC) AS rnk
  FROM sales_transaction_items sti
  JOIN products p ON p.store_id = sti.store_id AND p.product_id = sti.product_id
  JOIN product_categories pc ON pc.category_id = p.category_id
  GROUP BY pc.category_name, p.product_name
) ranked
WHERE rnk <= 5`,
  },
  {
    behaviour: 'aggregates with FILTER and percentile_cont/percentile_disc WITHIN GROUP',
    sql: `SELECT count(*) FILTER (WHERE transaction_type = 'return') AS returns,
       count(*) FILTER (WHERE transaction_type = 'sale') AS sales,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY total_amount) AS median_ticket,
       percentile_disc(0.9) WITHIN GROUP (ORDER BY total_amount) AS p90,
       avg(total_amount)::numeric(10, 2) AS avg_ticket,
       mode() WITHIN GROUP (ORDER BY payment_method) AS usual_payment
FROM sales_transactions`,
  },
  {
    behaviour: 'a date spine from generate_series left-joined to sales',
    sql: `WITH days AS (
  SELECT d::date AS day FROM generate_series(current_date - 29, current_date, interval '1 day') AS d
)
SELECT days.day, COALESCE(sum(st.total_amount), 0) AS revenue
FROM days
LEFT JOIN sales_transactions st ON st.transaction_date::date = days.day
GROUP BY days.day
ORDER BY days.day`,
  },
  {
    behaviour: 'a LATERAL subquery for the latest transactions of each customer',
    sql: `SELECT c.first_name, c.last_name, recent.transaction_date, recent.total_amount
FROM customers c
CROSS JOIN LATERAL (
  SELECT st.transaction_date, st.total_amount
  FROM sales_transactions st
  WHERE st.store_id = c.store_id AND st.customer_id = c.customer_id
  ORDER BY st.transaction_date DESC
  LIMIT 3
) AS recent`,
  },
  {
    behaviour: 'UNION ALL of counts over several tables',
    sql: `SELECT 'customers' AS kind, count(*) AS n FROM customers
UNION ALL
SELECT 'products', count(*) FROM products
UNION ALL
SELECT 'transactions', count(*) FROM sales_transactions`,
  },
  {
    behaviour: 'CASE, COALESCE and NULLIF for stock status and margins',
    sql: `SELECT p.product_name,
       CASE WHEN p.current_stock <= p.reorder_point THEN 'reorder'
            WHEN p.current_stock >= p.maximum_stock THEN 'overstock'
            ELSE 'ok' END AS stock_status,
       round(100.0 * (p.price - COALESCE(p.cost, 0)) / NULLIF(p.price, 0), 1) AS margin_pct,
       GREATEST(p.current_stock - p.minimum_stock, 0) AS spare
FROM products p
WHERE p.is_active`,
  },
  {
    behaviour: 'string_agg with DISTINCT and ORDER BY, and jsonb ->> in a FILTER',
    sql: `SELECT p.brand,
       string_agg(DISTINCT p.color, ', ' ORDER BY p.color) AS colors,
       count(*) FILTER (WHERE p.metadata ->> 'material' = 'cotton') AS cotton_items,
       jsonb_agg(jsonb_build_object('sku', p.sku, 'price', p.price)) AS items
FROM products p
GROUP BY p.brand`,
  },
  {
    behaviour: 'array containment, ANY and unnest over product tags',
    sql: `SELECT tag, count(*) AS products
FROM products p, unnest(p.tags) AS tag
WHERE p.tags @> ARRAY['outdoor'] OR 'sale' = ANY (p.tags) OR cardinality(p.tags) > 3
GROUP BY tag
ORDER BY products DESC`,
  },
  {
    behaviour: "full-text search with the lab's to_tsvector expression and ts_rank",
    sql: `SELECT product_name,
       ts_rank(${LAB_DOCUMENT}, plainto_tsquery('english', 'running shoes')) AS rank
FROM products
WHERE ${LAB_DOCUMENT} @@ plainto_tsquery('english', 'running shoes')
ORDER BY rank DESC`,
  },
  {
    behaviour: 'websearch_to_tsquery and ts_headline',
    sql: `SELECT product_name, ts_headline('english', product_description, websearch_to_tsquery('english', '"rain jacket" -kids'))
FROM products
WHERE ${LAB_DOCUMENT} @@ websearch_to_tsquery('english', '"rain jacket" -kids')`,
  },
  {
    behaviour: 'trigram similarity with the % operator',
    sql: `SELECT product_name, similarity(product_name, 'jaket') AS score, word_similarity('jaket', product_name) AS word_score
FROM products
WHERE product_name % 'jaket'
ORDER BY score DESC`,
  },
  {
    behaviour: "the store context through current_setting('app.current_store_id', true) and the retail helpers",
    sql: `SELECT current_setting('app.current_store_id', true) AS store_context,
       retail.current_store_ids() AS stores,
       retail.verified_store_ids() AS verified,
       current_setting('app.current_store_id') AS same_again`,
  },
  { behaviour: 'a plain EXPLAIN of a SELECT', sql: 'EXPLAIN SELECT * FROM customers WHERE loyalty_tier = $$gold$$' },
  { behaviour: 'EXPLAIN ANALYZE of a join', sql: 'EXPLAIN ANALYZE SELECT count(*) FROM products p JOIN product_categories pc USING (category_id)' },
  { behaviour: 'EXPLAIN with options in parentheses', sql: 'EXPLAIN (ANALYZE, COSTS false, FORMAT TEXT, VERBOSE) SELECT * FROM stores' },
  { behaviour: 'a statement ending with a semicolon', sql: 'SELECT 1;' },
  { behaviour: 'a statement ending with a -- comment', sql: 'SELECT count(*) FROM customers -- how many customers' },
  {
    behaviour: 'WITH RECURSIVE walking the category tree with a path array',
    sql: `WITH RECURSIVE tree AS (
  SELECT category_id, category_name, ARRAY[category_name]::text[] AS path, 1 AS depth
  FROM product_categories WHERE parent_category_id IS NULL
  UNION ALL
  SELECT c.category_id, c.category_name, t.path || c.category_name::text, t.depth + 1
  FROM product_categories c JOIN tree t ON c.parent_category_id = t.category_id
)
SELECT t.category_name, t.path, t.depth FROM tree t ORDER BY t.path`,
  },
  {
    behaviour: 'extract, date_part, to_char and date_trunc by week',
    sql: `SELECT to_char(date_trunc('week', transaction_date), 'YYYY-MM-DD') AS week,
       extract(isodow FROM min(transaction_date)) AS first_dow,
       date_part('hour', max(transaction_date)) AS last_hour,
       count(*) AS n
FROM sales_transactions
WHERE transaction_date BETWEEN make_date(2024, 1, 1) AND now()
GROUP BY 1
ORDER BY 1`,
  },
  {
    behaviour: 'customer age from age() and date arithmetic with intervals',
    sql: `SELECT loyalty_tier,
       count(*) AS customers,
       avg(extract(year FROM age(current_date, date_of_birth))) AS avg_age,
       count(*) FILTER (WHERE customer_since > current_date - interval '90 days') AS new_customers
FROM customers
GROUP BY loyalty_tier`,
  },
  { behaviour: 'a VALUES list joined as a lookup table', sql: `SELECT t.tier, t.rank_order, count(c.customer_id) AS n
FROM (VALUES ('bronze', 1), ('silver', 2), ('gold', 3), ('platinum', 4)) AS t(tier, rank_order)
LEFT JOIN customers c ON c.loyalty_tier = t.tier
GROUP BY t.tier, t.rank_order
ORDER BY t.rank_order` },
  { behaviour: 'a bare VALUES statement', sql: "VALUES (1, 'one'), (2, 'two')" },
  { behaviour: 'TABLE of a retail table', sql: 'TABLE stores' },
  {
    behaviour: 'pgvector distances and vector_dims on product embeddings',
    sql: `SELECT pe.product_id, pe.embedding_model, vector_dims(pe.embedding) AS dims,
       cosine_distance(pe.embedding, pe.embedding) AS self_distance,
       pe.embedding <=> pe.embedding AS same_by_operator
FROM product_embeddings pe
LIMIT 5`,
  },
  {
    behaviour: 'retail.search_products_by_similarity with a 384-dimension vector built in SQL',
    sql: `SELECT s.product_name, s.similarity_score
FROM retail.search_products_by_similarity(
  (SELECT ('[' || string_agg('0.1', ',') || ']')::vector FROM generate_series(1, 384)), 0.2, 10) AS s`,
  },
  {
    behaviour: 'INTERSECT and EXCEPT between customer sets',
    sql: `SELECT customer_id FROM sales_transactions WHERE transaction_type = 'sale'
INTERSECT
SELECT customer_id FROM sales_transactions WHERE payment_method = 'cash'
EXCEPT
SELECT customer_id FROM sales_transactions WHERE transaction_type = 'return'`,
  },
  {
    behaviour: 'ROLLUP with GROUPING()',
    sql: `SELECT region, store_type, count(*) AS stores, GROUPING(region, store_type) AS level
FROM stores
GROUP BY ROLLUP (region, store_type)`,
  },
  { behaviour: 'DISTINCT ON with ORDER BY', sql: 'SELECT DISTINCT ON (customer_id) customer_id, transaction_date, total_amount FROM sales_transactions ORDER BY customer_id, transaction_date DESC' },
  {
    behaviour: 'EXISTS and IN subqueries',
    sql: `SELECT c.email
FROM customers c
WHERE EXISTS (SELECT 1 FROM sales_transactions st WHERE st.customer_id = c.customer_id AND st.total_amount > 500)
  AND c.store_id IN (SELECT store_id FROM stores WHERE region = 'west')`,
  },
  {
    behaviour: 'ntile, dense_rank, percent_rank and first_value windows',
    sql: `SELECT customer_id, total_lifetime_value,
       ntile(4) OVER w AS quartile,
       dense_rank() OVER w AS dr,
       percent_rank() OVER w AS pr,
       first_value(email) OVER (PARTITION BY loyalty_tier ORDER BY total_lifetime_value DESC) AS top_email
FROM customers
WINDOW w AS (ORDER BY total_lifetime_value DESC)`,
  },
  {
    behaviour: 'JSON_TABLE and JSON_VALUE over product metadata',
    sql: `SELECT p.sku, jt.material, JSON_VALUE(p.metadata, '$.weight' RETURNING numeric DEFAULT 0 ON EMPTY) AS weight
FROM products p,
     JSON_TABLE(p.metadata, '$' COLUMNS (material text PATH '$.material')) AS jt`,
  },
  {
    behaviour: 'schema-qualified retail tables and pg_catalog-qualified built-ins',
    sql: `SELECT s.store_name, pg_catalog.upper(s.region) AS region, pg_catalog.count(*) OVER () AS stores
FROM retail.stores s`,
  },
  {
    behaviour: 'lpad, format and jsonb_each_text for formatting',
    sql: `SELECT lpad(p.sku, 12, '0') AS sku, format('%s (%s)', p.product_name, p.brand) AS label, kv.key, kv.value
FROM products p
LEFT JOIN LATERAL jsonb_each_text(p.metadata) AS kv ON true`,
  },
  {
    behaviour: 'audit log reading with jsonb operators',
    sql: `SELECT action, table_name, new_values -> 'email' AS email, created_at
FROM audit_log
WHERE created_at > now() - interval '7 days' AND new_values ? 'email'
ORDER BY created_at DESC`,
  },
  {
    behaviour: 'a correlated scalar subquery, BETWEEN and IS DISTINCT FROM',
    sql: `SELECT p.product_name,
       (SELECT max(sti.unit_price) FROM sales_transaction_items sti WHERE sti.product_id = p.product_id) AS best_price
FROM products p
WHERE p.price BETWEEN 10 AND 100 AND p.cost IS DISTINCT FROM p.price AND p.category_id IS NOT NULL`,
  },
];
