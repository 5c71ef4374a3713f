import { openPostgres } from '../../src/db/openDatabase.js';
import { migrate } from '../../src/db/migrations/migrate.js';
import type { DatabasePort } from '../../src/db/port.js';
import { freshMigratedPglite } from './freshPglite.js';
import { serverOf, withServerAdmin, type EngineKind } from './seededDatabase.js';
import { postgresUrl } from './testInfrastructure.js';

let counter = 0;

/** A new database of an engine configuration with every migration applied and no sample data. */
export async function freshMigratedDatabase(kind: EngineKind): Promise<{ db: DatabasePort; close(): Promise<void> }> {
  if (kind === 'pglite') return freshMigratedPglite();
  const server = serverOf(kind);
  const name = `zava_m_${process.pid}_${++counter}`;
  await withServerAdmin(server, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const db = await openPostgres({ databaseUrl: postgresUrl(server, name), poolSize: 2 });
  await db.transaction({ role: 'owner' }, (tx) => migrate(tx));
  return {
    db,
    close: async () => {
      await db.close();
      await withServerAdmin(server, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
