import { afterEach, describe, expect, it, vi } from 'vitest';
import { ZavaError } from '../../src/errors.js';
import { generateDataset } from '../../src/seed/index.js';
import { AS_OF, labData, STORE_IDS } from './fixtures.js';

describe('generateDataset', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('gives byte-identical data for the same seed, scale and asOf', () => {
    const again = generateDataset({ seed: 42, scale: 1, asOf: AS_OF });
    expect(JSON.stringify(again)).toBe(JSON.stringify(labData()));
  });

  it('gives different ids, names and sales for a different seed', () => {
    const other = generateDataset({ seed: 43, scale: 1, asOf: AS_OF });
    const lab = labData();
    expect(other.customers[0]!.customer_id).not.toBe(lab.customers[0]!.customer_id);
    expect(other.customers.map((customer) => customer.email)).not.toEqual(lab.customers.map((customer) => customer.email));
    expect(other.products.map((product) => product.product_name)).not.toEqual(lab.products.map((product) => product.product_name));
    expect(other.transactions.map((transaction) => transaction.total_amount)).not.toEqual(lab.transactions.map((transaction) => transaction.total_amount));
  });

  it('does not depend on Math.random, the clock or the time zone', () => {
    const baseline = JSON.stringify(generateDataset({ seed: 5, scale: 0.05, asOf: '2024-02-29' }));
    const zone = process.env.TZ;
    vi.spyOn(Math, 'random').mockReturnValue(0.123);
    vi.spyOn(Date, 'now').mockReturnValue(Date.UTC(2001, 0, 1));
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      expect(JSON.stringify(generateDataset({ seed: 5, scale: 0.05, asOf: '2024-02-29' }))).toBe(baseline);
      process.env.TZ = 'America/Los_Angeles';
      expect(JSON.stringify(generateDataset({ seed: 5, scale: 0.05, asOf: '2024-02-29' }))).toBe(baseline);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('has Lab 04 volumes at scale 1: 4 stores, 7 categories, 2,000 customers, 500 products, 5,000 receipts of 1-5 lines', () => {
    const { customers, products, transactions, items } = labData();
    expect(customers).toHaveLength(2_000);
    expect(products).toHaveLength(500);
    expect(transactions).toHaveLength(5_000);
    expect(new Set([...customers, ...products, ...transactions].map((row) => row.store_id))).toEqual(new Set(STORE_IDS));
    expect(new Set(products.map((product) => product.category_id))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7]));
    const linesPerReceipt = new Map<string, number>();
    for (const item of items) linesPerReceipt.set(item.transaction_id, (linesPerReceipt.get(item.transaction_id) ?? 0) + 1);
    expect(linesPerReceipt.size).toBe(5_000);
    for (const count of linesPerReceipt.values()) {
      expect(count).toBeLessThanOrEqual(5);
    }
  });

  it('multiplies the volumes by scale and keeps at least one of each', () => {
    const tenth = generateDataset({ seed: 1, scale: 0.1, asOf: AS_OF });
    expect([tenth.customers.length, tenth.products.length, tenth.transactions.length]).toEqual([200, 50, 500]);
    const tiny = generateDataset({ seed: 1, scale: 0.0001, asOf: AS_OF });
    expect([tiny.customers.length, tiny.products.length, tiny.transactions.length]).toEqual([1, 1, 1]);
    expect(tiny.transactions[0]!.store_id).toBe(tiny.products[0]!.store_id);
    const double = generateDataset({ seed: 1, scale: 2.5, asOf: AS_OF });
    expect([double.customers.length, double.products.length, double.transactions.length]).toEqual([5_000, 1_250, 12_500]);
  });

  it.each([
    [{ seed: -1, scale: 1, asOf: AS_OF }, /^seed must be a non-negative integer$/],
    [{ seed: 1.5, scale: 1, asOf: AS_OF }, /^seed/],
    [{ seed: '7', scale: 1, asOf: AS_OF }, /^seed/],
    [{ seed: 1, scale: 0, asOf: AS_OF }, /^scale must be a positive number no greater than 1000$/],
    [{ seed: 1, scale: -2, asOf: AS_OF }, /^scale/],
    [{ seed: 1, scale: Number.POSITIVE_INFINITY, asOf: AS_OF }, /^scale/],
    [{ seed: 1, scale: Number.NaN, asOf: AS_OF }, /^scale/],
    [{ seed: 1, scale: 1000.5, asOf: AS_OF }, /^scale/],
    [{ seed: 1, scale: 1, asOf: '2025-02-30' }, /^asOf must be a calendar date written YYYY-MM-DD/],
    [{ seed: 1, scale: 1, asOf: '2025-6-30' }, /^asOf/],
    [{ seed: 1, scale: 1, asOf: '30/06/2025' }, /^asOf/],
    [{ seed: 1, scale: 1 }, /^asOf/],
  ])('rejects %j with invalid_argument naming the option', (options, message) => {
    let caught: unknown;
    try {
      generateDataset(options as never);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ZavaError);
    expect((caught as ZavaError).code).toBe('invalid_argument');
    expect((caught as ZavaError).message).toMatch(message);
    expect((caught as ZavaError).message).not.toContain('\n');
  });
});
