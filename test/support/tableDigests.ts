import type { DatabasePort } from '../../src/db/port.js';

const SEEDED_TABLES: Record<string, string> = {
  stores: 'store_id',
  product_categories: 'category_id',
  customers: 'store_id, customer_id',
  products: 'store_id, product_id',
  sales_transactions: 'store_id, transaction_id',
  sales_transaction_items: 'store_id, item_id',
};

/** Row count and a digest of every column of every row, per seeded table: equal digests mean equal data. */
export async function tableDigests(db: DatabasePort): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const [table, key] of Object.entries(SEEDED_TABLES)) {
    const { rows } = await db.query<{ digest: string | null; rows: number }>(
      `SELECT md5(string_agg(t::text, E'\\n' ORDER BY ${key})) AS digest, count(*)::int AS rows FROM retail.${table} t`,
    );
    digests[table] = `${rows[0]!.rows}:${rows[0]!.digest ?? ''}`;
  }
  return digests;
}
