import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/seed/index.js';
import { APPAREL_SIZES, CATALOGUE, SHOE_SIZES } from '../../src/seed/catalogue/index.js';
import { cents, labData, share, STORE_IDS, templateOf } from './fixtures.js';

const APPAREL = new Set(APPAREL_SIZES.values);
const SHOES = new Set(SHOE_SIZES.values);
const CLOTHING = 2;

describe('generated products', () => {
  const { products } = labData();

  it('offers 15 to 25 item types in each of the seven categories', () => {
    expect(CATALOGUE.map((category) => category.categoryId)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const category of CATALOGUE) {
      expect(category.templates.length).toBeGreaterThanOrEqual(15);
      expect(category.templates.length).toBeLessThanOrEqual(25);
    }
  });

  it('names products without saying a word twice ("Ridgeline Trail Backpack", not "Ridgeline Trail Trail Backpack"), titles of books apart', () => {
    const names = [7, 42, 1234].flatMap((seed) => generateDataset({ seed, scale: 3, asOf: '2025-06-30' }).products)
      .filter((product) => templateOf(product).nameStyle !== 'title')
      .map((product) => product.product_name);
    expect(names.length).toBeGreaterThan(3_000);
    const repeating = names.filter((name) => {
      const words = name.toLowerCase().split(/\s+/);
      return new Set(words).size !== words.length;
    });
    expect(repeating).toEqual([]);
  });

  it('stocks every category in every store', () => {
    for (const storeId of STORE_IDS) {
      const categories = new Set(products.filter((product) => product.store_id === storeId).map((product) => product.category_id));
      expect(categories).toEqual(new Set([1, 2, 3, 4, 5, 6, 7]));
    }
  });

  it('keeps SKUs unique per store', () => {
    for (const storeId of STORE_IDS) {
      const skus = products.filter((product) => product.store_id === storeId).map((product) => product.sku);
      expect(new Set(skus).size).toBe(skus.length);
    }
  });

  it('gives apparel sizes only to clothing and shoe sizes only to footwear', () => {
    for (const product of products) {
      const template = templateOf(product);
      if (product.size === null) {
        expect(template.sizes).toBeUndefined();
        continue;
      }
      expect(template.sizes?.values).toContain(product.size);
      if (APPAREL.has(product.size)) expect([product.category_id, template.sizes?.kind]).toEqual([CLOTHING, 'apparel']);
      if (SHOES.has(product.size)) expect(template.sizes?.kind).toBe('shoe');
    }
    const electronicsSizes = products.filter((product) => product.category_id === 1 && product.size !== null).map((product) => product.size!);
    expect(electronicsSizes.length).toBeGreaterThan(0);
    for (const size of electronicsSizes) expect(APPAREL.has(size) || SHOES.has(size)).toBe(false);
    expect(products.some((product) => product.size !== null && APPAREL.has(product.size))).toBe(true);
  });

  it('never contains lorem ipsum or placeholder text', () => {
    const text = JSON.stringify(labData());
    expect(text).not.toMatch(/lorem|ipsum|dolor sit|consectetur/i);
    expect(text).not.toMatch(/undefined|\bNaN\b|\[object Object\]/);
  });

  it('describes each product in 2 to 4 sentences naming its material and its use', () => {
    for (const product of products) {
      const template = templateOf(product);
      const description = product.product_description;
      expect(template.materials.some((material) => description.includes(material))).toBe(true);
      expect(template.uses.some((use) => description.includes(use))).toBe(true);
      // Brands such as "Cobble & Co." end in a period; they are not sentence ends.
      const sentences = description.replaceAll(product.brand, 'Brand').split(/\. (?=[A-Z])/);
      expect(sentences.length).toBeGreaterThanOrEqual(2);
      expect(sentences.length).toBeLessThanOrEqual(4);
    }
    expect(new Set(products.map((product) => product.product_description)).size).toBeGreaterThan(products.length * 0.95);
  });

  it('has products for typical shopper searches in every store', () => {
    const searches: Record<string, RegExp[]> = {
      'noise cancelling headphones for travel': [/noise cancelling headphones/i, /travel/i],
      'waterproof hiking jacket': [/waterproof hiking jacket/i],
      'car phone mount': [/car phone mount/i],
      'a tent for camping': [/tent/i, /camping/i],
      'something to keep drinks cold on a camping trip': [/cooler/i, /keep drinks cold/i, /camping trips/i],
      'gift for a new gardener': [/gift for a new gardener/],
    };
    for (const storeId of STORE_IDS) {
      const texts = products.filter((product) => product.store_id === storeId).map((product) => `${product.product_name}. ${product.product_description}`);
      for (const [search, patterns] of Object.entries(searches)) {
        expect(texts.some((text) => patterns.every((pattern) => pattern.test(text))), `${storeId}: ${search}`).toBe(true);
      }
    }
  });

  it('uses brands of the item type, and prices, costs, weights and dimensions that fit it', () => {
    for (const product of products) {
      const template = templateOf(product);
      expect(template.brands).toContain(product.brand);
      const sizeStep = template.sizes ? template.sizes.values.indexOf(product.size!) * (template.sizes.priceStep ?? 0) : 0;
      expect(product.price).toBeGreaterThanOrEqual(template.price[0] * 0.9);
      expect(product.price).toBeLessThanOrEqual(template.price[1] * (1 + sizeStep) * 1.05);
      expect(cents(product.price) % 100).toBeOneOf([49, 99]);
      const margin = product.cost / product.price;
      expect(margin).toBeGreaterThanOrEqual(0.39);
      expect(margin).toBeLessThanOrEqual(0.71);
      expect(product.weight_kg).toBeGreaterThanOrEqual(template.weightKg[0]);
      expect(product.weight_kg).toBeLessThanOrEqual(template.weightKg[1]);
      const dimensions = product.dimensions_cm.split(' x ').map(Number);
      expect(dimensions).toHaveLength(3);
      dimensions.forEach((dimension, index) => {
        expect(dimension).toBeGreaterThanOrEqual(template.dimensionsCm[index]! * 0.9 - 0.05);
        expect(dimension).toBeLessThanOrEqual(template.dimensionsCm[index]! * 1.1 + 0.05);
      });
    }
  });

  it('colors only items that come in colors, and tags them from their item type', () => {
    for (const product of products) {
      const template = templateOf(product);
      if (template.colors) expect(template.colors).toContain(product.color);
      else expect(product.color).toBeNull();
      for (const tag of product.tags) expect([...template.tags, 'bestseller', 'top-rated']).toContain(tag);
      expect(product.tags.length).toBeGreaterThanOrEqual(2);
      expect(product.metadata.item_type).toBe(template.key);
    }
    expect(products.some((product) => product.tags.includes('bestseller'))).toBe(true);
  });

  it('keeps stock levels ordered, with some products at or below the reorder point in every store', () => {
    for (const product of products) {
      expect(product.minimum_stock).toBeLessThanOrEqual(product.reorder_point);
      expect(product.reorder_point).toBeLessThan(product.maximum_stock);
      expect(product.current_stock).toBeGreaterThanOrEqual(0);
      expect(product.current_stock).toBeLessThanOrEqual(product.maximum_stock);
    }
    const low = products.filter((product) => product.current_stock <= product.reorder_point);
    expect(share(low.length, products.length)).toBeGreaterThan(0.08);
    expect(share(low.length, products.length)).toBeLessThan(0.35);
    expect(new Set(low.map((product) => product.store_id))).toEqual(new Set(STORE_IDS));
  });

  it('rates products between 1 and 5 stars with two decimals', () => {
    for (const product of products) {
      expect(product.rating_average).toBeGreaterThanOrEqual(1);
      expect(product.rating_average).toBeLessThanOrEqual(5);
      expect(cents(product.rating_average) / 100).toBe(product.rating_average);
      expect(product.rating_count).toBeGreaterThan(0);
    }
  });

  it('dates every product before the sales window, and updates after creation', () => {
    for (const product of products) {
      expect(product.created_at < '2024-06-30').toBe(true);
      expect(product.updated_at > product.created_at).toBe(true);
      expect(product.updated_at < '2025-07-01').toBe(true);
    }
  });
});
