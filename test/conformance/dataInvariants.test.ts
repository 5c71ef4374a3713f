import { expect, it } from 'vitest';
import { describeEngines, ENGINE_KINDS, useSeededDatabase } from '../support/seededDatabase.js';

describeEngines(ENGINE_KINDS, 'money and data invariants on %s', (kind) => {
  const database = useSeededDatabase(kind);

  async function count(sql: string): Promise<number> {
    return (await database.db.query<{ count: number }>(sql)).rows[0]!.count;
  }

  it('has sales with lines to check, and every sale has at least one line', async () => {
    expect(await count('SELECT count(*)::int FROM retail.sales_transactions')).toBeGreaterThan(0);
    expect(await count('SELECT count(*)::int FROM retail.sales_transaction_items')).toBeGreaterThan(0);
    expect(
      await count(`SELECT count(*) FROM retail.sales_transactions st
                    WHERE NOT EXISTS (SELECT 1 FROM retail.sales_transaction_items i WHERE i.store_id = st.store_id AND i.transaction_id = st.transaction_id)`),
    ).toBe(0);
  });

  it('has line totals equal to unit price times quantity less discount', async () => {
    expect(await count('SELECT count(*) FROM retail.sales_transaction_items WHERE total_price <> unit_price * quantity - discount_amount')).toBe(0);
  });

  it('has transaction subtotals equal to the sum of their lines, and totals equal to subtotal plus 8% tax', async () => {
    expect(
      await count(`SELECT count(*) FROM retail.sales_transactions st
                    WHERE st.subtotal IS DISTINCT FROM (SELECT COALESCE(sum(i.total_price), 0) FROM retail.sales_transaction_items i
                                           WHERE i.store_id = st.store_id AND i.transaction_id = st.transaction_id)`),
    ).toBe(0);
    expect(await count('SELECT count(*) FROM retail.sales_transactions WHERE tax_amount <> round(subtotal * 0.08, 2) OR total_amount <> subtotal + tax_amount')).toBe(0);
  });

  it('has negative amounts on returns and only on returns and exchanges', async () => {
    expect(await count("SELECT count(*) FROM retail.sales_transactions WHERE transaction_type = 'return' AND total_amount >= 0")).toBe(0);
    expect(await count("SELECT count(*) FROM retail.sales_transactions WHERE transaction_type = 'sale' AND total_amount < 0")).toBe(0);
    expect(await count("SELECT count(*) FROM retail.sales_transactions WHERE transaction_type = 'return'")).toBeGreaterThan(0);
  });

  it('has customers buying only in their own store', async () => {
    expect(
      await count(`SELECT count(*) FROM retail.sales_transactions st JOIN retail.customers c ON c.customer_id = st.customer_id
                    WHERE c.store_id <> st.store_id`),
    ).toBe(0);
  });

  it('has lifetime values equal to the sum of each customer\'s transactions', async () => {
    expect(
      await count(`SELECT count(*) FROM retail.customers c
                    WHERE c.total_lifetime_value <> COALESCE((SELECT sum(st.total_amount) FROM retail.sales_transactions st
                                                               WHERE st.store_id = c.store_id AND st.customer_id = c.customer_id), 0)`),
    ).toBe(0);
  });
});
