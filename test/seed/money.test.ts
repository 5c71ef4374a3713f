import { describe, expect, it } from 'vitest';
import { allocateTaxCents, centsToDollars, dollarsToCents, percentOfCents, salesTaxCents } from '../../src/seed/money.js';

describe('money in cents', () => {
  it('rounds percentages half away from zero, like PostgreSQL round(numeric)', () => {
    expect(percentOfCents(50, 1)).toBe(1);
    expect(percentOfCents(250, 1)).toBe(3);
    expect(percentOfCents(-50, 1)).toBe(-1);
    expect(percentOfCents(-250, 1)).toBe(-3);
    expect(percentOfCents(149, 1)).toBe(1);
    expect(percentOfCents(0, 25)).toBe(0);
    expect(Object.is(percentOfCents(-10, 0), 0)).toBe(true);
  });

  it('charges 8% sales tax on the subtotal, negative for refunds', () => {
    expect(salesTaxCents(10_000)).toBe(800);
    expect(salesTaxCents(1_999)).toBe(160);
    expect(salesTaxCents(-1_999)).toBe(-160);
    expect(salesTaxCents(6)).toBe(0);
    expect(salesTaxCents(7)).toBe(1);
  });

  it('splits a receipt tax over its lines so that the lines add up to it exactly', () => {
    const lines = [333, 333, 334, -1_250, 19_999];
    const tax = salesTaxCents(lines.reduce((sum, line) => sum + line, 0));
    const shares = allocateTaxCents(lines, tax);
    expect(shares.reduce((sum, share) => sum + share, 0)).toBe(tax);
    expect(shares).toHaveLength(lines.length);
  });

  it('converts cents to two-decimal dollars and back without drift', () => {
    for (const cents of [0, 1, 5, 10, 99, 1_999, -1_999, 123_456_789]) expect(dollarsToCents(centsToDollars(cents))).toBe(cents);
    expect(centsToDollars(1_999)).toBe(19.99);
    expect(Object.is(centsToDollars(-0), 0)).toBe(true);
  });
});
