import type { DatabasePort } from '../db/port.js';

export interface MaintenanceStep {
  statement: string;
  /** What the step did, in words. */
  did: string;
  /** Bytes of what the step works on, before and after (tables with their indexes, or indexes). */
  bytes?: { before: number; after: number };
  ms: number;
}

interface StepDefinition {
  statement: string;
  did: string;
  /** The relations whose size tells what the step changed; `indexesOf` sums a table's indexes. */
  measure?: { tables?: readonly string[]; indexes?: readonly string[]; indexesOf?: string };
}

const VACUUMED = ['customers', 'products', 'sales_transactions', 'sales_transaction_items', 'product_embeddings'] as const;

/**
 * Lab 04's maintenance. VACUUM and REINDEX cannot run inside a function or a
 * transaction, so each runs as its own statement; ANALYZE and the audit entry then
 * run through retail.perform_maintenance().
 */
const MAINTENANCE_STEPS: readonly StepDefinition[] = [
  {
    statement: `VACUUM (ANALYZE) ${VACUUMED.map((table) => `retail.${table}`).join(', ')}`,
    did: `vacuumed ${VACUUMED.join(', ')}: space of deleted and updated rows made reusable, planner statistics refreshed`,
    measure: { tables: VACUUMED },
  },
  {
    statement: 'REINDEX INDEX CONCURRENTLY retail.idx_products_text_search',
    did: 'rebuilt the full-text search index of products (idx_products_text_search)',
    measure: { indexes: ['idx_products_text_search'] },
  },
  {
    statement: 'REINDEX TABLE CONCURRENTLY retail.product_embeddings',
    did: 'rebuilt every index of product_embeddings (its keys, and its HNSW vector indexes where pgvector is)',
    measure: { indexesOf: 'product_embeddings' },
  },
  {
    statement: 'SELECT retail.perform_maintenance()',
    did: 'analysed every retail table and recorded the run in retail.audit_log',
  },
];

export const MAINTENANCE_STATEMENTS = MAINTENANCE_STEPS.map((step) => step.statement);

export async function runMaintenance(db: DatabasePort, onStep?: (step: MaintenanceStep) => void): Promise<MaintenanceStep[]> {
  const steps: MaintenanceStep[] = [];
  for (const definition of MAINTENANCE_STEPS) {
    const before = definition.measure ? await measure(db, definition.measure) : undefined;
    const started = performance.now();
    await db.query(definition.statement);
    const ms = performance.now() - started;
    const after = definition.measure ? await measure(db, definition.measure) : undefined;
    const step: MaintenanceStep = {
      statement: definition.statement,
      did: definition.did,
      ...(before !== undefined && after !== undefined ? { bytes: { before, after } } : {}),
      ms,
    };
    steps.push(step);
    onStep?.(step);
  }
  return steps;
}

async function measure(db: DatabasePort, what: NonNullable<StepDefinition['measure']>): Promise<number> {
  const result = await db.query<{ bytes: string | number | null }>(
    `SELECT (SELECT COALESCE(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = 'retail' AND c.relkind = 'r' AND c.relname = ANY ($1::text[]))
          + (SELECT COALESCE(sum(pg_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = 'retail' AND c.relkind = 'i' AND c.relname = ANY ($2::text[]))
          + (SELECT COALESCE(sum(pg_relation_size(i.indexrelid)), 0) FROM pg_index i
              WHERE i.indrelid = to_regclass('retail.' || $3::text)) AS bytes`,
    [what.tables ?? [], what.indexes ?? [], what.indexesOf ?? null],
  );
  return Number(result.rows[0]?.bytes ?? 0);
}
