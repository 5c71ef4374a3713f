import { expect, it } from 'vitest';
import { withStoreContext } from '../../src/tenant/withStoreContext.js';
import { describeEngines, ENGINE_KINDS, useSeededDatabase } from '../support/seededDatabase.js';

interface AuditRow {
  table_name: string;
  action: string;
  user_name: string;
  store_id: string;
  record_id: string;
  old_values: Record<string, unknown> | null;
  new_values: Record<string, unknown> | null;
}

describeEngines(ENGINE_KINDS, 'audit trail on %s', (kind) => {
  const database = useSeededDatabase(kind);

  async function auditFor(recordId: string): Promise<AuditRow[]> {
    const { rows } = await database.db.query<AuditRow>(
      'SELECT table_name, action, user_name, store_id, record_id, old_values, new_values FROM retail.audit_log WHERE record_id = $1 ORDER BY created_at, action DESC',
      [recordId],
    );
    return rows;
  }

  it('records insert, update and delete of a customer made by a store session', async () => {
    const id = '00000000-0000-4000-8000-00000000a001';
    await withStoreContext(database.db, ['seattle'], async (tx) => {
      await tx.query("INSERT INTO customers (customer_id, store_id, first_name, last_name, email) VALUES ($1, 'seattle', 'Ada', 'Audit', 'ada.audit@example.com')", [id]);
    });
    await withStoreContext(database.db, ['seattle'], (tx) => tx.query("UPDATE customers SET loyalty_tier = 'gold' WHERE customer_id = $1", [id]));
    await withStoreContext(database.db, ['seattle'], (tx) => tx.query('DELETE FROM customers WHERE customer_id = $1', [id]));
    const rows = await auditFor(id);
    expect(rows.map((row) => row.action)).toEqual(['INSERT', 'UPDATE', 'DELETE']);
    expect(new Set(rows.map((row) => row.table_name))).toEqual(new Set(['customers']));
    expect(new Set(rows.map((row) => row.store_id))).toEqual(new Set(['seattle']));
    expect(new Set(rows.map((row) => row.user_name))).toEqual(new Set(['mcp_user']));
    expect(rows[1]!.old_values?.loyalty_tier).toBe('bronze');
    expect(rows[1]!.new_values?.loyalty_tier).toBe('gold');
    expect(rows[2]!.new_values).toBeNull();
  });

  it('records writes to products and sales transactions, with their own key columns', async () => {
    const product = (await database.db.query<{ product_id: string }>("SELECT product_id FROM retail.products WHERE store_id = 'redmond' LIMIT 1")).rows[0]!;
    const sale = (await database.db.query<{ transaction_id: string }>("SELECT transaction_id FROM retail.sales_transactions WHERE store_id = 'redmond' LIMIT 1")).rows[0]!;
    await withStoreContext(database.db, ['redmond'], async (tx) => {
      await tx.query('UPDATE products SET current_stock = current_stock + 1 WHERE product_id = $1', [product.product_id]);
      await tx.query("UPDATE sales_transactions SET notes = 'checked' WHERE transaction_id = $1", [sale.transaction_id]);
    });
    expect(await auditFor(product.product_id)).toMatchObject([{ table_name: 'products', action: 'UPDATE', store_id: 'redmond' }]);
    expect(await auditFor(sale.transaction_id)).toMatchObject([{ table_name: 'sales_transactions', action: 'UPDATE', store_id: 'redmond' }]);
  });

  it('names the owner when the owner writes', async () => {
    const customer = (await database.db.query<{ customer_id: string }>("SELECT customer_id FROM retail.customers WHERE store_id = 'online' LIMIT 1")).rows[0]!;
    await database.db.query("UPDATE retail.customers SET phone = '555-0100' WHERE customer_id = $1", [customer.customer_id]);
    const [row] = await auditFor(customer.customer_id);
    expect(row?.user_name).not.toBe('mcp_user');
    expect(row?.store_id).toBe('online');
  });

  it('shows a store only its own audit rows', async () => {
    await withStoreContext(database.db, ['seattle'], async (tx) => {
      const { rows } = await tx.query<{ store_id: string }>('SELECT DISTINCT store_id FROM audit_log');
      expect(rows.map((row) => row.store_id)).toEqual(['seattle']);
    });
  });

  it('writes no audit rows while seeding', async () => {
    const { rows } = await database.db.query<{ count: number }>("SELECT count(*) FROM retail.audit_log WHERE action = 'INSERT' AND user_name <> 'mcp_user'");
    expect(rows[0]!.count).toBe(0);
  });
});
