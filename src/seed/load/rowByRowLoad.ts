import type { SqlExecutor } from '../../db/port.js';
import { parseBatchSize } from '../options.js';
import type { Dataset, LoadCounts } from '../rows.js';
import type { LoadOptions } from './progress.js';
import { encodeValue, tablesOf } from './tables.js';

/**
 * The Lab 04 way, kept as the benchmark's baseline: one INSERT statement per row.
 * Same rows, same columns, same encoding as loadDataset.
 */
export async function loadDatasetRowByRow(tx: SqlExecutor, dataset: Dataset, options: LoadOptions = {}): Promise<LoadCounts> {
  const reportEvery = parseBatchSize(options.batchSize, 500);
  const counts: LoadCounts = { customers: 0, products: 0, transactions: 0, items: 0 };
  for (const { spec, rows } of tablesOf(dataset)) {
    const placeholders = spec.columns.map((column, index) => `$${index + 1}::${column.type}`);
    const sql = `INSERT INTO ${spec.table} (${spec.columns.map((column) => column.name).join(', ')}) VALUES (${placeholders.join(', ')})`;
    options.onProgress?.({ phase: spec.phase, done: 0, total: rows.length });
    for (let index = 0; index < rows.length; index++) {
      const row = rows[index]!;
      const result = await tx.query(sql, spec.columns.map((column) => encodeValue(column.type, row[column.name])));
      counts[spec.phase] += result.rowCount;
      if ((index + 1) % reportEvery === 0 || index + 1 === rows.length) options.onProgress?.({ phase: spec.phase, done: index + 1, total: rows.length });
    }
  }
  return counts;
}
