import { checkMigrations, migrate, type MigrationReport } from '../db/migrations/migrate.js';
import { loadMigrations } from '../db/migrations/migrationFiles.js';
import type { DatabasePort } from '../db/port.js';
import { APPLICATION_ROLE } from '../db/applicationRole.js';
import { ZavaError } from '../errors.js';
import { isInitialised } from './databaseStatus.js';
import { DEFAULT_TEMP_FILE_LIMIT_MB } from '../config/settings.js';
import type { GenerateOptions } from '../seed/index.js';
import type { ApplicationRoleSettings } from './applicationRole.js';
import { initialiseDatabase } from './initialiseDatabase.js';

export type PreparedDatabase =
  | { outcome: 'created'; migrations: MigrationReport }
  | { outcome: 'migrated'; migrations: MigrationReport }
  | { outcome: 'unchanged'; migrations: MigrationReport };

/**
 * Makes the database ready to serve: on the embedded engine a first run creates and
 * seeds the default dataset; afterwards (and on a real server) only pending
 * migrations are applied. A real server is never seeded implicitly.
 */
export async function prepareDatabase(
  db: DatabasePort,
  firstRun: GenerateOptions | undefined,
  role: ApplicationRoleSettings = { tempFileLimitMb: DEFAULT_TEMP_FILE_LIMIT_MB },
): Promise<PreparedDatabase> {
  if (!(await isInitialised(db))) {
    if (db.info.engine !== 'pglite' || firstRun === undefined) {
      const how = db.info.engine === 'pglite' ? '`zava-mcp init`' : '`zava-mcp init --database-url ...`';
      throw new ZavaError('database_not_initialised', `no Zava database at ${db.info.location}; run ${how} first`);
    }
    const report = await initialiseDatabase(db, { ...firstRun, ...role, force: false });
    return { outcome: 'created', migrations: report.migrations };
  }
  const login = await db.query<{ owner: boolean }>('SELECT current_user <> $1 AS owner', [APPLICATION_ROLE]);
  if (!login.rows[0]?.owner) {
    // Logged in as the application role (a hardened deployment): the owner migrates.
    return { outcome: 'unchanged', migrations: { applied: [], waiting: [] } };
  }
  const files = loadMigrations();
  // A cheap read first: the migration transaction (and its lock) only when something is to do.
  const check = await checkMigrations(db, files);
  if (!check.migrateNeeded) return { outcome: 'unchanged', migrations: { applied: [], waiting: check.waiting } };
  const migrations = await db.transaction({ role: 'owner' }, (tx) => migrate(tx, files));
  return { outcome: migrations.applied.length > 0 ? 'migrated' : 'unchanged', migrations };
}
