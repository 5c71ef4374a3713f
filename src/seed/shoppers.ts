import { dayNumber } from './calendar.js';
import { WeightedSampler } from './random.js';
import type { CustomerRow, LoyaltyTier } from './rows.js';
import { STORES } from './stores.js';

/** Higher tiers shop more often, so their lifetime value is higher on average. */
const TIER_VISITS: Readonly<Record<LoyaltyTier, number>> = { bronze: 1, silver: 2, gold: 4, platinum: 7 };

/** What the sales need of a store's customers, in the order they were generated. */
export interface StoreShoppers {
  ids: readonly string[];
  sinceDays: readonly number[];
  sampler: WeightedSampler;
  /** Position of the store's first customer among all customers. */
  offset: number;
}

/**
 * The customers as the sales see them: ids, join days and how often they shop,
 * a few dozen bytes each instead of whole rows. Customers arrive store by store.
 */
export class ShopperDirectory {
  private readonly ids: string[][] = STORES.map(() => []);
  private readonly sinceDays: number[][] = STORES.map(() => []);
  private readonly visits: number[][] = STORES.map(() => []);
  private readonly storeIndex = new Map(STORES.map((store, index) => [store.storeId, index]));
  private count = 0;

  add(customer: CustomerRow): void {
    const index = this.storeIndex.get(customer.store_id)!;
    this.ids[index]!.push(customer.customer_id);
    this.sinceDays[index]!.push(dayNumber(customer.customer_since));
    this.visits[index]!.push(TIER_VISITS[customer.loyalty_tier]);
    this.count += 1;
  }

  get size(): number {
    return this.count;
  }

  /** Per store, in STORES order. */
  stores(): StoreShoppers[] {
    let offset = 0;
    return STORES.map((_, index) => {
      const shoppers = { ids: this.ids[index]!, sinceDays: this.sinceDays[index]!, sampler: new WeightedSampler(this.visits[index]!), offset };
      offset += shoppers.ids.length;
      return shoppers;
    });
  }
}
