import { SqlExecutionError, ZavaError } from '../errors.js';
import type { DatabasePort, SqlExecutor } from '../db/port.js';

export interface StoreContextOptions {
  readOnly?: boolean;
  /** Transaction-local settings made before the role switch (see TransactionOptions.settings). */
  settings?: Readonly<Record<string, string>>;
}

/** Unqualified names in store sessions mean retail tables; extensions live in public. */
export const STORE_SEARCH_PATH = 'retail, public, pg_temp';

/**
 * How the planner treats store queries. Model SQL is read through a cursor, which
 * must be planned like a plain query, not for its first tenth. And no parallel
 * workers: a store session is one of many, and the workers are one pool for the
 * whole server; the policies' per-row cost also tipped PostgreSQL 18 into parallel
 * plans that were 2.5 times slower on a busy two-core machine (bench:rls).
 */
export const STORE_PLANNER_SETTINGS: Readonly<Record<string, string>> = { cursor_tuple_fraction: '1', max_parallel_workers_per_gather: '0' };

const PLANNER_SETTINGS_SQL = Object.entries(STORE_PLANNER_SETTINGS)
  .map(([name, value]) => `set_config('${name}', '${value}', true)`)
  .join(', ');

/**
 * A transaction as mcp_user with the store context set locally (it ends with the
 * transaction, so nothing carries over to the next request on the same connection
 * or PGlite session). Tools read through a StoreSession, which opens these
 * read-only; writes as a store (tests of policies and audit) use this directly.
 */
export async function withStoreContext<T>(
  db: DatabasePort,
  storeIds: readonly string[],
  work: (tx: SqlExecutor) => Promise<T>,
  options: StoreContextOptions = {},
): Promise<T> {
  if (storeIds.length === 0) throw new ZavaError('no_store_context', 'a store session needs at least one store');
  return db.transaction({ role: 'store', readOnly: options.readOnly ?? false, ...(options.settings ? { settings: options.settings } : {}) }, async (tx) => {
    try {
      // One round trip: the context, and the session settings store SQL relies on (the
      // SQL guard reads string literals as standard_conforming_strings = on reads them)
      // and the planner settings above.
      await tx.query(
        `SELECT retail.set_store_context(VARIADIC $1::text[]), set_config('search_path', $2, true), set_config('standard_conforming_strings', 'on', true), ${PLANNER_SETTINGS_SQL}`,
        [storeIds, STORE_SEARCH_PATH],
      );
    } catch (error) {
      throw storeContextError(error);
    }
    // Only `query` is handed on: store sessions never run scripts.
    return work({ query: (sql, params, queryOptions) => tx.query(sql, params, queryOptions) });
  });
}

/**
 * Checks, after model-written SQL ran, that the context is still the one this
 * transaction set. The guard already refuses every way to change it; this catches
 * a hole in the guard before its rows leave the transaction.
 */
export async function assertStoreContextIntact(tx: SqlExecutor, storeIds: readonly string[]): Promise<void> {
  let current: string[] | null | undefined;
  try {
    current = (await tx.query<{ stores: string[] | null }>('SELECT retail.verified_store_ids() AS stores')).rows[0]?.stores;
  } catch (error) {
    if (error instanceof SqlExecutionError && error.sqlState === 'Z0004') throw tampered();
    throw error;
  }
  const expected = [...storeIds].sort().join(',');
  if ((current ?? []).join(',') !== expected) throw tampered();
}

function tampered(): ZavaError {
  return new ZavaError('context_tampered', 'the store context changed during the query; its result was discarded');
}

function storeContextError(error: unknown): unknown {
  if (!(error instanceof SqlExecutionError)) return error;
  if (error.sqlState === 'Z0001') return new ZavaError('unknown_store', error.message.replace(/^Invalid or inactive store: /, 'unknown store: '));
  if (error.sqlState === 'Z0002') return new ZavaError('inactive_store', error.message.replace(/^Invalid or inactive store: /, 'store ').trim());
  return error;
}
