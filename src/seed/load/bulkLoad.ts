import type { SqlExecutor } from '../../db/port.js';
import { parseBatchSize } from '../options.js';
import type { Dataset, LoadCounts } from '../rows.js';
import type { LoadOptions } from './progress.js';
import { encodeValue, tablesOf, transportType, type TableSpec } from './tables.js';

export const DEFAULT_BATCH_SIZE = 2000;

/**
 * Inserts a dataset with one multi-row statement per batch: every column is one
 * array parameter and `unnest` turns the arrays back into rows. Runs in the
 * caller's transaction (as the schema owner, audit triggers off) and only inserts.
 */
export async function loadDataset(tx: SqlExecutor, dataset: Dataset, options: LoadOptions = {}): Promise<LoadCounts> {
  const batchSize = parseBatchSize(options.batchSize, DEFAULT_BATCH_SIZE);
  const counts: LoadCounts = { customers: 0, products: 0, transactions: 0, items: 0 };
  for (const { spec, rows } of tablesOf(dataset)) {
    const sql = bulkInsertSql(spec);
    options.onProgress?.({ phase: spec.phase, done: 0, total: rows.length });
    for (let start = 0; start < rows.length; start += batchSize) {
      const batch = rows.slice(start, start + batchSize);
      const params = spec.columns.map((column) => batch.map((row) => encodeValue(column.type, row[column.name])));
      const result = await tx.query(sql, params);
      counts[spec.phase] += result.rowCount;
      options.onProgress?.({ phase: spec.phase, done: Math.min(start + batchSize, rows.length), total: rows.length });
    }
  }
  return counts;
}

export function bulkInsertSql(spec: TableSpec<Record<string, unknown>>): string {
  const names = spec.columns.map((column) => column.name);
  const arrays = spec.columns.map((column, index) => `$${index + 1}::${transportType(column.type)}[]`);
  const select = spec.columns.map((column) => (transportType(column.type) === column.type ? `u.${column.name}` : `u.${column.name}::${column.type}`));
  return `INSERT INTO ${spec.table} (${names.join(', ')}) SELECT ${select.join(', ')} FROM unnest(${arrays.join(', ')}) AS u(${names.join(', ')})`;
}
