import type { StoreShelf } from './baskets.js';
import { addMonths, MS_PER_DAY } from './calendar.js';
import { centsToDollars, dollarsToCents } from './money.js';
import { allocate, type Rng } from './random.js';
import type { CustomerRow } from './rows.js';
import { SalesCalendar } from './salesCalendar.js';
import type { StoreShoppers } from './shoppers.js';
import { STORES } from './stores.js';
import { draftTransaction, receiptNumber, type Draft } from './transactions.js';

/** Receipts are sorted on (second in the window) * 2^28 + index, exact in a double. */
const INDEX_BITS = 2 ** 28;
export const MAX_TRANSACTIONS = INDEX_BITS - 1;

/**
 * The sales of the 12 months up to asOf, drawn store by store from one stream and
 * then put in time order, with receipt numbers that run per store and day. Keeping
 * every receipt in memory until it can be sorted took about 1.4 GB at scale 100, so
 * the receipts are drawn twice instead: a first pass keeps, per receipt, only the
 * stream's state before it (16 bytes), its time and its receipt number, and adds up
 * each customer's lifetime value; the second pass draws each receipt again from its
 * saved state, in time order, as the rows are written. About 40 bytes per receipt
 * and 16 per customer stay in memory.
 */
export class SalesPlan {
  private constructor(
    private readonly rng: Rng,
    private readonly stores: readonly StoreSales[],
    /** Stream state before each receipt, 4 words per receipt, in drawing order. */
    private readonly states: Int32Array,
    /** Receipt indexes in time order (ties: drawing order). */
    private readonly order: Uint32Array,
    /** Per receipt (drawing order): its number within its store and day. */
    private readonly receiptSequence: Uint32Array,
    private readonly lifetimeCents: Float64Array,
    private readonly lastVisitMs: Float64Array,
    readonly itemCount: number,
  ) {}

  /**
   * The first pass. Stores without products sell nothing; customers buy only in
   * their own store and only after they became customers.
   */
  static draw(rng: Rng, total: number, asOfDay: number, shoppers: readonly StoreShoppers[], shelves: readonly StoreShelf[], customerCount: number): SalesPlan {
    if (total > MAX_TRANSACTIONS) throw new RangeError(`at most ${MAX_TRANSACTIONS} transactions can be planned`);
    const perStore = allocate(total, STORES.map((store, index) => (shelves[index]!.isEmpty ? 0 : store.share)));
    const windowStartMs = addMonths(asOfDay, -12) * MS_PER_DAY;
    const states = new Int32Array(total * 4);
    const keys = new Float64Array(total);
    const lifetimeCents = new Float64Array(customerCount);
    const lastVisitMs = new Float64Array(customerCount).fill(-Infinity);
    const stores: StoreSales[] = [];
    let index = 0;
    let itemCount = 0;
    for (const [storeIndex, store] of STORES.entries()) {
      const sales: StoreSales = { first: index, calendar: new SalesCalendar(store, asOfDay), shelf: shelves[storeIndex]!, shoppers: shoppers[storeIndex]! };
      stores.push(sales);
      for (let sequence = 0; sequence < perStore[storeIndex]!; sequence++, index++) {
        rng.saveState(states, index * 4);
        const draft = draftTransaction(rng, store, sales.calendar, sales.shelf, sales.shoppers);
        keys[index] = ((draft.ms - windowStartMs) / 1000) * INDEX_BITS + index;
        itemCount += draft.items.length;
        if (draft.shopper >= 0) {
          const customer = sales.shoppers.offset + draft.shopper;
          lifetimeCents[customer]! += dollarsToCents(draft.transaction.total_amount);
          if (draft.ms > lastVisitMs[customer]!) lastVisitMs[customer] = draft.ms;
        }
      }
    }
    keys.sort();
    const order = new Uint32Array(total);
    for (let position = 0; position < total; position++) order[position] = keys[position]! % INDEX_BITS;
    const plan = new SalesPlan(rng, stores, states, order, new Uint32Array(total), lifetimeCents, lastVisitMs, itemCount);
    plan.numberReceipts(keys, windowStartMs);
    return plan;
  }

  get transactionCount(): number {
    return this.order.length;
  }

  /**
   * A customer row (the `position`-th generated) with its lifetime value: the sum of
   * its transactions' total_amount (returns count negative), and updated_at moved
   * to its last visit.
   */
  settle(customer: CustomerRow, position: number): CustomerRow {
    const last = this.lastVisitMs[position]!;
    if (last === -Infinity) return customer;
    customer.total_lifetime_value = centsToDollars(this.lifetimeCents[position]!);
    if (last > Date.parse(customer.updated_at)) customer.updated_at = new Date(last).toISOString();
    return customer;
  }

  /** The second pass: every receipt with its lines, in time order. */
  *receipts(): Generator<Draft> {
    for (const index of this.order) {
      const storeIndex = this.storeOf(index);
      const sales = this.stores[storeIndex]!;
      this.rng.restoreState(this.states, index * 4);
      const draft = draftTransaction(this.rng, STORES[storeIndex]!, sales.calendar, sales.shelf, sales.shoppers);
      draft.transaction.receipt_number = receiptNumber(STORES[storeIndex]!, Math.floor(draft.ms / MS_PER_DAY), this.receiptSequence[index]!);
      yield draft;
    }
  }

  private numberReceipts(keys: Float64Array, windowStartMs: number): void {
    const counters = new Map<number, number>();
    for (let position = 0; position < this.order.length; position++) {
      const index = this.order[position]!;
      const day = Math.floor((windowStartMs + Math.floor(keys[position]! / INDEX_BITS) * 1000) / MS_PER_DAY);
      const key = day * STORES.length + this.storeOf(index);
      const next = (counters.get(key) ?? 0) + 1;
      counters.set(key, next);
      this.receiptSequence[index] = next;
    }
  }

  private storeOf(index: number): number {
    let storeIndex = this.stores.length - 1;
    while (storeIndex > 0 && this.stores[storeIndex]!.first > index) storeIndex--;
    return storeIndex;
  }
}

interface StoreSales {
  /** Index of the store's first receipt in drawing order. */
  first: number;
  calendar: SalesCalendar;
  shelf: StoreShelf;
  shoppers: StoreShoppers;
}
