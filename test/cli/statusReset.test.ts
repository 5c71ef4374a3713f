import { once } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { loadMigrations } from '../../src/db/migrations/migrationFiles.js';
import { CLI_TIMEOUTS, lines, runCli } from '../support/cli.js';
import { tableDigests, useSeededCliDatabase } from '../support/cliDatabases.js';
import { runCommand } from '../support/commandInProcess.js';
import { startHttpProcess } from '../support/httpProcess.js';
import { EACH_ENGINE } from '../support/seededDatabase.js';
import { TEST_DATASET } from '../support/testInfrastructure.js';

vi.setConfig(CLI_TIMEOUTS);

const MIGRATIONS = loadMigrations();

describe.each(EACH_ENGINE)('zava-mcp status and reset on %s', (kind) => {
  const fixture = useSeededCliDatabase(kind);
  const database = () => fixture.database();

  it('tells the engine, where the data lives and its size, the migrations, the rows, the embeddings and the doors', async () => {
    const run = await runCommand(['status'], { env: database().env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [title, ...facts] = lines(run.stdout);
    expect(title).toBe('Zava Retail database');
    expect(facts).toEqual([
      expect.stringMatching(kind === 'pglite' ? /^ {2}engine {6}PGlite 18\.\d+ \(embedded PostgreSQL\)$/ : /^ {2}engine {6}PostgreSQL 18\.\d+/),
      expect.stringMatching(/^ {2}data {8}\S.* \([\d.]+ MB\)$/),
      `  migrations  ${kind === 'pglite' ? MIGRATIONS.length : MIGRATIONS.length - 2} applied (latest ${MIGRATIONS.at(-1)!.version}_${MIGRATIONS.at(-1)!.name})`,
      ...(kind === 'postgres' ? [expect.stringMatching(/waiting: 010_vector/), expect.stringMatching(/waiting: 011_similarity_ef_search/)] : []),
      expect.stringMatching(/^ {2}rows {8}4 stores, 400 customers, 100 products, 1,000 transactions, [\d,]+ lines, 0 audit entries$/),
      expect.stringMatching(kind === 'pglite' ? /^ {2}embeddings {2}local, Xenova\/all-MiniLM-L6-v2$/ : /^ {2}embeddings {2}local, Xenova\/all-MiniLM-L6-v2; semantic search unavailable: pgvector is not installed/),
      ...(kind === 'pglite' ? [expect.stringMatching(/no product has an embedding yet/)] : []),
      expect.stringMatching(/^ {2}doors {7}/),
    ]);
  });

  it('refuses to reset without --yes when there is no terminal to ask, and changes nothing', async () => {
    const run = await runCommand(['reset'], { env: database().env });
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([expect.stringMatching(/^zava-mcp reset: Replace the Zava database at .* \(\d+ customers, \d+ products, \d+ transactions\) with new sample data: pass --yes to confirm \(no terminal to ask on\)$/)]);
    expect(await database().withOwner(tableDigests)).toEqual(fixture.seeded());
  });

  it('re-creates the sample data with --yes: the same seed, scale and date give the same rows again', async () => {
    await database().withOwner((db) => db.query("DELETE FROM retail.sales_transaction_items WHERE store_id = 'online'"));
    const run = await runCommand(
      ['reset', '--yes', '--seed', String(TEST_DATASET.seed), '--scale', String(TEST_DATASET.scale), '--as-of', TEST_DATASET.asOf, '--embeddings', 'none'],
      { env: database().env },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Replaced the Zava database on ${kind}`);
    expect(await database().withOwner(tableDigests)).toEqual(fixture.seeded());
  });
});

// Only an embedded data directory is held by a process; a server's clients connect to it directly.
describe('an embedded database held by zava-mcp serve --http', () => {
  const fixture = useSeededCliDatabase('pglite');

  it('is described by status with its MCP endpoint, and sql names the holder and the endpoint instead of only "in use"', async () => {
    const { env } = fixture.database();
    const server = await startHttpProcess(env);
    try {
      const status = await runCli(['status'], { env });
      expect(status.stderr).toBe('');
      expect(status.code).toBe(0);
      expect(lines(status.stdout)).toContainEqual(expect.stringMatching(/^ {2}held by {5}`zava-mcp serve` \(pid \d+/));
      expect(lines(status.stdout)).toContainEqual(`  doors       MCP over Streamable HTTP: ${server.url}`);
      const sql = await runCli(['sql', '--store', 'seattle', '-c', 'SELECT 1'], { env });
      expect(sql.code).not.toBe(0);
      expect(lines(sql.stderr)).toEqual([expect.stringContaining(`is in use by \`zava-mcp serve\` (pid ${server.child.pid}), serving MCP at ${server.url}`)]);
    } finally {
      server.child.kill('SIGTERM');
      await once(server.child, 'exit');
    }
  });
});
