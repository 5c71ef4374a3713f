import type { BasketLine, StoreShelf } from './baskets.js';
import { compactDate, monthIndex } from './calendar.js';
import { allocateTaxCents, centsToDollars, salesTaxCents } from './money.js';
import type { Rng } from './random.js';
import type { JsonValue, PaymentMethod, TransactionItemRow, TransactionRow, TransactionType } from './rows.js';
import type { SalesCalendar } from './salesCalendar.js';
import type { StoreShoppers } from './shoppers.js';
import type { StoreProfile } from './stores.js';

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
/** Share of in-store receipts without a loyalty account; online orders always have one. */
const WALK_IN_SHARE = 0.25;
const RETURN_REASONS = ['changed mind', 'defective item', 'not as described', 'duplicate gift', 'arrived damaged', 'no longer needed'];

/** One receipt and its lines, as drawn; receipt_number is filled in once receipts are in time order. */
export interface Draft {
  transaction: TransactionRow;
  items: TransactionItemRow[];
  /** transaction_date in milliseconds since 1970. */
  ms: number;
  /** The customer's position among the store's customers, or -1 for a walk-in. */
  shopper: number;
}

/**
 * One receipt of a store, drawn from `rng`: what it draws depends only on the
 * stream's state and on the store's (immutable) calendar, shelf and customers, so
 * the same state always gives the same receipt.
 */
export function draftTransaction(rng: Rng, store: StoreProfile, calendar: SalesCalendar, shelf: StoreShelf, shoppers: StoreShoppers): Draft {
  const { day, ms, timestamp } = calendar.draw(rng);
  const type = rng.weighted(TRANSACTION_TYPES);
  const shopper = pickShopper(rng, store, shoppers, day);
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
  const { notes, metadata } = annotate(rng, type, lines, channel, shopper >= 0, subtotalCents + taxCents);
  return {
    ms,
    shopper,
    transaction: {
      transaction_id: transactionId,
      store_id: store.storeId,
      customer_id: shopper >= 0 ? shoppers.ids[shopper]! : null,
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

/** A regular (more often the higher tiers) who had joined by that day, or a walk-in (-1, customer_id NULL). */
function pickShopper(rng: Rng, store: StoreProfile, shoppers: StoreShoppers, day: number): number {
  if (shoppers.ids.length === 0) return -1;
  if (store.kind === 'physical' && rng.chance(WALK_IN_SHARE)) return -1;
  for (let attempt = 0; attempt < 12; attempt++) {
    const index = shoppers.sampler.draw(rng);
    if (shoppers.sinceDays[index]! <= day) return index;
  }
  return -1;
}

function annotate(
  rng: Rng,
  type: TransactionType,
  lines: readonly BasketLine[],
  channel: string,
  known: boolean,
  totalCents: number,
): { notes: string | null; metadata: { [key: string]: JsonValue } } {
  const units = sum(lines.map((line) => Math.abs(line.quantity)));
  if (type === 'sale') {
    const metadata: { [key: string]: JsonValue } = { channel, item_count: units };
    if (known) metadata.loyalty_points = Math.floor(totalCents / 100);
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
export function receiptNumber(store: StoreProfile, day: number, sequence: number): string {
  return `${store.code}-${compactDate(day)}-${pad(sequence, 4)}`;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
