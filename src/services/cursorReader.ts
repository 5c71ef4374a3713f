import type { FieldInfo, SqlExecutor } from '../db/port.js';
import { RESULT_CURSOR } from '../guard/index.js';
import { toJsonValue } from '../jsonValues.js';
import { ResultBudget } from './resultBudget.js';
import { uniqueColumnNames } from './uniqueColumnNames.js';

export interface CursorReadLimits {
  /** Rows wanted at most; one more is read to know whether there were more. */
  rowLimit: number;
  /** Bytes of the rows as JSON at most. */
  byteLimit: number;
  /** For the whole read, every FETCH included. */
  deadline: number;
}

export interface CursorRead {
  fields: FieldInfo[];
  /** Column names made unique (store_id, store_id_2), the keys of `rows`. */
  names: string[];
  /** Rows as JSON values, within both limits. */
  rows: Record<string, unknown>[];
  /** Why the result was not read to its end, if it was not. */
  stoppedBy: 'rows' | 'bytes' | undefined;
}

/** Until a row has been seen nothing says how large rows are: the first batch is small, but holds most analytics results whole. */
const FIRST_BATCH = 20;
const LARGEST_BATCH = 100;

/**
 * Milliseconds left before the deadline, in whole tenths of a second so that the
 * statements of one read usually share one value (the PostgreSQL engine sets
 * statement_timeout again whenever it changes); at least one, as zero means none.
 */
export function timeLeft(deadline: number): number {
  return Math.max(1, Math.floor((deadline - performance.now()) / 100) * 100);
}

/**
 * Reads the result cursor in batches sized by the bytes left, and stops at the row
 * or byte cap: a result of any size never sits in memory, only about one batch
 * beyond what the caller gets.
 */
export async function readResultCursor(tx: SqlExecutor, limits: CursorReadLimits): Promise<CursorRead> {
  const budget = new ResultBudget(limits);
  const rows: Record<string, unknown>[] = [];
  let batch = FIRST_BATCH;
  let names: string[] | undefined;
  for (;;) {
    const result = await tx.query<unknown[]>(`FETCH FORWARD ${batch} FROM ${RESULT_CURSOR}`, [], { timeoutMs: timeLeft(limits.deadline), rowMode: 'array' });
    names ??= uniqueColumnNames(result.fields.map((field) => field.name));
    for (const values of result.rows) {
      const row = Object.fromEntries(names.map((name, index) => [name, toJsonValue(values[index])]));
      const stoppedBy = budget.admit(row);
      if (stoppedBy) return { fields: result.fields, names, rows, stoppedBy };
      rows.push(row);
    }
    if (result.rows.length < batch) return { fields: result.fields, names, rows, stoppedBy: undefined };
    batch = Math.min(LARGEST_BATCH, budget.rowsThatFit());
  }
}
