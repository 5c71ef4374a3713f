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

/** Where COPY writes: a schema-qualified table and its columns in the order the data gives them (trusted names only). */
export interface CopyTarget {
  table: string;
  columns: readonly string[];
}

/** A transaction as the owner can also run trusted scripts (migrations, DDL) and bulk-load rows. */
export interface TransactionSession extends SqlExecutor {
  runScript(sql: string): Promise<void>;
  /**
   * COPY ... FROM in text format (tab-separated columns, `\N` for NULL, one row per
   * line); each chunk holds whole lines. Owner transactions only. Resolves to the
   * number of rows copied.
   */
  copyFrom(target: CopyTarget, chunks: Iterable<string> | AsyncIterable<string>): Promise<number>;
}

export interface TransactionOptions {
  role: SessionRole;
  readOnly?: boolean;
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

export interface DatabasePort extends SqlExecutor {
  readonly info: EngineInfo;
  /**
   * Runs `work` inside one transaction; commits if it resolves, rolls back if it
   * throws. `runScript` on the session is for trusted scripts of the owner only.
   */
  transaction<T>(options: TransactionOptions, work: (tx: TransactionSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
