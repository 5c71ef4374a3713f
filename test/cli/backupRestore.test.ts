import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLI_TIMEOUTS, lines, runCli, scratchDir } from '../support/cli.js';
import { runCommand } from '../support/commandInProcess.js';
import { seededCliDatabase, tableDigests, withPglite, type CliDatabase } from '../support/cliDatabases.js';

vi.setConfig(CLI_TIMEOUTS);

// The tests run in order on one backup: taken, restored, refused, forced, damaged.
describe('zava-mcp backup and restore of an embedded data directory', () => {
  let database: CliDatabase;
  let dataDir: string;
  let original: Record<string, string>;
  const scratch = () => scratchDir('backup');
  let folder: string;
  let backup: string;

  beforeAll(async () => {
    database = await seededCliDatabase('pglite');
    dataDir = database.env.ZAVA_DATA_DIR!;
    original = await database.withOwner(async (db) => {
      await db.query("UPDATE retail.stores SET store_location = 'Seattle, Washington' WHERE store_id = 'seattle'");
      return tableDigests(db);
    });
    folder = scratch();
    backup = path.join(folder, 'zava.zbak');
  });
  afterAll(async () => database?.dispose());

  it('writes one compressed file and says what it holds', async () => {
    const run = await runCommand(['backup', '--data-dir', dataDir, '--out', backup]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Backed up ${dataDir} \\(\\d+ customers, \\d+ products, \\d+ transactions\\) to ${backup}: [\\d.]+ MB`));
    expect(readFileSync(backup).subarray(0, 24).toString()).toBe('ZAVA-RETAIL-MCP BACKUP 1');
    // Nothing half-written is left beside it.
    expect(readdirSync(folder)).toEqual(['zava.zbak']);
  });

  it('refuses to overwrite a backup file without --force', async () => {
    const run = await runCommand(['backup', '--data-dir', dataDir, '--out', backup]);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([`zava-mcp backup: ${backup} exists; pass --force to replace it`]);
  });

  it('restores into a new directory with every table as it was', async () => {
    const restored = path.join(scratch(), 'pgdata');
    const run = await runCommand(['restore', backup, '--data-dir', restored]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Restored ${restored} from ${backup}`));
    expect(await withPglite(restored, tableDigests)).toEqual(original);
    expect(existsSync(path.join(restored, 'zava.lock'))).toBe(false);
  });

  it('refuses to restore over a database without --force and leaves it as it was; with --force replaces it', async () => {
    await database.withOwner((db) => db.query("DELETE FROM retail.sales_transaction_items WHERE store_id = 'online'"));
    const changed = await database.withOwner(tableDigests);
    const refused = await runCommand(['restore', backup, '--data-dir', dataDir]);
    expect(refused.code).toBe(1);
    expect(lines(refused.stderr)).toEqual([`zava-mcp restore: ${dataDir} already holds a database; pass --force to replace it`]);
    expect(await database.withOwner(tableDigests)).toEqual(changed);
    const forced = await runCommand(['restore', backup, '--data-dir', dataDir, '--force']);
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
    expect(await database.withOwner(tableDigests)).toEqual(original);
    // Nothing of the swap is left beside the directory.
    expect(readdirSync(path.dirname(dataDir)).filter((name) => name.startsWith(`${path.basename(dataDir)}.`))).toEqual([]);
  });

  it('refuses a damaged backup, creating nothing', async () => {
    const damaged = path.join(scratch(), 'damaged.zbak');
    const bytes = readFileSync(backup);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    writeFileSync(damaged, bytes);
    const target = path.join(path.dirname(damaged), 'pgdata');
    const run = await runCommand(['restore', damaged, '--data-dir', target]);
    expect(run.code).not.toBe(0);
    expect(lines(run.stderr)).toEqual([`zava-mcp restore: ${damaged} is not a usable zava-mcp backup: its checksum does not match (the file was changed or damaged)`]);
    expect(readdirSync(path.dirname(damaged))).toEqual(['damaged.zbak']);
  });

  it('refuses to back up a PostgreSQL server, pointing at its own tools', async () => {
    // Through the binary: the command line's wiring of backup, where no database is opened.
    const run = await runCli(['backup'], { env: { DATABASE_URL: 'postgres://owner@127.0.0.1:1/none' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/for the PostgreSQL server in DATABASE_URL use pg_dump, or zava-mcp export/);
  });
});
