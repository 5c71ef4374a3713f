import { expect, it } from 'vitest';
import type { DatabasePort, QueryOptions } from '../../src/db/port.js';
import { MAX_ERROR_TEXT } from '../../src/errorText.js';
import { runModelSql } from '../../src/services/modelSql.js';
import { storeSessionFor } from '../support/storeSessions.js';
import { withStoreContext } from '../../src/tenant/withStoreContext.js';
import { describeEngines, ENGINE_KINDS, useSeededDatabase } from '../support/seededDatabase.js';

const LIMITS = { rowLimit: 50, byteLimit: 256 * 1024, timeoutMs: 10_000 };
/** The engine's own limits are under test here, past the length the tool accepts. */
const LONG_SQL = { maxSqlLength: 100_000 };

/** The same database, counting the rows that FETCH statements bring back. */
function countingFetchedRows(db: DatabasePort): { db: DatabasePort; fetchedRows: () => number; fetchTimeouts: number[] } {
  let fetched = 0;
  const fetchTimeouts: number[] = [];
  const counting: DatabasePort = {
    info: db.info,
    query: (sql, params, options) => db.query(sql, params, options),
    close: () => db.close(),
    openWireDoor: (options) => db.openWireDoor(options),
    announceHttpUrl: (url) => db.announceHttpUrl(url),
    ownerSession: (work) => db.ownerSession(work),
    snapshotDataDir: () => db.snapshotDataDir(),
    transaction: (options, work) =>
      db.transaction(options, (tx) =>
        work({
          runScript: (sql) => tx.runScript(sql),
          copyOut: (table) => tx.copyOut(table),
          copyIn: (table, data) => tx.copyIn(table, data),
          query: async <R,>(sql: string, params?: readonly unknown[], queryOptions?: QueryOptions) => {
            const result = await tx.query<R>(sql, params, queryOptions);
            if (sql.startsWith('FETCH')) {
              fetched += result.rows.length;
              fetchTimeouts.push(queryOptions?.timeoutMs ?? Number.NaN);
            }
            return result;
          },
        }),
      ),
  };
  return { db: counting, fetchedRows: () => fetched, fetchTimeouts };
}

describeEngines(ENGINE_KINDS, 'model-written SQL on %s', (kind) => {
  const database = useSeededDatabase(kind);

  it('keeps every column of a join even when names repeat', async () => {
    const result = await runModelSql(await storeSessionFor(database.db, ['seattle']),
      'SELECT c.store_id, t.store_id, c.customer_id, t.customer_id FROM customers c JOIN sales_transactions t ON t.store_id = c.store_id AND t.customer_id = c.customer_id LIMIT 3',
      LIMITS,
    );
    expect(result.columns.map((column) => column.name)).toEqual(['store_id', 'store_id_2', 'customer_id', 'customer_id_2']);
    expect(result.rows[0]).toMatchObject({ store_id: 'seattle', store_id_2: 'seattle' });
    expect(result.rows[0]!.customer_id).toBe(result.rows[0]!.customer_id_2);
  });

  it('caps rows at the limit and says it did', async () => {
    const result = await runModelSql(await storeSessionFor(database.db, ['seattle']), 'SELECT item_id FROM sales_transaction_items', LIMITS);
    expect(result.rows).toHaveLength(50);
    expect(result.truncated).toBe(true);
    expect(result.truncationNote).toMatch(/first 50 rows/);
    const small = await runModelSql(await storeSessionFor(database.db, ['seattle']), 'SELECT store_id FROM stores', LIMITS);
    expect(small).toMatchObject({ truncated: false, truncationNote: undefined, rowCount: 1 });
  });

  it('caps bytes and says it did', async () => {
    const result = await runModelSql(await storeSessionFor(database.db, ['seattle']), 'SELECT product_description FROM products', { ...LIMITS, byteLimit: 2_000 });
    expect(result.rows.length).toBeGreaterThan(0);
    expect(result.rows.length).toBeLessThan(20);
    expect(JSON.stringify(result.rows).length).toBeLessThanOrEqual(2_000);
    expect(result.truncationNote).toMatch(/exceeds 2000 bytes/);
  });

  it('keeps a row larger than the byte cap inside the database, and says so', async () => {
    const error = await runModelSql(await storeSessionFor(database.db, ['seattle']), "SELECT string_agg(product_description, ' ') AS everything FROM products", { ...LIMITS, byteLimit: 2_000 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code: 'result_too_large', message: expect.stringMatching(/^a row of the result is \d+ bytes, more than the 2000 bytes a result may have; select fewer or shorter columns$/) });
  });

  it('stops reading a large result at the byte cap instead of fetching it all', async () => {
    const { db, fetchedRows, fetchTimeouts } = countingFetchedRows(database.db);
    const sql = "SELECT g, lpad('x', 1000, 'y') AS filler FROM generate_series(1, 200000) AS g ORDER BY g";
    const result = await runModelSql(await storeSessionFor(db, ['seattle']), sql, { ...LIMITS, rowLimit: 500, byteLimit: 20_000 });
    expect(result.truncationNote).toMatch(/exceeds 20000 bytes/);
    expect(result.rows.length).toBeGreaterThan(10);
    expect(result.rows.map((row) => row.g)).toEqual(result.rows.map((_, index) => index + 1));
    expect(JSON.stringify(result.rows).length).toBeLessThanOrEqual(20_000);
    // One batch at most beyond what is shown, far fewer than the 501 rows a plain LIMIT would bring.
    expect(fetchedRows()).toBeGreaterThanOrEqual(result.rows.length);
    expect(fetchedRows()).toBeLessThanOrEqual(result.rows.length + 25);
    // The timeout is the whole query's: every FETCH gets only what is left of it.
    expect(fetchTimeouts.length).toBeGreaterThan(0);
    for (const timeout of fetchTimeouts) expect(timeout).toBeLessThan(LIMITS.timeoutMs);
  });

  it('plans store queries like plain, serial queries: the cursor for all its rows, no parallel workers', async () => {
    const settings = await withStoreContext(database.db, ['seattle'], async (tx) =>
      (await tx.query<{ fraction: string; workers: string }>("SELECT current_setting('cursor_tuple_fraction') AS fraction, current_setting('max_parallel_workers_per_gather') AS workers")).rows[0]!,
    );
    expect(settings).toEqual({ fraction: '1', workers: '0' });
  });

  it('reads a result of exactly the row limit to its end without calling it truncated', async () => {
    const result = await runModelSql(await storeSessionFor(database.db, ['seattle']), 'SELECT g FROM generate_series(1, 50) AS g', LIMITS);
    expect(result).toMatchObject({ rowCount: 50, truncated: false });
    const empty = await runModelSql(await storeSessionFor(database.db, ['seattle']), "SELECT store_id FROM stores WHERE store_id = 'nowhere'", LIMITS);
    expect(empty).toMatchObject({ rowCount: 0, truncated: false, columns: [{ name: 'store_id', type: expect.any(String) }] });
  });

  it('reports an error position in the text the model wrote', async () => {
    const sql = '-- top customers\nSELECT customer_id, no_such_column FROM customers';
    await expect(runModelSql(await storeSessionFor(database.db, ['seattle']), sql, LIMITS)).rejects.toMatchObject({
      code: 'sql_error',
      details: { position: sql.indexOf('no_such_column') + 1 },
    });
  });

  // PGlite once answered a regex nested 12,000 deep with no rows and no error, and every
  // transaction after it failed: its WebAssembly stack overflowed before PostgreSQL's check.
  it('answers deeply nested patterns and documents, or refuses them with an error, and keeps serving', async () => {
    const nested = (depth: number) => `${'('.repeat(depth)}a${')'.repeat(depth)}`;
    // Native PostgreSQL refuses some of these as too complex where PGlite answers: either
    // is fine, an empty answer without an error is not.
    for (const depth of [3_000, 12_000, 40_000]) {
      const outcome = await runModelSql(await storeSessionFor(database.db, ['seattle']), `SELECT 'a' ~ '${nested(depth)}' AS matched`, LIMITS, LONG_SQL).then(
        (result) => result.rows,
        (error: unknown) => (error as { code?: string; message?: string }).code === 'sql_error' && /too complex/.test((error as Error).message) ? 'refused' : error,
      );
      expect([[{ matched: true }], 'refused'], `regex nested ${depth} deep`).toContainEqual(outcome);
    }
    const built = "SELECT 'a' ~ ((SELECT string_agg('(', '') FROM generate_series(1, 200000)) || 'a' || (SELECT string_agg(')', '') FROM generate_series(1, 200000))) AS matched";
    await expect(runModelSql(await storeSessionFor(database.db, ['seattle']), built, LIMITS)).rejects.toMatchObject({ code: 'sql_error', message: expect.stringMatching(/too complex/) });
    const array = `SELECT jsonb_array_length('${'['.repeat(45_000)}${']'.repeat(45_000)}'::jsonb) AS n`;
    await expect(runModelSql(await storeSessionFor(database.db, ['seattle']), array, LIMITS, LONG_SQL)).rejects.toMatchObject({ code: 'sql_error', message: expect.stringMatching(/stack depth limit exceeded/) });
    const after = await runModelSql(await storeSessionFor(database.db, ['seattle']), 'SELECT count(*)::int AS customers, min(store_id) AS lowest, max(store_id) AS highest FROM customers', LIMITS);
    expect(after.rows[0]).toMatchObject({ lowest: 'seattle', highest: 'seattle' });
    expect(after.rows[0]!.customers).toBeGreaterThan(0);
  });

  it('cuts an error message that quotes a large value to a few hundred characters, and says so', async () => {
    const error = await runModelSql(await storeSessionFor(database.db, ['seattle']), "SELECT ('x' || string_agg(email, ''))::int FROM customers", LIMITS).catch((caught: unknown) => caught as Error);
    expect(error).toMatchObject({ code: 'sql_error' });
    const message = (error as Error).message;
    expect(message).toMatch(/^invalid input syntax for type integer: "x/);
    expect(message).toMatch(/… \(\d+ more characters cut\)( \(at character \d+ of the query\))?$/);
    expect(message.length).toBeLessThan(MAX_ERROR_TEXT + 100);
  });

  it('reports the error position in the model text even after characters outside the BMP', async () => {
    const sql = "SELECT '🛒🛒' AS cart, no_such_column FROM customers";
    await expect(runModelSql(await storeSessionFor(database.db, ['seattle']), sql, LIMITS)).rejects.toMatchObject({
      code: 'sql_error',
      details: { position: sql.indexOf('no_such_column') + 1 },
    });
  });

  it('never lets model SQL reach RESET ROLE, set_config or the store context', async () => {
    for (const sql of ['RESET ROLE', "SELECT set_config('role', 'postgres', true)", "SELECT set_config('app.current_store_id', 'redmond', true)", "SELECT retail.set_store_context('redmond')"]) {
      await expect(runModelSql(await storeSessionFor(database.db, ['seattle']), sql, LIMITS), sql).rejects.toMatchObject({ code: 'sql_rejected' });
    }
  });

  it('redacts figures that count other stores out of EXPLAIN ANALYZE', async () => {
    const result = await runModelSql(await storeSessionFor(database.db, ['seattle']), "EXPLAIN ANALYZE SELECT * FROM customers WHERE loyalty_tier = 'gold'", LIMITS);
    const plan = result.rows.map((row) => row['QUERY PLAN']).join('\n');
    expect(plan).toMatch(/Scan/);
    expect(plan).not.toMatch(/rows=|cost=|Rows Removed|Buffers/);
  });

  it('sees only the bound stores', async () => {
    const result = await runModelSql(await storeSessionFor(database.db, ['bellevue', 'online']), 'SELECT DISTINCT store_id FROM sales_transaction_items ORDER BY 1', LIMITS);
    expect(result.rows).toEqual([{ store_id: 'bellevue' }, { store_id: 'online' }]);
  });
});
