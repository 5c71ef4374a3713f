/**
 * Sample data for `zava-mcp init`: a deterministic, streaming generator of Lab
 * 04-sized retail data, the COPY bulk loader, and a row-by-row loader to compare with.
 */
export { batchesOf, datasetBatches, generateDataset, type DatasetBatch } from './generateDataset.js';
export { bulkLoad, streamCopy, type CopyPlan } from './load/copyLoad.js';
export { copyTargetOf, SEEDED_TABLES } from './load/tables.js';
export { DEFAULT_SEED, DEFAULT_VOLUME, MAX_SCALE, parseGenerateOptions, type GenerateOptions } from './options.js';
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
