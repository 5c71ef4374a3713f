import type { DatabasePort, EngineInfo, QueryOptions, QueryResult, TransactionOptions, TransactionSession } from '../port.js';
import { ownerOnly } from '../ownerOnly.js';
import { SerialQueue } from '../serialQueue.js';
import { toSqlExecutionError } from '../sqlErrors.js';
import { lockDataDir } from './dataDirLock.js';
import { PgliteWorkerClient } from './workerClient.js';

export interface PgliteEngineOptions {
  /** A directory, or `memory://` for a throwaway database. */
  dataDir: string;
}

/**
 * PGlite, in-process. One PostgreSQL session serves everything, so every call is
 * serialised; store sessions use SET LOCAL ROLE because PGlite has no logins.
 */
export class PgliteEngine implements DatabasePort {
  private readonly queue = new SerialQueue();

  private constructor(
    private readonly client: PgliteWorkerClient,
    private readonly unlock: () => void,
    readonly info: EngineInfo,
  ) {}

  static async open({ dataDir }: PgliteEngineOptions): Promise<PgliteEngine> {
    const inMemory = dataDir.startsWith('memory://');
    const unlock = inMemory ? () => undefined : lockDataDir(dataDir);
    let client: PgliteWorkerClient;
    try {
      client = await PgliteWorkerClient.start({ dataDir });
    } catch (error) {
      unlock();
      throw error;
    }
    return new PgliteEngine(client, unlock, {
      engine: 'pglite',
      location: inMemory ? 'memory (discarded on exit)' : dataDir,
      serverVersion: client.serverVersion,
      storeLogin: 'set-role',
    });
  }

  query<R = Record<string, unknown>>(sql: string, params: readonly unknown[] = [], options: QueryOptions = {}): Promise<QueryResult<R>> {
    return this.queue.run(() => this.send<R>(sql, params, options));
  }

  transaction<T>(options: TransactionOptions, work: (tx: TransactionSession) => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      await this.send('BEGIN', [], {});
      try {
        if (options.readOnly) await this.send('SET TRANSACTION READ ONLY', [], {});
        if (options.role === 'store') await this.send('SET LOCAL ROLE mcp_user', [], {});
        const result = await work({
          query: (sql, params = [], queryOptions = {}) => this.send(sql, params, queryOptions),
          runScript: (sql) => (options.role === 'owner' ? this.exec(sql) : Promise.reject(ownerOnly())),
        });
        await this.send('COMMIT', [], {});
        return result;
      } catch (error) {
        await this.send('ROLLBACK', [], {}).catch(() => undefined);
        throw error;
      }
    });
  }

  close(): Promise<void> {
    return this.queue.run(async () => {
      try {
        await this.client.close();
      } finally {
        this.unlock();
      }
    });
  }

  private async exec(sql: string): Promise<void> {
    const reply = await this.client.request({ kind: 'exec', sql });
    if (!reply.ok) throw toSqlExecutionError(reply.error, undefined);
  }

  private async send<R>(sql: string, params: readonly unknown[], { timeoutMs, rowMode }: QueryOptions): Promise<QueryResult<R>> {
    const reply = await this.client.request({ kind: 'query', sql, params, ...(rowMode ? { rowMode } : {}) }, timeoutMs);
    if (!reply.ok) throw toSqlExecutionError(reply.error, timeoutMs);
    return { rows: reply.rows as R[], fields: reply.fields, rowCount: reply.rowCount };
  }
}
