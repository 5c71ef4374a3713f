import pg from 'pg';
import { ZavaError } from '../../errors.js';
import { ownerOnly } from '../ownerOnly.js';
import type { DatabasePort, EngineInfo, QueryOptions, QueryResult, TransactionOptions, TransactionSession } from '../port.js';
import { toSqlExecutionError } from '../sqlErrors.js';
import { CANONICAL_PARSERS } from '../valueTypes.js';
import { APPLICATION_ROLE } from '../applicationRole.js';
import { assertPostgresUrl, describeUrl, storeLoginUrl } from './connectionUrls.js';

export interface PostgresEngineOptions {
  databaseUrl: string;
  appDatabaseUrl?: string | undefined;
  appPassword?: string | undefined;
  poolSize: number;
}

const canonicalTypes = {
  getTypeParser: (oid: number, format?: string) =>
    CANONICAL_PARSERS[oid] ?? (pg.types.getTypeParser as (oid: number, format?: string) => unknown)(oid, format),
};

function createPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, types: canonicalTypes as pg.CustomTypesConfig, options: '-c TimeZone=UTC' });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * A real PostgreSQL server through node-postgres pools. The owner pool runs
 * migrations and admin work; store sessions log in as mcp_user when a password or
 * URL for it is configured, and otherwise SET LOCAL ROLE under the owner login.
 */
export class PostgresEngine implements DatabasePort {
  private storePool: pg.Pool | undefined;
  private storeLoginChecked = false;

  private constructor(
    private readonly ownerPool: pg.Pool,
    private readonly storeUrl: string | undefined,
    private readonly poolSize: number,
    readonly info: EngineInfo,
  ) {}

  static async open(options: PostgresEngineOptions): Promise<PostgresEngine> {
    assertPostgresUrl(options.databaseUrl);
    const location = describeUrl(options.databaseUrl);
    const ownerPool = createPool(options.databaseUrl, options.poolSize);
    let serverVersion: string;
    try {
      const result = await ownerPool.query<{ server_version: string }>('SHOW server_version');
      serverVersion = result.rows[0]?.server_version ?? 'unknown';
    } catch (error) {
      await ownerPool.end();
      throw connectionError(error, location);
    }
    const storeUrl = storeLoginUrl(options.databaseUrl, options.appDatabaseUrl, options.appPassword);
    return new PostgresEngine(ownerPool, storeUrl, options.poolSize, {
      engine: 'postgres',
      location,
      serverVersion,
      storeLogin: storeUrl ? 'login-as-mcp_user' : 'set-role',
    });
  }

  async query<R = Record<string, unknown>>(sql: string, params: readonly unknown[] = [], options: QueryOptions = {}): Promise<QueryResult<R>> {
    if (options.timeoutMs !== undefined) return this.transaction({ role: 'owner' }, (tx) => tx.query<R>(sql, params, options));
    return runQuery<R>(this.ownerPool, sql, params, undefined, this.info.location, options.rowMode);
  }

  async transaction<T>(options: TransactionOptions, work: (tx: TransactionSession) => Promise<T>): Promise<T> {
    const useStoreLogin = options.role === 'store' && this.storeUrl !== undefined;
    const pool = useStoreLogin ? await this.storeSessions() : this.ownerPool;
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw connectionError(error, this.info.location);
    }
    let broken = false;
    try {
      await client.query(options.readOnly ? 'BEGIN READ ONLY' : 'BEGIN');
      if (options.role === 'store' && !useStoreLogin) await client.query(`SET LOCAL ROLE ${APPLICATION_ROLE}`);
      // statement_timeout is transaction-local; set it only when a query asks for another value.
      let currentTimeout: number | undefined;
      const executor: TransactionSession = {
        // Simple-protocol multi-statement text: trusted scripts of the owner only.
        runScript: async (sql) => {
          if (options.role !== 'owner') throw ownerOnly();
          await client.query(sql);
        },
        query: async (sql, params = [], queryOptions = {}) => {
          if (queryOptions.timeoutMs !== undefined && queryOptions.timeoutMs !== currentTimeout) {
            await client.query("SELECT set_config('statement_timeout', $1, true)", [String(queryOptions.timeoutMs)]);
            currentTimeout = queryOptions.timeoutMs;
          }
          return runQuery(client, sql, params, queryOptions.timeoutMs, this.info.location, queryOptions.rowMode);
        },
      };
      const result = await work(executor);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw asEngineError(error, undefined, this.info.location);
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.ownerPool.end(), this.storePool?.end()]);
  }

  private async storeSessions(): Promise<pg.Pool> {
    this.storePool ??= createPool(this.storeUrl!, this.poolSize);
    if (!this.storeLoginChecked) {
      let login: { current_user: string; rolsuper: boolean; rolbypassrls: boolean } | undefined;
      try {
        const result = await this.storePool.query(
          'SELECT current_user, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user',
        );
        login = result.rows[0];
      } catch (error) {
        throw connectionError(error, `${this.info.location} as ${APPLICATION_ROLE}`);
      }
      if (!login || login.current_user !== APPLICATION_ROLE || login.rolsuper || login.rolbypassrls) {
        throw new ZavaError(
          'config_invalid',
          `store sessions must log in as ${APPLICATION_ROLE} (not a superuser, no BYPASSRLS); the configured login is ${login?.current_user ?? 'unknown'}`,
        );
      }
      this.storeLoginChecked = true;
    }
    return this.storePool;
  }
}

async function runQuery<R>(
  client: pg.Pool | pg.PoolClient,
  sql: string,
  params: readonly unknown[],
  timeoutMs: number | undefined,
  location: string,
  rowMode: 'object' | 'array' = 'object',
): Promise<QueryResult<R>> {
  try {
    // queryMode 'extended' keeps even parameterless calls on the single-statement protocol.
    const config = { text: sql, values: params as unknown[], queryMode: 'extended', ...(rowMode === 'array' ? { rowMode: 'array' } : {}) };
    const result = await client.query(config as pg.QueryConfig);
    return {
      rows: result.rows as R[],
      fields: result.fields.map((field) => ({ name: field.name, dataTypeID: field.dataTypeID })),
      rowCount: result.rowCount ?? result.rows.length,
    };
  } catch (error) {
    throw asEngineError(error, timeoutMs, location);
  }
}

function asEngineError(error: unknown, timeoutMs: number | undefined, location: string): Error {
  if (error instanceof ZavaError) return error;
  const e = error as { code?: string; message?: string; position?: string };
  if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
    return toSqlExecutionError(
      { message: e.message ?? 'database error', sqlState: e.code, position: e.position === undefined ? undefined : Number(e.position) },
      timeoutMs,
      error,
    );
  }
  return connectionError(error, location);
}

function connectionError(error: unknown, location: string): ZavaError {
  if (error instanceof ZavaError) return error;
  const e = error as { code?: string; message?: string };
  if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
    // Authentication and "database does not exist" arrive as SQL errors at connect time.
    return new ZavaError('database_unavailable', `could not connect to PostgreSQL at ${location}: ${e.message ?? e.code}`, {}, { cause: error });
  }
  const reason = e.code === 'ECONNREFUSED' ? 'connection refused' : e.code === 'ENOTFOUND' ? 'host not found' : (e.code ?? 'connection failed');
  return new ZavaError('database_unavailable', `could not connect to PostgreSQL at ${location}: ${reason}`, {}, { cause: error });
}
