import type { DatabasePort } from '../db/port.js';

export interface MaintenanceStep {
  statement: string;
  ms: number;
}

/**
 * Lab 04's maintenance. VACUUM and REINDEX cannot run inside a function or a
 * transaction, so each runs as its own statement; ANALYZE and the audit entry then
 * run through retail.perform_maintenance().
 */
export const MAINTENANCE_STATEMENTS = [
  'VACUUM (ANALYZE) retail.customers, retail.products, retail.sales_transactions, retail.sales_transaction_items, retail.product_embeddings',
  'REINDEX INDEX CONCURRENTLY retail.idx_products_text_search',
  'REINDEX TABLE CONCURRENTLY retail.product_embeddings',
  'SELECT retail.perform_maintenance()',
] as const;

export async function runMaintenance(db: DatabasePort, onStep?: (step: MaintenanceStep) => void): Promise<MaintenanceStep[]> {
  const steps: MaintenanceStep[] = [];
  for (const statement of MAINTENANCE_STATEMENTS) {
    const started = performance.now();
    await db.query(statement);
    const step = { statement, ms: performance.now() - started };
    steps.push(step);
    onStep?.(step);
  }
  return steps;
}
