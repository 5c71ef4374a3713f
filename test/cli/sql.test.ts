import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLI_TIMEOUTS, lines, runCli, scratchDir, STACK_FRAME } from '../support/cli.js';
import { seededCliDatabase, type CliDatabase } from '../support/cliDatabases.js';

vi.setConfig(CLI_TIMEOUTS);

const EXIT_USAGE = 2;

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
