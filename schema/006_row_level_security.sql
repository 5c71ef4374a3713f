-- Row-level security on every table of the retail schema. Store policies are a plain
-- equality on store_id (indexed, no subqueries, no joins). FORCE makes the owner
-- subject to policies too; its full access is then an explicit policy, not an accident.
DO $$
DECLARE
  tenant_table TEXT;
  every_table TEXT;
BEGIN
  FOREACH every_table IN ARRAY ARRAY['stores', 'customers', 'product_categories', 'products', 'sales_transactions',
                                     'sales_transaction_items', 'product_embeddings', 'audit_log'] LOOP
    EXECUTE format('ALTER TABLE retail.%I ENABLE ROW LEVEL SECURITY', every_table);
    EXECUTE format('ALTER TABLE retail.%I FORCE ROW LEVEL SECURITY', every_table);
    EXECUTE format('DROP POLICY IF EXISTS %I ON retail.%I', every_table || '_owner_access', every_table);
    EXECUTE format('CREATE POLICY %I ON retail.%I FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true)',
                   every_table || '_owner_access', every_table);
  END LOOP;

  FOREACH tenant_table IN ARRAY ARRAY['customers', 'products', 'sales_transactions', 'sales_transaction_items', 'product_embeddings'] LOOP
    EXECUTE format('DROP POLICY IF EXISTS %I ON retail.%I', tenant_table || '_store_isolation', tenant_table);
    EXECUTE format('CREATE POLICY %I ON retail.%I FOR ALL TO mcp_user '
                   'USING (store_id = ANY (retail.current_store_ids())) '
                   'WITH CHECK (store_id = ANY (retail.current_store_ids()))',
                   tenant_table || '_store_isolation', tenant_table);
  END LOOP;
END
$$;

DROP POLICY IF EXISTS stores_store_isolation ON retail.stores;
CREATE POLICY stores_store_isolation ON retail.stores FOR SELECT TO mcp_user
  USING (store_id = ANY (retail.current_store_ids()));

DROP POLICY IF EXISTS audit_log_store_isolation ON retail.audit_log;
CREATE POLICY audit_log_store_isolation ON retail.audit_log FOR SELECT TO mcp_user
  USING (store_id = ANY (retail.current_store_ids()));

-- Categories are shared reference data: readable by every store, written by the owner only.
DROP POLICY IF EXISTS product_categories_shared_read ON retail.product_categories;
CREATE POLICY product_categories_shared_read ON retail.product_categories FOR SELECT TO mcp_user USING (true);
