import { migrate } from '../../src/db/migrations/migrate.js';
import type { SqlExecutor } from '../../src/db/port.js';
import { generateDataset, loadDataset, loadDatasetRowByRow, type Dataset, type LoadCounts, type LoadOptions, type LoadPhase } from '../../src/seed/index.js';
import { initialiseDatabase } from '../../src/services/initialiseDatabase.js';
import type { BenchEngine } from './engines.js';
import { phaseRows, totalRows } from './subset.js';

export type Loader = 'bulk' | 'row-by-row';

const LOADERS: Record<Loader, (tx: SqlExecutor, dataset: Dataset, options: LoadOptions) => Promise<LoadCounts>> = {
  bulk: loadDataset,
  'row-by-row': loadDatasetRowByRow,
};

/** The audit triggers initialiseDatabase turns off around its load (src/services/initialiseDatabase.ts). */
const AUDITED_TABLES = ['customers', 'products', 'sales_transactions'] as const;

export interface LoadSample {
  loader: Loader;
  /** Rows inserted (the four seeded tables). */
  rows: number;
  /** The loader call alone: no generation, no migrations, no commit. */
  ms: number;
  /** Time per loader phase (table), from its progress reports. */
  phaseMs: Record<LoadPhase, number>;
}

export interface GenerateSample {
  ms: number;
  rows: number;
}

export interface InitSample {
  /** The whole initialiseDatabase call: generation, migrations, load, ANALYZE, counts and commit. */
  ms: number;
  rows: number;
}

/** Generates the dataset and times it. */
export function timedGenerate(options: { seed: number; scale: number; asOf: string }): { dataset: Dataset; sample: GenerateSample } {
  const started = performance.now();
  const dataset = generateDataset(options);
  return { dataset, sample: { ms: performance.now() - started, rows: totalRows(phaseRows(dataset)) } };
}

/**
 * Loads `dataset` with one loader into a fresh database the way initialiseDatabase
 * does: one owner transaction that first applies the migrations and turns the audit
 * triggers off (not timed: a load right after the schema is created sees warm
 * catalogs, as in init), then the loader call (timed).
 */
export async function timedLoad(engine: BenchEngine, loader: Loader, dataset: Dataset): Promise<LoadSample> {
  const fresh = await engine.freshEmpty();
  try {
    return await fresh.db.transaction({ role: 'owner' }, async (tx) => {
      await migrate(tx);
      for (const table of AUDITED_TABLES) await tx.runScript(`ALTER TABLE retail.${table} DISABLE TRIGGER ${table}_audit_trigger`);
      const phaseStarts: Partial<Record<LoadPhase, number>> = {};
      const phaseEnds: Partial<Record<LoadPhase, number>> = {};
      const onProgress: LoadOptions['onProgress'] = ({ phase, done, total }) => {
        const now = performance.now();
        phaseStarts[phase] ??= now;
        if (done === total) phaseEnds[phase] = now;
      };
      const started = performance.now();
      const counts = await LOADERS[loader](tx, dataset, { onProgress });
      const ms = performance.now() - started;
      const expected = phaseRows(dataset);
      for (const phase of Object.keys(expected) as LoadPhase[]) {
        if (counts[phase] !== expected[phase]) throw new Error(`${loader} loaded ${counts[phase]} ${phase}, expected ${expected[phase]}`);
      }
      for (const table of AUDITED_TABLES) await tx.runScript(`ALTER TABLE retail.${table} ENABLE TRIGGER ${table}_audit_trigger`);
      const phaseMs = Object.fromEntries(
        (Object.keys(expected) as LoadPhase[]).map((phase) => [phase, (phaseEnds[phase] ?? started) - (phaseStarts[phase] ?? started)]),
      ) as Record<LoadPhase, number>;
      return { loader, rows: totalRows(counts), ms, phaseMs };
    });
  } finally {
    await fresh.dispose();
  }
}

/** The whole initialiseDatabase on a fresh empty database (opening it is not timed). */
export async function timedInitialise(engine: BenchEngine, options: { seed: number; scale: number; asOf: string }): Promise<InitSample> {
  const fresh = await engine.freshEmpty();
  try {
    const started = performance.now();
    const report = await initialiseDatabase(fresh.db, { ...options, force: false });
    const ms = performance.now() - started;
    const { counts } = report;
    return { ms, rows: counts.customers + counts.products + counts.sales_transactions + counts.sales_transaction_items };
  } finally {
    await fresh.dispose();
  }
}

/**
 * The full dataset's row-by-row time from a subset's, table by table: each table's
 * time per row in the subset times that table's rows in the full dataset.
 */
export function extrapolateRowByRow(subsetSample: LoadSample, subset: Dataset, full: Dataset): number {
  const partRows = phaseRows(subset);
  const fullRows = phaseRows(full);
  return (Object.keys(fullRows) as LoadPhase[]).reduce((sum, phase) => {
    if (partRows[phase] === 0) throw new Error(`the subset has no ${phase}; cannot extrapolate`);
    return sum + (subsetSample.phaseMs[phase] * fullRows[phase]) / partRows[phase];
  }, 0);
}
