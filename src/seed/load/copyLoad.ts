import { tableLabel, type CopyTable } from '../../db/copyTable.js';
import type { TransactionSession } from '../../db/port.js';
import type { DatasetBatch } from '../generateDataset.js';
import type { LoadCounts } from '../rows.js';
import { copyLines } from './copyText.js';
import { deferIndexes } from './deferredIndexes.js';
import type { LoadOptions, LoadProgress } from './progress.js';
import { copyTargetOf, SEEDED_TABLES, specOf, type LoadPhase } from './tables.js';

/** COPY text gathered before it is written: large enough that statements are few, small enough to stay cheap in memory. */
const GROUP_CHARS = 8 * 1024 * 1024;

type Progress = Pick<LoadOptions, 'onProgress'>;

/**
 * Loads the sample data the way a bulk load should: the seeded tables' keys,
 * indexes and foreign keys are dropped first; rows are written with COPY as they
 * are generated; a table whose rows are all in gets its keys, indexes and
 * statistics at once, while the next tables are still being generated; foreign
 * keys are added (and so checked) at the end. Runs in the caller's transaction, as
 * the owner, with the audit triggers off.
 */
export async function bulkLoad(tx: TransactionSession, batches: Iterable<DatasetBatch>, options: Progress = {}): Promise<LoadCounts> {
  const deferred = await deferIndexes(tx, SEEDED_TABLES);
  const finish = (phases: readonly LoadPhase[]) =>
    phases.map((phase) => `${deferred.tableScript(specOf(phase).table)}ANALYZE ${specOf(phase).table};\n`).join('');
  const counts = await streamCopy(tx, batches, {
    target: copyTargetOf,
    // Products and customers are complete long before the sales: they are indexed while the sales are generated.
    afterTable: (phase) => (phase === 'products' || phase === 'customers' ? finish([phase]) : undefined),
    onProgress: options.onProgress,
  });
  const steps = [finish(['transactions', 'items']), deferred.foreignKeyScript()];
  for (const [done, script] of steps.entries()) {
    options.onProgress?.({ phase: 'indexes', done, total: steps.length });
    await tx.runScript(script);
  }
  options.onProgress?.({ phase: 'indexes', done: steps.length, total: steps.length });
  return counts;
}

export interface CopyPlan extends Progress {
  /** Where a phase's rows go. */
  target(phase: LoadPhase): CopyTable;
  /** A script to run once every row of a table is in (products and customers only: the sales end together). */
  afterTable?(phase: LoadPhase): string | undefined;
}

interface Group {
  text: Map<LoadPhase, string[]>;
  rows: Map<LoadPhase, number>;
  chars: number;
}

const emptyGroup = (): Group => ({ text: new Map(), rows: new Map(), chars: 0 });

/** Progress is told per table; the sales (transactions with their lines) as one. */
function progressPhase(phase: LoadPhase): LoadProgress['phase'] {
  return phase === 'transactions' || phase === 'items' ? 'sales' : phase;
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * COPYs generated batches into their tables in groups of a few MiB (one table's
 * rows, or sales: transactions, then their lines). The engine works on one group
 * while the next is generated: statements run one after another on the
 * transaction, and between batches the event loop turns, so replies are read and
 * the copied text flows while rows are being generated.
 */
export async function streamCopy(tx: TransactionSession, batches: Iterable<DatasetBatch>, plan: CopyPlan): Promise<LoadCounts> {
  const counts: LoadCounts = { customers: 0, products: 0, transactions: 0, items: 0 };
  const generated: LoadCounts = { customers: 0, products: 0, transactions: 0, items: 0 };
  const totals = new Map<LoadPhase, number>();
  let group = emptyGroup();
  // The engine's queue: each job starts when the one before it has finished.
  let engine: Promise<void> = Promise.resolve();
  let queued = 0;
  const enqueue = (job: () => Promise<void>): Promise<void> => {
    queued += 1;
    engine = engine.then(job).finally(() => {
      queued -= 1;
    });
    // Awaited before the end; until then a failure must not count as unhandled.
    engine.catch(() => undefined);
    return engine;
  };

  const report = (phase: LoadPhase) => {
    if (phase !== 'items') plan.onProgress?.({ phase: progressPhase(phase), done: counts[phase], total: totals.get(phase) ?? 0 });
  };
  const write = async (work: Group) => {
    for (const [phase, text] of work.text) {
      if (counts[phase] === 0) report(phase);
      const target = plan.target(phase);
      const copied = await tx.copyIn(target, text);
      if (copied !== work.rows.get(phase)) throw new Error(`COPY into ${tableLabel(target)} wrote ${copied} rows, not ${work.rows.get(phase)}`);
      counts[phase] += copied;
      report(phase);
    }
  };
  const flush = async (): Promise<void> => {
    if (group.chars === 0) return;
    // One group being written and one being gathered: generation never runs far ahead of the engine.
    while (queued > 0) await engine;
    const work = group;
    group = emptyGroup();
    void enqueue(() => write(work));
  };

  for (const batch of batches) {
    totals.set(batch.phase, batch.total);
    const salesBoundary = batch.phase === 'transactions' && group.text.has('items');
    const otherTable = group.chars > 0 && !group.text.has(batch.phase) && batch.phase !== 'items';
    if (otherTable || (group.chars >= GROUP_CHARS && (salesBoundary || batch.phase !== 'items'))) await flush();
    const text = copyLines(specOf(batch.phase), batch.rows as unknown as Record<string, unknown>[]);
    const texts = group.text.get(batch.phase) ?? [];
    texts.push(text);
    group.text.set(batch.phase, texts);
    group.rows.set(batch.phase, (group.rows.get(batch.phase) ?? 0) + batch.rows.length);
    group.chars += text.length;
    generated[batch.phase] += batch.rows.length;
    const script = generated[batch.phase] === batch.total ? plan.afterTable?.(batch.phase) : undefined;
    if (script !== undefined) {
      // Written and sent before the next rows are generated, so the engine builds while they are.
      await flush();
      await engine;
      void enqueue(() => tx.runScript(script));
    }
    await nextTurn();
  }
  await flush();
  await engine;
  return counts;
}
