import { describe, expect, it } from 'vitest';
import { EMAIL_DOMAINS } from '../../src/seed/names.js';
import { STORES } from '../../src/seed/stores.js';
import type { LoyaltyTier } from '../../src/seed/index.js';
import { cents, labData, share, STORE_IDS } from './fixtures.js';

describe('generated customers', () => {
  const { customers, transactions } = labData();

  it('keeps emails unique per store, lowercase and at common mail domains', () => {
    const domains = new Set(EMAIL_DOMAINS.map(([domain]) => domain));
    for (const storeId of STORE_IDS) {
      const emails = customers.filter((customer) => customer.store_id === storeId).map((customer) => customer.email);
      expect(new Set(emails).size).toBe(emails.length);
    }
    for (const { email } of customers) {
      expect(email).toMatch(/^[a-z][a-z0-9._]*@[a-z.]+$/);
      expect(domains.has(email.split('@')[1]!)).toBe(true);
    }
  });

  it('gives each customer a name, a plausible US phone or none, and a gender mix', () => {
    for (const customer of customers) {
      expect(customer.first_name).toMatch(/^\p{L}[\p{L}' -]*$/u);
      expect(customer.last_name).toMatch(/^\p{L}[\p{L}' -]*$/u);
      if (customer.phone !== null) expect(customer.phone).toMatch(/^\(\d{3}\) [2-9]\d{2}-\d{4}$/);
    }
    const genders = new Map<string | null, number>();
    for (const { gender } of customers) genders.set(gender, (genders.get(gender) ?? 0) + 1);
    expect(share(genders.get('Female') ?? 0, customers.length)).toBeGreaterThan(0.4);
    expect(share(genders.get('Male') ?? 0, customers.length)).toBeGreaterThan(0.4);
    expect(genders.has('Non-binary')).toBe(true);
  });

  it('has customers aged 18 to 80 on asOf', () => {
    for (const { date_of_birth: born } of customers) {
      expect(born > '1945-06-30').toBe(true);
      expect(born <= '2007-06-30').toBe(true);
    }
  });

  it('made everyone a customer within the 5 years before asOf, never before their store opened', () => {
    const opened = new Map(STORES.map((store) => [store.storeId, store.openedOn]));
    for (const customer of customers) {
      expect(customer.customer_since >= '2020-06-30').toBe(true);
      expect(customer.customer_since <= '2025-06-30').toBe(true);
      expect(customer.customer_since >= opened.get(customer.store_id)!).toBe(true);
      expect(customer.created_at.slice(0, 10)).toBe(customer.customer_since);
      expect(customer.updated_at >= customer.created_at).toBe(true);
    }
  });

  it('mixes loyalty tiers 50/30/15/5 and higher tiers spend more', () => {
    const tiers: LoyaltyTier[] = ['bronze', 'silver', 'gold', 'platinum'];
    const expected = [0.5, 0.3, 0.15, 0.05];
    tiers.forEach((tier, index) => {
      const members = customers.filter((customer) => customer.loyalty_tier === tier);
      expect(Math.abs(share(members.length, customers.length) - expected[index]!)).toBeLessThan(0.04);
    });
    const averageValue = (tier: LoyaltyTier) => {
      const members = customers.filter((customer) => customer.loyalty_tier === tier);
      return members.reduce((sum, customer) => sum + cents(customer.total_lifetime_value), 0) / members.length;
    };
    expect(averageValue('platinum')).toBeGreaterThan(averageValue('gold'));
    expect(averageValue('gold')).toBeGreaterThan(averageValue('bronze'));
  });

  it('sets total_lifetime_value to the sum of the customer’s receipts', () => {
    const totals = new Map<string, number>();
    for (const transaction of transactions) {
      if (transaction.customer_id !== null) totals.set(transaction.customer_id, (totals.get(transaction.customer_id) ?? 0) + cents(transaction.total_amount));
    }
    for (const customer of customers) expect(cents(customer.total_lifetime_value)).toBe(totals.get(customer.customer_id) ?? 0);
    expect(customers.filter((customer) => customer.total_lifetime_value > 0).length).toBeGreaterThan(customers.length / 2);
  });
});
