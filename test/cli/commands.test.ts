import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { EACH_ENGINE, ENGINE_TRAITS } from '../support/seededDatabase.js';
import { CLI_TIMEOUTS, lines, REPO, runCli, scratchDir } from '../support/cli.js';
import { countRows, seededCliDatabase, type CliDatabase } from '../support/cliDatabases.js';
import { runCommand } from '../support/commandInProcess.js';

vi.setConfig(CLI_TIMEOUTS);

const MIGRATIONS = 'SELECT count(*) AS n FROM zava_meta.schema_migrations';
const MAINTENANCE_ENTRIES = "SELECT count(*) AS n FROM retail.audit_log WHERE table_name = 'maintenance' AND action = 'maintenance_completed'";

describe.each(EACH_ENGINE)('zava-mcp migrate and maintenance on %s', (kind) => {
  let database: CliDatabase;
  beforeAll(async () => {
    database = await seededCliDatabase(kind);
  });
  afterAll(async () => database?.dispose());

  it('says an initialised database is up to date and applies nothing', async () => {
    const before = await database.withOwner((db) => countRows(db, MIGRATIONS));
    const run = await runCommand(['migrate'], { env: database.env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [status, ...rest] = lines(run.stdout);
    expect(status).toBe('schema is up to date');
    // Without pgvector the vector migrations wait, and say so.
    expect(rest).toEqual(ENGINE_TRAITS[kind].pgvector ? [] : [expect.stringMatching(/^waiting: 010_vector \(needs vector.*; 011_similarity_ef_search \(needs vector/)]);
    expect(await database.withOwner((db) => countRows(db, MIGRATIONS))).toBe(before);
  });

  it('runs maintenance, printing each step, and records it once in the audit log', async () => {
    expect(await database.withOwner((db) => countRows(db, MAINTENANCE_ENTRIES))).toBe(0);
    const run = await runCommand(['maintenance'], { env: database.env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // Each step says what it did and what it changed, not only the statement it ran.
    expect(lines(run.stdout)).toEqual([
      expect.stringMatching(/^VACUUM: vacuumed customers, products, sales_transactions, sales_transaction_items, product_embeddings: .*planner statistics refreshed \([\d.]+ \w+ -> [\d.]+ \w+, \d+ ms\)$/),
      expect.stringMatching(/^REINDEX: rebuilt the full-text search index of products \(idx_products_text_search\) \([\d.]+ \w+ -> [\d.]+ \w+, \d+ ms\)$/),
      expect.stringMatching(/^REINDEX: rebuilt every index of product_embeddings .*\([\d.]+ \w+ -> [\d.]+ \w+, \d+ ms\)$/),
      expect.stringMatching(/^ANALYZE: analysed every retail table and recorded the run in retail\.audit_log \(\d+ ms\)$/),
    ]);
    expect(await database.withOwner((db) => countRows(db, MAINTENANCE_ENTRIES))).toBe(1);
  });
});

describe('zava-mcp version and help', () => {
  const { version } = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };

  it('prints the package version with --version', async () => {
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(version);
  });

  it('prints the commands with --help and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: zava-mcp');
    for (const command of ['serve', 'init', 'migrate', 'sql', 'embed', 'models', 'maintenance', 'db', 'copy', 'export', 'backup', 'restore', 'status', 'reset']) {
      expect(run.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
  });
});

describe('zava-mcp started from outside the checkout', () => {
  it('opens the embedded database when the working directory is not the checkout (as an MCP client launches it)', async () => {
    const dataDir = path.join(scratchDir('cwd'), 'pgdata');
    cpSync(inject('infrastructure').pglite.templateDir, dataDir, { recursive: true });
    const run = await runCli(['sql', '--admin', '--data-dir', dataDir, '-c', 'SELECT count(*) AS stores FROM retail.stores'], { cwd: scratchDir('elsewhere') });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([{ stores: 4 }]);
  });
});
