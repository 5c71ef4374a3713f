import type { QueryOptions, QueryResult } from '../db/port.js';

/** A statement run as the bound stores, inside one read-only store transaction. */
export interface StoreTransaction {
  /** One statement, cancelled after the session's statement timeout unless a shorter one is given. */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<R>>;
  /** Throws context_tampered when the store context is no longer the one this transaction set. */
  assertContextIntact(): Promise<void>;
}

/**
 * What a tool, a search or a report holds: the stores it acts for and a way to read
 * as them, never the database itself. Built once where the binding is decided
 * (stdio at start, HTTP per authenticated session, the test sandbox per call).
 */
export interface StoreSession {
  /** The bound stores, sorted. */
  readonly storeIds: readonly string[];
  /** The statement timeout every read applies. */
  readonly statementTimeoutMs: number;
  /** Runs `work` in one read-only transaction as mcp_user, with the store context and the limits set. */
  read<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T>;
}
