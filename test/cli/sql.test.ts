import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EACH_ENGINE } from '../support/seededDatabase.js';
import { CLI_TIMEOUTS, lines, runCli, scratchDir, STACK_FRAME } from '../support/cli.js';
import { countRows, seededCliDatabase, tableDigests, useSeededCliDatabase, type CliDatabase } from '../support/cliDatabases.js';

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
  const fixture = useSeededCliDatabase(kind);
  const sql = (...args: string[]) => runCli(['sql', ...args], { env: fixture.database().env });
  const digests = () => fixture.database().withOwner(tableDigests);
  const storeCount = () => fixture.database().withOwner((db) => countRows(db, 'SELECT count(*) AS n FROM retail.stores'));

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
    expect(await digests()).toEqual(fixture.seeded());
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


  it("runs Lab 04's transaction as written with --admin, unqualified names meaning retail tables: each statement's outcome, the store context and row-level security inside it", async () => {
    const run = await sql(
      '--admin',
      '-c',
      "BEGIN; SELECT retail.set_store_context('seattle'); SET LOCAL ROLE mcp_user; SELECT store_id, count(*) AS customers FROM customers GROUP BY store_id; COMMIT;" +
        ' SELECT count(DISTINCT store_id) AS stores FROM customers;',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const outcomes = JSON.parse(run.stdout) as { statement: number; command: string; rows?: Record<string, unknown>[] }[];
    expect(outcomes.map((outcome) => outcome.command)).toEqual(['BEGIN', 'SELECT 1', 'SET', 'SELECT 1', 'COMMIT', 'SELECT 1']);
    expect(outcomes[3]!.rows).toEqual([{ store_id: 'seattle', customers: expect.any(Number) }]);
    // After COMMIT the owner again, seeing every store.
    expect(outcomes[5]!.rows).toEqual([{ stores: 4 }]);
  });

  it('says what a statement without rows did (CREATE TABLE, INSERT 0 3, UPDATE 2, DROP TABLE)', async () => {
    const run = await sql('--admin', '-c', 'CREATE TEMP TABLE scratch (n int); INSERT INTO scratch VALUES (1), (2), (3); UPDATE scratch SET n = n + 1 WHERE n > 1; DROP TABLE scratch;');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { command: string }[]).map((outcome) => outcome.command)).toEqual(['CREATE TABLE', 'INSERT 0 3', 'UPDATE 2', 'DROP TABLE']);
  });

  it('stops at the first error, names the statement and its line, rolls back the open transaction and changes nothing', async () => {
    const run = await sql('--admin', '-c', "BEGIN;\nINSERT INTO stores (store_id, store_name) VALUES ('tacoma', 'Zava Retail Tacoma');\nSELECT no_such_column FROM stores;\nCOMMIT;");
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([
      'zava-mcp sql: statement 3 of 4 (line 3, column 8): column "no_such_column" does not exist; its transaction was rolled back, the statements after it did not run',
    ]);
    expect(await storeCount()).toBe(4);
  });

  it('rolls back a transaction the script leaves open, and says so', async () => {
    const run = await sql('--admin', '-c', "BEGIN; INSERT INTO stores (store_id, store_name) VALUES ('tacoma', 'Zava Retail Tacoma')");
    expect(run.code).toBe(0);
    expect(lines(run.stderr)).toEqual(['zava-mcp sql: the script ended inside a transaction (no COMMIT); it was rolled back']);
    expect(await storeCount()).toBe(4);
  });

  it('runs a --store script statement by statement through the guard, each seeing only the bound store', async () => {
    const run = await sql('--store', 'seattle', '-c', 'SELECT DISTINCT store_id FROM customers; SELECT count(DISTINCT store_id) AS stores FROM products');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      { statement: 1, command: 'SELECT 1', rows: [{ store_id: 'seattle' }] },
      { statement: 2, command: 'SELECT 1', rows: [{ stores: 1 }] },
    ]);
  });

  it('stops a --store script at the first statement the guard refuses and changes nothing', async () => {
    const run = await sql('--store', 'seattle', '-c', 'SELECT 1; DELETE FROM customers; SELECT 2');
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([
      'zava-mcp sql: statement 2 of 3 (line 1, column 11): DELETE is not allowed: this tool only reads; the statements after it did not run',
    ]);
    expect(await digests()).toEqual(fixture.seeded());
  });
});

// Output formats and files are the CLI's own, the same on either engine.
describe('zava-mcp sql output', () => {
  let database: CliDatabase;
  beforeAll(async () => {
    database = await seededCliDatabase('pglite');
  });
  afterAll(async () => database?.dispose());

  it('runs a file of statements, cut by the real parser (a ; inside a string or a dollar-quoted body stays), as a table or CSV', async () => {
    const file = path.join(scratchDir('script'), 'lab.sql');
    writeFileSync(file, "-- Lab 04, part 1\nSELECT 'a;b' AS text;\nDO $$ BEGIN PERFORM 1; END $$;\nSELECT store_id, store_name FROM stores WHERE store_id IN ('seattle', 'online') ORDER BY 1;\n");
    const table = await runCli(['sql', '--admin', '--format', 'table', '-f', file], { env: database.env });
    expect(table.stderr).toBe('');
    expect(table.code).toBe(0);
    expect(lines(table.stdout)).toEqual([
      ' text', '------', ' a;b', '(1 row)',
      'DO',
      ' store_id | store_name', '----------+---------------------', ' online   | Zava Retail Online', ' seattle  | Zava Retail Seattle', '(2 rows)',
    ]);
    const csv = await runCli(['sql', '--store', '*', '--format', 'csv', '-c', "SELECT 'a,b' AS text, NULL AS nothing, '' AS empty; SELECT count(*) AS stores FROM stores"], { env: database.env });
    expect(csv.stderr).toBe('');
    expect(csv.stdout).toBe('text,nothing,empty\r\n"a,b",,""\r\nstores\r\n4\r\n');
  });
});

describe('zava-mcp sql without a database', () => {
  it('says a memory:// database is empty by definition', async () => {
    const run = await runCli(['sql', '--admin', '--data-dir', 'memory://', '-c', 'SELECT 1']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/a memory:\/\/ database is empty by definition/);
  });

  it('refuses a directory that holds no database without creating one', async () => {
    const dataDir = path.join(scratchDir('sql-none'), 'pgdata');
    const run = await runCli(['sql', '--admin', '--data-dir', dataDir, '-c', 'SELECT 1']);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([`zava-mcp sql: no Zava database at ${dataDir} (the directory does not exist); run \`zava-mcp init --data-dir ${dataDir}\` first`]);
    expect(existsSync(dataDir)).toBe(false);
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
