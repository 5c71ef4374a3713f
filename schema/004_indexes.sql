-- Every index Lab 04 lists, plus the store-leading composites that tenant queries use.
CREATE INDEX IF NOT EXISTS idx_stores_region ON retail.stores (region);
CREATE INDEX IF NOT EXISTS idx_stores_active ON retail.stores (is_active) WHERE is_active = TRUE;

CREATE INDEX IF NOT EXISTS idx_customers_store_id ON retail.customers (store_id);
CREATE INDEX IF NOT EXISTS idx_customers_email ON retail.customers (email);
CREATE INDEX IF NOT EXISTS idx_customers_loyalty_tier ON retail.customers (loyalty_tier);
CREATE INDEX IF NOT EXISTS idx_customers_created_at ON retail.customers (created_at);

CREATE INDEX IF NOT EXISTS idx_products_store_id ON retail.products (store_id);
CREATE INDEX IF NOT EXISTS idx_products_sku ON retail.products (sku);
CREATE INDEX IF NOT EXISTS idx_products_category ON retail.products (category_id);
CREATE INDEX IF NOT EXISTS idx_products_brand ON retail.products (brand);
CREATE INDEX IF NOT EXISTS idx_products_price ON retail.products (price);
CREATE INDEX IF NOT EXISTS idx_products_stock ON retail.products (current_stock);
CREATE INDEX IF NOT EXISTS idx_products_active ON retail.products (is_active) WHERE is_active = TRUE;
CREATE INDEX IF NOT EXISTS idx_products_featured ON retail.products (is_featured) WHERE is_featured = TRUE;
CREATE INDEX IF NOT EXISTS idx_products_tags ON retail.products USING GIN (tags);
CREATE INDEX IF NOT EXISTS idx_products_metadata ON retail.products USING GIN (metadata);
-- The exact expression of Lab 04, so that the lab's full-text queries (and ours) use this index.
CREATE INDEX IF NOT EXISTS idx_products_text_search ON retail.products USING GIN (
  to_tsvector('english', product_name || ' ' || COALESCE(product_description, '') || ' ' || COALESCE(brand, ''))
);
-- Trigram matching finds product names despite misspellings.
CREATE INDEX IF NOT EXISTS idx_products_name_trgm ON retail.products USING GIN (product_name gin_trgm_ops);

CREATE INDEX IF NOT EXISTS idx_sales_transactions_store_id ON retail.sales_transactions (store_id);
CREATE INDEX IF NOT EXISTS idx_sales_transactions_customer_id ON retail.sales_transactions (customer_id);
CREATE INDEX IF NOT EXISTS idx_sales_transactions_date ON retail.sales_transactions (transaction_date);
CREATE INDEX IF NOT EXISTS idx_sales_transactions_type ON retail.sales_transactions (transaction_type);
CREATE INDEX IF NOT EXISTS idx_sales_transactions_payment ON retail.sales_transactions (payment_method);
CREATE INDEX IF NOT EXISTS idx_sales_transactions_store_date ON retail.sales_transactions (store_id, transaction_date);

CREATE INDEX IF NOT EXISTS idx_sales_transaction_items_transaction_id ON retail.sales_transaction_items (transaction_id);
CREATE INDEX IF NOT EXISTS idx_sales_transaction_items_product_id ON retail.sales_transaction_items (product_id);
CREATE INDEX IF NOT EXISTS idx_sales_transaction_items_store_transaction ON retail.sales_transaction_items (store_id, transaction_id);
CREATE INDEX IF NOT EXISTS idx_sales_transaction_items_store_product ON retail.sales_transaction_items (store_id, product_id);

CREATE INDEX IF NOT EXISTS idx_product_embeddings_product_id ON retail.product_embeddings (product_id);
CREATE INDEX IF NOT EXISTS idx_product_embeddings_store_id ON retail.product_embeddings (store_id);
CREATE INDEX IF NOT EXISTS idx_product_embeddings_model ON retail.product_embeddings (embedding_model);

CREATE INDEX IF NOT EXISTS idx_audit_log_table_name ON retail.audit_log (table_name);
CREATE INDEX IF NOT EXISTS idx_audit_log_action ON retail.audit_log (action);
CREATE INDEX IF NOT EXISTS idx_audit_log_user_name ON retail.audit_log (user_name);
CREATE INDEX IF NOT EXISTS idx_audit_log_store_id ON retail.audit_log (store_id);
CREATE INDEX IF NOT EXISTS idx_audit_log_created_at ON retail.audit_log (created_at);
