import type { Dataset, LoadCounts } from '../../src/seed/index.js';

/**
 * A consistent part of a dataset for timing the row-by-row loader when the whole
 * would take too long: an evenly spaced `fraction` of the customers, every product
 * (they are few), the sales of the kept customers plus the same fraction of the
 * anonymous sales, and every line of the kept sales. Every foreign key still holds,
 * so the loader runs exactly as on the full dataset, table by table.
 */
export function subsetDataset(dataset: Dataset, fraction: number): Dataset {
  if (!(fraction > 0 && fraction <= 1)) throw new Error(`fraction must be in (0, 1], not ${fraction}`);
  if (fraction === 1) return dataset;
  const customers = evenlySpaced(dataset.customers, fraction);
  const kept = new Set(customers.map((row) => `${row.store_id}/${row.customer_id}`));
  const anonymous = new Set(evenlySpaced(dataset.transactions.filter((row) => row.customer_id === null), fraction));
  const transactions = dataset.transactions.filter((row) => (row.customer_id === null ? anonymous.has(row) : kept.has(`${row.store_id}/${row.customer_id}`)));
  const sales = new Set(transactions.map((row) => `${row.store_id}/${row.transaction_id}`));
  const items = dataset.items.filter((row) => sales.has(`${row.store_id}/${row.transaction_id}`));
  return { customers, products: dataset.products, transactions, items };
}

/** Rows a dataset gives each loader phase. */
export function phaseRows(dataset: Dataset): LoadCounts {
  return { customers: dataset.customers.length, products: dataset.products.length, transactions: dataset.transactions.length, items: dataset.items.length };
}

export function totalRows(counts: LoadCounts): number {
  return counts.customers + counts.products + counts.transactions + counts.items;
}

function evenlySpaced<T>(rows: readonly T[], fraction: number): T[] {
  return rows.filter((_, index) => Math.floor((index + 1) * fraction) > Math.floor(index * fraction));
}
