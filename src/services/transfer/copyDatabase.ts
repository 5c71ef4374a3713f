import { detectCapabilities, vectorsUnavailableReason } from '../../db/capabilities.js';
import { checkMigrations, migrate, type MigrationReport } from '../../db/migrations/migrate.js';
import { loadMigrations } from '../../db/migrations/migrationFiles.js';
import { quoteIdent } from '../../db/copyTable.js';
import type { DatabasePort, SqlExecutor, TransactionSession } from '../../db/port.js';
import { ZavaError } from '../../errors.js';
import { configureApplicationRole, type ApplicationRoleSettings } from '../applicationRole.js';
import { countRows, isInitialised } from '../databaseStatus.js';
import { counted } from './copyStreams.js';
import { CANONICAL_TEXT_SETTINGS, tableChecksum, type TableChecksum } from './tableChecksums.js';
import { schemaTables } from './schemaTables.js';
import { DATA_SCHEMAS, readZavaTables, type ZavaTable } from './zavaTables.js';

export interface CopyProgress {
  phase: string;
  done: number;
  total: number;
}

export interface CopyOptions {
  /** Replace the data of a target that already holds some. */
  force: boolean;
  role: ApplicationRoleSettings;
  onProgress?: (progress: CopyProgress) => void;
}

export interface CopiedTable extends TableChecksum {
  name: string;
}

export interface CopyReport {
  migrations: MigrationReport;
  tables: CopiedTable[];
  skipped: { name: string; reason: string }[];
}

/**
 * Copies a Zava database into another, on either engine: the target is migrated
 * by our own migrations, then every data table is copied with COPY, streamed, in
 * foreign-key order, inside one target transaction that also compares every
 * table's checksum with the source's snapshot before it commits: the target gets
 * an exact copy or nothing.
 */
export async function copyDatabase(source: DatabasePort, target: DatabasePort, options: CopyOptions): Promise<CopyReport> {
  await requireCurrentSource(source);
  await refuseNonEmptyTarget(target, options.force);
  const snapshot = { role: 'owner' as const, readOnly: true, repeatableRead: true, settings: CANONICAL_TEXT_SETTINGS };
  return source.transaction(snapshot, async (from) => {
    const sourceTables = await readZavaTables(from);
    const sourceVectors = await hasVectors(from);
    return target.transaction({ role: 'owner', settings: CANONICAL_TEXT_SETTINGS }, async (to) => {
      const migrations = await migrate(to);
      await configureApplicationRole(to, options.role);
      const targetTables = new Map((await readZavaTables(to)).map((table) => [table.name, table]));
      const plan = planCopy(sourceTables, targetTables, sourceVectors && (await hasVectors(to)));
      const written = [...plan.copies.map((copy) => copy.target), ...plan.cleared];
      await setLoading(to, written, true);
      await to.runScript(`TRUNCATE ${written.map(qualifiedName).join(', ')}`);
      const tables: CopiedTable[] = [];
      for (const copy of plan.copies) {
        const expected = await tableChecksum(from, copy.source);
        let done = 0;
        options.onProgress?.({ phase: copy.source.table, done, total: expected.rows });
        const rows = counted(from.copyOut(copy.source), (more) => {
          done += more;
          options.onProgress?.({ phase: copy.source.table, done, total: expected.rows });
        });
        await to.copyIn({ ...copy.target, columns: copy.source.columns }, rows);
        const actual = await tableChecksum(to, copy.target, copy.source.columns);
        if (actual.rows !== expected.rows || actual.digest !== expected.digest) {
          throw new ZavaError(
            'internal',
            `the copy of ${copy.source.name} differs from its source (${actual.rows} rows, checksum ${actual.digest}; source ${expected.rows} rows, ${expected.digest}); nothing was written`,
          );
        }
        tables.push({ name: copy.source.name, ...actual });
      }
      await copySequences(from, to);
      await setLoading(to, written, false);
      await to.runScript(`ANALYZE ${plan.copies.map((copy) => qualifiedName(copy.target)).join(', ')}`);
      return { migrations, tables, skipped: plan.skipped };
    });
  });
}

interface CopyPlan {
  copies: { source: ZavaTable; target: ZavaTable }[];
  /** Target tables not copied whose rows would be stale (product_embeddings without vectors). */
  cleared: ZavaTable[];
  skipped: { name: string; reason: string }[];
}

function planCopy(sourceTables: readonly ZavaTable[], targetTables: ReadonlyMap<string, ZavaTable>, bothHaveVectors: boolean): CopyPlan {
  const schema = schemaTables();
  const plan: CopyPlan = { copies: [], cleared: [], skipped: [] };
  for (const source of sourceTables) {
    const target = targetTables.get(source.name);
    if (!schema.all.has(source.name)) {
      plan.skipped.push({ name: source.name, reason: 'not part of the Zava schema (made by hand?); copy it yourself' });
      continue;
    }
    if (schema.needVectors.has(source.name) && !bothHaveVectors) {
      plan.skipped.push({ name: source.name, reason: 'pgvector 0.8+ is not on both sides; run `zava-mcp embed` on the target once it has it' });
      // Rows the target would keep without their vectors (product_embeddings) go; reference data its migrations made stays.
      if (target && !schema.createdWithVectors.has(source.name)) plan.cleared.push(target);
      continue;
    }
    if (!target) throw new ZavaError('migration_failed', `the target has no table ${source.name} after migrating: it is not part of this zava-mcp's schema`);
    const missing = source.columns.filter((column) => !target.columns.includes(column));
    if (missing.length > 0) {
      throw new ZavaError('migration_failed', `the target's ${source.name} has no column ${missing.join(', ')}: the source has columns this zava-mcp's schema does not`);
    }
    plan.copies.push({ source, target });
  }
  return plan;
}

/**
 * While rows load: no audit triggers (the rows are not new business events, and
 * the audit log is copied itself), and the owner not subject to its own forced
 * row-level security, which refuses COPY FROM. Both come back before commit.
 */
async function setLoading(tx: TransactionSession, tables: readonly ZavaTable[], loading: boolean): Promise<void> {
  for (const table of tables) {
    const name = qualifiedName(table);
    await tx.runScript(`ALTER TABLE ${name} ${loading ? 'DISABLE' : 'ENABLE'} TRIGGER USER`);
    if (table.forced) await tx.runScript(`ALTER TABLE ${name} ${loading ? 'NO FORCE' : 'FORCE'} ROW LEVEL SECURITY`);
  }
}

/** Serial columns (product categories) go on from where the source's did. */
async function copySequences(from: SqlExecutor, to: SqlExecutor): Promise<void> {
  const sequences = await from.query<{ schema: string; name: string; last_value: string | number | null }>(
    'SELECT schemaname AS schema, sequencename AS name, last_value FROM pg_sequences WHERE schemaname = ANY ($1::text[]) AND last_value IS NOT NULL',
    [[...DATA_SCHEMAS]],
  );
  for (const sequence of sequences.rows) {
    await to.query("SELECT setval(format('%I.%I', $1::text, $2::text), $3::bigint, true) WHERE to_regclass(format('%I.%I', $1::text, $2::text)) IS NOT NULL", [
      sequence.schema,
      sequence.name,
      String(sequence.last_value),
    ]);
  }
}

/** A source with migrations to apply has a schema this zava-mcp does not copy from. */
export async function requireCurrentSource(source: DatabasePort): Promise<void> {
  if (!(await isInitialised(source))) throw new ZavaError('database_not_initialised', `no Zava database at ${source.info.location}`);
  const check = await checkMigrations(source, loadMigrations());
  if (check.migrateNeeded) {
    throw new ZavaError('migration_failed', `${source.info.location} has migrations to apply; run \`zava-mcp migrate\` on it first`);
  }
}

async function refuseNonEmptyTarget(target: DatabasePort, force: boolean): Promise<void> {
  if (force || !(await isInitialised(target))) return;
  const counts = await countRows(target);
  const rows = counts.customers + counts.products + counts.sales_transactions + counts.sales_transaction_items + counts.product_embeddings;
  if (rows > 0) {
    throw new ZavaError(
      'database_exists',
      `${target.info.location} already holds a Zava database (${counts.customers} customers, ${counts.products} products, ${counts.sales_transactions} transactions); pass --force to replace its data`,
    );
  }
}

async function hasVectors(db: SqlExecutor): Promise<boolean> {
  return vectorsUnavailableReason(await detectCapabilities(db)) === undefined;
}

function qualifiedName(table: Pick<ZavaTable, 'schema' | 'table'>): string {
  return `${quoteIdent(table.schema)}.${quoteIdent(table.table)}`;
}
