-- mcp_user: read and write its stores' rows (RLS decides which), read shared
-- reference data, nothing else. No TRUNCATE (it ignores RLS), no ownership.
REVOKE ALL ON SCHEMA retail FROM PUBLIC;
GRANT USAGE ON SCHEMA retail TO mcp_user;

REVOKE ALL ON ALL TABLES IN SCHEMA retail FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA retail FROM mcp_user;
GRANT SELECT, INSERT, UPDATE, DELETE ON
  retail.customers, retail.products, retail.sales_transactions, retail.sales_transaction_items, retail.product_embeddings
  TO mcp_user;
GRANT SELECT ON retail.stores, retail.product_categories, retail.audit_log TO mcp_user;

REVOKE ALL ON ALL SEQUENCES IN SCHEMA retail FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA retail FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA retail_private FROM PUBLIC;
GRANT EXECUTE ON FUNCTION retail.current_store_ids(), retail.verified_store_ids(), retail.set_store_context(TEXT[]) TO mcp_user;
