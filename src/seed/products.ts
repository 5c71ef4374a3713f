import { CATALOGUE, type CategoryCatalogue, type ItemTemplate, type SpecValue, type StockProfile } from './catalogue/index.js';
import { addMonths, isoTimestamp } from './calendar.js';
import { describeProduct } from './descriptions.js';
import { centsToDollars } from './money.js';
import { allocate, type Rng } from './random.js';
import type { JsonValue, ProductRow } from './rows.js';
import { STORES, type StoreProfile } from './stores.js';

const STOCK_RANGES: Record<StockProfile, readonly [number, number]> = { bulky: [20, 80], standard: [60, 300], small: [150, 600] };

/**
 * Each store's range: its product count split over the categories by share, and
 * within a category the staple item types first (so every store has headphones,
 * tents, phone mounts...), then the others in a store-specific order. One row at a
 * time, in the order of generateProducts.
 */
export function* productRows(rng: Rng, total: number, asOfDay: number): Generator<ProductRow> {
  const perStore = allocate(total, STORES.map((store) => store.share));
  for (const [storeIndex, store] of STORES.entries()) {
    const perCategory = allocate(perStore[storeIndex]!, CATALOGUE.map((category) => category.share));
    let sequence = 0;
    for (const [categoryIndex, category] of CATALOGUE.entries()) {
      const staples = category.templates.filter((template) => template.staple);
      const order = [...staples, ...rng.shuffle(category.templates.filter((template) => !template.staple))];
      for (let i = 0; i < perCategory[categoryIndex]!; i++) {
        sequence += 1;
        // A store's first product of a staple type carries the type's main name ("Waterproof Hiking Jacket") and description.
        yield buildProduct(rng, store, category, order[i % order.length]!, sequence, asOfDay, i < staples.length);
      }
    }
  }
}

function buildProduct(
  rng: Rng,
  store: StoreProfile,
  category: CategoryCatalogue,
  template: ItemTemplate,
  sequence: number,
  asOfDay: number,
  canonicalName: boolean,
): ProductRow {
  const brand = rng.pick(template.brands);
  const specs = pickSpecs(rng, template);
  const { name, noun } = productName(rng, category, template, brand, specs, canonicalName);
  const sizeIndex = template.sizes ? rng.int(0, template.sizes.values.length - 1) : -1;
  const priceCents = shelfPriceCents(rng.between(template.price[0], template.price[1]) * (1 + (template.sizes?.priceStep ?? 0) * Math.max(sizeIndex, 0)));
  const isActive = !rng.chance(0.03);
  const stock = stockLevels(rng, template.stock ?? 'standard', isActive);
  const rating = ratings(rng);
  const metadata: { [key: string]: JsonValue } = { item_type: template.key, ...specs };
  if (template.identifier === 'isbn') metadata.isbn = barcode(rng, '978', 13);
  if (template.identifier === 'upc') metadata.upc = barcode(rng, '0', 12);
  if (template.sizes) metadata.size_type = template.sizes.kind;
  const supplier = rng.pick(category.suppliers);
  const windowStart = addMonths(asOfDay, -12);
  const createdDay = rng.int(asOfDay - 3 * 365, windowStart - 1);
  const updatedDay = rng.int(createdDay + 1, asOfDay);
  return {
    product_id: rng.uuid(),
    store_id: store.storeId,
    sku: `${store.code}-${category.skuCode}-${String(sequence).padStart(5, '0')}`,
    product_name: name,
    product_description: describeProduct(rng, category, template, brand, noun, canonicalName),
    category_id: category.categoryId,
    brand,
    model: template.modelPrefix ? `${template.modelPrefix}-${rng.int(10, 99) * 10}${rng.pick(['', '', 'S', 'X', 'Plus'])}` : null,
    color: template.colors ? rng.pick(template.colors) : null,
    size: template.sizes ? template.sizes.values[sizeIndex]! : null,
    weight_kg: Math.round(rng.between(template.weightKg[0], template.weightKg[1]) * 1000) / 1000,
    dimensions_cm: template.dimensionsCm.map((cm) => (cm * rng.between(0.9, 1.1)).toFixed(1)).join(' x '),
    price: centsToDollars(priceCents),
    cost: centsToDollars(Math.round(priceCents * rng.between(0.4, 0.7))),
    ...stock,
    supplier_name: supplier,
    supplier_sku: `${initials(supplier)}-${rng.int(10000, 99999)}`,
    is_active: isActive,
    is_featured: isActive && rng.chance(0.08),
    rating_average: rating.average,
    rating_count: rating.count,
    tags: productTags(rng, template, rating),
    metadata,
    created_at: isoTimestamp(createdDay, rng.int(8 * 3600, 18 * 3600)),
    updated_at: isoTimestamp(updatedDay, rng.int(8 * 3600, 18 * 3600)),
  };
}

function pickSpecs(rng: Rng, template: ItemTemplate): Record<string, SpecValue> {
  const specs: Record<string, SpecValue> = {};
  for (const [key, values] of Object.entries(template.specs)) specs[key] = rng.pick(values);
  return specs;
}

function productName(
  rng: Rng,
  category: CategoryCatalogue,
  template: ItemTemplate,
  brand: string,
  specs: Record<string, SpecValue>,
  canonical: boolean,
): { name: string; noun: string } {
  const noun = canonical ? template.names[0]! : rng.pick(template.names);
  if (template.nameStyle === 'title') return { name: typeof specs.format === 'string' ? `${noun} (${specs.format})` : noun, noun };
  const series = category.series.length > 0 && rng.chance(0.5) ? rng.pick(category.series) : undefined;
  return { name: withoutRepeatedWords([brand, series, noun]), noun };
}

/** "Ridgeline Trail Backpack", not "Ridgeline Trail Trail Backpack": a word said once is not said again. */
function withoutRepeatedWords(parts: readonly (string | undefined)[]): string {
  const seen = new Set<string>();
  const words: string[] = [];
  for (const word of parts.filter(Boolean).join(' ').split(/\s+/)) {
    if (seen.has(word.toLowerCase())) continue;
    seen.add(word.toLowerCase());
    words.push(word);
  }
  return words.join(' ');
}

/** Shelf prices end in .99 (or .49 below $20), and in 4.99/9.99 from $100 up. */
function shelfPriceCents(dollars: number): number {
  if (dollars >= 100) return (Math.round(dollars / 5) * 5 - 1) * 100 + 99;
  const whole = Math.max(Math.floor(dollars), 1);
  return whole * 100 + (whole < 20 && (whole & 1) === 0 ? 49 : 99);
}

/**
 * Most products sit comfortably above their reorder point; about one in six is at
 * or below it and a few are (nearly) sold out, so a low-stock report has rows.
 */
function stockLevels(rng: Rng, profile: StockProfile, isActive: boolean): Pick<ProductRow, 'current_stock' | 'minimum_stock' | 'maximum_stock' | 'reorder_point'> {
  const [low, high] = STOCK_RANGES[profile];
  const maximum = Math.round(rng.int(low, high) / 5) * 5;
  const reorder = Math.round(maximum * rng.between(0.15, 0.3));
  const minimum = Math.round(reorder * rng.between(0.4, 0.6));
  const roll = rng.float();
  let current: number;
  if (!isActive) current = rng.int(0, minimum);
  else if (roll < 0.05) current = rng.int(0, Math.max(minimum - 1, 0));
  else if (roll < 0.17) current = rng.int(minimum, reorder);
  else current = rng.int(reorder + 1, maximum);
  return { current_stock: current, minimum_stock: minimum, maximum_stock: maximum, reorder_point: reorder };
}

function ratings(rng: Rng): { average: number; count: number } {
  const band = rng.float();
  const count = band < 0.6 ? rng.int(3, 60) : band < 0.95 ? rng.int(61, 600) : rng.int(601, 3000);
  const stars = rng.chance(0.05) ? rng.between(1.8, 3.3) : 3.3 + 1.6 * ((rng.float() + rng.float()) / 2);
  return { average: Math.min(Math.max(Math.round(stars * 100), 100), 500) / 100, count };
}

function productTags(rng: Rng, template: ItemTemplate, rating: { average: number; count: number }): string[] {
  const keep = new Set(rng.sample(template.tags, rng.int(Math.min(3, template.tags.length), template.tags.length)));
  const tags = template.tags.filter((tag) => keep.has(tag));
  if (rating.count >= 400 && rating.average >= 4.2) tags.push('bestseller');
  if (rating.average >= 4.6 && rating.count >= 50) tags.push('top-rated');
  return tags;
}

/** An EAN-13/UPC-A style number with a valid check digit. */
function barcode(rng: Rng, prefix: string, length: number): string {
  let digits = prefix;
  while (digits.length < length - 1) digits += String(rng.int(0, 9));
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[digits.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return digits + String((10 - (sum % 10)) % 10);
}

function initials(name: string): string {
  return name
    .split(/[\s&.-]+/)
    .filter((word) => /^[A-Z]/.test(word))
    .map((word) => word[0])
    .join('')
    .slice(0, 4);
}
