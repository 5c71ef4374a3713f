import { findItemTemplate } from './catalogue/index.js';
import { dollarsToCents, percentOfCents } from './money.js';
import type { Rng } from './random.js';
import type { ProductRow, TransactionType } from './rows.js';

/** What a receipt needs of a product: the sales are drawn from these, not from whole rows. */
export interface ShelfProduct {
  product_id: string;
  category_id: number;
  itemType: string;
  priceCents: number;
  size: string | null;
  color: string | null;
  bulky: boolean;
}

export function shelfProduct(row: ProductRow): ShelfProduct {
  const itemType = String(row.metadata.item_type);
  return {
    product_id: row.product_id,
    category_id: row.category_id,
    itemType,
    priceCents: dollarsToCents(row.price),
    size: row.size,
    color: row.color,
    bulky: findItemTemplate(itemType)?.template.stock === 'bulky',
  };
}

/** One line of a receipt, in cents; negative quantity = units taken back. */
export interface BasketLine {
  product: ShelfProduct;
  quantity: number;
  unitCents: number;
  discountCents: number;
  totalCents: number;
}

const CATEGORY_BASE_WEIGHT: Readonly<Record<number, number>> = { 1: 1.2, 2: 1.3, 3: 1.0, 4: 0.9, 5: 0.8, 6: 1.0, 7: 0.7 };

/** Summer for the garden and the outdoors, gifts in the holidays, coats in the fall, winter kits for cars. */
function seasonalFactor(categoryId: number, month: number): number {
  const summer = month >= 4 && month <= 7;
  const holidays = month === 10 || month === 11;
  if ((categoryId === 3 || categoryId === 4) && summer) return 1.7;
  if ((categoryId === 1 || categoryId === 5) && holidays) return 1.5;
  if (categoryId === 2 && month >= 9) return 1.2;
  if (categoryId === 7 && (month >= 10 || month === 0)) return 1.2;
  return 1;
}

const LINE_COUNTS: readonly (readonly [number, number])[] = [
  [1, 40],
  [2, 30],
  [3, 20],
  [4, 7],
  [5, 3],
];
const QUANTITIES: readonly (readonly [number, number])[] = [
  [1, 70],
  [2, 22],
  [3, 8],
];
const DISCOUNT_PERCENTS = [5, 10, 15, 20, 25];

/** What one store sells, grouped by category, for drawing basket lines. */
export class StoreShelf {
  private readonly byCategory = new Map<number, ShelfProduct[]>();
  private readonly byItemType = new Map<string, ShelfProduct[]>();
  private count = 0;

  /** Products are stocked in the order they were generated. */
  stock(product: ShelfProduct): void {
    this.count += 1;
    groupInto(this.byCategory, product.category_id, product);
    groupInto(this.byItemType, product.itemType, product);
  }

  get isEmpty(): boolean {
    return this.count === 0;
  }

  basket(rng: Rng, type: TransactionType, month: number): BasketLine[] {
    if (type === 'exchange') return this.exchange(rng, month);
    const count = type === 'return' ? (rng.chance(0.8) ? 1 : 2) : rng.weighted(LINE_COUNTS);
    const sign = type === 'return' ? -1 : 1;
    const chosen = new Set<ShelfProduct>();
    for (let attempt = 0; chosen.size < Math.min(count, this.count) && attempt < count * 10; attempt++) chosen.add(this.draw(rng, month));
    return [...chosen].map((product) => {
      const units = product.bulky ? 1 : type === 'return' ? (rng.chance(0.85) ? 1 : 2) : rng.weighted(QUANTITIES);
      return line(product, sign * units, rng.chance(0.2) ? rng.pick(DISCOUNT_PERCENTS) : 0);
    });
  }

  /** One unit back, one unit out: the same item type if the store has another (a different size or color), else the same category. */
  private exchange(rng: Rng, month: number): BasketLine[] {
    const returned = this.draw(rng, month);
    const replacement =
      pickOther(rng, this.byItemType.get(returned.itemType)!, returned) ?? pickOther(rng, this.byCategory.get(returned.category_id)!, returned) ?? returned;
    return [line(returned, -1, 0), line(replacement, 1, 0)];
  }

  private draw(rng: Rng, month: number): ShelfProduct {
    const categories = [...this.byCategory.keys()];
    const category = categories[rng.weightedIndex(categories.map((id) => (CATEGORY_BASE_WEIGHT[id] ?? 1) * seasonalFactor(id, month)))]!;
    return rng.pick(this.byCategory.get(category)!);
  }
}

/** A refunded discount is negative, like the units, so the line's total is what was paid back. */
function line(product: ShelfProduct, quantity: number, discountPercent: number): BasketLine {
  const unitCents = product.priceCents;
  const grossCents = unitCents * quantity;
  const discountCents = percentOfCents(grossCents, discountPercent);
  return { product, quantity, unitCents, discountCents, totalCents: grossCents - discountCents };
}

function groupInto<K>(groups: Map<K, ShelfProduct[]>, key: K, product: ShelfProduct): void {
  const group = groups.get(key);
  if (group) group.push(product);
  else groups.set(key, [product]);
}

function pickOther(rng: Rng, group: readonly ShelfProduct[], not: ShelfProduct): ShelfProduct | undefined {
  if (group.length < 2) return undefined;
  for (;;) {
    const other = rng.pick(group);
    if (other !== not) return other;
  }
}
