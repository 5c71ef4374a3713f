import { mkdtempSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestSandbox, type TestSandbox } from '../../src/testing/index.js';

describe('the test sandbox of zava-retail-mcp/testing', () => {
  let snapshotDir: string;
  let sandbox: TestSandbox;

  beforeAll(async () => {
    snapshotDir = mkdtempSync(path.join(inject('infrastructure').runDir, 'snapshots-'));
    sandbox = await createTestSandbox({ stores: 'seattle', snapshotDir });
  });
  afterAll(async () => sandbox?.close());

  it('connects an MCP client to a server bound to its stores, with every tool', async () => {
    const { tools } = await sandbox.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(['execute_sales_query', 'sales_report', 'list_stores', 'semantic_search_products']));
    const result = await sandbox.client.callTool({ name: 'list_stores', arguments: {} });
    expect((result.structuredContent as { stores: { store_id: string }[] }).stores.map((store) => store.store_id)).toEqual(['seattle']);
  });

  it('runs SQL as stores through the guard, and as the owner', async () => {
    expect(await sandbox.sql('SELECT DISTINCT store_id FROM customers', { store: 'redmond' })).toEqual([{ store_id: 'redmond' }]);
    await expect(sandbox.sql('RESET ROLE', { store: 'redmond' })).rejects.toMatchObject({ code: 'sql_rejected' });
    const stores = await sandbox.sql<{ n: number }>('SELECT count(*)::int AS n FROM retail.stores', { admin: true });
    expect(stores).toEqual([{ n: 4 }]);
  });

  it('gives a store session for any binding', async () => {
    const session = await sandbox.session(['bellevue', 'online']);
    expect(session.storeIds).toEqual(['bellevue', 'online']);
    const rows = await session.read(async (tx) => (await tx.query<{ store_id: string }>('SELECT DISTINCT store_id FROM products ORDER BY 1')).rows);
    expect(rows).toEqual([{ store_id: 'bellevue' }, { store_id: 'online' }]);
  });

  it('resets every table to the seeded rows, and empties the audit of calls', async () => {
    const count = async (sql: string) => (await sandbox.sql<{ n: number }>(sql, { admin: true }))[0]!.n;
    const customers = await count('SELECT count(*)::int AS n FROM retail.customers');
    await sandbox.sql("DELETE FROM retail.sales_transaction_items WHERE store_id = 'seattle'", { admin: true });
    await sandbox.sql("UPDATE retail.stores SET store_name = 'renamed'", { admin: true });
    await sandbox.client.callTool({ name: 'get_current_utc_date', arguments: {} });
    expect(await count('SELECT count(*)::int AS n FROM zava_access.tool_calls')).toBeGreaterThan(0);
    await sandbox.reset();
    expect(await count('SELECT count(*)::int AS n FROM retail.customers')).toBe(customers);
    expect(await count("SELECT count(*)::int AS n FROM retail.sales_transaction_items WHERE store_id = 'seattle'")).toBeGreaterThan(0);
    expect(await count("SELECT count(*)::int AS n FROM retail.stores WHERE store_name = 'renamed'")).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM zava_access.tool_calls')).toBe(0);
    await sandbox.client.callTool({ name: 'get_current_utc_date', arguments: {} });
    expect(await count('SELECT count(*)::int AS n FROM zava_access.tool_calls')).toBe(1);
  });

  it('builds the seeded snapshot once and starts the next sandbox from it', async () => {
    expect(readdirSync(snapshotDir).filter((file) => file.endsWith('.tar'))).toHaveLength(1);
    const second = await createTestSandbox({ stores: '*', snapshotDir });
    try {
      expect(await second.sql('SELECT DISTINCT store_id FROM customers ORDER BY 1', { store: '*' })).toHaveLength(4);
    } finally {
      await second.close();
    }
    expect(readdirSync(snapshotDir).filter((file) => file.endsWith('.tar'))).toHaveLength(1);
  });
});
