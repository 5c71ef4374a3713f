import { describe, expect, it } from 'vitest';
import type { TransactionItemRow, TransactionRow } from '../../src/seed/index.js';
import { cents, labData, PHYSICAL_STORES, share } from './fixtures.js';

const WINDOW_START = '2024-06-30T00:00:00.000Z';
const DAY_AFTER_AS_OF = '2025-07-01T00:00:00.000Z';

/** Round half away from zero, written differently from the generator on purpose. */
function expectedTaxCents(subtotalCents: number): number {
  return Math.sign(subtotalCents) * Math.round((Math.abs(subtotalCents) * 8) / 100);
}

function countBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  return counts;
}

/** How many of each weekday (0 = Sunday) fall between two dates, both inclusive. */
function weekdaysBetween(from: string, to: string): number[] {
  const days = [0, 0, 0, 0, 0, 0, 0];
  for (let day = Date.parse(from); day <= Date.parse(to); day += 86_400_000) days[new Date(day).getUTCDay()]! += 1;
  return days;
}

describe('generated sales', () => {
  const { customers, products, transactions, items } = labData();
  const linesOf = new Map<string, TransactionItemRow[]>();
  for (const item of items) linesOf.set(item.transaction_id, [...(linesOf.get(item.transaction_id) ?? []), item]);
  const productById = new Map(products.map((product) => [product.product_id, product]));
  const physical = transactions.filter((transaction) => PHYSICAL_STORES.has(transaction.store_id));
  const online = transactions.filter((transaction) => transaction.store_id === 'online');

  it('dates every receipt within the 12 months up to asOf and none after', () => {
    for (const transaction of transactions) {
      expect(transaction.transaction_date >= WINDOW_START).toBe(true);
      expect(transaction.transaction_date < DAY_AFTER_AS_OF).toBe(true);
      expect(transaction.created_at).toBe(transaction.transaction_date);
    }
    for (const item of items) expect(item.created_at < DAY_AFTER_AS_OF).toBe(true);
    const months = new Set(transactions.map((transaction) => transaction.transaction_date.slice(0, 7)));
    expect(months.size).toBe(13);
  });

  it('rings up physical-store receipts during opening hours, online at any hour', () => {
    for (const transaction of physical) {
      const date = new Date(transaction.transaction_date);
      const [open, close] = date.getUTCDay() === 0 ? [10, 18] : [9, 21];
      expect(date.getUTCHours()).toBeGreaterThanOrEqual(open);
      expect(date.getUTCHours()).toBeLessThan(close);
      expect(transaction.transaction_date.slice(5, 10)).not.toBe('12-25');
    }
    expect(new Set(online.map((transaction) => new Date(transaction.transaction_date).getUTCHours())).size).toBe(24);
  });

  it('keeps receipt numbers unique per store', () => {
    for (const [storeId] of countBy(transactions, (transaction) => transaction.store_id)) {
      const receipts = transactions.filter((transaction) => transaction.store_id === storeId).map((transaction) => transaction.receipt_number);
      expect(new Set(receipts).size).toBe(receipts.length);
    }
    for (const transaction of transactions) expect(transaction.receipt_number).toMatch(/^(SEA|RED|BEL|ONL)-\d{8}-\d{4,}$/);
  });

  it('has about 7% returns and 3% exchanges', () => {
    const types = countBy(transactions, (transaction) => transaction.transaction_type);
    expect(Math.abs(share(types.get('return') ?? 0, transactions.length) - 0.07)).toBeLessThan(0.015);
    expect(Math.abs(share(types.get('exchange') ?? 0, transactions.length) - 0.03)).toBeLessThan(0.01);
  });

  it('pays 45/25/20/10 by credit, debit, cash and wallet in stores, and never cash online', () => {
    const inStore = countBy(physical, (transaction) => transaction.payment_method);
    const expected: Record<string, number> = { credit_card: 0.45, debit_card: 0.25, cash: 0.2, digital_wallet: 0.1 };
    for (const [method, expectedShare] of Object.entries(expected)) {
      expect(Math.abs(share(inStore.get(method) ?? 0, physical.length) - expectedShare)).toBeLessThan(0.03);
    }
    const web = countBy(online, (transaction) => transaction.payment_method);
    expect(web.has('cash')).toBe(false);
    expect(Math.abs(share(web.get('credit_card') ?? 0, online.length) - 0.45 / 0.8)).toBeLessThan(0.04);
    expect(Math.abs(share(web.get('digital_wallet') ?? 0, online.length) - 0.1 / 0.8)).toBeLessThan(0.03);
  });

  it('adds up in cents: lines, subtotal, discounts, 8% tax and total', () => {
    for (const transaction of transactions) {
      const lines = linesOf.get(transaction.transaction_id)!;
      for (const line of lines) {
        expect(cents(line.total_price)).toBe(cents(line.unit_price) * line.quantity - cents(line.discount_amount));
        expect(line.unit_price).toBe(productById.get(line.product_id)!.price);
      }
      const subtotal = lines.reduce((sum, line) => sum + cents(line.total_price), 0);
      expect(cents(transaction.subtotal)).toBe(subtotal);
      expect(cents(transaction.discount_amount)).toBe(lines.reduce((sum, line) => sum + cents(line.discount_amount), 0));
      expect(cents(transaction.tax_amount)).toBe(expectedTaxCents(subtotal));
      expect(cents(transaction.total_amount)).toBe(subtotal + cents(transaction.tax_amount));
      expect(lines.reduce((sum, line) => sum + cents(line.tax_amount), 0)).toBe(cents(transaction.tax_amount));
    }
  });

  it('sells 1 to 5 lines of 1 to 3 units, with a discount of 5-25% on about a fifth of the lines', () => {
    const sales = transactions.filter((transaction) => transaction.transaction_type === 'sale');
    const saleLines = sales.flatMap((transaction) => linesOf.get(transaction.transaction_id)!);
    for (const line of saleLines) {
      expect(line.quantity).toBeGreaterThanOrEqual(1);
      expect(line.quantity).toBeLessThanOrEqual(3);
      const gross = cents(line.unit_price) * line.quantity;
      const percent = (cents(line.discount_amount) / gross) * 100;
      if (line.discount_amount !== 0) {
        expect(percent).toBeGreaterThanOrEqual(4.5);
        expect(percent).toBeLessThanOrEqual(25.5);
      }
    }
    expect(Math.abs(share(saleLines.filter((line) => line.discount_amount > 0).length, saleLines.length) - 0.2)).toBeLessThan(0.03);
    const singleLine = sales.filter((transaction) => linesOf.get(transaction.transaction_id)!.length === 1).length;
    expect(Math.abs(share(singleLine, sales.length) - 0.4)).toBeLessThan(0.04);
    for (const transaction of sales) expect(transaction.total_amount).toBeGreaterThan(0);
  });

  it('refunds returns with negative quantities, discounts and amounts', () => {
    const returns = transactions.filter((transaction) => transaction.transaction_type === 'return');
    expect(returns.length).toBeGreaterThan(0);
    for (const transaction of returns) {
      for (const line of linesOf.get(transaction.transaction_id)!) {
        expect(line.quantity).toBeLessThan(0);
        expect(line.discount_amount).toBeLessThanOrEqual(0);
        expect(line.total_price).toBeLessThan(0);
      }
      expect(transaction.subtotal).toBeLessThan(0);
      expect(transaction.tax_amount).toBeLessThanOrEqual(0);
      expect(transaction.total_amount).toBeLessThan(0);
      expect(transaction.notes).toMatch(/^Returned: /);
    }
  });

  it('exchanges one returned unit for one new unit of the same category, netting either way', () => {
    const exchanges = transactions.filter((transaction) => transaction.transaction_type === 'exchange');
    for (const transaction of exchanges) {
      const lines = linesOf.get(transaction.transaction_id)!;
      expect(lines.map((line) => line.quantity)).toEqual([-1, 1]);
      const [back, out] = lines.map((line) => productById.get(line.product_id)!);
      expect(out!.category_id).toBe(back!.category_id);
    }
    expect(exchanges.some((transaction) => transaction.total_amount > 0)).toBe(true);
    expect(exchanges.some((transaction) => transaction.total_amount < 0)).toBe(true);
  });

  it('lets customers buy only in their own store, after they joined; walk-ins only in physical stores', () => {
    const customerById = new Map(customers.map((customer) => [customer.customer_id, customer]));
    for (const transaction of transactions) {
      for (const line of linesOf.get(transaction.transaction_id)!) {
        expect(line.store_id).toBe(transaction.store_id);
        expect(productById.get(line.product_id)!.store_id).toBe(transaction.store_id);
      }
      if (transaction.customer_id === null) {
        expect(PHYSICAL_STORES.has(transaction.store_id)).toBe(true);
        continue;
      }
      const customer = customerById.get(transaction.customer_id)!;
      expect(customer.store_id).toBe(transaction.store_id);
      expect(customer.customer_since <= transaction.transaction_date.slice(0, 10)).toBe(true);
    }
    const walkIns = physical.filter((transaction) => transaction.customer_id === null).length;
    expect(Math.abs(share(walkIns, physical.length) - 0.25)).toBeLessThan(0.04);
  });

  it('peaks in November and December, with December busier than February', () => {
    const months = countBy(transactions, (transaction) => transaction.transaction_date.slice(0, 7));
    expect(months.get('2024-12')!).toBeGreaterThan(1.5 * months.get('2025-02')!);
    expect(months.get('2024-11')!).toBeGreaterThan(months.get('2024-09')!);
  });

  it('sells more garden and outdoor gear in summer than in winter', () => {
    const outdoorShare = (from: string, to: string) => {
      const lines = items.filter((item) => item.created_at >= from && item.created_at < to && item.quantity > 0);
      const outdoor = lines.filter((item) => [3, 4].includes(productById.get(item.product_id)!.category_id));
      return share(outdoor.length, lines.length);
    };
    expect(outdoorShare('2024-07-01', '2024-09-01')).toBeGreaterThan(outdoorShare('2025-01-01', '2025-03-01') * 1.2);
  });

  it('fills physical stores at weekends while online stays flat', () => {
    const days = weekdaysBetween('2024-06-30', '2025-06-30');
    const weekendRatio = (rows: readonly TransactionRow[]) => {
      const perWeekday = [0, 0, 0, 0, 0, 0, 0];
      for (const row of rows) perWeekday[new Date(row.transaction_date).getUTCDay()]! += 1;
      const weekend = (perWeekday[0]! + perWeekday[6]!) / (days[0]! + days[6]!);
      const midweek = (perWeekday[1]! + perWeekday[2]! + perWeekday[3]! + perWeekday[4]!) / (days[1]! + days[2]! + days[3]! + days[4]!);
      return weekend / midweek;
    };
    expect(weekendRatio(physical)).toBeGreaterThan(1.3);
    expect(weekendRatio(online)).toBeLessThan(1.15);
    expect(weekendRatio(online)).toBeGreaterThan(0.85);
  });

  it('names a cashier and register for store receipts, and none for online sales', () => {
    for (const transaction of physical) {
      expect(transaction.cashier_id).toMatch(/^(SEA|RED|BEL)-E\d{3}$/);
      expect(transaction.register_id).toMatch(/^(SEA|RED|BEL)-R\d{2}$/);
    }
    for (const transaction of online) {
      expect(transaction.register_id).toMatch(/^ONL-(WEB|APP)$/);
      if (transaction.transaction_type === 'sale') expect(transaction.cashier_id).toBeNull();
      else expect(transaction.cashier_id).toMatch(/^ONL-CS\d{3}$/);
    }
  });
});
