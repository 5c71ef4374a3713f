import { spawn } from 'node:child_process';
import { migrate } from '../../src/db/migrations/migrate.js';
import type { CopyTable } from '../../src/db/copyTable.js';
import type { TransactionSession } from '../../src/db/port.js';
import { copyTargetOf, datasetBatches, SEEDED_TABLES, streamCopy, type GenerateOptions, type LoadCounts, type LoadPhase } from '../../src/seed/index.js';
import { copyLines } from '../../src/seed/load/copyText.js';
import { specOf } from '../../src/seed/load/tables.js';
import { initialiseDatabase } from '../../src/services/initialiseDatabase.js';
import { cliNodeArgsFromSources, REPO_ROOT } from '../../test/support/cliFromSources.js';
import type { BenchEngine } from '../support/engines.js';

/** Bare copies of the seeded tables: the same columns and NOT NULLs, no keys, indexes, checks, triggers or policies. */
const RAW_SCHEMA = 'raw';

function rawTarget(phase: LoadPhase): CopyTable {
  return { ...copyTargetOf(phase), schema: RAW_SCHEMA };
}

async function createRawTables(tx: TransactionSession): Promise<void> {
  await tx.runScript(
    `CREATE SCHEMA ${RAW_SCHEMA};\n` + SEEDED_TABLES.map((table) => `CREATE TABLE ${RAW_SCHEMA}.${table.split('.')[1]} (LIKE ${table});\n`).join(''),
  );
}

export function totalRows(counts: LoadCounts): number {
  return counts.customers + counts.products + counts.transactions + counts.items;
}

export interface TimedRun {
  ms: number;
  rows: number;
}

/** The whole initialiseDatabase on a fresh, empty database (opening it is not timed). */
export async function timedInit(engine: BenchEngine, options: GenerateOptions): Promise<TimedRun> {
  const fresh = await engine.freshEmpty();
  try {
    const started = performance.now();
    const { counts } = await initialiseDatabase(fresh.db, { ...options, force: false });
    return { ms: performance.now() - started, rows: counts.customers + counts.products + counts.sales_transactions + counts.sales_transaction_items };
  } finally {
    await fresh.dispose();
  }
}

/**
 * The baseline: the same rows, generated and streamed the same way (streamCopy over
 * datasetBatches), COPYed into bare tables, in one transaction including its
 * commit. The schema and the bare tables are created before the clock starts.
 */
export async function timedRawCopy(engine: BenchEngine, options: GenerateOptions): Promise<TimedRun> {
  const fresh = await engine.freshEmpty();
  try {
    await fresh.db.transaction({ role: 'owner' }, async (tx) => {
      await migrate(tx);
      await createRawTables(tx);
    });
    const started = performance.now();
    const counts = await fresh.db.transaction({ role: 'owner' }, (tx) => streamCopy(tx, datasetBatches(options), { target: rawTarget }));
    return { ms: performance.now() - started, rows: totalRows(counts) };
  } finally {
    await fresh.dispose();
  }
}

/** COPY text of every row, generated before any clock starts (for timedCopyOnly). */
export function encodedDataset(options: GenerateOptions): Map<LoadPhase, string[]> {
  const texts = new Map<LoadPhase, string[]>();
  for (const batch of datasetBatches(options)) {
    const list = texts.get(batch.phase) ?? [];
    list.push(copyLines(specOf(batch.phase), batch.rows as unknown as Record<string, unknown>[]));
    texts.set(batch.phase, list);
  }
  return texts;
}

/** The engine's part alone: COPY of text generated beforehand into bare tables, one statement per table, commit included. */
export async function timedCopyOnly(engine: BenchEngine, texts: Map<LoadPhase, string[]>): Promise<TimedRun> {
  const fresh = await engine.freshEmpty();
  try {
    await fresh.db.transaction({ role: 'owner' }, async (tx) => {
      await migrate(tx);
      await createRawTables(tx);
    });
    const started = performance.now();
    let rows = 0;
    await fresh.db.transaction({ role: 'owner' }, async (tx) => {
      for (const [phase, text] of texts) rows += await tx.copyIn(rawTarget(phase), text);
    });
    return { ms: performance.now() - started, rows };
  } finally {
    await fresh.dispose();
  }
}

/** The generator's part alone: every batch generated and written as COPY text, no database. */
export function timedGenerateOnly(options: GenerateOptions): TimedRun {
  const started = performance.now();
  let rows = 0;
  for (const batch of datasetBatches(options)) {
    copyLines(specOf(batch.phase), batch.rows as unknown as Record<string, unknown>[]);
    rows += batch.rows.length;
  }
  return { ms: performance.now() - started, rows };
}

export interface CliInitRun {
  ms: number;
  peakMb: number;
  /** The CLI's own summary line. */
  summary: string;
}

/**
 * `zava-mcp init` as a user runs it, in its own process (so its peak memory is its
 * own): from the sources through tsx, embeddings off. Its output states time and
 * peak memory (the process's maxRSS).
 */
export async function cliInit(target: string[], options: GenerateOptions): Promise<CliInitRun> {
  const args = cliNodeArgsFromSources(['init', ...target, '--seed', String(options.seed), '--scale', String(options.scale), '--as-of', options.asOf, '--embeddings', 'none']);
  const started = performance.now();
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (exit) => resolve({ code: exit, stdout: out, stderr: err }));
  });
  const ms = performance.now() - started;
  const peak = /peak memory (\d+) MB/.exec(stdout);
  if (code !== 0 || !peak) throw new Error(`zava-mcp init failed (exit ${code}): ${stderr.trim() || stdout.trim()}`);
  return { ms, peakMb: Number(peak[1]), summary: stdout.trim().split('\n')[0]! };
}
