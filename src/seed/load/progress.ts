/**
 * Reported at the start of each phase (done = 0) and as it advances: rows of a table
 * (sales: transactions, their lines come with them), or constraints and indexes
 * rebuilt after a bulk load.
 */
export interface LoadProgress {
  phase: 'customers' | 'products' | 'transactions' | 'items' | 'sales' | 'indexes';
  done: number;
  total: number;
}

export interface LoadOptions {
  /** Rows per INSERT statement of the bulk loader (default 2000); how often the row-by-row loader reports. */
  batchSize?: number;
  onProgress?: (progress: LoadProgress) => void;
}
