import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLI_TIMEOUTS, lines, runCli, startCli, type RunningCli } from '../support/cli.js';
import { seededCliDatabase, type CliDatabase } from '../support/cliDatabases.js';
import { serverEnv, startServer, type StdioServer } from '../support/mcpStdio.js';
import { psqlScript, psqlSession, requirePsql } from '../support/psql.js';
import { structuredOf } from '../support/toolResults.js';
import { EMBED_EVERY_PRODUCT } from '../support/fakeEmbeddings.js';

vi.setConfig(CLI_TIMEOUTS);

/** Lab 04 as a learner runs it in psql, one statement after another. */
const LAB_04 = `
BEGIN;
SET ROLE mcp_user;
SELECT retail.set_store_context('seattle');
SELECT 'customers', store_id, count(*) FROM retail.customers GROUP BY store_id;
SELECT 'similar', count(*), count(*) FILTER (WHERE p.store_id = 'seattle')
  FROM retail.search_products_by_similarity(
         (SELECT embedding FROM retail.product_embeddings WHERE store_id = 'seattle' ORDER BY product_id LIMIT 1), 0.0, 10) AS s
  JOIN retail.products p USING (product_id);
COMMIT;
SELECT 'without context', count(*) FROM retail.customers;
RESET ROLE;
SELECT 'owner', count(DISTINCT store_id) FROM retail.customers;
SELECT 'table_stats', count(*) > 0, bool_and(tablename IS NOT NULL) FROM retail.table_stats;
SELECT 'index_usage', count(*) > 0 FROM retail.index_usage;
SELECT 'slow_queries', status FROM retail.slow_queries;
`;

describe('zava-mcp db serve, driven with psql', () => {
  let database: CliDatabase;
  let server: RunningCli;
  let url: string;
  let dataDir: string;

  beforeAll(async () => {
    requirePsql();
    database = await seededCliDatabase('pglite');
    dataDir = database.env.ZAVA_DATA_DIR!;
    await database.withOwner((db) => db.query(EMBED_EVERY_PRODUCT));
    server = startCli(['db', 'serve', '--data-dir', dataDir, '--port', '0']);
    const banner = await server.waitForStdout(/psql\s+psql '(postgres:\/\/[^']+)'/);
    url = /psql\s+psql '(postgres:\/\/[^']+)'/.exec(banner)![1]!;
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    await database?.dispose();
  });

  it("prints a postgres:// URL, a ready psql command, and says it is the owner's door, local only", async () => {
    const banner = await server.waitForStdout('stop');
    expect(url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    expect(banner).toContain(`data     ${dataDir}`);
    expect(banner).toMatch(/the owner's door: no password.*SET ROLE mcp_user.*only this machine/);
  });

  it("runs Lab 04's flow: the store context in a transaction, row-level security under SET ROLE mcp_user, the similarity function, the monitoring views", async () => {
    const run = await psqlScript(url, LAB_04);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // lines() drops the empty row of set_store_context (it returns void).
    expect(lines(run.stdout)).toEqual([
      expect.stringMatching(/^customers\|seattle\|\d+$/),
      'similar|10|10',
      'without context|0',
      'owner|4',
      'table_stats|t|t',
      'index_usage|t',
      // PGlite has no pg_stat_statements; the view says so instead of failing.
      expect.stringMatching(/^slow_queries\|unavailable: /),
    ]);
  });

  it('refuses a store context that is not a store, with PostgreSQL\'s error, and keeps serving', async () => {
    const refused = await psqlScript(url, "BEGIN; SET LOCAL ROLE mcp_user; SELECT retail.set_store_context('tacoma'); COMMIT;");
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('Invalid or inactive store: tacoma');
    const after = await psqlScript(url, 'SELECT current_user, count(*) FROM retail.stores GROUP BY 1;');
    expect(after.stdout.trim()).toBe('postgres|4');
  });

  it('tells `sql` which process holds the directory and how to reach it', async () => {
    const run = await runCli(['sql', '--admin', '--data-dir', dataDir, '-c', 'SELECT 1']);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toContain(`in use by \`zava-mcp db serve\` (pid ${server.pid})`);
    expect(run.stderr).toContain(`psql '${url}'`);
  });

  it('stops on Ctrl-C, exits 0 and unlocks the directory', async () => {
    const run = await server.stop('SIGINT');
    expect(run.code).toBe(0);
    expect(existsSync(path.join(dataDir, 'zava.lock'))).toBe(false);
  });
});

describe('zava-mcp db serve refusals', () => {
  it('refuses a directory that holds no database instead of creating one', async () => {
    const dataDir = path.join(process.env.TMPDIR ?? '/tmp', `zava-no-db-${process.pid}`);
    const run = await runCli(['db', 'serve', '--data-dir', dataDir, '--port', '0']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`no Zava database at ${dataDir} (the directory does not exist)`);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses a PostgreSQL server, which has its own door', async () => {
    const run = await runCli(['db', 'serve', '--port', '0'], { env: { DATABASE_URL: 'postgres://owner@127.0.0.1:1/none' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/DATABASE_URL names a PostgreSQL server, which has its own door/);
  });
});

describe('zava-mcp serve --pg-port: psql beside the MCP server', () => {
  let database: CliDatabase;
  let mcp: StdioServer;
  let url: string;

  beforeAll(async () => {
    requirePsql();
    database = await seededCliDatabase('pglite');
    mcp = await startServer(['--store', 'seattle', '--pg-port', '0'], serverEnv(database.env));
    const banner = await mcp.waitForStderr("wire door psql '");
    url = /wire door psql '(postgres:\/\/[^']+)'/.exec(banner)![1]!;
  }, 300_000);
  afterAll(async () => {
    await mcp?.close();
    await database?.dispose();
  });

  it("says in the banner that the door is the owner's and local only", () => {
    expect(mcp.stderr()).toMatch(/note\s+wire door the owner's door: no password/);
  });

  it("keeps a psql transaction's role and store context out of the assistant's queries: the tool waits for COMMIT and sees only its store", async () => {
    const learner = psqlSession(url);
    try {
      expect(await learner.run("BEGIN; SET ROLE mcp_user; SELECT retail.set_store_context('redmond');")).toEqual([]);
      expect(await learner.run('SELECT DISTINCT store_id FROM retail.customers;')).toEqual(['redmond']);
      let answered = false;
      const call = mcp.call('execute_sales_query', { postgresql_query: 'SELECT DISTINCT store_id FROM customers' }).then((result) => {
        answered = true;
        return result;
      });
      expect(await learner.run('SELECT count(*) FROM retail.stores;')).toEqual(['1']);
      expect(answered).toBe(false);
      await learner.run('COMMIT;');
      expect(structuredOf<{ rows: unknown[] }>(await call).rows).toEqual([{ store_id: 'seattle' }]);
      // The learner's SET ROLE outlived the transaction in psql's session, and only there.
      expect(await learner.run('SELECT current_user;')).toEqual(['mcp_user']);
      const stores = structuredOf<{ stores: { store_id: string }[] }>(await mcp.call('list_stores'));
      expect(stores.stores.map((store) => store.store_id)).toEqual(['seattle']);
    } finally {
      await learner.close();
    }
  });
});
