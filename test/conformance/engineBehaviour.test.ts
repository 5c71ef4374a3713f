import { expect, it } from 'vitest';
import { checkMigrations, migrate } from '../../src/db/migrations/migrate.js';
import { loadMigrations } from '../../src/db/migrations/migrationFiles.js';
import { QueryTimeoutError, SqlExecutionError } from '../../src/errors.js';
import { describeEngines, ENGINE_KINDS, ENGINE_TRAITS, useSeededDatabase } from '../support/seededDatabase.js';

const VALUES_SQL = `
SELECT 1::int2 AS small, 2::int4 AS regular, 3::int8 AS big, 12.50::numeric(10,2) AS money, 0.25::float8 AS ratio,
       true AS flag, 'text'::varchar AS label, DATE '2025-03-04' AS day,
       TIMESTAMPTZ '2025-03-04 05:06:07+00' AS moment, ARRAY['a','b']::text[] AS tags,
       '{"k": [1, 2]}'::jsonb AS doc, '7f0e9c1a-6a53-4d1e-9c36-1a2b3c4d5e6f'::uuid AS id, NULL::text AS nothing,
       count(*) AS counted FROM (VALUES (1), (2)) v(x)`;

describeEngines(ENGINE_KINDS, 'engine behaviour on %s', (kind) => {
  const database = useSeededDatabase(kind);

  it('returns the same JavaScript values for the same query', async () => {
    const { rows } = await database.db.query(VALUES_SQL);
    expect(rows[0]).toEqual({
      small: 1,
      regular: 2,
      big: 3,
      money: 12.5,
      ratio: 0.25,
      flag: true,
      label: 'text',
      day: '2025-03-04',
      moment: new Date('2025-03-04T05:06:07Z'),
      tags: ['a', 'b'],
      doc: { k: [1, 2] },
      id: '7f0e9c1a-6a53-4d1e-9c36-1a2b3c4d5e6f',
      nothing: null,
      counted: 2,
    });
  });

  it('runs exactly one statement per query call', async () => {
    await expect(database.db.query('SELECT 1; SELECT 2')).rejects.toThrow(/multiple commands|cannot insert multiple/);
  });

  it('reports a SQL error with its SQLSTATE and position', async () => {
    const error = await database.db.query('SELECT no_such_column FROM retail.stores').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SqlExecutionError);
    expect(error).toMatchObject({ sqlState: '42703', position: 8 });
  });

  it('cancels a statement that outlives its timeout and keeps serving', async () => {
    const started = Date.now();
    const error = await database.db
      .transaction({ role: 'owner', readOnly: true }, (tx) => tx.query('SELECT count(*) FROM generate_series(1, 400000000)', [], { timeoutMs: 300 }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QueryTimeoutError);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect((await database.db.query<{ count: number }>('SELECT count(*) FROM retail.stores')).rows[0]!.count).toBe(4);
  });

  it('rolls a failed transaction back completely', async () => {
    await expect(
      database.db.transaction({ role: 'owner' }, async (tx) => {
        await tx.query("UPDATE retail.stores SET store_name = 'changed' WHERE store_id = 'seattle'");
        await tx.query('SELECT 1 / 0');
      }),
    ).rejects.toThrow(/division by zero/);
    expect((await database.db.query<{ store_name: string }>("SELECT store_name FROM retail.stores WHERE store_id = 'seattle'")).rows[0]!.store_name).toBe('Zava Retail Seattle');
  });

  it('re-runs migrations as a no-op, and refuses an applied migration that changed', async () => {
    const again = await database.db.transaction({ role: 'owner' }, (tx) => migrate(tx));
    expect(again.applied).toEqual([]);
    expect(again.waiting).toEqual(ENGINE_TRAITS[kind].pgvector ? [] : ['010_vector (needs vector 0.8 or newer)', '011_similarity_ef_search (needs vector 0.8 or newer)']);
    const edited = loadMigrations().map((migration) => (migration.version === '003' ? { ...migration, checksum: 'edited' } : migration));
    await expect(database.db.transaction({ role: 'owner' }, (tx) => migrate(tx, edited))).rejects.toThrow(/003_tables changed after it was applied/);
  });

  it('refuses to migrate or start when an applied migration has no file, naming it', async () => {
    const withoutLast = loadMigrations().filter((migration) => migration.version !== '009');
    const expected = /records migration 009_monitoring as applied, but this zava-mcp has no such file/;
    await expect(database.db.transaction({ role: 'owner' }, (tx) => migrate(tx, withoutLast))).rejects.toMatchObject({ code: 'migration_failed', message: expect.stringMatching(expected) });
    await expect(checkMigrations(database.db, withoutLast)).rejects.toMatchObject({ code: 'migration_failed', message: expect.stringMatching(expected) });
  });
});
