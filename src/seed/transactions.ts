import { StoreShelf, type BasketLine } from './baskets.js';
import { compactDate, dayNumber, monthIndex } from './calendar.js';
import { allocateTaxCents, centsToDollars, salesTaxCents } from './money.js';
import { allocate, WeightedSampler, type Rng } from './random.js';
import type { CustomerRow, JsonValue, LoyaltyTier, PaymentMethod, ProductRow, TransactionItemRow, TransactionRow, TransactionType } from './rows.js';
import { SalesCalendar } from './salesCalendar.js';
import { STORES, type StoreProfile } from './stores.js';

const TRANSACTION_TYPES: readonly (readonly [TransactionType, number])[] = [
  ['sale', 90],
  ['return', 7],
  ['exchange', 3],
];
/** Lab 04's mix; the online store takes no cash, so its shares are the other three, rescaled. */
const PAYMENTS: readonly (readonly [PaymentMethod, number])[] = [
  ['credit_card', 45],
  ['debit_card', 25],
  ['cash', 20],
  ['digital_wallet', 10],
];
const ONLINE_PAYMENTS = PAYMENTS.filter(([method]) => method !== 'cash');
/** Higher tiers shop more often, so their lifetime value is higher on average. */
const TIER_VISITS: Readonly<Record<LoyaltyTier, number>> = { bronze: 1, silver: 2, gold: 4, platinum: 7 };
/** Share of in-store receipts without a loyalty account; online orders always have one. */
const WALK_IN_SHARE = 0.25;
const RETURN_REASONS = ['changed mind', 'defective item', 'not as described', 'duplicate gift', 'arrived damaged', 'no longer needed'];

interface StoreCustomers {
  rows: CustomerRow[];
  sinceDays: number[];
  sampler: WeightedSampler;
}

interface Draft {
  storeIndex: number;
  sequence: number;
  day: number;
  /** receipt_number is filled in once all receipts are in time order. */
  transaction: TransactionRow;
  items: TransactionItemRow[];
}

export interface Sales {
  transactions: TransactionRow[];
  items: TransactionItemRow[];
}

/**
 * Receipts of the 12 months up to asOf, per store in proportion to its share (stores
 * without products sell nothing). Customers buy only in their own store and only
 * after they became customers.
 */
export function generateSales(rng: Rng, total: number, asOfDay: number, customers: readonly CustomerRow[], products: readonly ProductRow[]): Sales {
  const shelves = STORES.map((store) => new StoreShelf(products.filter((product) => product.store_id === store.storeId)));
  const perStore = allocate(total, STORES.map((store, index) => (shelves[index]!.isEmpty ? 0 : store.share)));
  const drafts: Draft[] = [];
  STORES.forEach((store, storeIndex) => {
    const calendar = new SalesCalendar(store, asOfDay);
    const shoppers = storeCustomers(customers, store);
    for (let sequence = 0; sequence < perStore[storeIndex]!; sequence++) {
      drafts.push(draftTransaction(rng, store, storeIndex, sequence, calendar, shelves[storeIndex]!, shoppers));
    }
  });
  drafts.sort((a, b) => compare(a.transaction.transaction_date, b.transaction.transaction_date) || a.storeIndex - b.storeIndex || a.sequence - b.sequence);
  return { transactions: numberReceipts(drafts), items: drafts.flatMap((draft) => draft.items) };
}

function storeCustomers(customers: readonly CustomerRow[], store: StoreProfile): StoreCustomers {
  const rows = customers.filter((customer) => customer.store_id === store.storeId);
  return {
    rows,
    sinceDays: rows.map((customer) => dayNumber(customer.customer_since)),
    sampler: new WeightedSampler(rows.map((customer) => TIER_VISITS[customer.loyalty_tier])),
  };
}

function draftTransaction(rng: Rng, store: StoreProfile, storeIndex: number, sequence: number, calendar: SalesCalendar, shelf: StoreShelf, shoppers: StoreCustomers): Draft {
  const { day, timestamp } = calendar.draw(rng);
  const type = rng.weighted(TRANSACTION_TYPES);
  const customer = pickCustomer(rng, store, shoppers, day);
  const lines = shelf.basket(rng, type, monthIndex(day));
  const subtotalCents = sum(lines.map((line) => line.totalCents));
  const taxCents = salesTaxCents(subtotalCents);
  const lineTaxes = allocateTaxCents(lines.map((line) => line.totalCents), taxCents);
  const transactionId = rng.uuid();
  const online = store.kind === 'online';
  const register = online ? (rng.chance(0.7) ? `${store.code}-WEB` : `${store.code}-APP`) : `${store.code}-R${pad(rng.int(1, store.registers), 2)}`;
  const channel = online ? (register.endsWith('WEB') ? 'web' : 'mobile_app') : 'in_store';
  // Online sales have no cashier; online returns and exchanges are handled by a service agent.
  const cashier = online && type === 'sale' ? null : `${store.code}-${online ? 'CS' : 'E'}${pad(rng.int(1, store.staff), 3)}`;
  const { notes, metadata } = annotate(rng, type, lines, channel, customer, subtotalCents + taxCents);
  return {
    storeIndex,
    sequence,
    day,
    transaction: {
      transaction_id: transactionId,
      store_id: store.storeId,
      customer_id: customer?.customer_id ?? null,
      transaction_date: timestamp,
      transaction_type: type,
      payment_method: rng.weighted(online ? ONLINE_PAYMENTS : PAYMENTS),
      subtotal: centsToDollars(subtotalCents),
      tax_amount: centsToDollars(taxCents),
      discount_amount: centsToDollars(sum(lines.map((line) => line.discountCents))),
      total_amount: centsToDollars(subtotalCents + taxCents),
      cashier_id: cashier,
      register_id: register,
      receipt_number: '',
      notes,
      metadata,
      created_at: timestamp,
    },
    items: lines.map((line, index) => ({
      item_id: rng.uuid(),
      store_id: store.storeId,
      transaction_id: transactionId,
      product_id: line.product.product_id,
      quantity: line.quantity,
      unit_price: centsToDollars(line.unitCents),
      total_price: centsToDollars(line.totalCents),
      discount_amount: centsToDollars(line.discountCents),
      tax_amount: centsToDollars(lineTaxes[index]!),
      created_at: timestamp,
    })),
  };
}

/** A regular (more often the higher tiers) who had joined by that day, or a walk-in (customer_id NULL). */
function pickCustomer(rng: Rng, store: StoreProfile, shoppers: StoreCustomers, day: number): CustomerRow | null {
  if (shoppers.rows.length === 0) return null;
  if (store.kind === 'physical' && rng.chance(WALK_IN_SHARE)) return null;
  for (let attempt = 0; attempt < 12; attempt++) {
    const index = shoppers.sampler.draw(rng);
    if (shoppers.sinceDays[index]! <= day) return shoppers.rows[index]!;
  }
  return null;
}

function annotate(
  rng: Rng,
  type: TransactionType,
  lines: readonly BasketLine[],
  channel: string,
  customer: CustomerRow | null,
  totalCents: number,
): { notes: string | null; metadata: { [key: string]: JsonValue } } {
  const units = sum(lines.map((line) => Math.abs(line.quantity)));
  if (type === 'sale') {
    const metadata: { [key: string]: JsonValue } = { channel, item_count: units };
    if (customer) metadata.loyalty_points = Math.floor(totalCents / 100);
    return { notes: rng.chance(0.03) ? 'Gift receipt requested.' : null, metadata };
  }
  const first = lines[0]!.product;
  if (type === 'return') {
    const reason = rng.pick(first.size ? [...RETURN_REASONS, 'wrong size', 'wrong size'] : RETURN_REASONS);
    return { notes: `Returned: ${reason}.`, metadata: { channel, item_count: units, return_reason: reason } };
  }
  const reasons = ['defective item', 'preferred a different model'];
  if (first.size) reasons.push('wrong size', 'wrong size');
  if (first.color) reasons.push('different color');
  const reason = rng.pick(reasons);
  return { notes: `Exchanged: ${reason}.`, metadata: { channel, item_count: units, exchange_reason: reason } };
}

/** Receipt numbers run per store and day in time order: SEA-20250114-0007. */
function numberReceipts(drafts: readonly Draft[]): TransactionRow[] {
  const counters = new Map<string, number>();
  const dates = new Map<number, string>();
  return drafts.map(({ storeIndex, day, transaction }) => {
    let date = dates.get(day);
    if (date === undefined) dates.set(day, (date = compactDate(day)));
    const key = `${STORES[storeIndex]!.code}-${date}`;
    const next = (counters.get(key) ?? 0) + 1;
    counters.set(key, next);
    transaction.receipt_number = `${key}-${pad(next, 4)}`;
    return transaction;
  });
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Code-unit order, never the locale's collation. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
