import { ZavaError } from '../../errors.js';
import type { SqlExecutor, TransactionSession } from '../port.js';
import { isFormerEdition } from './formerEditions.js';
import { describeRequirement, loadMigrations, satisfies, type ExtensionRequirement, type Migration } from './migrationFiles.js';

export interface MigrationReport {
  applied: string[];
  /** Waiting for an extension this database does not offer, e.g. `010_vector (needs vector)`. */
  waiting: string[];
}

/** The bookkeeping schema and table every migration is recorded in. */
export const BOOKKEEPING = `
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
  const applied = await appliedMigrations(tx);
  refuseMissingFiles(applied, migrations);
  const available = await availableExtensions(tx);
  const report: MigrationReport = { applied: [], waiting: [] };
  for (const migration of migrations) {
    const label = `${migration.version}_${migration.name}`;
    const state = migrationState(migration, applied, available);
    if (state.kind === 'applied') continue;
    if (state.kind === 'changed') {
      throw new ZavaError('migration_failed', `migration ${label} changed after it was applied; restore it or re-create the database (init --force)`);
    }
    if (state.kind === 'waiting') {
      report.waiting.push(waitingLabel(migration, state.missing));
      continue;
    }
    if (state.kind === 'former-waiting') {
      report.waiting.push(`${waitingLabel(migration, state.missing)}; an earlier edition is applied`);
      continue;
    }
    try {
      await tx.runScript(migration.sql);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new ZavaError('migration_failed', `migration ${label} failed: ${reason}`, {}, { cause: error });
    }
    await tx.query(
      `INSERT INTO zava_meta.schema_migrations (version, name, checksum) VALUES ($1, $2, $3)
       ON CONFLICT (version) DO UPDATE SET name = excluded.name, checksum = excluded.checksum, applied_at = now()`,
      [migration.version, migration.name, migration.checksum],
    );
    report.applied.push(state.kind === 'former' ? `${label} (over an earlier edition)` : label);
  }
  return report;
}

/**
 * applied: recorded with this file's checksum. former: recorded with an earlier
 * edition of the file (FORMER_EDITIONS), to be applied again in its current form;
 * former-waiting: the same, but the current edition needs an extension this server
 * lacks, so the earlier one stays. changed: recorded with a checksum nobody knows.
 */
type MigrationState =
  | { kind: 'applied' | 'changed' | 'pending' | 'former' }
  | { kind: 'waiting' | 'former-waiting'; missing: ExtensionRequirement[] };

function migrationState(migration: Migration, applied: Map<string, AppliedMigration>, available: Map<string, string>): MigrationState {
  const previous = applied.get(migration.version);
  if (previous?.checksum === migration.checksum) return { kind: 'applied' };
  const former = previous !== undefined && isFormerEdition(migration.version, previous.checksum);
  if (previous !== undefined && !former) return { kind: 'changed' };
  const missing = migration.requires.filter((requirement) => {
    const version = available.get(requirement.extension);
    return version === undefined || !satisfies(version, requirement);
  });
  if (missing.length > 0) return { kind: former ? 'former-waiting' : 'waiting', missing };
  return { kind: former ? 'former' : 'pending' };
}

function waitingLabel(migration: Migration, missing: ExtensionRequirement[]): string {
  return `${migration.version}_${migration.name} (needs ${missing.map(describeRequirement).join(', ')})`;
}

export interface MigrationCheck {
  /** Some migration is to apply, or changed after it was applied: migrate must run (and will say which). */
  migrateNeeded: boolean;
  /** Migrations waiting for an extension, as migrate reports them. */
  waiting: string[];
}

/**
 * What migrate would do, from a cheap read of an initialised database: a start
 * with nothing to apply (or only migrations still waiting for an extension) takes
 * no migration lock and writes nothing.
 */
export async function checkMigrations(db: SqlExecutor, migrations: Migration[]): Promise<MigrationCheck> {
  const applied = await appliedMigrations(db);
  refuseMissingFiles(applied, migrations);
  const available = await availableExtensions(db);
  const check: MigrationCheck = { migrateNeeded: false, waiting: [] };
  for (const migration of migrations) {
    const state = migrationState(migration, applied, available);
    if (state.kind === 'waiting' || state.kind === 'former-waiting') check.waiting.push(waitingLabel(migration, state.missing));
    else if (state.kind !== 'applied') check.migrateNeeded = true;
  }
  return check;
}

/**
 * A migration the database records as applied but this program has no file for:
 * the database was made by a newer zava-mcp, or a file was removed. Nothing can
 * tell what the schema holds then, so nothing starts.
 */
function refuseMissingFiles(applied: Map<string, AppliedMigration>, migrations: Migration[]): void {
  const known = new Set(migrations.map((migration) => migration.version));
  const missing = [...applied].filter(([version]) => !known.has(version)).map(([, record]) => record.label);
  if (missing.length === 0) return;
  throw new ZavaError(
    'migration_failed',
    `this database records migration ${missing.join(', ')} as applied, but this zava-mcp has no such file: use the zava-mcp version that created the database, or restore the file`,
  );
}

interface AppliedMigration {
  label: string;
  checksum: string;
}

async function appliedMigrations(tx: SqlExecutor): Promise<Map<string, AppliedMigration>> {
  const result = await tx.query<{ version: string; name: string; checksum: string }>('SELECT version, name, checksum FROM zava_meta.schema_migrations');
  return new Map(result.rows.map((row) => [row.version, { label: `${row.version}_${row.name}`, checksum: row.checksum }]));
}

/** Extensions this server offers, at the version installed here or else the one it would install. */
async function availableExtensions(tx: SqlExecutor): Promise<Map<string, string>> {
  const result = await tx.query<{ name: string; version: string }>(
    'SELECT name, COALESCE(installed_version, default_version) AS version FROM pg_available_extensions',
  );
  return new Map(result.rows.map((row) => [row.name, row.version]));
}
