// The dataset's defaults and bounds, free of imports: the command line reads them before anything else loads.

/** The seed of the default dataset (`init`, and the first run of `serve`). */
export const DEFAULT_SEED = 42;

/** Lab 04's volumes at scale 1. */
export const DEFAULT_VOLUME = { customers: 2000, products: 500, transactions: 5000 } as const;
/**
 * Scale 1000 is 2 million customers, 500,000 products and 5 million receipts with
 * about 10 million lines: hours of loading and many gigabytes of disk. The
 * generator streams, so memory is not what stops it (about 40 bytes per receipt
 * stay in memory, see SalesPlan).
 */
export const MAX_SCALE = 1000;
