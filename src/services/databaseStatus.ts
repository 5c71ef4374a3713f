import type { SqlExecutor } from '../db/port.js';

export interface RowCounts {
  stores: number;
  customers: number;
  products: number;
  sales_transactions: number;
  sales_transaction_items: number;
  product_embeddings: number;
}

/** True once the schema exists (migrations have run at least once). */
export async function isInitialised(db: SqlExecutor): Promise<boolean> {
  const result = await db.query<{ present: boolean }>(
    "SELECT to_regclass('zava_meta.schema_migrations') IS NOT NULL AND to_regclass('retail.customers') IS NOT NULL AS present",
  );
  return result.rows[0]?.present === true;
}

/** Table sizes for banners and summaries, read as the owner. */
export async function countRows(db: SqlExecutor): Promise<RowCounts> {
  const result = await db.query<RowCounts>(`
    SELECT (SELECT count(*) FROM retail.stores) AS stores,
           (SELECT count(*) FROM retail.customers) AS customers,
           (SELECT count(*) FROM retail.products) AS products,
           (SELECT count(*) FROM retail.sales_transactions) AS sales_transactions,
           (SELECT count(*) FROM retail.sales_transaction_items) AS sales_transaction_items,
           (SELECT count(*) FROM retail.product_embeddings) AS product_embeddings`);
  return result.rows[0]!;
}

export function hasSampleData(counts: RowCounts): boolean {
  return counts.customers + counts.products + counts.sales_transactions > 0;
}
