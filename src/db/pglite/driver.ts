import { copyTarget, type CopyData, type CopyTable } from '../copyTable.js';
import type { Driver, DriverConnection } from '../driver.js';
import type { EngineInfo, QueryOptions, QueryResult, SessionRole, WireDoor, WireDoorOptions } from '../port.js';
import { toSqlExecutionError } from '../sqlErrors.js';
import { isMemoryLocation } from '../../config/userPath.js';
import { ZavaError } from '../../errors.js';
import { compiledPglite } from './compiledModules.js';
import { copyChunks } from './copyChunks.js';
import { lockDataDir, type DataDirLock } from './dataDirLock.js';
import { readClusterTemplate } from './clusterTemplate.js';
import { dataDirState, refuseForeignDirectory, requireExistingDatabase } from './dataDirectory.js';
import { SessionLock } from './sessionLock.js';
import { RESET_SESSION } from './sessionState.js';
import { openPgliteWireDoor } from './wireDoor.js';
import { WireSessions } from './wireSessions.js';
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
  /** False: refuse a directory (or memory://) that holds no database instead of creating one. Default true. */
  create?: boolean;
  /** Start a new data directory (or memory://) from this tarball of PGlite's dumpDataDir: a backup, a cached seeded state. */
  snapshot?: ArrayBuffer | Uint8Array;
}

const MIB = 1024 * 1024;
/** Bytes of COPY text per statement: each one is a blob the worker holds while PostgreSQL reads it. */
const COPY_CHUNK_BYTES = 4 * MIB;

/**
 * PGlite, in-process. One PostgreSQL session serves everything: a connection is
 * that session, held by one transaction or statement at a time. PGlite has no
 * logins, so store transactions switch role on the owner's session.
 */
export class PgliteDriver implements Driver {
  private readonly session = new SessionLock();
  private readonly wire: WireSessions;
  private readonly doors = new Set<WireDoor>();

  private constructor(
    private readonly client: PgliteWorkerClient,
    private readonly lock: DataDirLock | undefined,
    private readonly memory: PgliteMemoryLimits,
    readonly info: EngineInfo,
  ) {
    this.wire = new WireSessions(client, this.session);
  }

  static async open({ dataDir, memory = DEFAULT_PGLITE_MEMORY, create = true, snapshot }: PgliteDriverOptions): Promise<PgliteDriver> {
    const inMemory = isMemoryLocation(dataDir);
    if (create) refuseForeignDirectory(dataDir);
    else requireExistingDatabase(dataDir);
    // A database about to be created starts from the cluster template, when there is one, instead of initdb.
    const creating = create && snapshot === undefined && (inMemory || dataDirState(dataDir) !== 'cluster');
    const lock = inMemory ? undefined : lockDataDir(dataDir, create);
    let client: PgliteWorkerClient;
    try {
      const tarball = snapshot instanceof Uint8Array ? (snapshot.slice().buffer as ArrayBuffer) : (snapshot ?? (creating ? readClusterTemplate() : undefined));
      client = await PgliteWorkerClient.start({ dataDir, memoryCapMb: memory.capMb, compiled: await compiledPglite(), ...(tarball ? { snapshot: tarball } : {}) });
    } catch (error) {
      lock?.release();
      throw error;
    }
    return new PgliteDriver(client, lock, memory, {
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
    const release = await this.wire.whileProgramWaits(this.session.acquire());
    try {
      // A door client may have left its SET ROLE or search_path in the session: the program starts from the defaults.
      await this.wire.claimForProgram();
    } catch (error) {
      release();
      throw error;
    }
    return new PgliteConnection(this.client, async (broken) => {
      try {
        // The one session outlives the connection: a script's SET ROLE or search_path goes back to the defaults.
        if (broken) await this.client.request({ kind: 'exec', sql: RESET_SESSION });
        // The memory a query grew never shrinks; between transactions, a fresh worker gives it back.
        if (this.client.heapBytes > this.memory.recycleAboveMb * MIB) await this.client.recycle();
      } finally {
        release();
      }
    });
  }

  announceHttpUrl(url: string | undefined): void {
    this.lock?.setHttpUrl(url);
  }

  async openWireDoor(options: WireDoorOptions): Promise<WireDoor> {
    const door = await openPgliteWireDoor(this.wire, options);
    this.doors.add(door);
    this.lock?.setWireUrl(door.url);
    return {
      url: door.url,
      host: door.host,
      port: door.port,
      close: async () => {
        if (!this.doors.delete(door)) return;
        this.lock?.setWireUrl(undefined);
        await door.close();
      },
    };
  }

  async snapshotDataDir(): Promise<Uint8Array> {
    const connection = await this.acquire('owner');
    try {
      // Everything on disk first: the tarball is then what a clean shutdown would leave.
      await connection.query('CHECKPOINT', [], {});
      const reply = await this.client.request({ kind: 'dump' });
      if (!reply.ok || !reply.snapshot) throw new ZavaError('database_unavailable', 'could not read the embedded data directory for a snapshot');
      return new Uint8Array(reply.snapshot);
    } finally {
      await connection.release(false);
    }
  }

  async close(): Promise<void> {
    // Doors first: their clients give back the session (rolling back what they left open).
    await Promise.all([...this.doors].map((door) => door.close()));
    this.doors.clear();
    const release = await this.session.acquire();
    try {
      await this.client.close();
    } finally {
      this.lock?.release();
      release();
    }
  }
}

class PgliteConnection implements DriverConnection {
  readonly login = 'owner' as const;

  constructor(
    private readonly client: PgliteWorkerClient,
    private readonly giveBack: (broken: boolean) => Promise<void>,
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

  /** PGlite's COPY goes through a blob: the whole table at once, as one chunk. */
  async *copyOut(table: CopyTable): AsyncIterable<Uint8Array> {
    const reply = await this.client.request({ kind: 'copyOut', sql: `COPY ${copyTarget(table)} TO '/dev/blob'` });
    if (!reply.ok) throw toSqlExecutionError(reply.error, undefined);
    if (reply.bytes && reply.bytes.length > 0) yield reply.bytes;
  }

  /**
   * PGlite has no COPY FROM STDIN: the rows go to the worker as blobs of whole lines
   * that `COPY ... FROM '/dev/blob'` reads, a few MiB per statement, so memory stays
   * bounded. While the worker copies one, the next is being gathered.
   */
  async copyIn(table: CopyTable, data: CopyData): Promise<number> {
    const sql = `COPY ${copyTarget(table)} FROM '/dev/blob'`;
    let rows = 0;
    let inFlight: Promise<void> = Promise.resolve();
    for await (const blob of copyChunks(data, COPY_CHUNK_BYTES)) {
      await inFlight;
      inFlight = this.client.request({ kind: 'copyIn', sql, data: blob }).then((reply) => {
        if (!reply.ok) throw toSqlExecutionError(reply.error, undefined);
        rows += reply.rowCount;
      });
      // Awaited before the next blob or at the end; until then a failure must not count as unhandled.
      inFlight.catch(() => undefined);
    }
    await inFlight;
    return rows;
  }

  release(broken: boolean): Promise<void> {
    return this.giveBack(broken);
  }
}
