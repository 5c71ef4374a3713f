import { shelfProduct, StoreShelf } from './baskets.js';
import { dayNumber } from './calendar.js';
import { customerRows } from './customers.js';
import { DEFAULT_VOLUME, parseGenerateOptions, scaledCount, type GenerateOptions } from './options.js';
import { productRows } from './products.js';
import { Rng } from './random.js';
import type { CustomerRow, Dataset, ProductRow, TransactionItemRow, TransactionRow } from './rows.js';
import { SalesPlan } from './salesPlan.js';
import { ShopperDirectory } from './shoppers.js';
import { STORES } from './stores.js';

/** Rows of one table, in the order they are generated; `total` is the table's row count. */
export type DatasetBatch =
  | { phase: 'products'; rows: ProductRow[]; total: number }
  | { phase: 'customers'; rows: CustomerRow[]; total: number }
  | { phase: 'transactions'; rows: TransactionRow[]; total: number }
  | { phase: 'items'; rows: TransactionItemRow[]; total: number };

/** Rows per batch (transactions per batch for the sales, their lines come in the batch after). */
export const DEFAULT_GENERATION_BATCH = 5000;

/**
 * The sample dataset as a stream of batches, in an order a loader can write them:
 * products, customers, then the sales in time order (a batch of transactions, then
 * their lines). Memory stays small whatever the scale: rows exist only batch by
 * batch, and what the sales need of the other tables is kept compact (see
 * SalesPlan). The same options give byte-identical rows (ids, timestamps, emails,
 * SKUs, receipt numbers) on any machine. Customers, products and sales draw from
 * separate streams of the seed, so changing the number of customers does not
 * change the catalogue.
 *
 * @throws ZavaError('invalid_argument') when an option is out of range.
 */
export function* datasetBatches(options: GenerateOptions, batchSize = DEFAULT_GENERATION_BATCH): Generator<DatasetBatch> {
  const { seed, scale, asOf } = parseGenerateOptions(options);
  const asOfDay = dayNumber(asOf);
  const totals = {
    customers: scaledCount(DEFAULT_VOLUME.customers, scale),
    products: scaledCount(DEFAULT_VOLUME.products, scale),
    transactions: scaledCount(DEFAULT_VOLUME.transactions, scale),
  };
  const customers = () => customerRows(Rng.stream(seed, 'customers'), totals.customers, asOfDay);

  const storeIndex = new Map(STORES.map((store, index) => [store.storeId, index]));
  const shelves = STORES.map(() => new StoreShelf());
  for (const rows of inBatches(productRows(Rng.stream(seed, 'products'), totals.products, asOfDay), batchSize)) {
    for (const row of rows) shelves[storeIndex.get(row.store_id)!]!.stock(shelfProduct(row));
    yield { phase: 'products', rows, total: totals.products };
  }

  // Who shops where: a first pass over the customers, kept compact; the rows are drawn again below.
  const directory = new ShopperDirectory();
  for (const customer of customers()) directory.add(customer);
  const sales = SalesPlan.draw(Rng.stream(seed, 'sales'), totals.transactions, asOfDay, directory.stores(), shelves, directory.size);

  let position = 0;
  for (const rows of inBatches(customers(), batchSize)) {
    for (const row of rows) sales.settle(row, position++);
    yield { phase: 'customers', rows, total: totals.customers };
  }

  for (const drafts of inBatches(sales.receipts(), batchSize)) {
    yield { phase: 'transactions', rows: drafts.map((draft) => draft.transaction), total: sales.transactionCount };
    yield { phase: 'items', rows: drafts.flatMap((draft) => draft.items), total: sales.itemCount };
  }
}

/**
 * The whole sample dataset in memory (tests, benchmarks): the batches of
 * datasetBatches, put together.
 */
export function generateDataset(options: GenerateOptions): Dataset {
  const dataset: Dataset = { customers: [], products: [], transactions: [], items: [] };
  for (const batch of datasetBatches(options)) {
    const rows: unknown[] = dataset[batch.phase];
    for (const row of batch.rows) rows.push(row);
  }
  return dataset;
}

/** An in-memory dataset as batches, in datasetBatches' order (tests and benchmarks load chosen rows this way). */
export function* batchesOf(dataset: Dataset, batchSize = DEFAULT_GENERATION_BATCH): Generator<DatasetBatch> {
  for (const rows of inBatches(dataset.products, batchSize)) yield { phase: 'products', rows, total: dataset.products.length };
  for (const rows of inBatches(dataset.customers, batchSize)) yield { phase: 'customers', rows, total: dataset.customers.length };
  const itemsOf = new Map<string, TransactionItemRow[]>();
  for (const item of dataset.items) {
    const lines = itemsOf.get(item.transaction_id);
    if (lines) lines.push(item);
    else itemsOf.set(item.transaction_id, [item]);
  }
  for (const rows of inBatches(dataset.transactions, batchSize)) {
    yield { phase: 'transactions', rows, total: dataset.transactions.length };
    yield { phase: 'items', rows: rows.flatMap((row) => itemsOf.get(row.transaction_id) ?? []), total: dataset.items.length };
  }
}

function* inBatches<T>(rows: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
