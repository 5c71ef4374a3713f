import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabasePort } from '../../src/db/port.js';
import { generateDataset, type Dataset } from '../../src/seed/index.js';
import { EACH_ENGINE } from '../support/seededDatabase.js';
import { CLI_TIMEOUTS, lines, runCli, TERMINAL_CONTROL, type CliRun } from '../support/cli.js';
import { emptyInitTarget, tableDigests, type InitTarget } from '../support/cliDatabases.js';

vi.setConfig(CLI_TIMEOUTS);

const FIRST = { seed: 11, scale: 0.05, asOf: '2025-03-31' } as const;
const SECOND = { ...FIRST, seed: 12 } as const;

function initArgs(target: InitTarget, options: { seed: number; scale: number; asOf: string }, ...extra: string[]): string[] {
  return ['init', ...target.args, '--seed', String(options.seed), '--scale', String(options.scale), '--as-of', options.asOf, ...extra];
}

interface Keys {
  customers: string[];
  sales: string[];
}

/** What init left behind, read in one owner session: a digest per table, and the keys in the generator's terms. */
async function snapshot(db: DatabasePort): Promise<{ digests: Record<string, string>; keys: Keys }> {
  const customers = await db.query<{ customer_id: string }>('SELECT customer_id FROM retail.customers ORDER BY customer_id');
  const sales = await db.query<{ transaction_id: string; transaction_date: Date }>('SELECT transaction_id, transaction_date FROM retail.sales_transactions ORDER BY transaction_id');
  return {
    digests: await tableDigests(db),
    keys: {
      customers: customers.rows.map((row) => row.customer_id),
      sales: sales.rows.map((row) => `${row.transaction_id} ${row.transaction_date.toISOString()}`),
    },
  };
}

function generatedKeys(dataset: Dataset): Keys {
  return {
    customers: dataset.customers.map((row) => row.customer_id).sort(),
    sales: dataset.transactions.map((row) => `${row.transaction_id} ${row.transaction_date}`).sort(),
  };
}

// The tests of one engine run in order on one database: created, refused again, then replaced.
describe.each(EACH_ENGINE)('zava-mcp init on %s', (kind) => {
  const env = { ZAVA_EMBEDDINGS: 'none' };
  const expected = generateDataset(FIRST);
  let target: InitTarget;
  let first: CliRun;
  /** Seconds from starting the process to its end, as the user waits. */
  let wall: number;
  let created: Awaited<ReturnType<typeof snapshot>> | undefined;

  beforeAll(async () => {
    target = await emptyInitTarget(kind);
    const started = performance.now();
    first = await runCli(initArgs(target, FIRST), { env });
    wall = (performance.now() - started) / 1000;
    if (first.code === 0) created = await target.withOwner(snapshot);
  });
  afterAll(async () => target?.dispose());

  it('creates a database holding exactly the rows of the requested seed, scale and as-of date', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(created?.keys.customers).toHaveLength(100);
    expect(created?.keys).toEqual(generatedKeys(expected));
  });

  it('prints a summary with the row counts on stdout', () => {
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Created the Zava database on ${kind}`);
    expect(first.stdout).toContain('seed 11, scale 0.05, sales to 2025-03-31');
    expect(first.stdout).toContain(`4 stores, 100 customers, 25 products, 250 transactions, ${expected.items.length} lines`);
  });

  it('reports the time the user waited: from the start of the process to the database closed', () => {
    const took = /^ {2}took ([\d.]+) s, peak memory \d+ MB$/m.exec(first.stdout);
    expect(took, first.stdout).not.toBeNull();
    const reported = Number(took![1]);
    // The process's own clock starts a little after the spawn and stops just before its exit.
    expect(reported).toBeLessThanOrEqual(wall + 0.1);
    expect(reported).toBeGreaterThanOrEqual(wall * 0.75);
  });

  it('draws no progress bar and writes no terminal control characters when stdout and stderr are not terminals', () => {
    expect(first.code).toBe(0);
    expect(first.stdout).not.toMatch(TERMINAL_CONTROL);
    expect(first.stderr).not.toMatch(TERMINAL_CONTROL);
  });

  it('refuses to run again without --force, in one line, and leaves the data as it was', async () => {
    expect(created).toBeDefined();
    const again = await runCli(initArgs(target, SECOND), { env });
    expect(again.code).not.toBe(0);
    expect(again.stdout).toBe('');
    expect(lines(again.stderr)).toHaveLength(1);
    expect(again.stderr).toContain('already holds a Zava database');
    expect(again.stderr).toContain('--force');
    expect((await target.withOwner(snapshot)).digests).toEqual(created!.digests);
  });

  it('replaces the database with --force, here with the rows of another seed', async () => {
    expect(created).toBeDefined();
    const replaced = await runCli(initArgs(target, SECOND, '--force'), { env });
    expect(replaced.stderr).toBe('');
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toContain(`Replaced the Zava database on ${kind}`);
    const after = await target.withOwner(snapshot);
    expect(after.digests.customers).not.toEqual(created!.digests.customers);
    expect(after.digests.sales_transactions).not.toEqual(created!.digests.sales_transactions);
    expect(after.keys).toEqual(generatedKeys(generateDataset(SECOND)));
  });
});
