import { centsToDollars, dollarsToCents } from './money.js';
import type { CustomerRow, TransactionRow } from './rows.js';

/**
 * Once the sales exist: total_lifetime_value becomes the sum of the customer's
 * total_amount (returns count negative, so a customer whose only receipt in the
 * window is a refund has a negative value), and updated_at moves to their last visit.
 */
export function settleLifetimeValues(customers: CustomerRow[], transactions: readonly TransactionRow[]): void {
  const totals = new Map<string, { cents: number; last: string }>();
  for (const transaction of transactions) {
    if (transaction.customer_id === null) continue;
    const entry = totals.get(transaction.customer_id) ?? { cents: 0, last: transaction.transaction_date };
    entry.cents += dollarsToCents(transaction.total_amount);
    if (transaction.transaction_date > entry.last) entry.last = transaction.transaction_date;
    totals.set(transaction.customer_id, entry);
  }
  for (const customer of customers) {
    const entry = totals.get(customer.customer_id);
    if (!entry) continue;
    customer.total_lifetime_value = centsToDollars(entry.cents);
    if (entry.last > customer.updated_at) customer.updated_at = entry.last;
  }
}
