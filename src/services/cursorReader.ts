import type { FieldInfo, SqlExecutor } from '../db/port.js';
import { RESULT_CURSOR } from '../guard/index.js';
import { toJsonRows } from '../jsonValues.js';

export interface CursorReadLimits {
  /** Rows wanted at most; one more is read to know whether there were more. */
  rowLimit: number;
  /** Bytes of the rows as JSON at most. */
  byteLimit: number;
  timeoutMs: number;
}

export interface CursorRead {
  fields: FieldInfo[];
  /** Rows as JSON values, keyed by `columnNames`, within both limits. */
  rows: Record<string, unknown>[];
  /** Why the cursor was not read to its end, if it was not. */
  stoppedBy: 'rows' | 'bytes' | undefined;
}

/** Until a row has been seen nothing says how large rows are: the first batch is small, but holds most analytics results whole. */
const FIRST_BATCH = 20;
const LARGEST_BATCH = 100;

/**
 * Reads the result cursor in batches sized by the bytes left, and stops at the row
 * or byte cap: a result of any size never sits in memory, only about one batch
 * beyond what the caller gets. Row and byte counts are those of the JSON the
 * client receives.
 */
export async function readResultCursor(tx: SqlExecutor, columnNames: (fields: FieldInfo[]) => string[], limits: CursorReadLimits): Promise<CursorRead> {
  const rows: Record<string, unknown>[] = [];
  let fields: FieldInfo[] = [];
  let names: string[] | undefined;
  let bytes = 2;
  let batch = FIRST_BATCH;
  for (;;) {
    const result = await tx.query<unknown[]>(`FETCH FORWARD ${batch} FROM ${RESULT_CURSOR}`, [], { timeoutMs: limits.timeoutMs, rowMode: 'array' });
    fields = result.fields;
    names ??= columnNames(fields);
    const columns = names;
    for (const row of toJsonRows(result.rows.map((values) => Object.fromEntries(columns.map((name, index) => [name, values[index]]))))) {
      if (rows.length === limits.rowLimit) return { fields, rows, stoppedBy: 'rows' };
      bytes += Buffer.byteLength(JSON.stringify(row)) + 1;
      if (bytes > limits.byteLimit) return { fields, rows, stoppedBy: 'bytes' };
      rows.push(row);
    }
    if (result.rows.length < batch) return { fields, rows, stoppedBy: undefined };
    batch = nextBatch(rows.length, bytes, limits);
  }
}

function nextBatch(rowsSoFar: number, bytesSoFar: number, limits: CursorReadLimits): number {
  const averageRowBytes = Math.max(1, bytesSoFar / Math.max(1, rowsSoFar));
  const fitByBytes = Math.floor((limits.byteLimit - bytesSoFar) / averageRowBytes) + 1;
  const rowsLeft = limits.rowLimit + 1 - rowsSoFar;
  return Math.max(1, Math.min(LARGEST_BATCH, fitByBytes, rowsLeft));
}
