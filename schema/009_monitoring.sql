-- Monitoring views for the owner (not granted to mcp_user: table-wide counts would
-- tell one store about the others).
CREATE OR REPLACE VIEW retail.table_stats AS
SELECT s.schemaname,
       s.relname AS tablename,
       pg_size_pretty(pg_total_relation_size(s.relid)) AS size,
       pg_total_relation_size(s.relid) AS size_bytes,
       s.n_tup_ins AS inserts,
       s.n_tup_upd AS updates,
       s.n_tup_del AS deletes,
       s.n_live_tup AS live_tuples,
       s.n_dead_tup AS dead_tuples,
       s.last_vacuum,
       s.last_autovacuum,
       s.last_analyze,
       s.last_autoanalyze
FROM pg_stat_user_tables s
WHERE s.schemaname = 'retail'
ORDER BY pg_total_relation_size(s.relid) DESC;
COMMENT ON VIEW retail.table_stats IS 'Size and row activity of each retail table.';

CREATE OR REPLACE VIEW retail.index_usage AS
SELECT s.schemaname,
       s.relname AS tablename,
       s.indexrelname AS indexname,
       s.idx_scan,
       s.idx_tup_read,
       s.idx_tup_fetch,
       pg_size_pretty(pg_relation_size(s.indexrelid)) AS size,
       pg_relation_size(s.indexrelid) AS size_bytes
FROM pg_stat_user_indexes s
WHERE s.schemaname = 'retail'
ORDER BY s.idx_tup_read DESC, s.indexrelname;
COMMENT ON VIEW retail.index_usage IS 'How often each retail index is used, and its size.';

-- Installed where the server offers it; it only collects when preloaded (see below).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_available_extensions WHERE name = 'pg_stat_statements') THEN
    CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
  END IF;
END
$$;

-- pg_stat_statements needs shared_preload_libraries, which PGlite and many servers
-- lack. Query it dynamically and report why when it cannot answer.
CREATE OR REPLACE FUNCTION retail.slow_query_stats(min_mean_ms DOUBLE PRECISION DEFAULT 100)
RETURNS TABLE (query TEXT, calls BIGINT, total_exec_time DOUBLE PRECISION, mean_exec_time DOUBLE PRECISION,
               max_exec_time DOUBLE PRECISION, stddev_exec_time DOUBLE PRECISION, rows BIGINT,
               hit_percent NUMERIC, status TEXT)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  stats_schema TEXT;
BEGIN
  SELECT n.nspname INTO stats_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
   WHERE e.extname = 'pg_stat_statements';
  IF stats_schema IS NULL THEN
    RETURN QUERY SELECT NULL::text, NULL::bigint, NULL::float8, NULL::float8, NULL::float8, NULL::float8, NULL::bigint, NULL::numeric,
      'unavailable: the pg_stat_statements extension is not installed in this database'::text;
    RETURN;
  END IF;
  IF position('pg_stat_statements' IN current_setting('shared_preload_libraries')) = 0 THEN
    RETURN QUERY SELECT NULL::text, NULL::bigint, NULL::float8, NULL::float8, NULL::float8, NULL::float8, NULL::bigint, NULL::numeric,
      'unavailable: pg_stat_statements is not in shared_preload_libraries on this server'::text;
    RETURN;
  END IF;
  RETURN QUERY EXECUTE format(
    'SELECT s.query, s.calls, s.total_exec_time, s.mean_exec_time, s.max_exec_time, s.stddev_exec_time, s.rows,
            round(100.0 * s.shared_blks_hit / NULLIF(s.shared_blks_hit + s.shared_blks_read, 0), 2), %L::text
       FROM %I.pg_stat_statements s
      WHERE s.mean_exec_time > $1
      ORDER BY s.mean_exec_time DESC', 'ok', stats_schema)
    USING min_mean_ms;
END
$$;
COMMENT ON FUNCTION retail.slow_query_stats(DOUBLE PRECISION) IS 'Statements slower than min_mean_ms on average, or one row saying why statistics are unavailable.';

CREATE OR REPLACE VIEW retail.slow_queries AS
SELECT * FROM retail.slow_query_stats(100);
COMMENT ON VIEW retail.slow_queries IS 'Statements averaging over 100 ms (pg_stat_statements); status says when the server cannot tell.';

-- The part of Lab 04's maintenance that can run inside a function. VACUUM and REINDEX
-- cannot; `zava-mcp maintenance` runs them and then calls this.
CREATE OR REPLACE FUNCTION retail.perform_maintenance() RETURNS VOID
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  ANALYZE retail.stores, retail.customers, retail.product_categories, retail.products,
          retail.sales_transactions, retail.sales_transaction_items, retail.product_embeddings, retail.audit_log;
  INSERT INTO retail.audit_log (table_name, action, metadata)
  VALUES ('maintenance', 'maintenance_completed',
          jsonb_build_object('database_size', pg_database_size(current_database())));
END
$$;
COMMENT ON FUNCTION retail.perform_maintenance() IS 'ANALYZE every retail table and log it; VACUUM and REINDEX run from `zava-mcp maintenance`.';
REVOKE ALL ON FUNCTION retail.perform_maintenance(), retail.slow_query_stats(DOUBLE PRECISION) FROM PUBLIC;
