import type { DatabasePort, SqlExecutor, TransactionSession } from '../../src/db/port.js';
import { SEEDED_TABLE_KEYS } from '../support/retailTables.js';

const AUDITED = ['customers', 'products', 'sales_transactions'];
/** The tables the generator fills (stores and categories come from the migrations). */
const GENERATED_TABLE_KEYS = SEEDED_TABLE_KEYS.filter(([table]) => table !== 'stores' && table !== 'product_categories');

/** What the init command does around a load: audit triggers off for the bulk insert. */
export async function withAuditTriggersOff<T>(tx: SqlExecutor, work: () => Promise<T>): Promise<T> {
  for (const table of AUDITED) await tx.query(`ALTER TABLE retail.${table} DISABLE TRIGGER ${table}_audit_trigger`);
  const result = await work();
  for (const table of AUDITED) await tx.query(`ALTER TABLE retail.${table} ENABLE TRIGGER ${table}_audit_trigger`);
  return result;
}

class Rollback extends Error {
  constructor(readonly value: unknown) {
    super('rollback');
  }
}

/** Runs `work` as the owner in a transaction that is always rolled back, and returns its result. */
export async function inRolledBackTransaction<T>(db: DatabasePort, work: (tx: TransactionSession) => Promise<T>): Promise<T> {
  try {
    await db.transaction({ role: 'owner' }, async (tx) => {
      throw new Rollback(await work(tx));
    });
  } catch (error) {
    if (error instanceof Rollback) return error.value as T;
    throw error;
  }
  throw new Error('unreachable');
}

/** Every seeded row as JSON text, in primary key order: equal dumps mean equal tables. */
export async function dumpSeededTables(tx: SqlExecutor): Promise<string[]> {
  const dump: string[] = [];
  for (const [table, key] of GENERATED_TABLE_KEYS) {
    const result = await tx.query<{ row: string }>(`SELECT '${table} ' || to_jsonb(t)::text AS row FROM retail.${table} t ORDER BY ${key}`);
    dump.push(...result.rows.map((row) => row.row));
  }
  return dump;
}

export async function emptySeededTables(tx: SqlExecutor): Promise<void> {
  await tx.query('TRUNCATE retail.sales_transaction_items, retail.sales_transactions, retail.products, retail.customers CASCADE');
}
