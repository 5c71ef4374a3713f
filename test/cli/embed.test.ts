import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateDataset } from '../../src/seed/index.js';
import { TINY_MODEL_NAME, tinyModelDir } from '../embeddings/helpers/tinyModel.js';
import { TEST_DATASET } from '../support/testInfrastructure.js';
import { CLI_TIMEOUTS, lines, runCli, scratchDir, STACK_FRAME } from '../support/cli.js';
import { countRows, seededCliDatabase, type CliDatabase } from '../support/cliDatabases.js';
import { describeEngines, PGVECTOR_ENGINES } from '../support/seededDatabase.js';

vi.setConfig(CLI_TIMEOUTS);

const EMBEDDINGS = 'SELECT count(*) AS n FROM retail.product_embeddings WHERE embedding_model = $1 AND embedding IS NOT NULL';

/** A ready local provider: the tiny test model, loaded offline from its directory. */
async function tinyModelEnv(): Promise<Record<string, string>> {
  return { ZAVA_EMBEDDINGS: 'local', ZAVA_LOCAL_MODEL: TINY_MODEL_NAME, ZAVA_MODEL_DIR: await tinyModelDir() };
}

function embeddedCounts(stdout: string): { embedded: number; current: number } {
  const match = /embedded (\d+) products, (\d+) already current/.exec(stdout);
  if (!match) throw new Error(`no embedding summary in: ${stdout}`);
  return { embedded: Number(match[1]), current: Number(match[2]) };
}

describeEngines(PGVECTOR_ENGINES, 'zava-mcp embed on %s with the tiny local model', (kind) => {
  let database: CliDatabase;
  let env: Record<string, string>;
  // The seeded database holds TEST_DATASET: its products are known without opening it.
  const products = generateDataset(TEST_DATASET).products.length;
  beforeAll(async () => {
    [database, env] = await Promise.all([seededCliDatabase(kind), tinyModelEnv()]);
  });
  afterAll(async () => database?.dispose());

  const embed = () => runCli(['embed'], { env: { ...database.env, ...env } });

  // The three runs build on each other, in order: all, then none, then the one changed product.
  it('embeds every product on the first run', async () => {
    const run = await embed();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${TINY_MODEL_NAME} (32 dimensions)`);
    expect(embeddedCounts(run.stdout)).toEqual({ embedded: products, current: 0 });
    expect(await database.withOwner((db) => countRows(db, EMBEDDINGS, [TINY_MODEL_NAME]))).toBe(products);
  });

  it('embeds nothing on a second run: every embedding is already current', async () => {
    const run = await embed();
    expect(run.code).toBe(0);
    expect(embeddedCounts(run.stdout)).toEqual({ embedded: 0, current: products });
  });

  it('embeds exactly the one product whose description the owner changed', async () => {
    const changed = await database.withOwner(async (db) => {
      const { rows } = await db.query<{ store_id: string; product_id: string }>(
        "UPDATE retail.products SET product_description = product_description || ' Now fully waterproof.' WHERE (store_id, product_id) = (SELECT store_id, product_id FROM retail.products ORDER BY store_id, product_id LIMIT 1) RETURNING store_id, product_id",
      );
      return rows[0]!;
    });
    const run = await embed();
    expect(run.code).toBe(0);
    expect(embeddedCounts(run.stdout)).toEqual({ embedded: 1, current: products - 1 });
    const text = await database.withOwner(async (db) => {
      const { rows } = await db.query<{ embedding_text: string }>(
        'SELECT embedding_text FROM retail.product_embeddings WHERE store_id = $1 AND product_id = $2 AND embedding_model = $3',
        [changed.store_id, changed.product_id, TINY_MODEL_NAME],
      );
      return rows[0]?.embedding_text;
    });
    expect(text).toContain('Now fully waterproof.');
  });
});

describe('zava-mcp embed refusals', () => {
  let postgres: CliDatabase;
  beforeAll(async () => {
    postgres = await seededCliDatabase('postgres');
  });
  afterAll(async () => postgres?.dispose());

  it('says embeddings are turned off with ZAVA_EMBEDDINGS=none, in one line, with a non-zero exit, before opening any database', async () => {
    const dataDir = path.join(scratchDir('embed-none'), 'pgdata');
    const run = await runCli(['embed'], { env: { ZAVA_DATA_DIR: dataDir, ZAVA_EMBEDDINGS: 'none' } });
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toContain('ZAVA_EMBEDDINGS=none');
    expect(run.code).not.toBe(0);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('says pgvector is missing on a native PostgreSQL without it, even with a ready model', async () => {
    const run = await runCli(['embed'], { env: { ...postgres.env, ...(await tinyModelEnv()) } });
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toContain('pgvector is not installed');
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.code).not.toBe(0);
  });
});
