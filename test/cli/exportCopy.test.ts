import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { loadMigrations } from '../../src/db/migrations/migrationFiles.js';
import { openPostgres } from '../../src/db/openDatabase.js';
import type { DatabasePort } from '../../src/db/port.js';
import { CLI_TIMEOUTS, lines, runCli, scratchDir } from '../support/cli.js';
import { runCommand } from '../support/commandInProcess.js';
import { seededCliDatabase, tableDigests, type CliDatabase } from '../support/cliDatabases.js';
import { EMBED_EVERY_PRODUCT } from '../support/fakeEmbeddings.js';
import { psqlScript, requirePsql } from '../support/psql.js';
import { storeSessionFor } from '../support/storeSessions.js';
import { describeEngines, serverOf } from '../support/seededDatabase.js';
import { postgresUrl } from '../support/testInfrastructure.js';

/** The migrations that need pgvector: they wait on a server without it. */
const VECTOR_MIGRATIONS = ['010', '011'];
const migrationVersions = () => loadMigrations().map((migration) => migration.version);

vi.setConfig(CLI_TIMEOUTS);

/** A superuser that is not `postgres`: an export naming the source's owner would show it. */
const RESTORER = { user: 'zava_restorer', password: 'restorer-secret' };
const EXTRAS = `SELECT (SELECT md5(string_agg(a::text, ',' ORDER BY log_id)) FROM retail.audit_log a) AS audit,
                       (SELECT encode(key_bytes, 'hex') FROM retail_private.context_key) AS context_key,
                       (SELECT last_value FROM retail.product_categories_category_id_seq) AS category_sequence`;

let counter = 0;
async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl(inject('infrastructure').postgres, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** An empty database on the test server, owned by `owner` when given. */
async function emptyDatabase(owner?: string): Promise<{ name: string; drop: () => Promise<void> }> {
  const name = `zava_export_${process.pid}_${++counter}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}${owner ? ` OWNER ${owner}` : ''}`));
  return { name, drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined) };
}

describe('zava-mcp export, restored with psql into the native PostgreSQL', () => {
  let source: CliDatabase;
  let file: string;
  let restored: { name: string; drop: () => Promise<void> };
  let url: string;
  let original: { digests: Record<string, string>; extras: unknown };
  let db: DatabasePort;

  beforeAll(async () => {
    requirePsql();
    source = await seededCliDatabase('pglite');
    await source.withOwner(async (owner) => {
      await owner.query(EMBED_EVERY_PRODUCT);
      await owner.query("UPDATE retail.customers SET phone = '555-0100' WHERE (store_id, customer_id) = (SELECT store_id, customer_id FROM retail.customers ORDER BY 1, 2 LIMIT 1)");
    });
    original = await source.withOwner(async (owner) => ({ digests: await tableDigests(owner), extras: (await owner.query(EXTRAS)).rows[0] }));
    await admin(async (client) => {
      const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [RESTORER.user]);
      if (exists.rowCount === 0) await client.query(`CREATE ROLE ${RESTORER.user} LOGIN SUPERUSER PASSWORD '${RESTORER.password}'`);
    });
    restored = await emptyDatabase(RESTORER.user);
    url = postgresUrl(inject('infrastructure').postgres, restored.name, RESTORER);
    file = path.join(scratchDir('export'), 'zava.sql');
  });
  afterAll(async () => {
    await db?.close();
    await restored?.drop();
    await source?.dispose();
  });

  it('writes a plain SQL file and says what it holds', async () => {
    const run = await runCommand(['export', '--out', file], { env: source.env });
    expect(run.code).toBe(0);
    expect(lines(run.stderr)[0]).toMatch(new RegExp(`^Exported the Zava database at .* to ${file}: 10 tables, [\\d]+ rows, [\\d.]+ (kB|MB)$`));
    expect(readFileSync(file, 'utf8')).toMatch(/^-- Zava Retail database, exported by zava-mcp/);
  });

  it('restores with psql -v ON_ERROR_STOP=1 into an empty database without pgvector, every table as it was, owned by the restoring role', async () => {
    const run = await psqlScript(url, readFileSync(file, 'utf8'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No pgvector 0.8 or newer here');
    db = await openPostgres({ databaseUrl: url, poolSize: 2 });
    expect(await tableDigests(db)).toEqual(original.digests);
    expect((await db.query(EXTRAS)).rows[0]).toEqual(original.extras);
    const roles = await db.query<{ role: string }>("SELECT DISTINCT unnest(roles)::text AS role FROM pg_policies WHERE schemaname = 'retail' ORDER BY 1");
    expect(roles.rows.map((row) => row.role)).toEqual(['mcp_user', RESTORER.user]);
    const owners = await db.query<{ owner: string }>("SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname IN ('retail', 'retail_private')");
    expect(owners.rows).toEqual([{ owner: RESTORER.user }]);
    // The vector migrations wait for pgvector, as they would after zava-mcp migrate.
    const applied = await db.query<{ version: string }>('SELECT version FROM zava_meta.schema_migrations ORDER BY 1');
    expect(applied.rows.map((row) => row.version)).toEqual(migrationVersions().filter((version) => !VECTOR_MIGRATIONS.includes(version)));
  });

  it('keeps the store context and row-level security working for mcp_user', async () => {
    const seattle = await storeSessionFor(db, ['seattle']);
    expect((await seattle.read((tx) => tx.query('SELECT DISTINCT store_id FROM customers'))).rows).toEqual([{ store_id: 'seattle' }]);
  });

  it('refuses to restore into a database that already holds one, and changes nothing', async () => {
    const run = await psqlScript(url, readFileSync(file, 'utf8'));
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('this database already holds a Zava database; restore into an empty one');
    expect(await tableDigests(db)).toEqual(original.digests);
  });
});

describe('zava-mcp copy on the command line', () => {
  let source: CliDatabase;
  let target: { name: string; drop: () => Promise<void> };
  let url: string;

  beforeAll(async () => {
    source = await seededCliDatabase('pglite');
    target = await emptyDatabase();
    url = postgresUrl(inject('infrastructure').postgres, target.name);
  });
  afterAll(async () => {
    await target?.drop();
    await source?.dispose();
  });

  it('copies an embedded database to PostgreSQL and lists each table with its checksum, and what it left out', async () => {
    const run = await runCommand(['copy', '--from', source.env.ZAVA_DATA_DIR!, '--to', url]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const output = lines(run.stdout);
    expect(output[0]).toMatch(/^Copied the Zava database from .* to 127\.0\.0\.1:\d+\/zava_export_\d+_\d+; every table's checksum equals its source's:$/);
    expect(output).toContainEqual(expect.stringMatching(/^ {2}retail\.customers +400 rows {2}[0-9a-f]{32}$/));
    expect(output).toContainEqual(expect.stringMatching(/^ {2}not copied: retail\.product_embeddings \(pgvector 0\.8\+ is not on both sides/));
    // The password of the URL is never printed.
    expect(run.stdout).not.toContain(inject('infrastructure').postgres.password);
  });

  it('refuses to copy over a database that holds data without --force', async () => {
    const run = await runCommand(['copy', '--from', source.env.ZAVA_DATA_DIR!, '--to', url]);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([expect.stringMatching(/^zava-mcp copy: 127\.0\.0\.1:\d+\/zava_export_\d+_\d+ already holds a Zava database \(400 customers, 100 products, 1000 transactions\); pass --force to replace its data$/)]);
  });

  it('refuses memory:// as either side', async () => {
    // Through the binary: the command line's wiring of copy, where no database is opened.
    const run = await runCli(['copy', '--from', 'memory://', '--to', url]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--from memory:\/\/ names no database another process can reach/);
  });
});

describeEngines(['pgvector'], 'zava-mcp export, restored with psql into the native PostgreSQL with pgvector (%s)', (kind) => {
  let source: CliDatabase;
  let target: { url: string; drop: () => Promise<void> };
  let original: Record<string, string>;

  async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: postgresUrl(serverOf(kind), 'postgres') });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    requirePsql();
    source = await seededCliDatabase('pglite');
    await source.withOwner((owner) => owner.query(EMBED_EVERY_PRODUCT));
    original = await source.withOwner(async (owner) => ({ ...(await tableDigests(owner)), embeddings: await embeddingDigest(owner) }));
    const name = `zava_export_vector_${process.pid}`;
    await onServer((client) => client.query(`CREATE DATABASE ${name}`));
    target = { url: postgresUrl(serverOf(kind), name), drop: () => onServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined) };
  });
  afterAll(async () => {
    await target?.drop();
    await source?.dispose();
  });

  it('restores every table, the embeddings and the similarity function, with every migration applied', async () => {
    const file = path.join(scratchDir('export-vector'), 'zava.sql');
    expect((await runCommand(['export', '--out', file], { env: source.env })).code).toBe(0);
    const run = await psqlScript(target.url, readFileSync(file, 'utf8'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const db = await openPostgres({ databaseUrl: target.url, poolSize: 2 });
    try {
      expect({ ...(await tableDigests(db)), embeddings: await embeddingDigest(db) }).toEqual(original);
      const applied = await db.query<{ version: string }>('SELECT version FROM zava_meta.schema_migrations ORDER BY 1');
      expect(applied.rows.map((row) => row.version)).toEqual(migrationVersions());
      const seattle = await storeSessionFor(db, ['seattle']);
      const similar = await seattle.read((tx) =>
        tx.query<{ store_id: string }>(
          'SELECT DISTINCT p.store_id FROM retail.search_products_by_similarity((SELECT embedding FROM product_embeddings LIMIT 1), 0.0, 5) s JOIN products p USING (product_id)',
        ),
      );
      expect(similar.rows).toEqual([{ store_id: 'seattle' }]);
    } finally {
      await db.close();
    }
  });
});

async function embeddingDigest(db: DatabasePort): Promise<string> {
  const { rows } = await db.query<{ digest: string }>("SELECT count(*) || ':' || md5(string_agg(product_id || embedding::text, ',' ORDER BY product_id)) AS digest FROM retail.product_embeddings");
  return rows[0]!.digest;
}
