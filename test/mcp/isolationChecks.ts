import type { DatabasePort } from '../../src/db/port.js';
import { expect, it } from 'vitest';
import type { McpConnection } from '../support/mcpConnection.js';
import { expectToolError, structuredOf } from '../support/toolResults.js';

/*
 * What every tool must show a server bound to some stores: their rows and nothing
 * else, in the owner's numbers. Shared by the seattle server's suite and the
 * regional and head-office bindings.
 */

export const ALL_STORES = ['bellevue', 'online', 'redmond', 'seattle'];
const CHART_REPORTS = ['daily_sales', 'monthly_sales', 'category_performance', 'payment_mix', 'top_products', 'returns'];
const REPORTS = ['daily_sales', 'monthly_sales', 'top_products', 'category_performance', 'customer_segments', 'returns', 'payment_mix', 'low_stock'];
/** Every seeded sale (sales run from 2024-06-30 to 2025-06-30). */
const WHOLE_PERIOD = { start_date: '2024-06-01', end_date: '2025-06-30' };
const NO_SUCH_PRODUCT = '00000000-0000-4000-8000-000000000000';

interface StoreCount {
  store_id: string;
  n: number;
}

/** The owner's view of the data, read before any server starts. */
export interface OwnerTruth {
  /** Tables of schema retail with a store_id column. */
  tenantTables: string[];
  rowsPerStore: Map<string, Map<string, number>>;
  ownerOf: { products: Map<string, string>; customers: Map<string, string>; transactions: Map<string, string> };
  itemsJoinProducts: { item_store: string; product_store: string; n: number }[];
  transactionsJoinCustomers: { transaction_store: string; customer_store: string; n: number }[];
  sales: Map<string, { transactions: number; total_amount: number; subtotal: number }>;
  /** Product names stocked by more than one store: searches that could cross stores. */
  sharedNames: string[];
}

const sumOf = (values: number[]) => values.reduce((sum, value) => sum + value, 0);
const sample = (ids: Map<string, string>, store: string, count: number) =>
  [...ids].filter(([, owner]) => owner === store).slice(0, count).map(([id]) => id);
const quoted = (ids: string[]) => ids.map((id) => `'${id}'`).join(', ');

export async function readOwnerTruth(db: DatabasePort): Promise<OwnerTruth> {
  const tenantTables = (
    await db.query<{ table_name: string }>(
      `SELECT c.table_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
        WHERE c.table_schema = 'retail' AND c.column_name = 'store_id' ORDER BY 1`,
    )
  ).rows.map((row) => row.table_name);
  const rowsPerStore = new Map<string, Map<string, number>>();
  for (const table of tenantTables) {
    const { rows } = await db.query<StoreCount>(`SELECT store_id, count(*) AS n FROM retail.${table} GROUP BY store_id`);
    rowsPerStore.set(table, new Map(rows.map((row) => [row.store_id, row.n])));
  }
  const owners = async (sql: string) => new Map((await db.query<{ id: string; store_id: string }>(sql)).rows.map((row) => [row.id, row.store_id]));
  const sales = (
    await db.query<{ store_id: string; transactions: number; total_amount: number; subtotal: number }>(
      'SELECT store_id, count(*) AS transactions, sum(total_amount) AS total_amount, sum(subtotal) AS subtotal FROM retail.sales_transactions GROUP BY store_id',
    )
  ).rows;
  return {
    tenantTables,
    rowsPerStore,
    ownerOf: {
      products: await owners('SELECT product_id AS id, store_id FROM retail.products ORDER BY product_id'),
      customers: await owners('SELECT customer_id AS id, store_id FROM retail.customers ORDER BY customer_id'),
      transactions: await owners('SELECT transaction_id AS id, store_id FROM retail.sales_transactions ORDER BY transaction_id'),
    },
    itemsJoinProducts: (
      await db.query<OwnerTruth['itemsJoinProducts'][number]>(
        `SELECT i.store_id AS item_store, p.store_id AS product_store, count(*) AS n
           FROM retail.sales_transaction_items i JOIN retail.products p ON p.product_id = i.product_id GROUP BY 1, 2 ORDER BY 1, 2`,
      )
    ).rows,
    transactionsJoinCustomers: (
      await db.query<OwnerTruth['transactionsJoinCustomers'][number]>(
        `SELECT st.store_id AS transaction_store, c.store_id AS customer_store, count(*) AS n
           FROM retail.sales_transactions st JOIN retail.customers c ON c.customer_id = st.customer_id GROUP BY 1, 2 ORDER BY 1, 2`,
      )
    ).rows,
    sales: new Map(sales.map(({ store_id, ...totals }) => [store_id, totals])),
    sharedNames: (
      await db.query<{ product_name: string }>(
        'SELECT product_name FROM retail.products WHERE is_active GROUP BY product_name HAVING count(DISTINCT store_id) >= 3 ORDER BY product_name LIMIT 3',
      )
    ).rows.map((row) => row.product_name),
  };
}

/** Audit rows and embedding rows for every store, so that those tables are not trivially empty. */
export async function addRowsToEveryTenantTable(db: DatabasePort): Promise<void> {
  await db.transaction({ role: 'owner' }, async (tx) => {
    await tx.query('UPDATE retail.customers SET phone = phone WHERE customer_id IN (SELECT DISTINCT ON (store_id) customer_id FROM retail.customers ORDER BY store_id, customer_id)');
    await tx.query(`INSERT INTO retail.product_embeddings (store_id, product_id, embedding_text, embedding_model, content_hash)
                    SELECT store_id, product_id, product_name, 'isolation-test', 'x' FROM retail.products`);
  });
}

/** Declares the isolation tests for a server (started in a beforeAll of the caller) bound to `binding`. */
export function itIsolatesTheBoundStores(binding: string, stores: string[], server: () => McpConnection, ownerTruth: () => OwnerTruth): void {
  const others = ALL_STORES.filter((store) => !stores.includes(store));
  const query = async <R = Record<string, unknown>>(sql: string) =>
    structuredOf<{ rows: R[] }>(await server().call('execute_sales_query', { postgresql_query: sql })).rows;
  const ownerRowsOf = (table: string) =>
    stores.flatMap((store) => {
      const n = ownerTruth().rowsPerStore.get(table)!.get(store) ?? 0;
      return n > 0 ? [{ store_id: store, n }] : [];
    });

  it('lists exactly the bound stores', async () => {
    const { stores: listed } = structuredOf<{ stores: { store_id: string }[] }>(await server().call('list_stores'));
    expect(listed.map((store) => store.store_id)).toEqual(stores);
    expect(await query('SELECT retail.current_store_ids() AS ids')).toEqual([{ ids: stores }]);
  });

  it("shows only the bound stores' rows in every tenant table, in the owner's numbers", async () => {
    expect(ownerTruth().tenantTables).toEqual(expect.arrayContaining(['stores', 'customers', 'products', 'sales_transactions', 'sales_transaction_items', 'product_embeddings', 'audit_log']));
    for (const table of ownerTruth().tenantTables) {
      expect(ownerRowsOf(table).length, `${table} has rows of the bound stores`).toBe(stores.length);
      const distinct = await query<{ store_id: string }>(`SELECT DISTINCT store_id FROM ${table} ORDER BY store_id`);
      expect(distinct.map((row) => row.store_id), table).toEqual(stores);
      expect(await query(`SELECT store_id, count(*) AS n FROM ${table} GROUP BY store_id ORDER BY store_id`), table).toEqual(ownerRowsOf(table));
      if (others.length > 0) {
        expect(await query(`SELECT count(*) AS n FROM ${table} WHERE store_id IN (${quoted(others)})`), table).toEqual([{ n: 0 }]);
      }
    }
  });

  it("finds the bound stores' customers, products and transactions by id, and none of the other stores'", async () => {
    const lookups = [
      ['customers', 'customer_id', ownerTruth().ownerOf.customers],
      ['products', 'product_id', ownerTruth().ownerOf.products],
      ['sales_transactions', 'transaction_id', ownerTruth().ownerOf.transactions],
    ] as const;
    for (const [table, column, owners] of lookups) {
      const own = stores.flatMap((store) => sample(owners, store, 5));
      expect(await query(`SELECT count(*) AS n FROM ${table} WHERE ${column} IN (${quoted(own)})`), table).toEqual([{ n: own.length }]);
      const foreign = others.flatMap((store) => sample(owners, store, 5));
      if (foreign.length > 0) {
        expect(await query(`SELECT count(*) AS n FROM ${table} WHERE ${column} IN (${quoted(foreign)})`), table).toEqual([{ n: 0 }]);
      }
    }
  });

  it("joins tables on keys without store_id and still meets only the bound stores' rows", async () => {
    expect(
      await query(`SELECT i.store_id AS item_store, p.store_id AS product_store, count(*) AS n
                     FROM sales_transaction_items i JOIN products p ON p.product_id = i.product_id GROUP BY 1, 2 ORDER BY 1, 2`),
    ).toEqual(ownerTruth().itemsJoinProducts.filter((row) => stores.includes(row.item_store) && stores.includes(row.product_store)));
    expect(
      await query(`SELECT st.store_id AS transaction_store, c.store_id AS customer_store, count(*) AS n
                     FROM sales_transactions st JOIN customers c ON c.customer_id = st.customer_id GROUP BY 1, 2 ORDER BY 1, 2`),
    ).toEqual(ownerTruth().transactionsJoinCustomers.filter((row) => stores.includes(row.transaction_store) && stores.includes(row.customer_store)));
    const customers = sumOf(stores.map((store) => ownerTruth().rowsPerStore.get('customers')!.get(store)!));
    expect(await query('SELECT count(*) AS n FROM stores CROSS JOIN customers')).toEqual([{ n: stores.length * customers }]);
  });

  it("aggregates to the owner's totals over the bound stores", async () => {
    const [row] = await query<{ transactions: number; total_amount: number }>('SELECT count(*) AS transactions, sum(total_amount) AS total_amount FROM sales_transactions');
    expect(row!.transactions).toBe(sumOf(stores.map((store) => ownerTruth().sales.get(store)!.transactions)));
    expect(row!.total_amount).toBeCloseTo(sumOf(stores.map((store) => ownerTruth().sales.get(store)!.total_amount)), 2);
  });

  it.each(REPORTS)('reports %s by store for the bound stores only', async (report) => {
    const { rows, stores: reported } = structuredOf<{ rows: Record<string, unknown>[]; stores: string[] }>(
      await server().call('sales_report', { report, ...WHOLE_PERIOD, by_store: true, limit: 100, ...(report === 'daily_sales' ? { start_date: '2024-07-01' } : {}) }),
    );
    expect(reported).toEqual(stores);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(stores, JSON.stringify(row)).toContain(row.store_id);
      if (typeof row.product_id === 'string') expect(ownerTruth().ownerOf.products.get(row.product_id)).toBe(row.store_id);
    }
  });

  it.each(CHART_REPORTS)("charts %s by store for the bound stores only, from sales_report's rows", async (report) => {
    const args = { report, ...WHOLE_PERIOD, by_store: true, limit: 100, ...(report === 'daily_sales' ? { start_date: '2024-07-01' } : {}) };
    const { chart, ...data } = structuredOf<{ rows: Record<string, unknown>[]; stores: string[]; chart: { bytes: number } }>(await server().call('sales_chart', args));
    expect(chart.bytes).toBeGreaterThan(0);
    expect(data.stores).toEqual(stores);
    expect(data.rows.length).toBeGreaterThan(0);
    for (const row of data.rows) expect(stores, JSON.stringify(row)).toContain(row.store_id);
    expect(data).toEqual(structuredOf(await server().call('sales_report', args)));
  });

  it.each(['top_products', 'returns', 'low_stock'])('labels each row of %s with the store of its product, not the binding, when not split by store', async (report) => {
    const { rows } = structuredOf<{ rows: { store_id: string; product_id: string }[] }>(
      await server().call('sales_report', { report, ...WHOLE_PERIOD, limit: 100 }),
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.store_id, JSON.stringify(row)).toBe(ownerTruth().ownerOf.products.get(row.product_id));
  });

  it("gives monthly sales and the payment mix per store equal to the owner's totals", async () => {
    const monthly = structuredOf<{ rows: { store_id: string; sales_transactions: number; return_transactions: number; exchange_transactions: number; net_sales: number }[] }>(
      await server().call('sales_report', { report: 'monthly_sales', ...WHOLE_PERIOD, by_store: true }),
    ).rows;
    const mix = structuredOf<{ rows: { store_id: string; transactions: number }[] }>(
      await server().call('sales_report', { report: 'payment_mix', ...WHOLE_PERIOD, by_store: true, limit: 100 }),
    ).rows;
    expect([...new Set(monthly.map((row) => row.store_id))].sort()).toEqual(stores);
    for (const store of stores) {
      const own = monthly.filter((row) => row.store_id === store);
      const owner = ownerTruth().sales.get(store)!;
      expect(sumOf(own.map((row) => row.sales_transactions + row.return_transactions + row.exchange_transactions)), store).toBe(owner.transactions);
      expect(sumOf(own.map((row) => row.net_sales)), store).toBeCloseTo(owner.subtotal, 2);
      expect(sumOf(mix.filter((row) => row.store_id === store).map((row) => row.transactions)), store).toBe(owner.transactions);
    }
  });

  it("reports all bound stores together with the owner's totals when not split by store", async () => {
    const { rows } = structuredOf<{ rows: { store_id: string; sales_transactions: number; return_transactions: number; exchange_transactions: number; net_sales: number }[] }>(
      await server().call('sales_report', { report: 'monthly_sales', ...WHOLE_PERIOD }),
    );
    expect(new Set(rows.map((row) => row.store_id))).toEqual(new Set([stores.join(',')]));
    expect(sumOf(rows.map((row) => row.sales_transactions + row.return_transactions + row.exchange_transactions))).toBe(
      sumOf(stores.map((store) => ownerTruth().sales.get(store)!.transactions)),
    );
    expect(sumOf(rows.map((row) => row.net_sales))).toBeCloseTo(sumOf(stores.map((store) => ownerTruth().sales.get(store)!.subtotal)), 2);
  });

  it("searches only the bound stores' products, even for names other stores stock too", async () => {
    expect(ownerTruth().sharedNames.length).toBeGreaterThan(0);
    const seen = new Set<string>();
    for (const name of ownerTruth().sharedNames) {
      const { results } = structuredOf<{ results: { store_id: string; product_id: string }[] }>(
        await server().call('semantic_search_products', { query_description: name, max_rows: 100 }),
      );
      for (const match of results) {
        expect(stores, name).toContain(match.store_id);
        expect(ownerTruth().ownerOf.products.get(match.product_id)).toBe(match.store_id);
        seen.add(match.store_id);
      }
    }
    // Names stocked by three of four stores: every binding has something to find.
    expect(seen.size).toBeGreaterThan(0);
    if (binding === '*') expect(seen.size).toBeGreaterThan(1);
  });

  it("finds products similar to a bound store's product within the bound stores, and treats other stores' products as missing", async () => {
    const missing = expectToolError(await server().call('find_similar_products', { product_id: NO_SUCH_PRODUCT }), NO_SUCH_PRODUCT, 'not_found');
    let similarFound = 0;
    for (const store of ALL_STORES) {
      // Several samples of a bound store: one product alone may have no namesake in its store.
      for (const productId of sample(ownerTruth().ownerOf.products, store, stores.includes(store) ? 5 : 1)) {
        const result = await server().call('find_similar_products', { product_id: productId, max_rows: 50 });
        if (stores.includes(store)) {
          const structured = structuredOf<{ product: { store_id: string }; results: { store_id: string; product_id: string }[] }>(result);
          expect(structured.product.store_id).toBe(store);
          similarFound += structured.results.length;
          for (const match of structured.results) {
            expect(stores).toContain(match.store_id);
            expect(ownerTruth().ownerOf.products.get(match.product_id)).toBe(match.store_id);
          }
        } else {
          const text = expectToolError(result, productId, 'not_found');
          expect(text.replace(productId, '<id>')).toBe(missing.replace(NO_SUCH_PRODUCT, '<id>'));
        }
      }
    }
    expect(similarFound).toBeGreaterThan(0);
  });
}
