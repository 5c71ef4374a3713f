import type { Settings } from '../config/settings.js';
import { Database } from './database.js';
import { PgliteDriver, type PgliteDriverOptions } from './pglite/driver.js';
import type { DatabasePort } from './port.js';
import { PostgresDriver, type PostgresDriverOptions } from './postgres/driver.js';

export type DatabaseTarget = Pick<Settings, 'dataDir' | 'databaseUrl' | 'appDatabaseUrl' | 'appPassword' | 'poolSize'> &
  Partial<Pick<Settings, 'pgliteMemoryMb'>>;

export interface OpenOptions {
  /**
   * False: an embedded database must already exist (a directory holding one);
   * only `init`, the first start of `serve` and the targets of copy and restore create one.
   */
  create?: boolean;
}

/** PGlite in a data directory by default; a real server when a database URL is given. */
export function openDatabase(target: DatabaseTarget, { create = true }: OpenOptions = {}): Promise<DatabasePort> {
  if (target.databaseUrl) {
    return openPostgres({
      databaseUrl: target.databaseUrl,
      appDatabaseUrl: target.appDatabaseUrl,
      appPassword: target.appPassword,
      poolSize: target.poolSize,
    });
  }
  const memoryMb = target.pgliteMemoryMb;
  // Recycling at half the cap leaves a query room to grow before the cap stops it.
  const memory = memoryMb === undefined ? undefined : { capMb: memoryMb, recycleAboveMb: Math.floor(memoryMb / 2) };
  return openPglite({ dataDir: target.dataDir, create, ...(memory ? { memory } : {}) });
}

export async function openPglite(options: PgliteDriverOptions): Promise<DatabasePort> {
  return new Database(await PgliteDriver.open(options));
}

export async function openPostgres(options: PostgresDriverOptions): Promise<DatabasePort> {
  return new Database(await PostgresDriver.open(options));
}
