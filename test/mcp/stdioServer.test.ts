import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readCallAudit } from '../../src/access/callAudit.js';
import { openPostgres } from '../../src/db/openDatabase.js';
import type { DatabasePort } from '../../src/db/port.js';
import { CLI_TIMEOUTS, runCli, type CliRun } from '../support/cli.js';
import { withPglite } from '../support/cliDatabases.js';
import { cliNodeArgs, REPO_ROOT } from '../support/cliFromSources.js';
import { serverEnv, SERVER_START_TIMEOUT_MS, startServer, type StdioServer } from '../support/mcpStdio.js';
import { EACH_ENGINE, useSeededDatabase } from '../support/seededDatabase.js';
import { expectNoInternals, expectToolError, structuredOf } from '../support/toolResults.js';

/*
 * What only a server process shows: stdout carries the protocol and nothing else,
 * the banner on stderr, refusals to start, exit codes and signals. The tools
 * themselves are tested in process (seattleServer.test.ts and the others).
 */

vi.setConfig(CLI_TIMEOUTS);

const STORES = ['bellevue', 'online', 'redmond', 'seattle'];

/** The JSON line printed after a banner heading. */
function snippetAfter(banner: string, heading: string): Record<string, unknown> {
  const lines = banner.split('\n');
  const index = lines.findIndex((line) => line.startsWith(heading));
  expect(index, `banner has "${heading}"`).toBeGreaterThanOrEqual(0);
  return JSON.parse(lines[index + 1]!) as Record<string, unknown>;
}

/** A refused start: a non-zero exit, nothing on stdout, one failure line and no stack trace. */
function expectOneFailureLine(outcome: CliRun): string {
  expect(outcome.code).not.toBe(0);
  expect(outcome.code).not.toBeNull();
  expect(outcome.stdout).toBe('');
  expect(outcome.stderr).not.toMatch(/^\s+at /m);
  const lines = outcome.stderr.split('\n').filter((line) => line.startsWith('zava-mcp'));
  expect(lines, outcome.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^zava-mcp serve: /);
  expectNoInternals(lines[0]!);
  return lines[0]!;
}

/** The owner's view of the database the server used (PGlite's directory is free once the server stopped). */
async function withOwner<T>(kind: string, env: Record<string, string>, work: (db: DatabasePort) => Promise<T>): Promise<T> {
  if (kind === 'pglite') return withPglite(env.ZAVA_DATA_DIR!, work);
  const db = await openPostgres({ databaseUrl: env.DATABASE_URL!, poolSize: 1 });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/** Starts `serve`, waits for its banner, sends `signal`, and resolves with the exit code and stderr. */
function serveUntilSignal(args: string[], env: Record<string, string>, signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, cliNodeArgs(['serve', ...args]), { env, cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    let signalled = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (!signalled && stderr.includes('MCP Inspector:')) {
        signalled = true;
        child.kill(signal);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => (stdout === '' ? resolve({ code, stderr }) : reject(new Error(`stdout was not empty: ${stdout}`))));
  });
}

describe.each(EACH_ENGINE)('the stdio server process on %s', (kind) => {
  const database = useSeededDatabase(kind);
  let env: Record<string, string>;
  let server: StdioServer;
  let banner: string;
  let seattleCounts: { customers: number; products: number; transactions: number };

  beforeAll(async () => {
    seattleCounts = (
      await database.db.query<typeof seattleCounts>(
        `SELECT (SELECT count(*) FROM retail.customers WHERE store_id = 'seattle') AS customers,
                (SELECT count(*) FROM retail.products WHERE store_id = 'seattle') AS products,
                (SELECT count(*) FROM retail.sales_transactions WHERE store_id = 'seattle') AS transactions`,
      )
    ).rows[0]!;
    // PGlite data directories take a lock: the server processes open this one next.
    if (kind === 'pglite') await database.closeEngine();
    env = serverEnv(database.env);
    // From the sources, as `npm start` runs it: the banner tells clients to start it the same way.
    server = await startServer(['--store', 'seattle'], env, { fromSources: true });
    // The banner is the last thing written before serving; the Inspector line ends it.
    banner = await server.waitForStderr('MCP Inspector:');
  }, SERVER_START_TIMEOUT_MS);
  afterAll(async () => server?.close());

  it('speaks only the protocol on stdout, through answers and refusals', async () => {
    expect(server.client.getServerVersion()).toMatchObject({ name: 'zava-retail-mcp' });
    await server.client.ping();
    const rows = structuredOf<{ rows: { store_id: string }[] }>(await server.call('execute_sales_query', { postgresql_query: 'SELECT DISTINCT store_id FROM customers' })).rows;
    expect(rows).toEqual([{ store_id: 'seattle' }]);
    expectToolError(await server.call('execute_sales_query', { postgresql_query: 'SELECT no_such_column FROM customers' }), 'no_such_column', 'sql_error');
    expectToolError(await server.call('execute_sales_query', { postgresql_query: 'RESET ROLE' }), 'RESET ROLE', 'sql_rejected');
    expect(structuredOf<{ rows: unknown[] }>(await server.call('sales_report', { report: 'payment_mix', start_date: '2025-01-01', end_date: '2025-06-30' })).rows.length).toBeGreaterThan(0);
    // A stray line on stdout would fail to parse as JSON-RPC and be reported here.
    expect(server.protocolErrors).toEqual([]);
  });

  it('prints a banner on stderr with the engine, data location, binding, row counts and client snippets', () => {
    const lines = banner.split('\n');
    const field = (name: string) => lines.find((line) => line.startsWith(`  ${name} `)) ?? '';
    expect(banner).toMatch(/^Zava Retail MCP \S+: ready in [\d.]+ s/m);
    if (kind === 'pglite') {
      expect(field('engine')).toMatch(/^ {2}engine +PGlite \d+/);
      expect(field('data')).toContain(env.ZAVA_DATA_DIR!);
    } else {
      const url = new URL(env.DATABASE_URL!);
      expect(field('engine')).toMatch(/^ {2}engine +PostgreSQL 18/);
      expect(field('data')).toContain(`${url.hostname}:${url.port}${url.pathname}`);
      expect(banner).not.toContain(decodeURIComponent(url.password));
      expect(banner).not.toContain(env.ZAVA_APP_PASSWORD!);
      expect(banner).not.toMatch(/postgres(ql)?:\/\/\S/);
    }
    expect(field('stores')).toMatch(/^ {2}stores +seattle \(bound by --store\)/);
    const number = new Intl.NumberFormat('en-US');
    expect(field('rows')).toContain(
      `${number.format(seattleCounts.customers)} customers, ${number.format(seattleCounts.products)} products, ${number.format(seattleCounts.transactions)} transactions`,
    );
    expect(field('search')).toMatch(/^ {2}search +full text only: /);
    expect(banner).not.toMatch(/^\s+at /m);

    const vscode = snippetAfter(banner, 'VS Code') as { servers: Record<string, { type: string; command: string; args: string[] }> };
    const claude = snippetAfter(banner, 'Claude Desktop') as { mcpServers: Record<string, { command: string; args: string[] }> };
    for (const spec of [vscode.servers['zava-retail']!, claude.mcpServers['zava-retail']!]) {
      expect(spec.command).toBe(process.execPath);
      expect(spec.args).toContain(`${REPO_ROOT}/src/cli/bin.ts`);
      expect(spec.args.slice(-3)).toEqual(['serve', '--store', 'seattle']);
    }
    expect(vscode.servers['zava-retail']!.type).toBe('stdio');
  });

  it('has written no stack trace and no connection string to stderr', () => {
    expect(server.stderr()).not.toMatch(/^\s+at /m);
    expect(server.stderr()).not.toMatch(/postgres(ql)?:\/\/\S/);
  });

  it('stops when its input ends, releasing the embedded data directory', async () => {
    await server.close();
    if (kind === 'pglite') expect(existsSync(path.join(env.ZAVA_DATA_DIR!, 'zava.lock'))).toBe(false);
  });

  it('recorded its calls in the audit as stdio, refusals included', async () => {
    const calls = await withOwner(kind, env, (db) => readCallAudit(db, { principal: 'stdio', limit: 100 }));
    expect(calls.map((call) => [call.tool, call.outcome]).reverse()).toEqual([
      ['execute_sales_query', 'ok'],
      ['execute_sales_query', 'error'],
      ['execute_sales_query', 'refused'],
      ['sales_report', 'ok'],
    ]);
    expect(new Set(calls.map((call) => `${call.principal_kind} ${call.stores.join(',')}`))).toEqual(new Set(['stdio seattle']));
  });

  it('exits 0 after SIGTERM and after SIGINT, closing the database cleanly', async () => {
    await server.close();
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const { code, stderr } = await serveUntilSignal(['--store', 'seattle'], env, signal);
      expect(code, `${signal}: ${stderr}`).toBe(0);
      expect(stderr).toContain('shutting down');
      expect(stderr).not.toMatch(/^\s+at /m);
      if (kind === 'pglite') expect(existsSync(path.join(env.ZAVA_DATA_DIR!, 'zava.lock'))).toBe(false);
    }
  });

  it('exits non-zero with one line listing the stores when the bound store does not exist', async () => {
    const line = expectOneFailureLine(await runCli(['serve', '--store', 'atlantis'], { env }));
    expect(line).toContain('"atlantis"');
    for (const store of STORES) expect(line).toContain(store);
  });

  it('exits non-zero naming --store and ZAVA_STORE when no store binding is configured', async () => {
    const line = expectOneFailureLine(await runCli(['serve'], { env }));
    expect(line).toContain('--store');
    expect(line).toContain('ZAVA_STORE');
  });

  it('exits non-zero naming a misspelt ZAVA_ variable and suggesting the right one', async () => {
    const line = expectOneFailureLine(await runCli(['serve'], { env: { ...env, ZAVA_STOR: 'seattle' } }));
    expect(line).toContain('unknown setting ZAVA_STOR ');
    expect(line).toContain('did you mean ZAVA_STORE?');
  });
});
