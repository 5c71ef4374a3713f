import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectInProcess, type InProcessServer } from '../support/mcpInProcess.js';
import { describeEngines, ENGINE_KINDS, useSeededDatabase } from '../support/seededDatabase.js';
import { expectToolError, structuredOf, textOf } from '../support/toolResults.js';

const STORES = ['redmond', 'seattle'];
const TIMEOUT_MS = 1000;
const ROW_LIMIT = 50;
/**
 * One server holds every cap. A line of sales_transaction_items is about 320 bytes
 * of JSON, so 50 of them (16 KB) stay under this byte cap and the row cap cuts them;
 * a product row is 1 KB or more, so 50 of them do not, and the byte cap cuts those.
 */
const BYTE_LIMIT = 24_000;
const RUNAWAY_QUERY = 'SELECT count(*) FROM generate_series(1, 2000000000)';
const TABLES = ['customers', 'products', 'sales_transactions', 'sales_transaction_items', 'stores'];

interface QueryResult {
  rows: Record<string, unknown>[];
  row_count: number;
  truncated: boolean;
  truncation_note?: string;
  stores: string[];
}

describeEngines(ENGINE_KINDS, 'the limits of a server bound to redmond and seattle on %s', (kind) => {
  const database = useSeededDatabase(kind);
  let server: InProcessServer;
  /** Rows per table and store, as the owner counts them. */
  const ownerCounts = new Map<string, { store_id: string; n: number }[]>();
  let boundProducts: number;

  const run = (postgresql_query: string) => server.call('execute_sales_query', { postgresql_query });

  beforeAll(async () => {
    for (const table of TABLES) {
      const { rows } = await database.db.query<{ store_id: string; n: number }>(
        `SELECT store_id, count(*) AS n FROM retail.${table} WHERE store_id = ANY ($1) GROUP BY store_id ORDER BY store_id`,
        [STORES],
      );
      ownerCounts.set(table, rows);
    }
    boundProducts = ownerCounts.get('products')!.reduce((sum, row) => sum + row.n, 0);
    server = await connectInProcess(database.db, {
      store: STORES.join(','),
      settings: { statementTimeoutMs: TIMEOUT_MS, rowLimit: ROW_LIMIT, byteLimit: BYTE_LIMIT },
    });
  });
  afterAll(async () => server?.close());

  it('cancels a query that outlives the statement timeout, answers the calls that came meanwhile, and keeps serving', async () => {
    const [runaway, ...others] = await Promise.all([
      run(RUNAWAY_QUERY),
      ...TABLES.map((table) => run(`SELECT store_id, count(*) AS n FROM ${table} GROUP BY store_id ORDER BY store_id`)),
      server.call('list_stores'),
    ]);
    const text = expectToolError(runaway!, `${TIMEOUT_MS} ms statement timeout`, 'query_timeout');
    expect(text).toContain('cancelled');
    TABLES.forEach((table, index) => expect(structuredOf<QueryResult>(others[index]!).rows, table).toEqual(ownerCounts.get(table)));
    const { stores } = structuredOf<{ stores: { store_id: string }[] }>(others[TABLES.length]!);
    expect(stores.map((store) => store.store_id)).toEqual(STORES);
    // On PGlite the worker was stopped and reopened; the calls after it find it working.
    const after = structuredOf<QueryResult>(await run('SELECT store_id, count(*) AS n FROM customers GROUP BY store_id ORDER BY store_id'));
    expect(after.rows).toEqual(ownerCounts.get('customers'));
    const date = structuredOf<{ utc_date: string }>(await server.call('get_current_utc_date'));
    expect(date.utc_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('caps a large result at the row limit and says it is truncated', async () => {
    const result = await run('SELECT * FROM sales_transaction_items');
    const structured = structuredOf<QueryResult>(result);
    expect(structured.rows).toHaveLength(ROW_LIMIT);
    expect(structured.row_count).toBe(ROW_LIMIT);
    expect(structured.truncated).toBe(true);
    expect(structured.truncation_note).toMatch(/first 50 rows.*row limit/);
    const text = textOf(result);
    expect(text).toMatch(/^50 rows \(TRUNCATED\)\n/);
    expect(text).toContain(`Note: ${structured.truncation_note}`);
    for (const row of structured.rows) expect(STORES).toContain(row.store_id);
  });

  it('keeps the text of a large result short: the first rows, the count, and where the rest is; the description says how to ask for less', async () => {
    const result = await run('SELECT * FROM sales_transaction_items');
    const structured = structuredOf<QueryResult>(result);
    expect(structured.rows).toHaveLength(ROW_LIMIT);
    const text = textOf(result);
    const shown = text.split('\n').slice(2).filter((line) => line.includes(' | '));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThanOrEqual(20);
    expect(text).toContain(`... ${ROW_LIMIT - shown.length} more rows not shown here: all ${ROW_LIMIT} are in the structured result (rows).`);
    expect(text.length).toBeLessThan(JSON.stringify(structured.rows).length / 2);
    const { tools } = await server.client.listTools();
    expect(tools.find((tool) => tool.name === 'execute_sales_query')?.description).toMatch(/To get less, ask for less: aggregate in SQL, select only the columns you need, and add LIMIT/);
  });

  it('caps wide rows at the byte limit, returning fewer rows, and says it is truncated', async () => {
    const result = await run('SELECT * FROM products');
    const structured = structuredOf<QueryResult>(result);
    expect(structured.rows.length).toBeGreaterThan(0);
    // Fewer than the row cap would have let through.
    expect(structured.rows.length).toBeLessThan(Math.min(boundProducts, ROW_LIMIT));
    expect(structured.row_count).toBe(structured.rows.length);
    expect(structured.truncated).toBe(true);
    expect(structured.truncation_note).toMatch(new RegExp(`first ${structured.rows.length} rows.*exceeds ${BYTE_LIMIT} bytes`));
    expect(Buffer.byteLength(JSON.stringify(structured.rows))).toBeLessThanOrEqual(BYTE_LIMIT);
    expect(textOf(result)).toMatch(new RegExp(`^${structured.rows.length} rows \\(TRUNCATED\\)\\n`));
  });

  it('does not mark a result that fits within the limits as truncated', async () => {
    const structured = structuredOf<QueryResult>(await run('SELECT store_id, store_name FROM stores ORDER BY store_id'));
    expect(structured.rows.map((row) => row.store_id)).toEqual(STORES);
    expect(structured.truncated).toBe(false);
    expect(structured.truncation_note).toBeUndefined();
  });

  it('answers 20 concurrent queries each with its own correct rows, of the bound stores only', async () => {
    const calls = Array.from({ length: 20 }, (_, call) => {
      const table = TABLES[call % TABLES.length]!;
      return { call, table, sql: `SELECT ${call} AS call, store_id, count(*) AS n FROM ${table} GROUP BY store_id ORDER BY store_id` };
    });
    const results = await Promise.all(calls.map(({ sql }) => run(sql)));
    results.forEach((result, index) => {
      const { call, table } = calls[index]!;
      const structured = structuredOf<QueryResult>(result);
      expect(structured.rows, `call ${call} on ${table}`).toEqual(ownerCounts.get(table)!.map((row) => ({ call, ...row })));
      expect(structured.stores).toEqual(STORES);
    });
    expect(server.protocolErrors).toEqual([]);
  });
});
