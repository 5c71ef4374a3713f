/**
 * A catalogue is a list of item types per category. Every generated product is one
 * item type with a brand, a name, a variant (color, size) and a description
 * assembled from the fragments below, so descriptions vary but always say what the
 * item is made of, what it is for and who it suits.
 */
export type SpecValue = string | number | boolean;

/**
 * What a product's `size` means. Apparel sizes (XS-XXL) and shoe sizes are for
 * clothing and footwear only; other kinds are capacities, volumes and the like.
 */
export type SizeKind = 'apparel' | 'shoe' | 'waist' | 'bed' | 'fit' | 'volume' | 'capacity' | 'power' | 'screen' | 'length' | 'weight' | 'count' | 'diameter';

export interface SizeSpec {
  readonly kind: SizeKind;
  readonly values: readonly string[];
  /** Price grows by this fraction per step up the list (storage, tents, ...); 0 when all sizes cost the same. */
  readonly priceStep?: number;
}

/** How many units a store keeps: big items in tens, small ones in hundreds. */
export type StockProfile = 'bulky' | 'standard' | 'small';

export interface ItemTemplate {
  /** Stable key, stored as metadata.item_type. */
  readonly key: string;
  /** Product names (title case), e.g. "Noise Cancelling Headphones"; book, film and game titles when nameStyle is `title`. */
  readonly names: readonly string[];
  /** `title`: the name is a title and the brand (publisher, label) stays out of it. */
  readonly nameStyle?: 'title';
  /** What a titled item is, for its description: "a mystery novel". */
  readonly kindLabel?: string;
  readonly brands: readonly string[];
  /** Model numbers look like `<prefix>-<number>`; no prefix, no model number. */
  readonly modelPrefix?: string;
  /** Shelf price range in dollars. */
  readonly price: readonly [number, number];
  readonly weightKg: readonly [number, number];
  /** Typical length x width x height in cm; each product varies it a little. */
  readonly dimensionsCm: readonly [number, number, number];
  readonly colors?: readonly string[];
  readonly sizes?: SizeSpec;
  /** How the material sentence starts, e.g. "Printed on" for books; default "Made with"/"Made from"/"Built with". */
  readonly materialLead?: readonly string[];
  /** Noun phrases that follow the lead: "recycled ripstop nylon with taped seams". */
  readonly materials: readonly string[];
  /** Noun phrases: "active noise cancelling that quiets engine hum". */
  readonly features: readonly string[];
  /** What it is for, after "Ideal for": "long flights", "keeping drinks cold on camping trips". */
  readonly uses: readonly string[];
  /** Who it suits, after "A great choice for": "frequent travelers", "a new gardener". */
  readonly audiences: readonly string[];
  readonly tags: readonly string[];
  /** metadata attributes: each product takes one value per key. */
  readonly specs: Readonly<Record<string, readonly SpecValue[]>>;
  readonly stock?: StockProfile;
  /** Stocked first by every store, so every store has the items people search for most. */
  readonly staple?: boolean;
  /** Books and media carry an ISBN or UPC in metadata instead of a model number. */
  readonly identifier?: 'isbn' | 'upc';
}

export interface CategoryCatalogue {
  readonly categoryId: number;
  readonly categoryName: string;
  /** Two letters in the SKU. */
  readonly skuCode: string;
  /** Relative share of a store's product range. */
  readonly share: number;
  /** Product line names that may sit between brand and name: "Voltix Pulse Wireless Earbuds". */
  readonly series: readonly string[];
  /** Default start of the material sentence for the category's templates. */
  readonly materialLead?: readonly string[];
  readonly suppliers: readonly string[];
  readonly templates: readonly ItemTemplate[];
}

export const APPAREL_SIZES: SizeSpec = { kind: 'apparel', values: ['XS', 'S', 'M', 'L', 'XL', 'XXL'] };
export const SHOE_SIZES: SizeSpec = {
  kind: 'shoe',
  values: ['US 6', 'US 6.5', 'US 7', 'US 7.5', 'US 8', 'US 8.5', 'US 9', 'US 9.5', 'US 10', 'US 10.5', 'US 11', 'US 12', 'US 13'],
};
