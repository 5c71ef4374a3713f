import { describe, expect, it } from 'vitest';
import type { EngineKind } from '../support/seededDatabase.js';
import { lines, STACK_FRAME } from '../support/cli.js';
import { runCommand } from '../support/commandInProcess.js';
import { countRows, tableDigests, useSeededCliDatabase } from '../support/cliDatabases.js';

const EXIT_USAGE = 2;
const ALL_STORES = ['bellevue', 'online', 'redmond', 'seattle'];

/** Statements the store path must refuse, and a word of the reason each gives. */
const REFUSED: { sql: string; reason: RegExp }[] = [
  { sql: 'RESET ROLE', reason: /RESET ROLE is not allowed/ },
  { sql: "SELECT set_config('role', 'postgres', true)", reason: /set_config is not allowed/ },
  { sql: 'DELETE FROM customers', reason: /DELETE is not allowed/ },
];

/** The sql command's behaviour on one engine; each engine has a test file of its own, so the two run in parallel. */
export function describeSqlCommand(kind: EngineKind): void {
  describe(`zava-mcp sql on ${kind}`, () => {
    const fixture = useSeededCliDatabase(kind);
    const sql = (...args: string[]) => runCommand(['sql', ...args], { env: fixture.database().env });
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
}
