import type { DatabasePort, FieldInfo } from '../db/port.js';
import { ZavaError } from '../errors.js';
import { checkModelSql, wrapAllowedSelect, type GuardPolicy } from '../guard/index.js';
import { toJsonRows } from '../jsonValues.js';
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

const WRAP_PREFIX_LENGTH = 'SELECT * FROM (\n'.length;

/**
 * Runs SQL written by a model as the bound stores: the guard first, then one
 * statement in a read-only store transaction with a timeout, a row cap (one row
 * more is fetched to know) and a byte cap; the store context is checked afterwards.
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
  const statementOffset = verdict.statementPosition - 1;
  const executable = verdict.kind === 'select' ? wrapAllowedSelect(verdict) : verdict.statementText;
  const params = verdict.kind === 'select' ? [limits.rowLimit + 1] : [];
  const started = performance.now();
  const result = await withStoreContext(
    db,
    storeIds,
    async (tx) => {
      let rows;
      try {
        rows = await tx.query<unknown[]>(executable, params, { timeoutMs: limits.timeoutMs, rowMode: 'array' });
      } catch (error) {
        throw withPositionInModelText(error, verdict.kind === 'select' ? WRAP_PREFIX_LENGTH : 0, statementOffset);
      }
      await assertStoreContextIntact(tx, storeIds);
      return rows;
    },
    { readOnly: true },
  );
  const elapsedMs = performance.now() - started;
  const columns = uniqueColumnNames(result.fields.map((field) => field.name));
  const objects = result.rows.map((row) => Object.fromEntries(columns.map((name, index) => [name, row[index]])));
  const rows = verdict.kind === 'explain' ? redactPlan(objects) : objects;
  return capResult(rows, columns, result.fields, limits, elapsedMs);
}

function redactPlan(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const lines = redactPlanLines(rows.map((row) => String(row['QUERY PLAN'] ?? '')));
  return lines.map((line) => ({ 'QUERY PLAN': line }));
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

function capResult(rawRows: Record<string, unknown>[], names: string[], fields: FieldInfo[], limits: ModelSqlLimits, elapsedMs: number): ModelSqlResult {
  const rows = toJsonRows(rawRows.slice(0, limits.rowLimit));
  let truncationNote =
    rawRows.length > limits.rowLimit ? `only the first ${limits.rowLimit} rows are shown (row limit); aggregate or filter to see the rest` : undefined;
  let bytes = 2;
  let kept = 0;
  for (const row of rows) {
    bytes += Buffer.byteLength(JSON.stringify(row)) + 1;
    if (bytes > limits.byteLimit) break;
    kept++;
  }
  if (kept < rows.length) {
    truncationNote = `only the first ${kept} rows are shown: the result exceeds ${limits.byteLimit} bytes; select fewer or shorter columns`;
    rows.length = kept;
  }
  return {
    columns: fields.map((field, index) => ({ name: names[index]!, type: typeName(field.dataTypeID) })),
    rows,
    rowCount: rows.length,
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
