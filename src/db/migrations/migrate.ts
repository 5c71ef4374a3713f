import { ZavaError } from '../../errors.js';
import type { SqlExecutor, TransactionSession } from '../port.js';
import { describeRequirement, loadMigrations, satisfies, type Migration } from './migrationFiles.js';

export interface MigrationReport {
  applied: string[];
  /** Waiting for an extension this database does not offer, e.g. `010_vector (needs vector)`. */
  waiting: string[];
}

const BOOKKEEPING = `
CREATE SCHEMA IF NOT EXISTS zava_meta;
REVOKE ALL ON SCHEMA zava_meta FROM PUBLIC;
CREATE TABLE IF NOT EXISTS zava_meta.schema_migrations (
  version    TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  checksum   TEXT NOT NULL,
  applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
);`;

/** Applies the pending migrations, in order, inside the caller's owner transaction. */
export async function migrate(tx: TransactionSession, migrations: Migration[] = loadMigrations()): Promise<MigrationReport> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('zava-retail-mcp/migrations'))");
  await tx.runScript(BOOKKEEPING);
  const applied = await appliedChecksums(tx);
  const available = await availableExtensions(tx);
  const report: MigrationReport = { applied: [], waiting: [] };
  for (const migration of migrations) {
    const label = `${migration.version}_${migration.name}`;
    const previous = applied.get(migration.version);
    if (previous !== undefined) {
      if (previous !== migration.checksum) {
        throw new ZavaError('migration_failed', `migration ${label} changed after it was applied; restore it or re-create the database (init --force)`);
      }
      continue;
    }
    const missing = migration.requires.filter((requirement) => {
      const version = available.get(requirement.extension);
      return version === undefined || !satisfies(version, requirement);
    });
    if (missing.length > 0) {
      report.waiting.push(`${label} (needs ${missing.map(describeRequirement).join(', ')})`);
      continue;
    }
    try {
      await tx.runScript(migration.sql);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new ZavaError('migration_failed', `migration ${label} failed: ${reason}`, {}, { cause: error });
    }
    await tx.query('INSERT INTO zava_meta.schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
      migration.version,
      migration.name,
      migration.checksum,
    ]);
    report.applied.push(label);
  }
  return report;
}

async function appliedChecksums(tx: SqlExecutor): Promise<Map<string, string>> {
  const result = await tx.query<{ version: string; checksum: string }>('SELECT version, checksum FROM zava_meta.schema_migrations');
  return new Map(result.rows.map((row) => [row.version, row.checksum]));
}

/** Extensions this server offers, at the version installed here or else the one it would install. */
async function availableExtensions(tx: SqlExecutor): Promise<Map<string, string>> {
  const result = await tx.query<{ name: string; version: string }>(
    'SELECT name, COALESCE(installed_version, default_version) AS version FROM pg_available_extensions',
  );
  return new Map(result.rows.map((row) => [row.name, row.version]));
}
