import { QueryTimeoutError, SqlExecutionError, ZavaError } from '../errors.js';
import { checkModelSql, declareResultCursor, type AllowedVerdict, type GuardPolicy } from '../guard/index.js';
import type { StoreSession, StoreTransaction } from '../tenant/storeSession.js';
import { readResultCursor, timeLeft, type CursorRead } from './cursorReader.js';
import { redactPlanLines } from './explainRedaction.js';
import { ResultBudget } from './resultBudget.js';
import { typeName } from './typeNames.js';
import { uniqueColumnNames } from './uniqueColumnNames.js';
import { withPositionInText } from './errorPosition.js';

/** Longest SQL a model query may be: the MCP tool's input schema and `sql --store` take the same. */
export const MAX_QUERY_LENGTH = 20_000;

/** The guard's default policy with MAX_QUERY_LENGTH; one object, so the guard resolves it once. */
const MODEL_POLICY: GuardPolicy = { maxSqlLength: MAX_QUERY_LENGTH };

/** Raised by retail.result_row_fits when one row is larger than the byte cap (schema/013_result_row_size.sql). */
const ROW_TOO_LARGE = 'Z0005';

export interface ResultLimits {
  rowLimit: number;
  byteLimit: number;
}

export interface ModelSqlLimits extends ResultLimits {
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
export async function runModelSql(session: StoreSession, sql: string, resultLimits: ResultLimits, policy: GuardPolicy = MODEL_POLICY): Promise<ModelSqlResult> {
  const verdict = checkModelSql(sql, policy);
  if (!verdict.allowed) throw new ZavaError('sql_rejected', verdict.reason, verdict.position === undefined ? {} : { position: verdict.position });
  const limits = { ...resultLimits, timeoutMs: session.statementTimeoutMs };
  const modelOffset = verdict.statementPosition - 1;
  const started = performance.now();
  const read = await session.read(async (tx) => {
    const outcome = verdict.kind === 'select' ? await readSelect(tx, verdict, limits, modelOffset) : await readExplain(tx, verdict.statementText, limits, modelOffset);
    await tx.assertContextIntact();
    return outcome;
  });
  return describeResult(read, limits, performance.now() - started);
}

async function readSelect(tx: StoreTransaction, verdict: AllowedVerdict, limits: ModelSqlLimits, modelOffset: number): Promise<CursorRead> {
  const cursor = declareResultCursor(verdict);
  // The timeout is for the whole query, not for each FETCH.
  const deadline = performance.now() + limits.timeoutMs;
  try {
    await tx.query(cursor.sql, [limits.rowLimit + 1, limits.byteLimit], { timeoutMs: timeLeft(deadline) });
    return await readResultCursor(tx, { rowLimit: limits.rowLimit, byteLimit: limits.byteLimit, deadline });
  } catch (error) {
    // Each statement was given what was left of the timeout; the limit the caller knows is the whole.
    if (error instanceof QueryTimeoutError) throw new QueryTimeoutError(limits.timeoutMs);
    if (error instanceof SqlExecutionError && error.sqlState === ROW_TOO_LARGE) throw new ZavaError('result_too_large', `${error.message}; select fewer or shorter columns`);
    throw withPositionInText(error, cursor.statementOffset, verdict.statementText, modelOffset);
  }
}

/** EXPLAIN cannot stand in a cursor; its output is a few lines, capped like any result. */
async function readExplain(tx: StoreTransaction, statementText: string, limits: ModelSqlLimits, modelOffset: number): Promise<CursorRead> {
  let result;
  try {
    result = await tx.query<Record<string, unknown>>(statementText, [], { timeoutMs: limits.timeoutMs });
  } catch (error) {
    throw withPositionInText(error, 0, statementText, modelOffset);
  }
  const budget = new ResultBudget(limits);
  const read: CursorRead = { fields: result.fields, names: uniqueColumnNames(result.fields.map((field) => field.name)), rows: [], stoppedBy: undefined };
  for (const line of redactPlanLines(result.rows.map((row) => String(row['QUERY PLAN'] ?? '')))) {
    const row = { 'QUERY PLAN': line };
    read.stoppedBy = budget.admit(row);
    if (read.stoppedBy) break;
    read.rows.push(row);
  }
  return read;
}

function describeResult(read: CursorRead, limits: ModelSqlLimits, elapsedMs: number): ModelSqlResult {
  const truncationNote =
    read.stoppedBy === 'rows'
      ? `only the first ${limits.rowLimit} rows are shown (row limit); aggregate or filter to see the rest`
      : read.stoppedBy === 'bytes'
        ? `only the first ${read.rows.length} rows are shown: the result exceeds ${limits.byteLimit} bytes; select fewer or shorter columns`
        : undefined;
  return {
    columns: read.fields.map((field, index) => ({ name: read.names[index]!, type: typeName(field.dataTypeID) })),
    rows: read.rows,
    rowCount: read.rows.length,
    truncated: truncationNote !== undefined,
    truncationNote,
    limits,
    elapsedMs,
  };
}
