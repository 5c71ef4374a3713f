import { beforeAll, expect, it } from 'vitest';
import { withStoreContext } from '../../src/tenant/withStoreContext.js';
import { STORE_SCOPED_TABLES } from '../support/retailTables.js';
import { describeEngines, ENGINE_KINDS, useSeededDatabase } from '../support/seededDatabase.js';

const STORES = ['bellevue', 'online', 'redmond', 'seattle'];

describeEngines(ENGINE_KINDS, 'store isolation on %s', (kind) => {
  const database = useSeededDatabase(kind);
  /** Rows per store and table, as the owner sees them. */
  const ownerCounts = new Map<string, Map<string, number>>();

  beforeAll(async () => {
    // A few audit rows and embeddings per store, so those tables are not trivially empty.
    await database.db.transaction({ role: 'owner' }, async (tx) => {
      await tx.query("UPDATE retail.customers SET phone = phone WHERE customer_id IN (SELECT DISTINCT ON (store_id) customer_id FROM retail.customers ORDER BY store_id, customer_id)");
      await tx.query(`INSERT INTO retail.product_embeddings (store_id, product_id, embedding_text, embedding_model, content_hash)
                      SELECT store_id, product_id, product_name, 'isolation-test', 'x' FROM retail.products`);
    });
    for (const table of STORE_SCOPED_TABLES) {
      const { rows } = await database.db.query<{ store_id: string; count: number }>(`SELECT store_id, count(*) FROM retail.${table} GROUP BY store_id`);
      ownerCounts.set(table, new Map(rows.map((row) => [row.store_id, row.count])));
    }
  });

  it('lets each store see exactly its own rows in every tenant table', async () => {
    for (const store of STORES) {
      await withStoreContext(database.db, [store], async (tx) => {
        for (const table of STORE_SCOPED_TABLES) {
          const { rows } = await tx.query<{ store_id: string; count: number }>(`SELECT store_id, count(*) FROM ${table} GROUP BY store_id`);
          const expected = ownerCounts.get(table)!.get(store) ?? 0;
          expect(expected, `${table} has rows for ${store}`).toBeGreaterThan(0);
          expect(rows, `${store} in ${table}`).toEqual([{ store_id: store, count: expected }]);
        }
      });
    }
  });

  it('lets a regional context see the union of its stores and nothing else', async () => {
    await withStoreContext(database.db, ['redmond', 'seattle'], async (tx) => {
      const { rows } = await tx.query<{ store_id: string; count: number }>('SELECT store_id, count(*) FROM customers GROUP BY store_id ORDER BY store_id');
      expect(rows).toEqual(['redmond', 'seattle'].map((store) => ({ store_id: store, count: ownerCounts.get('customers')!.get(store) })));
    });
  });

  it('gives zero rows, not all rows, to a store session without a context', async () => {
    await database.db.transaction({ role: 'store', readOnly: true }, async (tx) => {
      for (const table of STORE_SCOPED_TABLES) {
        const { rows } = await tx.query<{ count: number }>(`SELECT count(*) FROM retail.${table}`);
        expect(rows[0]!.count, table).toBe(0);
      }
    });
  });

  it('refuses an unknown store with a clear error', async () => {
    await expect(withStoreContext(database.db, ['atlantis'], async () => 'ran')).rejects.toMatchObject({ code: 'unknown_store', message: expect.stringContaining('atlantis') });
  });

  it('refuses an inactive store', async () => {
    await database.db.query("UPDATE retail.stores SET is_active = false WHERE store_id = 'bellevue'");
    try {
      await expect(withStoreContext(database.db, ['bellevue'], async () => 'ran')).rejects.toMatchObject({ code: 'inactive_store' });
    } finally {
      await database.db.query("UPDATE retail.stores SET is_active = true WHERE store_id = 'bellevue'");
    }
  });

  it('keeps the context inside its transaction', async () => {
    await withStoreContext(database.db, ['seattle'], async (tx) => {
      expect((await tx.query<{ ctx: string }>("SELECT current_setting('app.current_store_id') AS ctx")).rows[0]!.ctx).toBe('seattle');
    });
    await database.db.transaction({ role: 'store' }, async (tx) => {
      const { rows } = await tx.query<{ ctx: string | null; customers: number }>(
        "SELECT COALESCE(current_setting('app.current_store_id', true), '') AS ctx, (SELECT count(*) FROM retail.customers) AS customers",
      );
      expect(rows[0]).toEqual({ ctx: '', customers: 0 });
    });
  });

  it('lets the lab function set one store inside a transaction, narrowing but never widening', async () => {
    await database.db.transaction({ role: 'store' }, async (tx) => {
      await tx.query("SELECT retail.set_store_context('seattle')");
      const { rows } = await tx.query<{ store_id: string }>('SELECT DISTINCT store_id FROM retail.customers');
      expect(rows).toEqual([{ store_id: 'seattle' }]);
    });
    await withStoreContext(database.db, ['redmond', 'seattle'], async (tx) => {
      await tx.query("SELECT retail.set_store_context('seattle')");
      expect((await tx.query('SELECT DISTINCT store_id FROM customers')).rows).toEqual([{ store_id: 'seattle' }]);
      await expect(tx.query("SELECT retail.set_store_context('redmond', 'seattle')")).rejects.toThrow(/narrowed, not widened/);
    });
  });

  it('detects a context forged with set_config instead of set_store_context', async () => {
    await expect(
      withStoreContext(database.db, ['seattle'], async (tx) => {
        await tx.query("SELECT set_config('app.current_store_id', 'redmond', true)");
        return tx.query('SELECT retail.verified_store_ids()');
      }),
    ).rejects.toThrow(/not set by retail.set_store_context/);
  });

  it('refuses writes that would put a row in another store', async () => {
    await expect(
      withStoreContext(database.db, ['seattle'], (tx) =>
        tx.query("INSERT INTO customers (store_id, first_name, last_name, email) VALUES ('redmond', 'Eve', 'Intruder', 'eve@example.com')"),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('does not carry one store into another request under concurrent use', async () => {
    const expected = ownerCounts.get('sales_transactions')!;
    const sessions = Array.from({ length: 40 }, (_, index) => STORES[index % STORES.length]!);
    const seen = await Promise.all(
      sessions.map((store) =>
        withStoreContext(database.db, [store], async (tx) => {
          const { rows } = await tx.query<{ store_id: string; count: number }>('SELECT store_id, count(*) FROM sales_transactions GROUP BY store_id');
          await new Promise((resolve) => setTimeout(resolve, 1));
          const after = await tx.query<{ ctx: string }>("SELECT current_setting('app.current_store_id') AS ctx");
          return { store, rows, ctx: after.rows[0]!.ctx };
        }),
      ),
    );
    for (const session of seen) {
      expect(session.rows).toEqual([{ store_id: session.store, count: expected.get(session.store) }]);
      expect(session.ctx).toBe(session.store);
    }
    // Every pooled connection is back to no context.
    const leftovers = await Promise.all(
      Array.from({ length: 8 }, () =>
        database.db.transaction({ role: 'store' }, async (tx) => (await tx.query<{ count: number }>('SELECT count(*) FROM retail.customers')).rows[0]!.count),
      ),
    );
    expect(leftovers).toEqual(leftovers.map(() => 0));
  });

  it('never exposes RESET ROLE through the store session API', async () => {
    await withStoreContext(database.db, ['seattle'], async (tx) => {
      expect(Object.keys(tx)).toEqual(['query']);
      expect((await tx.query<{ current_user: string }>('SELECT current_user')).rows[0]!.current_user).toBe('mcp_user');
    });
  });
});
