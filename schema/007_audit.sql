-- One audit trigger for every audited table. The key column comes from the trigger's
-- argument and rows are read as jsonb, so no table needs another table's columns.
CREATE OR REPLACE FUNCTION retail.audit_trigger() RETURNS TRIGGER
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  old_row JSONB := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
  new_row JSONB := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
  subject JSONB := COALESCE(new_row, old_row);
  -- Inside SECURITY DEFINER current_user is the owner; the role setting still names the caller.
  actor TEXT := CASE WHEN current_setting('role') = 'none' THEN session_user::text ELSE current_setting('role') END;
BEGIN
  INSERT INTO retail.audit_log (table_name, action, user_name, store_id, record_id, old_values, new_values, metadata)
  VALUES (TG_TABLE_NAME, TG_OP, actor, subject ->> 'store_id', (subject ->> TG_ARGV[0])::uuid, old_row, new_row,
          jsonb_build_object('store_context', NULLIF(current_setting('app.current_store_id', true), '')));
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION retail.audit_trigger() IS 'AFTER row trigger; its argument names the table''s key column.';

DROP TRIGGER IF EXISTS customers_audit_trigger ON retail.customers;
CREATE TRIGGER customers_audit_trigger AFTER INSERT OR UPDATE OR DELETE ON retail.customers
  FOR EACH ROW EXECUTE FUNCTION retail.audit_trigger('customer_id');

DROP TRIGGER IF EXISTS products_audit_trigger ON retail.products;
CREATE TRIGGER products_audit_trigger AFTER INSERT OR UPDATE OR DELETE ON retail.products
  FOR EACH ROW EXECUTE FUNCTION retail.audit_trigger('product_id');

DROP TRIGGER IF EXISTS sales_transactions_audit_trigger ON retail.sales_transactions;
CREATE TRIGGER sales_transactions_audit_trigger AFTER INSERT OR UPDATE OR DELETE ON retail.sales_transactions
  FOR EACH ROW EXECUTE FUNCTION retail.audit_trigger('transaction_id');
