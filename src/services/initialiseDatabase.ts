import { ZavaError } from '../errors.js';
import { DEFAULT_TEMP_FILE_LIMIT_MB } from '../config/settings.js';
import { migrate, type MigrationReport } from '../db/migrations/migrate.js';
import type { DatabasePort, TransactionSession } from '../db/port.js';
import { bulkLoad, datasetBatches, parseGenerateOptions, type LoadProgress } from '../seed/index.js';
import { configureApplicationRole } from './applicationRole.js';
import { countRows, hasSampleData, isInitialised, type RowCounts } from './databaseStatus.js';

export interface InitialiseOptions {
  seed: number;
  scale: number;
  asOf: string;
  /** Replace an existing Zava database. */
  force: boolean;
  appPassword?: string | undefined;
  /** temp_file_limit for mcp_user's own logins (default 256). */
  tempFileLimitMb?: number;
  onProgress?: (progress: LoadProgress) => void;
}

export interface InitialiseReport {
  migrations: MigrationReport;
  counts: RowCounts;
  replaced: boolean;
}

const AUDITED_TABLES = [
  ['customers', 'customers_audit_trigger'],
  ['products', 'products_audit_trigger'],
  ['sales_transactions', 'sales_transactions_audit_trigger'],
] as const;

/**
 * Creates the schema and the sample data in one transaction: it either all lands
 * or nothing does. An existing database is only replaced with `force`. The rows
 * are generated while they are copied in (see bulkLoad), so memory stays small
 * whatever the scale.
 */
export async function initialiseDatabase(db: DatabasePort, options: InitialiseOptions): Promise<InitialiseReport> {
  const generation = parseGenerateOptions({ seed: options.seed, scale: options.scale, asOf: options.asOf });
  return db.transaction({ role: 'owner' }, async (tx) => {
    const replaced = await clearExisting(tx, options.force);
    const migrations = await migrate(tx);
    await configureApplicationRole(tx, { appPassword: options.appPassword, tempFileLimitMb: options.tempFileLimitMb ?? DEFAULT_TEMP_FILE_LIMIT_MB });
    // Seeding is not an audited business event; the triggers come back before commit.
    await setAuditTriggers(tx, 'DISABLE');
    await bulkLoad(tx, datasetBatches(generation), { onProgress: options.onProgress });
    await setAuditTriggers(tx, 'ENABLE');
    return { migrations, counts: await countRows(tx), replaced };
  });
}

async function clearExisting(tx: TransactionSession, force: boolean): Promise<boolean> {
  if (!(await isInitialised(tx))) return false;
  const counts = await countRows(tx);
  if (!force) {
    const what = hasSampleData(counts) ? `${counts.customers} customers, ${counts.products} products, ${counts.sales_transactions} transactions` : 'the schema';
    throw new ZavaError('database_exists', `this database already holds a Zava database (${what}); pass --force to replace it`);
  }
  await tx.runScript('DROP SCHEMA IF EXISTS retail CASCADE; DROP SCHEMA IF EXISTS retail_private CASCADE; DROP SCHEMA IF EXISTS zava_meta CASCADE;');
  return true;
}

async function setAuditTriggers(tx: TransactionSession, mode: 'ENABLE' | 'DISABLE'): Promise<void> {
  for (const [table, trigger] of AUDITED_TABLES) {
    await tx.runScript(`ALTER TABLE retail.${table} ${mode} TRIGGER ${trigger}`);
  }
}
