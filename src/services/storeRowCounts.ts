import type { StoreSession } from '../tenant/storeSession.js';

export interface StoreRowCounts {
  customers: number;
  products: number;
  transactions: number;
}

/** What the bound stores can see, counted through their own store session. */
export async function countVisibleRows(session: StoreSession): Promise<StoreRowCounts> {
  return session.read(
    async (tx) =>
      (
        await tx.query<StoreRowCounts>(
          'SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM products) AS products, (SELECT count(*) FROM sales_transactions) AS transactions',
        )
      ).rows[0]!,
  );
}
