/**
 * The relations of schema `retail` a model may read, with their columns. Views
 * (table_stats, index_usage, slow_queries) are left out on purpose: they are the
 * owner's monitoring and would tell one store about the others.
 */
export const RETAIL_RELATION_COLUMNS: ReadonlyMap<string, readonly string[]> = new Map([
  ['stores', ['store_id', 'store_name', 'store_location', 'store_type', 'region', 'created_at', 'updated_at', 'is_active']],
  [
    'customers',
    [
      'customer_id', 'store_id', 'first_name', 'last_name', 'email', 'phone', 'date_of_birth', 'gender', 'customer_since',
      'loyalty_tier', 'total_lifetime_value', 'created_at', 'updated_at',
    ],
  ],
  ['product_categories', ['category_id', 'category_name', 'parent_category_id', 'description', 'is_active']],
  [
    'products',
    [
      'product_id', 'store_id', 'sku', 'product_name', 'product_description', 'category_id', 'brand', 'model', 'color', 'size',
      'weight_kg', 'dimensions_cm', 'price', 'cost', 'current_stock', 'minimum_stock', 'maximum_stock', 'reorder_point',
      'supplier_name', 'supplier_sku', 'is_active', 'is_featured', 'rating_average', 'rating_count', 'tags', 'metadata',
      'created_at', 'updated_at',
    ],
  ],
  [
    'sales_transactions',
    [
      'transaction_id', 'store_id', 'customer_id', 'transaction_date', 'transaction_type', 'payment_method', 'subtotal',
      'tax_amount', 'discount_amount', 'total_amount', 'cashier_id', 'register_id', 'receipt_number', 'notes', 'metadata',
      'created_at',
    ],
  ],
  [
    'sales_transaction_items',
    [
      'item_id', 'store_id', 'transaction_id', 'product_id', 'quantity', 'unit_price', 'total_price', 'discount_amount',
      'tax_amount', 'created_at',
    ],
  ],
  [
    'product_embeddings',
    [
      'embedding_id', 'product_id', 'store_id', 'embedding_text', 'embedding_model', 'content_hash', 'created_at', 'updated_at',
      'embedding',
    ],
  ],
  [
    'audit_log',
    ['log_id', 'table_name', 'action', 'user_name', 'store_id', 'record_id', 'old_values', 'new_values', 'metadata', 'created_at'],
  ],
  ['embedding_models', ['embedding_model', 'provider', 'dimensions', 'default_similarity_threshold', 'index_name']],
]);

export const RETAIL_SCHEMA = 'retail';
