-- The store context: which stores a transaction may see. It is transaction-local
-- (set_config(..., true)) so that a pooled connection, or PGlite's one session,
-- never carries one request's store into the next.
CREATE SCHEMA IF NOT EXISTS retail_private;
REVOKE ALL ON SCHEMA retail_private FROM PUBLIC;
COMMENT ON SCHEMA retail_private IS 'Secrets and helpers only the schema owner may use.';

-- A per-database secret that signs store contexts; mcp_user cannot read it.
CREATE TABLE IF NOT EXISTS retail_private.context_key (
  singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
  key_bytes BYTEA NOT NULL
);
INSERT INTO retail_private.context_key (key_bytes)
SELECT sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text || clock_timestamp()::text, 'UTF8'))
ON CONFLICT (singleton) DO NOTHING;

-- A keyed hash binding the context to this backend and this transaction. The nested
-- form H(k || H(k || m)) resists length extension; only built-in functions are used.
CREATE OR REPLACE FUNCTION retail_private.context_token(store_list TEXT) RETURNS TEXT
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT encode(sha256(k.key_bytes || sha256(k.key_bytes || convert_to(
           store_list || '|' || pg_backend_pid()::text || '|' || extract(epoch FROM transaction_timestamp())::text, 'UTF8'))), 'hex')
  FROM retail_private.context_key k;
END;

-- What every policy reads. Plain and inlinable, so store_id = ANY (...) stays an index condition.
CREATE OR REPLACE FUNCTION retail.current_store_ids() RETURNS TEXT[]
LANGUAGE sql STABLE PARALLEL SAFE
RETURN pg_catalog.string_to_array(pg_catalog.current_setting('app.current_store_id', true), ',');
COMMENT ON FUNCTION retail.current_store_ids() IS 'Stores of the current transaction''s context (empty: no context, no rows).';

-- The context after checking it was set by retail.set_store_context in this very
-- transaction; NULL when no context is set. Raises on a forged context.
CREATE OR REPLACE FUNCTION retail.verified_store_ids() RETURNS TEXT[]
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  store_list TEXT := current_setting('app.current_store_id', true);
BEGIN
  IF COALESCE(store_list, '') = '' THEN
    RETURN NULL;
  END IF;
  IF current_setting('app.store_context_token', true) IS DISTINCT FROM retail_private.context_token(store_list) THEN
    RAISE EXCEPTION 'store context was not set by retail.set_store_context'
      USING ERRCODE = 'Z0004', HINT = 'Set the store context with retail.set_store_context() at the start of the transaction.';
  END IF;
  RETURN string_to_array(store_list, ',');
END
$$;
COMMENT ON FUNCTION retail.verified_store_ids() IS 'The current store context, verified against its signature; NULL without context.';

-- Lab 04's entry point, for one store or several. Within a transaction the context
-- can be narrowed but never widened.
CREATE OR REPLACE FUNCTION retail.set_store_context(VARIADIC store_ids TEXT[]) RETURNS VOID
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  requested TEXT[];
  established TEXT[] := retail.verified_store_ids();
  missing TEXT;
BEGIN
  SELECT array_agg(DISTINCT s ORDER BY s) INTO requested FROM unnest(store_ids) AS s;
  IF requested IS NULL OR array_position(requested, NULL) IS NOT NULL THEN
    RAISE EXCEPTION 'a store context needs at least one store id' USING ERRCODE = '22023';
  END IF;
  SELECT r INTO missing FROM unnest(requested) AS r
   WHERE NOT EXISTS (SELECT 1 FROM retail.stores st WHERE st.store_id = r) LIMIT 1;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'Invalid or inactive store: %', missing USING ERRCODE = 'Z0001';
  END IF;
  SELECT r INTO missing FROM unnest(requested) AS r
   WHERE NOT EXISTS (SELECT 1 FROM retail.stores st WHERE st.store_id = r AND st.is_active) LIMIT 1;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'Invalid or inactive store: % is inactive', missing USING ERRCODE = 'Z0002';
  END IF;
  IF established IS NOT NULL AND NOT (requested <@ established) THEN
    RAISE EXCEPTION 'the store context of a transaction can be narrowed, not widened (current: %)', array_to_string(established, ',')
      USING ERRCODE = 'Z0003';
  END IF;
  PERFORM set_config('app.current_store_id', array_to_string(requested, ','), true);
  PERFORM set_config('app.store_context_token', retail_private.context_token(array_to_string(requested, ',')), true);
END
$$;
COMMENT ON FUNCTION retail.set_store_context(TEXT[]) IS 'Sets the store context for the rest of the current transaction: retail.set_store_context(''seattle'') or (''seattle'', ''redmond'').';
