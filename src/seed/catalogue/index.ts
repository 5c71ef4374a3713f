import { AUTOMOTIVE } from './automotive.js';
import { BOOKS_MEDIA } from './booksMedia.js';
import { CLOTHING } from './clothing.js';
import { ELECTRONICS } from './electronics.js';
import { HEALTH_BEAUTY } from './healthBeauty.js';
import { HOME_GARDEN } from './homeGarden.js';
import { SPORTS_OUTDOORS } from './sportsOutdoors.js';
import type { CategoryCatalogue, ItemTemplate } from './types.js';

export type { CategoryCatalogue, ItemTemplate, SizeKind, SizeSpec, SpecValue, StockProfile } from './types.js';
export { APPAREL_SIZES, SHOE_SIZES } from './types.js';

/** The seven categories of schema/003_tables.sql, in category_id order. */
export const CATALOGUE: readonly CategoryCatalogue[] = [ELECTRONICS, CLOTHING, HOME_GARDEN, SPORTS_OUTDOORS, BOOKS_MEDIA, HEALTH_BEAUTY, AUTOMOTIVE];

const BY_KEY = new Map<string, { category: CategoryCatalogue; template: ItemTemplate }>(
  CATALOGUE.flatMap((category) => category.templates.map((template) => [template.key, { category, template }] as const)),
);

/** The item type a product was made from (its metadata.item_type). */
export function findItemTemplate(key: string): { category: CategoryCatalogue; template: ItemTemplate } | undefined {
  return BY_KEY.get(key);
}
