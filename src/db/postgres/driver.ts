import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { ZavaError } from '../../errors.js';
import { APPLICATION_ROLE } from '../applicationRole.js';
import { copyTarget, type CopyData, type CopyTable } from '../copyTable.js';
import type { Driver, DriverConnection } from '../driver.js';
import type { EngineInfo, QueryOptions, QueryResult, SessionRole } from '../port.js';
import { CANONICAL_PARSERS } from '../valueTypes.js';
import { assertPostgresUrl, describeUrl, storeLoginUrl } from './connectionUrls.js';
import { asEngineError, connectionError } from './pgErrors.js';

export interface PostgresDriverOptions {
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
 * migrations and admin work; store transactions log in as mcp_user when a password
 * or URL for it is configured, and otherwise use the owner pool (and switch role).
 */
export class PostgresDriver implements Driver {
  private storePool: pg.Pool | undefined;
  private storeLoginChecked = false;

  private constructor(
    private readonly ownerPool: pg.Pool,
    private readonly storeUrl: string | undefined,
    private readonly poolSize: number,
    readonly info: EngineInfo,
  ) {}

  static async open(options: PostgresDriverOptions): Promise<PostgresDriver> {
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
    return new PostgresDriver(ownerPool, storeUrl, options.poolSize, {
      engine: 'postgres',
      location,
      serverVersion,
      storeLogin: storeUrl ? 'login-as-mcp_user' : 'set-role',
    });
  }

  async acquire(role: SessionRole): Promise<DriverConnection> {
    const useStoreLogin = role === 'store' && this.storeUrl !== undefined;
    const pool = useStoreLogin ? await this.storeSessions() : this.ownerPool;
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw connectionError(error, this.info.location);
    }
    return new PostgresConnection(client, useStoreLogin ? 'store' : 'owner', this.info.location);
  }

  async close(): Promise<void> {
    await Promise.all([this.ownerPool.end(), this.storePool?.end()]);
  }

  /** The pool that logs in as mcp_user, after checking once that the login is what it claims. */
  private async storeSessions(): Promise<pg.Pool> {
    this.storePool ??= createPool(this.storeUrl!, this.poolSize);
    if (!this.storeLoginChecked) {
      let login: { current_user: string; rolsuper: boolean; rolbypassrls: boolean } | undefined;
      try {
        const result = await this.storePool.query('SELECT current_user, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user');
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

/**
 * One pooled client for one statement or transaction; a statement's timeout is
 * statement_timeout, set transaction-locally when it changes (so DECLARE and the
 * FETCHes of a cursor read usually share one setting).
 */
class PostgresConnection implements DriverConnection {
  private currentTimeout: number | undefined;

  constructor(
    private readonly client: pg.PoolClient,
    readonly login: SessionRole,
    private readonly location: string,
  ) {}

  async query<R = Record<string, unknown>>(sql: string, params: readonly unknown[], { timeoutMs, rowMode = 'object' }: QueryOptions): Promise<QueryResult<R>> {
    try {
      if (timeoutMs !== undefined && timeoutMs !== this.currentTimeout) {
        await this.client.query("SELECT set_config('statement_timeout', $1, true)", [String(timeoutMs)]);
        this.currentTimeout = timeoutMs;
      }
      // queryMode 'extended' keeps even parameterless calls on the single-statement protocol.
      const config = { text: sql, values: params as unknown[], queryMode: 'extended', ...(rowMode === 'array' ? { rowMode: 'array' } : {}) };
      const result = await this.client.query(config as pg.QueryConfig);
      return {
        rows: result.rows as R[],
        fields: result.fields.map((field) => ({ name: field.name, dataTypeID: field.dataTypeID })),
        rowCount: result.rowCount ?? result.rows.length,
      };
    } catch (error) {
      throw asEngineError(error, timeoutMs, this.location);
    }
  }

  async runScript(sql: string): Promise<void> {
    try {
      await this.client.query(sql);
    } catch (error) {
      throw asEngineError(error, undefined, this.location);
    }
  }

  async *copyOut(table: CopyTable): AsyncIterable<Uint8Array> {
    try {
      const stream = this.client.query(copyTo(`COPY ${copyTarget(table)} TO STDOUT`));
      for await (const chunk of stream as AsyncIterable<Buffer>) yield chunk;
    } catch (error) {
      throw asEngineError(error, undefined, this.location);
    }
  }

  async copyIn(table: CopyTable, data: CopyData): Promise<number> {
    try {
      const stream = this.client.query(copyFrom(`COPY ${copyTarget(table)} FROM STDIN`));
      await pipeline(Readable.from(asBuffers(data)), stream);
      return stream.rowCount ?? 0;
    } catch (error) {
      throw asEngineError(error, undefined, this.location);
    }
  }

  async release(broken: boolean): Promise<void> {
    this.client.release(broken);
  }
}

/** pg-copy-streams writes Buffers; text and other byte arrays become Buffers without copying. */
async function* asBuffers(data: CopyData): AsyncIterable<Buffer> {
  for await (const chunk of data) yield typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
