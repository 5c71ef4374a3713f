import type { CopyData, CopyTable } from './copyTable.js';
import type { EngineInfo, QueryOptions, QueryResult, SessionRole, WireDoor, WireDoorOptions } from './port.js';

/**
 * What an engine supplies: connections, and nothing of transactions. BEGIN, the
 * role switch, COMMIT, ROLLBACK and the end of a transaction's handle are written
 * once, over this, in database.ts (as Kysely keeps them over its drivers).
 */
export interface Driver {
  readonly info: EngineInfo;
  /**
   * A connection for one statement or one transaction. For `store` an engine that
   * can logs in as the application role; otherwise the connection is the owner's
   * and the transaction switches role.
   */
  acquire(role: SessionRole): Promise<DriverConnection>;
  /** The wire-protocol door, for an engine that has none of its own (PGlite). */
  openWireDoor?(options: WireDoorOptions): Promise<WireDoor>;
  /** Notes the MCP HTTP URL beside the data directory, for an engine that has one (PGlite). */
  announceHttpUrl?(url: string | undefined): void;
  /** The data directory as a tarball, for an engine that has one (PGlite). */
  snapshotDataDir?(): Promise<Uint8Array>;
  close(): Promise<void>;
}

export interface DriverConnection {
  /** Who this connection is logged in as; `owner` for a store transaction means SET LOCAL ROLE. */
  readonly login: SessionRole;
  /** One statement through the extended protocol; `timeoutMs` cancels it (QueryTimeoutError). */
  query<R = Record<string, unknown>>(sql: string, params: readonly unknown[], options: QueryOptions): Promise<QueryResult<R>>;
  /** A trusted multi-statement script of the owner (migrations, DDL), through the simple protocol. */
  runScript(sql: string): Promise<void>;
  /** COPY table TO STDOUT in text format, in chunks. */
  copyOut(table: CopyTable): AsyncIterable<Uint8Array>;
  /** COPY table FROM STDIN in text format; resolves with the rows loaded. */
  copyIn(table: CopyTable, data: CopyData): Promise<number>;
  /** Gives the connection back; `broken` when it may be in an unknown state (a failed ROLLBACK, a script's session settings): it is reset or discarded. */
  release(broken: boolean): Promise<void>;
}
