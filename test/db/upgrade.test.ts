import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { loadMigrations } from '../../src/db/migrations/migrationFiles.js';
import { migrate } from '../../src/db/migrations/migrate.js';
import type { DatabasePort } from '../../src/db/port.js';
import { bulkLoad, datasetBatches } from '../../src/seed/index.js';
import { CLI_TIMEOUTS, lines, runCli } from '../support/cli.js';
import { emptyInitTarget, type InitTarget } from '../support/cliDatabases.js';
import { REPO_ROOT } from '../support/cliFromSources.js';
import { describeEngines, ENGINE_KINDS, ENGINE_TRAITS } from '../support/seededDatabase.js';
import { tableDigests } from '../support/tableDigests.js';
import { TEST_DATASET } from '../support/testInfrastructure.js';
import { withAuditTriggersOff } from '../seed/database.js';

vi.setConfig(CLI_TIMEOUTS);

/** The migrations as first landed: the oldest schema a database in use can have. */
const FIRST_MIGRATIONS = path.join(REPO_ROOT, 'test', 'fixtures', 'schema-07593b7');
const TINY_MODEL = 'zava-upgrade-test';

/** Every row that must survive: the seeded tables' digests, plus embeddings and the audit log. */
async function everyRow(db: DatabasePort, vectors: boolean): Promise<Record<string, string>> {
  const digests = await tableDigests(db);
  const embeddings = await db.query<{ digest: string | null; rows: number }>(
    `SELECT md5(string_agg(${vectors ? "e.product_id::text || e.embedding_model || COALESCE(e.embedding::text, '')" : 'e.product_id::text || e.embedding_model'}, ',' ORDER BY e.store_id, e.embedding_id)) AS digest, count(*)::int AS rows
       FROM retail.product_embeddings e`,
  );
  const audit = await db.query<{ digest: string | null; rows: number }>(
    'SELECT md5(string_agg(a::text, E\'\\n\' ORDER BY a.log_id)) AS digest, count(*)::int AS rows FROM retail.audit_log a',
  );
  return { ...digests, product_embeddings: `${embeddings.rows[0]!.rows}:${embeddings.rows[0]!.digest}`, audit_log: `${audit.rows[0]!.rows}:${audit.rows[0]!.digest}` };
}

describeEngines(ENGINE_KINDS, 'upgrading a database made by the first migrations on %s', (kind) => {
  const vectors = ENGINE_TRAITS[kind].pgvector;
  let target: InitTarget;
  let before: Record<string, string>;

  beforeAll(async () => {
    target = await emptyInitTarget(kind);
    before = await target.withOwner(async (db) => {
      await db.transaction({ role: 'owner' }, async (tx) => {
        await migrate(tx, loadMigrations(FIRST_MIGRATIONS));
        await withAuditTriggersOff(tx, () => bulkLoad(tx, datasetBatches(TEST_DATASET)));
        if (vectors) {
          await tx.query("INSERT INTO retail.embedding_models (embedding_model, provider, dimensions, default_similarity_threshold) VALUES ($1, 'local', 3, 0.25)", [TINY_MODEL]);
          await tx.query(
            `INSERT INTO retail.product_embeddings (store_id, product_id, embedding_text, embedding_model, embedding)
             SELECT store_id, product_id, product_name, $1, format('[%s,%s,1]', length(product_name), category_id)::vector FROM retail.products`,
            [TINY_MODEL],
          );
        }
      });
      // A change with the triggers on, so the audit log has rows to keep.
      await db.query("UPDATE retail.customers SET loyalty_tier = 'gold' WHERE customer_id = (SELECT min(customer_id::text)::uuid FROM retail.customers)");
      return everyRow(db, vectors);
    });
  });
  afterAll(async () => target?.dispose());

  it('starts from the first migrations with rows in every table', async () => {
    const applied = await target.withOwner(async (db) => (await db.query<{ version: string }>('SELECT version FROM zava_meta.schema_migrations ORDER BY 1')).rows.map((row) => row.version));
    expect(applied).toEqual(vectors ? ['001', '002', '003', '004', '005', '006', '007', '008', '009', '010'] : ['001', '002', '003', '004', '005', '006', '007', '008', '009']);
    for (const table of ['customers', 'products', 'sales_transactions', 'sales_transaction_items', 'audit_log']) expect(Number(before[table]!.split(':')[0]), table).toBeGreaterThan(0);
    if (vectors) expect(Number(before.product_embeddings!.split(':')[0])).toBeGreaterThan(0);
  });

  it('upgrades with zava-mcp migrate to every current migration, losing no row', async () => {
    const run = await runCli(['migrate', ...target.args]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(lines(run.stdout)[0]).toMatch(/^applied: /);
    expect(await target.withOwner((db) => everyRow(db, vectors))).toEqual(before);
    const recorded = await target.withOwner(async (db) => (await db.query<{ version: string; checksum: string }>('SELECT version, checksum FROM zava_meta.schema_migrations ORDER BY 1')).rows);
    const current = loadMigrations().filter((migration) => vectors || migration.requires.length === 0);
    expect(recorded).toEqual(current.map((migration) => ({ version: migration.version, checksum: migration.checksum })));
  });

  it('is then up to date, and a second migrate changes nothing', async () => {
    const run = await runCli(['migrate', ...target.args]);
    expect(run.code).toBe(0);
    expect(lines(run.stdout)[0]).toBe('schema is up to date');
    expect(await target.withOwner((db) => everyRow(db, vectors))).toEqual(before);
  });
});
