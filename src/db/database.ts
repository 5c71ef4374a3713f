import { ZavaError } from '../errors.js';
import { APPLICATION_ROLE } from './applicationRole.js';
import type { CopyData, CopyTable } from './copyTable.js';
import type { Driver, DriverConnection } from './driver.js';
import type { DatabasePort, EngineInfo, QueryOptions, QueryResult, SqlExecutor, TransactionOptions, TransactionSession, WireDoor, WireDoorOptions } from './port.js';

/**
 * The database port over any engine's driver: the one place that begins,
 * switches role, commits or rolls back, and ends a transaction's handle.
 */
export class Database implements DatabasePort {
  constructor(private readonly driver: Driver) {}

  get info(): EngineInfo {
    return this.driver.info;
  }

  async query<R = Record<string, unknown>>(sql: string, params: readonly unknown[] = [], options: QueryOptions = {}): Promise<QueryResult<R>> {
    // A timeout is transaction-local on a real server; a statement with one gets its own transaction.
    if (options.timeoutMs !== undefined) return this.transaction({ role: 'owner' }, (tx) => tx.query<R>(sql, params, options));
    const connection = await this.driver.acquire('owner');
    try {
      return await connection.query<R>(sql, params, options);
    } finally {
      await connection.release(false);
    }
  }

  async transaction<T>(options: TransactionOptions, work: (tx: TransactionSession) => Promise<T>): Promise<T> {
    const connection = await this.driver.acquire(options.role);
    const handle = new TransactionHandle(connection, options);
    let broken = false;
    try {
      await connection.query(`BEGIN${options.repeatableRead ? ' ISOLATION LEVEL REPEATABLE READ' : ''}${options.readOnly ? ' READ ONLY' : ''}`, [], {});
      const settings = Object.entries(options.settings ?? {});
      if (settings.length > 0) {
        await connection.query('SELECT set_config(s.name, s.value, true) FROM unnest($1::text[], $2::text[]) AS s(name, value)', [
          settings.map(([name]) => name),
          settings.map(([, value]) => value),
        ], {});
      }
      if (options.role === 'store' && connection.login === 'owner') await connection.query(`SET LOCAL ROLE ${APPLICATION_ROLE}`, [], {});
      let result: T;
      try {
        result = await work(handle);
      } finally {
        handle.end();
      }
      await connection.query('COMMIT', [], {});
      return result;
    } catch (error) {
      await connection.query('ROLLBACK', [], {}).catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      await connection.release(broken);
    }
  }

  async ownerSession<T>(work: (session: SqlExecutor) => Promise<T>): Promise<T> {
    const connection = await this.driver.acquire('owner');
    const handle = new TransactionHandle(connection, { role: 'owner' });
    try {
      return await work(handle);
    } finally {
      handle.end();
      // Outside a transaction this is only a warning; inside one it ends what the script left open.
      await connection.query('ROLLBACK', [], {}).catch(() => undefined);
      // The script's SET ROLE or search_path must not outlive it: the engine resets or discards the connection.
      await connection.release(true);
    }
  }

  snapshotDataDir(): Promise<Uint8Array> {
    if (!this.driver.snapshotDataDir) {
      return Promise.reject(new ZavaError('feature_unavailable', "a PostgreSQL server is backed up with its own tools (pg_dump, or zava-mcp export for the Zava database)"));
    }
    return this.driver.snapshotDataDir();
  }

  announceHttpUrl(url: string | undefined): void {
    this.driver.announceHttpUrl?.(url);
  }

  openWireDoor(options: WireDoorOptions): Promise<WireDoor> {
    if (!this.driver.openWireDoor) {
      return Promise.reject(new ZavaError('feature_unavailable', 'a PostgreSQL server has its own door: connect to it directly (psql "$DATABASE_URL")'));
    }
    return this.driver.openWireDoor(options);
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}

/**
 * What `work` holds: it runs statements while the transaction is open and throws
 * once it has ended, so that a handle kept past COMMIT cannot run as the session
 * user (on PGlite the superuser, outside any read-only transaction).
 */
class TransactionHandle implements TransactionSession {
  private open = true;

  constructor(
    private readonly connection: DriverConnection,
    private readonly options: TransactionOptions,
  ) {}

  query<R = Record<string, unknown>>(sql: string, params: readonly unknown[] = [], options: QueryOptions = {}): Promise<QueryResult<R>> {
    if (!this.open) return Promise.reject(transactionClosed());
    return this.connection.query<R>(sql, params, options);
  }

  runScript(sql: string): Promise<void> {
    if (!this.open) return Promise.reject(transactionClosed());
    if (this.options.role !== 'owner') return Promise.reject(new ZavaError('internal', 'scripts run only in owner transactions'));
    return this.connection.runScript(sql);
  }

  async *copyOut(table: CopyTable): AsyncIterable<Uint8Array> {
    this.assertOwner();
    for await (const chunk of this.connection.copyOut(table)) {
      if (!this.open) throw transactionClosed();
      yield chunk;
    }
  }

  async copyIn(table: CopyTable, data: CopyData): Promise<number> {
    this.assertOwner();
    return this.connection.copyIn(table, data);
  }

  private assertOwner(): void {
    if (!this.open) throw transactionClosed();
    if (this.options.role !== 'owner') throw new ZavaError('internal', 'COPY runs only in owner transactions');
  }

  end(): void {
    this.open = false;
  }
}


function transactionClosed(): ZavaError {
  return new ZavaError('internal', 'the transaction has ended; its handle cannot run statements');
}
