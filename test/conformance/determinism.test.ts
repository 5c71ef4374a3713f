import { openPglite, openPostgres } from '../../src/db/openDatabase.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { initialiseDatabase } from '../../src/services/initialiseDatabase.js';
import { cloneSeededDatabase, unavailableReason, type SeededDatabase } from '../support/seededDatabase.js';
import { tableDigests } from '../support/tableDigests.js';
import { postgresUrl, TEST_DATASET } from '../support/testInfrastructure.js';

describe('deterministic sample data', () => {
  let pglite: SeededDatabase;
  let postgres: SeededDatabase;
  beforeAll(async () => {
    [pglite, postgres] = await Promise.all([cloneSeededDatabase('pglite'), cloneSeededDatabase('postgres')]);
  });
  afterAll(async () => {
    await Promise.all([pglite?.dispose(), postgres?.dispose()]);
  });

  it('gives byte-identical data on PGlite and on a native PostgreSQL for the same arguments', async () => {
    const [left, right] = await Promise.all([tableDigests(pglite.db), tableDigests(postgres.db)]);
    expect(left).toEqual(right);
    expect(Number(left.customers!.split(':')[0])).toBeGreaterThan(0);
  });

  const pgvectorMissing = unavailableReason('pgvector');
  it.skipIf(pgvectorMissing !== undefined)(`gives the same bytes on the native PostgreSQL with pgvector${pgvectorMissing ? ` (NOT RUN: ${pgvectorMissing})` : ''}`, async () => {
    const pgvector = await cloneSeededDatabase('pgvector');
    try {
      expect(await tableDigests(pgvector.db)).toEqual(await tableDigests(postgres.db));
    } finally {
      await pgvector.dispose();
    }
  });

  it('gives identical data on a second init with the same seed (PGlite)', async () => {
    const second = await openPglite({ dataDir: 'memory://' });
    try {
      await initialiseDatabase(second, { ...TEST_DATASET, force: false });
      expect(await tableDigests(second)).toEqual(await tableDigests(pglite.db));
    } finally {
      await second.close();
    }
  });

  it('gives identical data on a second init with the same seed (native), and different data for another seed', async () => {
    const info = inject('infrastructure');
    const admin = new pg.Client({ connectionString: postgresUrl(info.postgres, 'postgres') });
    await admin.connect();
    const names = [`zava_det_${process.pid}_a`, `zava_det_${process.pid}_b`];
    for (const name of names) await admin.query(`CREATE DATABASE ${name}`);
    try {
      const digests = [];
      for (const [index, name] of names.entries()) {
        const db = await openPostgres({ databaseUrl: postgresUrl(info.postgres, name), poolSize: 2 });
        try {
          await initialiseDatabase(db, { ...TEST_DATASET, seed: index === 0 ? TEST_DATASET.seed : TEST_DATASET.seed + 1, force: false });
          digests.push(await tableDigests(db));
        } finally {
          await db.close();
        }
      }
      expect(digests[0]).toEqual(await tableDigests(postgres.db));
      expect(digests[1]!.customers).not.toEqual(digests[0]!.customers);
    } finally {
      for (const name of names) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
