/** One benchmark configuration: how many products, of which dimension, over how many stores. */
export interface BenchConfig {
  id: string;
  products: number;
  dimensions: number;
  stores: number;
}

function config(products: number, dimensions: number, stores: number): BenchConfig {
  return { id: `${products / 1000}k-${dimensions}d-${stores}s`, products, dimensions, stores };
}

/** The six configurations, cheapest first. */
export const ALL_CONFIGS: readonly BenchConfig[] = [
  config(10_000, 384, 4),
  config(10_000, 384, 100),
  config(10_000, 1536, 4),
  config(10_000, 1536, 100),
  config(100_000, 384, 4),
  config(100_000, 384, 100),
];

/** `--quick`: the 10k configurations only. */
export const QUICK_CONFIGS: readonly BenchConfig[] = ALL_CONFIGS.filter((entry) => entry.products === 10_000);

/** Results per query: top-k compared with the exact top-k. */
export const WANTED = 10;

/** Synthetic data: clusters and noise (see vectors.ts). */
export const CLUSTERS = 100;
export const NOISE = 0.8;

/** The built-in stores of the schema (003_tables.sql), used by the 4-store configurations. */
export const BUILT_IN_STORES = ['bellevue', 'online', 'redmond', 'seattle'] as const;

/** s001..s100 for the 100-store configurations. */
export function syntheticStoreIds(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `s${String(index + 1).padStart(3, '0')}`);
}
