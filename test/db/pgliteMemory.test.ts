import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { Database } from '../../src/db/database.js';
import { PgliteDriver } from '../../src/db/pglite/driver.js';
import { QueryTimeoutError } from '../../src/errors.js';

/** Each test grows and recycles a worker: seconds on a quiet machine, minutes on a loaded one. */
vi.setConfig({ testTimeout: 240_000 });

const MIB = 1024 * 1024;
const LIMITS = { capMb: 256, recycleAboveMb: 160 };
/** About 48 MB of text, built in a second or two: the memory grows past the recycle threshold. */
const GROWING = "SELECT length(string_agg(md5(g::text), '')) AS length FROM generate_series(1, 1500000) g";
/** A value past the 256 MiB cap. */
const TOO_LARGE = "SELECT length(string_agg(md5(g::text) || md5(g::text), '')) AS length FROM generate_series(1, 10000000) g";
/** A function scan's tuplestore and a sort, both spilling to temporary files. */
const SPILLING = 'SELECT count(*) FROM (SELECT g FROM generate_series(1, 50000000) g ORDER BY g DESC) s';

describe('the PGlite worker memory and temporary files', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  async function open(dataDir: string): Promise<{ driver: PgliteDriver; db: Database }> {
    const driver = await PgliteDriver.open({ dataDir, memory: LIMITS });
    const db = new Database(driver);
    cleanups.push(() => db.close());
    return { driver, db };
  }

  function copyOfTemplate(): string {
    const { runDir, pglite } = inject('infrastructure');
    const dataDir = mkdtempSync(path.join(runDir, 'memory-'));
    cpSync(pglite.templateDir, dataDir, { recursive: true });
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    return dataDir;
  }

  it("starts with 32 MB of shared buffers, not the 128 MB of PGlite's configuration, which every start would zero", async () => {
    const { db } = await open('memory://');
    expect((await db.query<{ shared_buffers: string }>('SHOW shared_buffers')).rows).toEqual([{ shared_buffers: '32MB' }]);
  });

  it('gives memory back after a query grew it past the threshold, and keeps the data', async () => {
    const { driver, db } = await open(copyOfTemplate());
    const baseline = driver.heapBytes;
    expect((await db.query<{ length: number }>(GROWING)).rows[0]!.length).toBe(48_000_000);
    expect(driver.heapBytes).toBeLessThan(baseline + 32 * MIB);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM retail.stores')).rows[0]!.n).toBe(4);
  });

  it('answers "out of memory" at the cap instead of growing to 2 GiB, and then serves as before', async () => {
    const { driver, db } = await open(copyOfTemplate());
    const baseline = driver.heapBytes;
    await expect(db.query(TOO_LARGE)).rejects.toMatchObject({ code: 'sql_error', message: expect.stringMatching(/out of memory/) });
    expect(driver.heapBytes).toBeLessThan(baseline + 32 * MIB);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM retail.customers')).rows[0]!.n).toBeGreaterThan(0);
  });

  it('keeps an in-memory database across a recycle, through a snapshot', async () => {
    const { driver, db } = await open('memory://');
    await db.query('CREATE TABLE kept (id int PRIMARY KEY, note text)');
    await db.query("INSERT INTO kept VALUES (1, 'still here')");
    await db.query(GROWING);
    expect(driver.heapBytes).toBeLessThan(LIMITS.recycleAboveMb * MIB);
    expect((await db.query('SELECT note FROM kept')).rows).toEqual([{ note: 'still here' }]);
  });

  it('removes the temporary files a stopped query left behind, so the data directory does not grow', async () => {
    const dataDir = copyOfTemplate();
    const tempDir = path.join(dataDir, 'base', 'pgsql_tmp');
    const { db } = await open(dataDir);
    const error = await db.transaction({ role: 'owner', readOnly: true }, (tx) => tx.query(SPILLING, [], { timeoutMs: 4000 })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QueryTimeoutError);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM retail.stores')).rows[0]!.n).toBe(4);
    expect(readdirSync(tempDir)).toEqual([]);
  });
});
