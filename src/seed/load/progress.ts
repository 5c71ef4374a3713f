import type { LoadPhase } from './tables.js';

/** Reported at the start of each table (done = 0) and after every statement batch. */
export interface LoadProgress {
  phase: LoadPhase;
  done: number;
  total: number;
}

export interface LoadOptions {
  /** Rows per INSERT statement of the bulk loader (default 2000); how often the row-by-row loader reports. */
  batchSize?: number;
  onProgress?: (progress: LoadProgress) => void;
}
