import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZavaError } from '../../src/errors.js';
import { generateDataset, loadDataset, loadDatasetRowByRow, type Dataset, type LoadProgress } from '../../src/seed/index.js';
import { freshMigratedPglite, type TestDatabase } from '../support/freshPglite.js';
import { dumpSeededTables, emptySeededTables, inRolledBackTransaction, withAuditTriggersOff } from './database.js';
import { AS_OF, STORE_IDS } from './fixtures.js';

/** The full-text expression of idx_products_text_search (schema/004_indexes.sql). */
const PRODUCT_TEXT = "to_tsvector('english', product_name || ' ' || COALESCE(product_description, '') || ' ' || COALESCE(brand, ''))";

describe('loading the dataset into PGlite', () => {
  let database: TestDatabase;
  let lab: Dataset;
  const small = generateDataset({ seed: 7, scale: 0.1, asOf: AS_OF });

  beforeAll(async () => {
    database = await freshMigratedPglite();
    lab = generateDataset({ seed: 42, scale: 1, asOf: AS_OF });
    await database.db.transaction({ role: 'owner' }, (tx) => withAuditTriggersOff(tx, () => loadDataset(tx, lab)));
  });

  afterAll(async () => {
    await database?.close();
  });

  const count = async (sql: string, params: unknown[] = []) => {
    const result = await database.db.query<{ n: number }>(sql, params);
    return Number(result.rows[0]!.n);
  };

  it('bulk-loads every row of the scale-1 dataset through the schema’s constraints', async () => {
    expect(await count('SELECT count(*) AS n FROM retail.customers')).toBe(2_000);
    expect(await count('SELECT count(*) AS n FROM retail.products')).toBe(500);
    expect(await count('SELECT count(*) AS n FROM retail.sales_transactions')).toBe(5_000);
    expect(await count('SELECT count(*) AS n FROM retail.sales_transaction_items')).toBe(lab.items.length);
    expect(await count('SELECT count(*) AS n FROM retail.audit_log')).toBe(0);
  });

  it('holds the money invariants in SQL: subtotal, discount, tax, total and lifetime value', async () => {
    expect(
      await count(`
        SELECT count(*) AS n FROM retail.sales_transactions t
        JOIN (SELECT store_id, transaction_id, sum(total_price) AS lines, sum(discount_amount) AS discounts, sum(tax_amount) AS taxes
              FROM retail.sales_transaction_items GROUP BY store_id, transaction_id) i USING (store_id, transaction_id)
        WHERE t.subtotal <> i.lines OR t.discount_amount <> i.discounts OR t.tax_amount <> i.taxes
           OR t.tax_amount <> round(t.subtotal * 0.08, 2) OR t.total_amount <> t.subtotal + t.tax_amount`),
    ).toBe(0);
    expect(
      await count(`
        SELECT count(*) AS n FROM retail.customers c
        WHERE c.total_lifetime_value <> COALESCE((SELECT sum(t.total_amount) FROM retail.sales_transactions t
                                                  WHERE t.store_id = c.store_id AND t.customer_id = c.customer_id), 0)`),
    ).toBe(0);
    expect(await count("SELECT count(*) AS n FROM retail.sales_transaction_items i JOIN retail.sales_transactions t USING (store_id, transaction_id) WHERE t.transaction_type = 'return' AND i.quantity > 0")).toBe(0);
  });

  it('reads back the same values the generator produced', async () => {
    const first = lab.transactions[0]!;
    const result = await database.db.query<Record<string, unknown>>('SELECT * FROM retail.sales_transactions WHERE store_id = $1 AND transaction_id = $2', [first.store_id, first.transaction_id]);
    const row = result.rows[0]!;
    expect(row.receipt_number).toBe(first.receipt_number);
    expect(row.total_amount).toBe(first.total_amount);
    expect((row.transaction_date as Date).toISOString()).toBe(first.transaction_date);
    expect(row.metadata).toEqual(first.metadata);
    const product = lab.products[0]!;
    const stored = await database.db.query<{ tags: string[]; metadata: unknown; price: number }>(
      'SELECT tags, metadata, price FROM retail.products WHERE store_id = $1 AND product_id = $2',
      [product.store_id, product.product_id],
    );
    expect(stored.rows[0]).toEqual({ tags: product.tags, metadata: product.metadata, price: product.price });
  });

  it.each(['headphones', 'tent', 'car phone mount', 'waterproof hiking jacket', 'keep drinks cold camping', 'gift new gardener', 'noise cancelling travel'])(
    'finds "%s" by full-text search in every store',
    async (words) => {
      const result = await database.db.query<{ store_id: string }>(
        `SELECT DISTINCT store_id FROM retail.products WHERE ${PRODUCT_TEXT} @@ plainto_tsquery('english', $1)`,
        [words],
      );
      expect(new Set(result.rows.map((row) => row.store_id))).toEqual(new Set(STORE_IDS));
    },
  );

  it('gives a low-stock report rows in every store', async () => {
    const result = await database.db.query<{ store_id: string }>('SELECT DISTINCT store_id FROM retail.products WHERE is_active AND current_stock <= reorder_point');
    expect(new Set(result.rows.map((row) => row.store_id))).toEqual(new Set(STORE_IDS));
  });

  it('produces identical tables with the bulk loader and the row-by-row loader', async () => {
    const load = (loader: typeof loadDataset) =>
      inRolledBackTransaction(database.db, async (tx) => {
        await emptySeededTables(tx);
        const counts = await withAuditTriggersOff(tx, () => loader(tx, small, { batchSize: 64 }));
        return { counts, dump: await dumpSeededTables(tx) };
      });
    const bulk = await load(loadDataset);
    const rowByRow = await load(loadDatasetRowByRow);
    expect(bulk.counts).toEqual({ customers: 200, products: 50, transactions: 500, items: small.items.length });
    expect(rowByRow.counts).toEqual(bulk.counts);
    expect(bulk.dump).toHaveLength(750 + small.items.length);
    expect(rowByRow.dump).toEqual(bulk.dump);
  });

  it('reports progress per table, in load order, up to each table’s row count', async () => {
    const events: LoadProgress[] = [];
    await inRolledBackTransaction(database.db, async (tx) => {
      await emptySeededTables(tx);
      await withAuditTriggersOff(tx, () => loadDataset(tx, small, { batchSize: 77, onProgress: (progress) => events.push(progress) }));
    });
    expect([...new Set(events.map((event) => event.phase))]).toEqual(['customers', 'products', 'transactions', 'items']);
    const totals = { customers: 200, products: 50, transactions: 500, items: small.items.length };
    for (const [phase, total] of Object.entries(totals)) {
      const done = events.filter((event) => event.phase === phase).map((event) => event.done);
      expect(done[0]).toBe(0);
      expect(done.at(-1)).toBe(total);
      expect(done).toEqual([...done].sort((a, b) => a - b));
      expect(events.filter((event) => event.phase === phase).every((event) => event.total === total)).toBe(true);
    }
    expect(events.filter((event) => event.phase === 'transactions')).toHaveLength(1 + Math.ceil(500 / 77));
  });

  it('rejects a batch size that is not a positive integer', async () => {
    for (const batchSize of [0, -5, 2.5]) {
      await expect(inRolledBackTransaction(database.db, (tx) => loadDataset(tx, small, { batchSize }))).rejects.toSatisfy(
        (error: unknown) => error instanceof ZavaError && error.code === 'invalid_argument' && /^batchSize/.test(error.message),
      );
    }
  });
});
