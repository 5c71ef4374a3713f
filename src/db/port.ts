import type { CopyData, CopyTable } from './copyTable.js';

/**
 * The database port: the only surface the rest of the program sees. Each engine
 * (src/db/pglite, src/db/postgres) implements it; nothing above knows which one runs.
 */
export type EngineName = 'pglite' | 'postgres';

export interface FieldInfo {
  name: string;
  dataTypeID: number;
}

export interface QueryResult<R = Record<string, unknown>> {
  rows: R[];
  fields: FieldInfo[];
  /** Rows affected (DML) or returned (SELECT). */
  rowCount: number;
}

export interface QueryOptions {
  /** Cancel the statement after this long (both engines), failing with QueryTimeoutError. */
  timeoutMs?: number;
  /**
   * 'array': each row is an array in column order, so that columns with the same
   * name (SELECT * over a join) all survive. Rows are then typed unknown[].
   */
  rowMode?: 'object' | 'array';
}

/** Runs one parameterised statement at a time; never more than one statement per call. */
export interface SqlExecutor {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<R>>;
}

/**
 * Who a transaction runs as. `owner` is the role that owns the schema (migrations,
 * seeding, `sql --admin`). `store` is the application role `mcp_user`, subject to
 * row-level security; the caller sets the store context (see tenant/withStoreContext).
 */
export type SessionRole = 'owner' | 'store';

/** A transaction as the owner can also run trusted scripts (migrations, DDL) and move rows in bulk. */
export interface TransactionSession extends SqlExecutor {
  runScript(sql: string): Promise<void>;
  /** The table's rows in COPY text format, in chunks (COPY ... TO STDOUT). */
  copyOut(table: CopyTable): AsyncIterable<Uint8Array>;
  /** Loads rows in COPY text format (COPY ... FROM STDIN); resolves with how many. */
  copyIn(table: CopyTable, data: CopyData): Promise<number>;
}

export interface TransactionOptions {
  role: SessionRole;
  readOnly?: boolean;
  /** One snapshot for every statement (a consistent copy of several tables). */
  repeatableRead?: boolean;
  /**
   * Transaction-local settings made before the role switch, while the session user
   * may still set them (temp_file_limit is for superusers and those granted it).
   */
  settings?: Readonly<Record<string, string>>;
}

export interface EngineInfo {
  engine: EngineName;
  /** Where the data lives, safe to print: a directory, `memory`, or host:port/database without credentials. */
  location: string;
  serverVersion: string;
  /** How store sessions authenticate, stated in the banner. */
  storeLogin: 'set-role' | 'login-as-mcp_user';
}

export interface WireDoorOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** How long a client may leave a transaction idle while the program waits for the session (default 60 s). */
  idleInTransactionMs?: number;
}

/** The embedded database over the PostgreSQL wire protocol: psql and other clients connect to `url`. */
export interface WireDoor {
  /** postgres://postgres@host:port/postgres: no password, PGlite has none. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Ends every connection (rolling back what a client left open) and stops listening. */
  close(): Promise<void>;
}

export interface DatabasePort extends SqlExecutor {
  readonly info: EngineInfo;
  /**
   * Opens the embedded database to PostgreSQL clients, sharing its one session with
   * this program safely (see src/db/pglite/wireSessions.ts). A real server has its
   * own door: there this is refused.
   */
  openWireDoor(options: WireDoorOptions): Promise<WireDoor>;
  /**
   * Notes where this process serves MCP over HTTP (undefined: no longer), for
   * `status` and `sql` in other processes to show. PGlite records it with its data
   * directory's lock; a real server needs no such note.
   */
  announceHttpUrl(url: string | undefined): void;
  /**
   * Runs `work` inside one transaction; commits if it resolves, rolls back if it
   * throws. `runScript` on the session is for trusted scripts of the owner only.
   */
  transaction<T>(options: TransactionOptions, work: (tx: TransactionSession) => Promise<T>): Promise<T>;
  /**
   * One owner connection for `work`, statements in order on the same session, with
   * no transaction of its own: for a script that writes its own (sql --admin).
   * What it leaves open is rolled back, and its session-level settings end with it.
   */
  ownerSession<T>(work: (session: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * The embedded data directory as a tarball (PGlite's dumpDataDir), taken between
   * transactions after a checkpoint. A real server is backed up with its own tools:
   * there this is refused.
   */
  snapshotDataDir(): Promise<Uint8Array>;
  close(): Promise<void>;
}
