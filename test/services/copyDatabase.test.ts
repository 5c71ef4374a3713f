import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPglite, openPostgres } from '../../src/db/openDatabase.js';
import type { DatabasePort } from '../../src/db/port.js';
import { isZavaError } from '../../src/errors.js';
import { copyDatabase } from '../../src/services/transfer/copyDatabase.js';
import { tableDigests } from '../support/tableDigests.js';
import { EMBED_EVERY_PRODUCT } from '../support/fakeEmbeddings.js';
import { cloneSeededDatabase, type SeededDatabase } from '../support/seededDatabase.js';
import { storeSessionFor } from '../support/storeSessions.js';
import { postgresUrl } from '../support/testInfrastructure.js';

const ROLE = { tempFileLimitMb: 256 };
/** What the seeded-table digests leave out: the audit log, the signing key, the sequence. */
const EXTRAS = `SELECT (SELECT md5(string_agg(a::text, ',' ORDER BY log_id)) FROM retail.audit_log a) AS audit,
                       (SELECT encode(key_bytes, 'hex') FROM retail_private.context_key) AS context_key,
                       (SELECT last_value FROM retail.product_categories_category_id_seq) AS category_sequence`;

async function extras(db: DatabasePort): Promise<Record<string, unknown>> {
  return (await db.query(EXTRAS)).rows[0]!;
}

let counter = 0;
/** A new, empty database on the test server, and its URL. */
async function emptyPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const info = inject('infrastructure');
  const name = `zava_copy_${process.pid}_${++counter}`;
  const admin = new pg.Client({ connectionString: postgresUrl(info.postgres, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: postgresUrl(info.postgres, name),
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: postgresUrl(info.postgres, 'postgres') });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

describe('copying a Zava database from PGlite to PostgreSQL and back to a new PGlite directory', () => {
  let source: SeededDatabase;
  let target: { url: string; drop: () => Promise<void> };
  let postgres: DatabasePort;
  let original: { digests: Record<string, string>; extras: Record<string, unknown> };

  beforeAll(async () => {
    source = await cloneSeededDatabase('pglite');
    await source.db.query(EMBED_EVERY_PRODUCT);
    // One audited change, so that the audit log has a row to carry.
    await source.db.query("UPDATE retail.customers SET phone = '555-0100' WHERE (store_id, customer_id) = (SELECT store_id, customer_id FROM retail.customers WHERE store_id = 'seattle' ORDER BY customer_id LIMIT 1)");
    original = { digests: await tableDigests(source.db), extras: await extras(source.db) };
    target = await emptyPostgres();
    postgres = await openPostgres({ databaseUrl: target.url, poolSize: 2 });
  }, 300_000);
  afterAll(async () => {
    await postgres?.close();
    await target?.drop();
    await source?.dispose();
  });

  it('migrates the PostgreSQL target and copies every table, checksums equal; product vectors stay behind where there is no pgvector', async () => {
    const report = await copyDatabase(source.db, postgres, { force: false, role: ROLE });
    expect(report.migrations.applied[0]).toBe('001_extensions');
    expect(report.skipped.map((skipped) => skipped.name)).toEqual(['retail.embedding_models', 'retail.product_embeddings']);
    expect(report.tables.map((table) => table.name)).toEqual(expect.arrayContaining(['retail.customers', 'retail.audit_log', 'retail_private.context_key']));
    expect(await tableDigests(postgres)).toEqual(original.digests);
    expect(await extras(postgres)).toEqual(original.extras);
    // The copied signing key and policies work: a store session sees its store only.
    const seattle = await storeSessionFor(postgres, ['seattle']);
    expect((await seattle.read((tx) => tx.query('SELECT DISTINCT store_id FROM customers'))).rows).toEqual([{ store_id: 'seattle' }]);
  });

  it('refuses to copy over a target that holds data, and replaces it with force', async () => {
    const refused = await copyDatabase(source.db, postgres, { force: false, role: ROLE }).catch((error: unknown) => error);
    expect(isZavaError(refused) && refused.code).toBe('database_exists');
    expect((refused as Error).message).toMatch(/already holds a Zava database .*pass --force/);
    await postgres.query("DELETE FROM retail.sales_transaction_items WHERE store_id = 'online'");
    await copyDatabase(source.db, postgres, { force: true, role: ROLE });
    expect(await tableDigests(postgres)).toEqual(original.digests);
  });

  it('copies the PostgreSQL database into a new PGlite directory with every checksum equal to the original', async () => {
    const dataDir = path.join(mkdtempSync(path.join(inject('infrastructure').runDir, 'copy-')), 'pgdata');
    const back = await openPglite({ dataDir });
    try {
      const report = await copyDatabase(postgres, back, { force: false, role: ROLE });
      expect(report.skipped.map((skipped) => skipped.name)).toEqual(['retail.product_embeddings']);
      expect(await tableDigests(back)).toEqual(original.digests);
      expect(await extras(back)).toEqual(original.extras);
      // The vector migrations ran on PGlite; its embeddings wait for `embed`.
      expect((await back.query('SELECT count(*)::int AS n FROM retail.product_embeddings')).rows).toEqual([{ n: 0 }]);
    } finally {
      await back.close();
    }
  });

  it('writes nothing when the copy cannot be made: a source column the target schema lacks is named', async () => {
    const other = await emptyPostgres();
    const db = await openPostgres({ databaseUrl: other.url, poolSize: 2 });
    await source.db.query('ALTER TABLE retail.stores ADD COLUMN manager text');
    try {
      const failed = await copyDatabase(source.db, db, { force: false, role: ROLE }).catch((error: unknown) => error);
      expect((failed as Error).message).toMatch(/retail\.stores has no column manager/);
      expect((await db.query("SELECT to_regnamespace('retail') IS NULL AND to_regnamespace('zava_meta') IS NULL AS untouched")).rows).toEqual([{ untouched: true }]);
    } finally {
      await source.db.query('ALTER TABLE retail.stores DROP COLUMN manager');
      await db.close();
      await other.drop();
    }
  });
});
