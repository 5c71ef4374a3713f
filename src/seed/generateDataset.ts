import { dayNumber } from './calendar.js';
import { generateCustomers } from './customers.js';
import { settleLifetimeValues } from './lifetimeValue.js';
import { DEFAULT_VOLUME, parseGenerateOptions, scaledCount, type GenerateOptions } from './options.js';
import { generateProducts } from './products.js';
import { Rng } from './random.js';
import type { Dataset } from './rows.js';
import { generateSales } from './transactions.js';

/**
 * The whole sample dataset, in memory and pure: the same options give byte-identical
 * rows (ids, timestamps, emails, SKUs, receipt numbers) on any machine. Customers,
 * products and sales draw from separate streams of the seed, so changing the
 * number of customers does not change the catalogue.
 *
 * @throws ZavaError('invalid_argument') when an option is out of range.
 */
export function generateDataset(options: GenerateOptions): Dataset {
  const { seed, scale, asOf } = parseGenerateOptions(options);
  const asOfDay = dayNumber(asOf);
  const customers = generateCustomers(Rng.stream(seed, 'customers'), scaledCount(DEFAULT_VOLUME.customers, scale), asOfDay);
  const products = generateProducts(Rng.stream(seed, 'products'), scaledCount(DEFAULT_VOLUME.products, scale), asOfDay);
  const { transactions, items } = generateSales(Rng.stream(seed, 'sales'), scaledCount(DEFAULT_VOLUME.transactions, scale), asOfDay, customers, products);
  settleLifetimeValues(customers, transactions);
  return { customers, products, transactions, items };
}
