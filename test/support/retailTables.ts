/**
 * The retail tables as the tests name them, in one place. Kept apart from the
 * program's own list on purpose: a test that derived its expectations from
 * src/ would agree with any mistake there.
 */

/** Tables with a store_id whose rows belong to one store (row-level security by store). */
export const TENANT_TABLES = ['customers', 'products', 'sales_transactions', 'sales_transaction_items', 'product_embeddings'] as const;

/** Every Lab 04 table. */
export const LAB_TABLES = ['stores', 'product_categories', 'audit_log', ...TENANT_TABLES] as const;

/** Tables a store session reads by store: the tenant tables, its audit entries and its own store row. */
export const STORE_SCOPED_TABLES = [...TENANT_TABLES, 'audit_log', 'stores'] as const;

/** Tables `init` fills, with the key that orders their rows, in foreign-key order. */
export const SEEDED_TABLE_KEYS = [
  ['stores', 'store_id'],
  ['product_categories', 'category_id'],
  ['customers', 'store_id, customer_id'],
  ['products', 'store_id, product_id'],
  ['sales_transactions', 'store_id, transaction_id'],
  ['sales_transaction_items', 'store_id, item_id'],
] as const;
