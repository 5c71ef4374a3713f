import type { Settings } from '../config/settings.js';
import { PgliteEngine } from './pglite/engine.js';
import type { DatabasePort } from './port.js';
import { PostgresEngine } from './postgres/engine.js';

export type DatabaseTarget = Pick<Settings, 'dataDir' | 'databaseUrl' | 'appDatabaseUrl' | 'appPassword' | 'poolSize'>;

/** PGlite in a data directory by default; a real server when a database URL is given. */
export function openDatabase(target: DatabaseTarget): Promise<DatabasePort> {
  if (target.databaseUrl) {
    return PostgresEngine.open({
      databaseUrl: target.databaseUrl,
      appDatabaseUrl: target.appDatabaseUrl,
      appPassword: target.appPassword,
      poolSize: target.poolSize,
    });
  }
  return PgliteEngine.open({ dataDir: target.dataDir });
}
