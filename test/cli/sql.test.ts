import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EACH_ENGINE } from '../support/seededDatabase.js';
import { CLI_TIMEOUTS, lines, runCli, STACK_FRAME } from '../support/cli.js';
import { seededCliDatabase, tableDigests, type CliDatabase } from '../support/cliDatabases.js';

vi.setConfig(CLI_TIMEOUTS);

const EXIT_USAGE = 2;
const ALL_STORES = ['bellevue', 'online', 'redmond', 'seattle'];

/** Statements the store path must refuse, and a word of the reason each gives. */
const REFUSED: { sql: string; reason: RegExp }[] = [
  { sql: 'RESET ROLE', reason: /RESET ROLE is not allowed/ },
  { sql: "SELECT set_config('role', 'postgres', true)", reason: /set_config is not allowed/ },
  { sql: 'DELETE FROM customers', reason: /DELETE is not allowed/ },
];

describe.each(EACH_ENGINE)('zava-mcp sql on %s', (kind) => {
  let database: CliDatabase;
  let seeded: Record<string, string>;
  beforeAll(async () => {
    database = await seededCliDatabase(kind);
    seeded = await database.withOwner(tableDigests);
  });
  afterAll(async () => database?.dispose());

  const sql = (...args: string[]) => runCli(['sql', ...args], { env: database.env });

  it('prints only the rows of the bound store, as JSON on stdout', async () => {
    const run = await sql('--store', 'seattle', '-c', 'SELECT DISTINCT store_id FROM customers');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([{ store_id: 'seattle' }]);
  });

  it('prints the rows of every store of a comma-separated binding and no other', async () => {
    const run = await sql('--store', 'seattle,redmond', '-c', 'SELECT DISTINCT store_id FROM customers ORDER BY store_id');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([{ store_id: 'redmond' }, { store_id: 'seattle' }]);
  });

  it('sees all four stores with --admin', async () => {
    const run = await sql('--admin', '-c', 'SELECT count(DISTINCT store_id) AS stores, array_agg(DISTINCT store_id ORDER BY store_id) AS ids FROM retail.customers');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([{ stores: 4, ids: ALL_STORES }]);
  });

  it.each(REFUSED)('refuses $sql through --store in one line, with a non-zero exit, and changes no data', async ({ sql: statement, reason }) => {
    const run = await sql('--store', 'seattle', '-c', statement);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(reason);
    expect(run.code).not.toBe(0);
    expect(await database.withOwner(tableDigests)).toEqual(seeded);
  });

  it('refuses an unknown store with exit code 2 and lists the stores there are', async () => {
    const run = await sql('--store', 'tacoma', '-c', 'SELECT 1');
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toContain('tacoma');
    for (const store of ALL_STORES) expect(run.stderr).toContain(store);
    expect(run.code).toBe(EXIT_USAGE);
  });

  it("prints PostgreSQL's message and the position in the query for a SQL error through --store, in one line without a stack", async () => {
    const run = await sql('--store', 'seattle', '-c', 'SELECT no_such_column FROM customers');
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toContain('column "no_such_column" does not exist');
    expect(run.stderr).toContain('at character 8');
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.code).toBe(1);
  });
});

// The owner path reports errors the same way on either engine (src/cli/failure.ts); one engine is enough.
describe('zava-mcp sql --admin errors', () => {
  let database: CliDatabase;
  beforeAll(async () => {
    database = await seededCliDatabase('postgres');
  });
  afterAll(async () => database?.dispose());

  it("prints PostgreSQL's message and the position in the statement for a SQL error, in one line without a stack", async () => {
    const run = await runCli(['sql', '--admin', '-c', 'SELECT no_such_column FROM retail.customers'], { env: database.env });
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toContain('column "no_such_column" does not exist');
    expect(run.stderr).toMatch(/character 8\b/);
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.code).toBe(1);
  });
});

describe('zava-mcp sql usage', () => {
  it.each([
    { name: 'neither --store nor --admin', args: [] },
    { name: 'both --store and --admin', args: ['--store', 'seattle', '--admin'] },
  ])('refuses $name with exit code 2 in one line naming both flags', async ({ args }) => {
    // A throwaway in-memory database, so that even a missing check would touch nothing on disk.
    const run = await runCli(['sql', ...args, '-c', 'SELECT 1'], { env: { ZAVA_DATA_DIR: 'memory://' } });
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toContain('--store');
    expect(run.stderr).toContain('--admin');
    expect(run.code).toBe(EXIT_USAGE);
  });
});
