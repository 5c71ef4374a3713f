import { ZavaError } from '../../errors.js';
import type { Driver, DriverConnection } from '../driver.js';
import { copyStatement } from '../copyStatement.js';
import type { CopyTarget, EngineInfo, QueryOptions, QueryResult, SessionRole } from '../port.js';
import { toSqlExecutionError } from '../sqlErrors.js';
import { compiledPglite } from './compiledModules.js';
import { lockDataDir } from './dataDirLock.js';
import { SessionLock } from './sessionLock.js';
import { PgliteWorkerClient } from './workerClient.js';

export interface PgliteMemoryLimits {
  /** Largest WebAssembly memory PostgreSQL may grow to; past it a query fails with "out of memory". */
  capMb: number;
  /** After a transaction or statement that left the memory larger than this, the worker is recycled. */
  recycleAboveMb: number;
}

/** Measured: about 190 MiB after opening the sample database; analytics stay well under 512. */
export const DEFAULT_PGLITE_MEMORY: PgliteMemoryLimits = { capMb: 1024, recycleAboveMb: 512 };

export interface PgliteDriverOptions {
  /** A directory, or `memory://` for a throwaway database. */
  dataDir: string;
  memory?: PgliteMemoryLimits;
  /** For `memory://`: start from this data directory, a tarball of PGlite's dumpDataDir. */
  snapshot?: ArrayBuffer;
}

const MIB = 1024 * 1024;
/** Characters of COPY text per statement: each one is a blob the worker holds while PostgreSQL reads it. */
const COPY_CHUNK_CHARS = 4 * MIB;

/**
 * PGlite, in-process. One PostgreSQL session serves everything: a connection is
 * that session, held by one transaction or statement at a time. PGlite has no
 * logins, so store transactions switch role on the owner's session.
 */
export class PgliteDriver implements Driver {
  private readonly session = new SessionLock();

  private constructor(
    private readonly client: PgliteWorkerClient,
    private readonly unlock: () => void,
    private readonly memory: PgliteMemoryLimits,
    readonly info: EngineInfo,
  ) {}

  static async open({ dataDir, memory = DEFAULT_PGLITE_MEMORY, snapshot }: PgliteDriverOptions): Promise<PgliteDriver> {
    const inMemory = dataDir.startsWith('memory://');
    const unlock = inMemory ? () => undefined : lockDataDir(dataDir);
    let client: PgliteWorkerClient;
    try {
      client = await PgliteWorkerClient.start({ dataDir, memoryCapMb: memory.capMb, snapshot, compiled: await compiledPglite() });
    } catch (error) {
      unlock();
      throw error;
    }
    return new PgliteDriver(client, unlock, memory, {
      engine: 'pglite',
      location: inMemory ? 'memory (discarded on exit)' : dataDir,
      serverVersion: client.serverVersion,
      storeLogin: 'set-role',
    });
  }

  /** The WebAssembly memory of the running worker, as of its last reply. */
  get heapBytes(): number {
    return this.client.heapBytes;
  }

  async acquire(_role: SessionRole): Promise<DriverConnection> {
    const release = await this.session.acquire();
    return new PgliteConnection(this.client, async () => {
      try {
        // The memory a query grew never shrinks; between transactions, a fresh worker gives it back.
        if (this.client.heapBytes > this.memory.recycleAboveMb * MIB) await this.client.recycle();
      } finally {
        release();
      }
    });
  }

  /** The whole data directory as a tarball (PGlite's dumpDataDir), between transactions. */
  async snapshot(): Promise<ArrayBuffer> {
    const release = await this.session.acquire();
    try {
      const reply = await this.client.request({ kind: 'dump' });
      if (!reply.ok || !reply.snapshot) throw new ZavaError('database_unavailable', 'could not snapshot the embedded database');
      return reply.snapshot;
    } finally {
      release();
    }
  }

  async close(): Promise<void> {
    const release = await this.session.acquire();
    try {
      await this.client.close();
    } finally {
      this.unlock();
      release();
    }
  }
}

class PgliteConnection implements DriverConnection {
  readonly login = 'owner' as const;

  constructor(
    private readonly client: PgliteWorkerClient,
    private readonly giveBack: () => Promise<void>,
  ) {}

  async query<R = Record<string, unknown>>(sql: string, params: readonly unknown[], { timeoutMs, rowMode }: QueryOptions): Promise<QueryResult<R>> {
    const reply = await this.client.request({ kind: 'query', sql, params, ...(rowMode ? { rowMode } : {}) }, timeoutMs);
    if (!reply.ok) throw toSqlExecutionError(reply.error, timeoutMs);
    return { rows: reply.rows as R[], fields: reply.fields, rowCount: reply.rowCount };
  }

  async runScript(sql: string): Promise<void> {
    const reply = await this.client.request({ kind: 'exec', sql });
    if (!reply.ok) throw toSqlExecutionError(reply.error, undefined);
  }

  /**
   * PGlite has no COPY FROM STDIN: the text goes to the worker as a blob that
   * `COPY ... FROM '/dev/blob'` reads, a few MiB per statement. While the worker
   * copies one, the next is being produced.
   */
  async copyFrom(target: CopyTarget, chunks: Iterable<string> | AsyncIterable<string>): Promise<number> {
    const sql = copyStatement(target, "'/dev/blob'");
    const encoder = new TextEncoder();
    let rows = 0;
    let inFlight: Promise<void> = Promise.resolve();
    const send = (text: string) => {
      const data = encoder.encode(text).buffer as ArrayBuffer;
      const copied = this.client.request({ kind: 'copy', sql, data }).then((reply) => {
        if (!reply.ok) throw toSqlExecutionError(reply.error, undefined);
        rows += reply.rowCount;
      });
      // Awaited before the next send or at the end; until then a failure must not count as unhandled.
      copied.catch(() => undefined);
      return copied;
    };
    let parts: string[] = [];
    let size = 0;
    for await (const chunk of chunks) {
      parts.push(chunk);
      size += chunk.length;
      if (size < COPY_CHUNK_CHARS) continue;
      const text = parts.join('');
      [parts, size] = [[], 0];
      await inFlight;
      inFlight = send(text);
    }
    await inFlight;
    if (parts.length > 0) await send(parts.join(''));
    return rows;
  }

  release(_broken: boolean): Promise<void> {
    return this.giveBack();
  }
}
