import type { DatabasePort, SqlExecutor } from '../db/port.js';
import { ZavaError } from '../errors.js';
import { checkModelSql, declareResultCursor, type AllowedVerdict, type GuardPolicy } from '../guard/index.js';
import { readResultCursor, type CursorRead } from './cursorReader.js';
import { assertStoreContextIntact, withStoreContext } from '../tenant/withStoreContext.js';
import { redactPlanLines } from './explainRedaction.js';
import { typeName } from './typeNames.js';

export interface ModelSqlLimits {
  rowLimit: number;
  byteLimit: number;
  timeoutMs: number;
}

export interface ModelSqlResult {
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
  rowCount: number;
  truncated: boolean;
  /** Why rows are missing, in words, when truncated. */
  truncationNote: string | undefined;
  limits: ModelSqlLimits;
  elapsedMs: number;
}

/**
 * Runs SQL written by a model as the bound stores: the guard first, then one
 * statement in a read-only store transaction with a timeout, a row cap and a byte
 * cap; the store context is checked afterwards. A SELECT is read through a cursor
 * in batches, so the caps stop the reading rather than trim a result already in memory.
 */
export async function runModelSql(
  db: DatabasePort,
  storeIds: readonly string[],
  sql: string,
  limits: ModelSqlLimits,
  policy?: GuardPolicy,
): Promise<ModelSqlResult> {
  const verdict = checkModelSql(sql, policy);
  if (!verdict.allowed) throw new ZavaError('sql_rejected', verdict.reason, verdict.position === undefined ? {} : { position: verdict.position });
  const modelOffset = verdict.statementPosition - 1;
  const started = performance.now();
  const read = await withStoreContext(
    db,
    storeIds,
    async (tx) => {
      const outcome = verdict.kind === 'select' ? await readSelect(tx, verdict, limits, modelOffset) : await readExplain(tx, verdict.statementText, limits, modelOffset);
      await assertStoreContextIntact(tx, storeIds);
      return outcome;
    },
    { readOnly: true },
  );
  return describeResult(read, limits, performance.now() - started);
}

async function readSelect(tx: SqlExecutor, verdict: AllowedVerdict, limits: ModelSqlLimits, modelOffset: number): Promise<CursorRead> {
  const cursor = declareResultCursor(verdict);
  try {
    await tx.query(cursor.sql, [limits.rowLimit + 1], { timeoutMs: limits.timeoutMs });
    return await readResultCursor(tx, (fields) => uniqueColumnNames(fields.map((field) => field.name)), limits);
  } catch (error) {
    throw withPositionInModelText(error, cursor.statementOffset, modelOffset);
  }
}

/** EXPLAIN cannot stand in a cursor; its output is a few lines, capped like any result. */
async function readExplain(tx: SqlExecutor, statementText: string, limits: ModelSqlLimits, modelOffset: number): Promise<CursorRead> {
  let result;
  try {
    result = await tx.query<Record<string, unknown>>(statementText, [], { timeoutMs: limits.timeoutMs });
  } catch (error) {
    throw withPositionInModelText(error, 0, modelOffset);
  }
  const lines = redactPlanLines(result.rows.map((row) => String(row['QUERY PLAN'] ?? '')));
  const rows: Record<string, unknown>[] = [];
  let bytes = 2;
  for (const line of lines) {
    if (rows.length === limits.rowLimit) return { fields: result.fields, rows, stoppedBy: 'rows' };
    const row = { 'QUERY PLAN': line };
    bytes += Buffer.byteLength(JSON.stringify(row)) + 1;
    if (bytes > limits.byteLimit) return { fields: result.fields, rows, stoppedBy: 'bytes' };
    rows.push(row);
  }
  return { fields: result.fields, rows, stoppedBy: undefined };
}

/** `SELECT *` over a join repeats names (store_id, created_at); keep every column: store_id, store_id_2. */
function uniqueColumnNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    let unique = count === 1 ? name : `${name}_${count}`;
    while (count > 1 && names.includes(unique)) unique = `${unique}_`;
    return unique;
  });
}

function describeResult(read: CursorRead, limits: ModelSqlLimits, elapsedMs: number): ModelSqlResult {
  const names = uniqueColumnNames(read.fields.map((field) => field.name));
  const truncationNote =
    read.stoppedBy === 'rows'
      ? `only the first ${limits.rowLimit} rows are shown (row limit); aggregate or filter to see the rest`
      : read.stoppedBy === 'bytes'
        ? `only the first ${read.rows.length} rows are shown: the result exceeds ${limits.byteLimit} bytes; select fewer or shorter columns`
        : undefined;
  return {
    columns: read.fields.map((field, index) => ({ name: names[index]!, type: typeName(field.dataTypeID) })),
    rows: read.rows,
    rowCount: read.rows.length,
    truncated: truncationNote !== undefined,
    truncationNote,
    limits,
    elapsedMs,
  };
}

/** PostgreSQL positions count from the executed text; report them in the model's text. */
function withPositionInModelText(error: unknown, prefixLength: number, statementOffset: number): unknown {
  if (!(error instanceof ZavaError) || typeof error.details.position !== 'number') return error;
  const position = error.details.position - prefixLength + statementOffset;
  if (position < 1) return error;
  return new ZavaError(error.code, `${error.message} (at character ${position} of the query)`, { ...error.details, position }, { cause: error });
}
