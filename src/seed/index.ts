/**
 * Sample data for `zava-mcp init`: a deterministic generator of Lab 04-sized retail
 * data and two loaders (bulk, and row by row for comparison).
 */
export { generateDataset } from './generateDataset.js';
export { DEFAULT_SEED, DEFAULT_VOLUME, MAX_SCALE, parseGenerateOptions, type GenerateOptions } from './options.js';
export { loadDataset, DEFAULT_BATCH_SIZE } from './load/bulkLoad.js';
export { loadDatasetRowByRow } from './load/rowByRowLoad.js';
export type { LoadOptions, LoadProgress } from './load/progress.js';
export type { LoadPhase } from './load/tables.js';
export type {
  CustomerRow,
  Dataset,
  JsonValue,
  LoadCounts,
  LoyaltyTier,
  PaymentMethod,
  ProductRow,
  TransactionItemRow,
  TransactionRow,
  TransactionType,
} from './rows.js';
