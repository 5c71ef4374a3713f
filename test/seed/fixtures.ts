import { findItemTemplate, type ItemTemplate } from '../../src/seed/catalogue/index.js';
import { generateDataset, type Dataset, type ProductRow } from '../../src/seed/index.js';

/** The options the tests generate with: a full calendar year before asOf. */
export const AS_OF = '2025-06-30';
export const STORE_IDS = ['seattle', 'redmond', 'bellevue', 'online'] as const;
export const PHYSICAL_STORES = new Set(['seattle', 'redmond', 'bellevue']);

let labDataset: Dataset | undefined;

/** Lab 04 volume (scale 1), generated once per test file. */
export function labData(): Dataset {
  labDataset ??= generateDataset({ seed: 42, scale: 1, asOf: AS_OF });
  return labDataset;
}

export function templateOf(product: ProductRow): ItemTemplate {
  const found = findItemTemplate(String(product.metadata.item_type));
  if (!found) throw new Error(`product ${product.sku} has no item type`);
  return found.template;
}

export function cents(dollars: number): number {
  return Math.round(dollars * 100);
}

export function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}
