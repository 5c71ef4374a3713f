import { afterAll, beforeAll, expect, it } from 'vitest';
import { ZavaError } from '../../src/errors.js';
import type { DatabasePort, TransactionSession } from '../../src/db/port.js';
import { batchesOf, bulkLoad, generateDataset, loadDatasetRowByRow, type Dataset, type LoadProgress } from '../../src/seed/index.js';
import { freshMigratedDatabase } from '../support/migratedDatabase.js';
import { describeEngines, EACH_ENGINE } from '../support/seededDatabase.js';
import { dumpSeededTables, emptySeededTables, inRolledBackTransaction, withAuditTriggersOff } from './database.js';
import { AS_OF, STORE_IDS } from './fixtures.js';

/** The full-text expression of idx_products_text_search (schema/004_indexes.sql). */
const PRODUCT_TEXT = "to_tsvector('english', product_name || ' ' || COALESCE(product_description, '') || ' ' || COALESCE(brand, ''))";

/** Every constraint and index of the seeded tables, as the catalog defines it. */
const SCHEMA_OBJECTS = `
SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS object FROM pg_constraint
 WHERE connamespace = 'retail'::regnamespace
UNION ALL
SELECT indexrelid::regclass::text || ' ' || pg_get_indexdef(indexrelid) FROM pg_index
 WHERE indrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'retail'::regnamespace)
ORDER BY 1`;

/** Values COPY's text format must escape, in every kind of column that carries text. */
function withAwkwardText(dataset: Dataset): Dataset {
  const [product, ...products] = dataset.products;
  const awkward = {
    ...product!,
    product_description: 'Tab\there, newline\nthere, carriage\rreturn, back\\slash, \\N, "quotes" and \'apostrophes\'',
    tags: ['comma, inside', 'quote " inside', 'back\\slash', 'tab\tinside', ''],
    metadata: { ...product!.metadata, note: 'line one\nline two\t\\end' },
  };
  return { ...dataset, products: [awkward, ...products] };
}

async function bulkLoadIn(tx: TransactionSession, dataset: Dataset, onProgress?: (progress: LoadProgress) => void) {
  return withAuditTriggersOff(tx, () => bulkLoad(tx, batchesOf(dataset, 64), { onProgress }));
}

describeEngines(EACH_ENGINE, 'bulk-loading the dataset with COPY on %s', (kind) => {
  let database: { db: DatabasePort; close(): Promise<void> };
  let lab: Dataset;
  let objectsBefore: string[];
  const small = withAwkwardText(generateDataset({ seed: 7, scale: 0.1, asOf: AS_OF }));
  const objects = async (db: DatabasePort) => (await db.query<{ object: string }>(SCHEMA_OBJECTS)).rows.map((row) => row.object);

  beforeAll(async () => {
    database = await freshMigratedDatabase(kind);
    objectsBefore = await objects(database.db);
    lab = generateDataset({ seed: 42, scale: 1, asOf: AS_OF });
    await database.db.transaction({ role: 'owner' }, (tx) => bulkLoadIn(tx, lab));
  });

  afterAll(async () => {
    await database?.close();
  });

  const count = async (sql: string, params: unknown[] = []) => {
    const result = await database.db.query<{ n: number }>(sql, params);
    return Number(result.rows[0]!.n);
  };

  it('loads every row of the scale-1 dataset and nothing into the audit log', async () => {
    expect(await count('SELECT count(*) AS n FROM retail.customers')).toBe(2_000);
    expect(await count('SELECT count(*) AS n FROM retail.products')).toBe(500);
    expect(await count('SELECT count(*) AS n FROM retail.sales_transactions')).toBe(5_000);
    expect(await count('SELECT count(*) AS n FROM retail.sales_transaction_items')).toBe(lab.items.length);
    expect(await count('SELECT count(*) AS n FROM retail.audit_log')).toBe(0);
  });

  it('puts back exactly the keys, constraints and indexes the migrations made, and gives the tables statistics', async () => {
    expect(objectsBefore.length).toBeGreaterThan(40);
    expect(await objects(database.db)).toEqual(objectsBefore);
    const analysed = await count("SELECT count(*) AS n FROM pg_stat_user_tables WHERE schemaname = 'retail' AND last_analyze IS NOT NULL AND relname IN ('customers', 'products', 'sales_transactions', 'sales_transaction_items')");
    expect(analysed).toBe(4);
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

  it('stores the same rows as one parameterised INSERT per row, tabs, newlines and backslashes included', async () => {
    const load = (loader: (tx: TransactionSession) => Promise<unknown>) =>
      inRolledBackTransaction(database.db, async (tx) => {
        await emptySeededTables(tx);
        const counts = await loader(tx);
        return { counts, dump: await dumpSeededTables(tx) };
      });
    const copied = await load((tx) => bulkLoadIn(tx, small));
    const inserted = await load((tx) => withAuditTriggersOff(tx, () => loadDatasetRowByRow(tx, small)));
    expect(copied.counts).toEqual({ customers: 200, products: 50, transactions: 500, items: small.items.length });
    expect(inserted.counts).toEqual(copied.counts);
    expect(copied.dump).toHaveLength(750 + small.items.length);
    expect(copied.dump.join('\n')).toContain('back\\\\slash');
    expect(inserted.dump).toEqual(copied.dump);
  });

  it('reports progress per table in load order, then the indexes, each up to its total', async () => {
    const events: LoadProgress[] = [];
    await inRolledBackTransaction(database.db, async (tx) => {
      await emptySeededTables(tx);
      await bulkLoadIn(tx, small, (progress) => events.push(progress));
    });
    expect([...new Set(events.map((event) => event.phase))]).toEqual(['products', 'customers', 'sales', 'indexes']);
    const totals = { products: 50, customers: 200, sales: 500, indexes: 2 };
    for (const [phase, total] of Object.entries(totals)) {
      const done = events.filter((event) => event.phase === phase).map((event) => event.done);
      expect(done[0]).toBe(0);
      expect(done.at(-1)).toBe(total);
      expect(done).toEqual([...done].sort((a, b) => a - b));
      expect(events.filter((event) => event.phase === phase).every((event) => event.total === total)).toBe(true);
    }
  });

  it('fails on a duplicate key when the keys are rebuilt, and the rollback leaves tables and indexes as they were', async () => {
    const duplicated = { ...small, customers: [...small.customers, small.customers[0]!] };
    const load = database.db.transaction({ role: 'owner' }, async (tx) => {
      await emptySeededTables(tx);
      await bulkLoadIn(tx, duplicated);
    });
    await expect(load).rejects.toThrow(/could not create unique index "customers_pkey"/);
    expect(await count('SELECT count(*) AS n FROM retail.customers')).toBe(2_000);
    expect(await objects(database.db)).toEqual(objectsBefore);
  });

  it('rejects a row-by-row batch size that is not a positive integer', async () => {
    for (const batchSize of [0, -5, 2.5]) {
      await expect(inRolledBackTransaction(database.db, (tx) => loadDatasetRowByRow(tx, small, { batchSize }))).rejects.toSatisfy(
        (error: unknown) => error instanceof ZavaError && error.code === 'invalid_argument' && /^batchSize/.test(error.message),
      );
    }
  });
});
