import { openPglite } from '../../src/db/openDatabase.js';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '../../src/db/migrations/migrate.js';
import type { DatabasePort } from '../../src/db/port.js';
import { embeddingIndexName } from '../../src/search/embeddingIndexName.js';
import { BUILT_IN_STORES, CLUSTERS, NOISE, syntheticStoreIds, type BenchConfig } from './config.js';
import { Rng } from './random.js';
import type { FreshDatabase } from '../support/engines.js';
import { elapsedMs } from '../support/stats.js';
import { clusterSpace, sampleVector, storedVectorText, type ClusterSpace } from './vectors.js';

export interface LoadTimings {
  openMs: number;
  migrateMs: number;
  loadMs: number;
  indexBuildMs: number;
}

export interface LoadedDataset {
  db: DatabasePort;
  config: BenchConfig;
  model: string;
  indexName: string;
  space: ClusterSpace;
  storeIds: string[];
  /** Products per store: fewest and most. */
  storeSizes: { min: number; max: number };
  timings: LoadTimings;
  sizes: { tableBytes: number; toastBytes: number; indexBytes: number };
  close(): Promise<void>;
}

export interface LoadOptions {
  seed: number;
  /** A fresh database of another engine (the native PostgreSQL with pgvector); PGlite when absent. */
  open?: () => Promise<FreshDatabase>;
  /** `memory`: memory://; `disk`: a temporary data directory (as the app uses). */
  storage: 'memory' | 'disk';
  log: (message: string) => void;
  /** maintenance_work_mem for the index build (SET LOCAL); undefined: the session's default, as the app builds. */
  buildMemory?: string;
}

const PRODUCTS_SQL = `
INSERT INTO retail.products (store_id, product_id, sku, product_name, price)
SELECT u.store_id, u.product_id, u.sku, u.product_name, 10.00
  FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[]) AS u(store_id, product_id, sku, product_name)`;

const EMBEDDINGS_SQL = `
INSERT INTO retail.product_embeddings (store_id, product_id, embedding_text, embedding_model, embedding)
SELECT u.store_id, u.product_id, 'synthetic', $3, u.embedding::vector
  FROM unnest($1::text[], $2::uuid[], $4::text[]) AS u(store_id, product_id, embedding)`;

/** Deterministic, well-formed (version 4 shaped) product ids: the index in the last group. */
function productId(index: number): string {
  return `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

/** Rows per INSERT: about 0.75 M vector components per statement (2,000 rows at 384 dimensions, 500 at 1536). */
function rowsPerStatement(dimensions: number): number {
  return Math.max(200, Math.floor(768_000 / dimensions));
}

/**
 * VACUUM (ANALYZE) of the loaded tables, as `zava-mcp maintenance` does. Until it
 * runs, product_embeddings has no statistics (PGlite has no autovacuum, and the
 * app's embed command does not analyse), which changes the planner's choices.
 */
export async function analyzeDataset(dataset: LoadedDataset): Promise<number> {
  const started = performance.now();
  await dataset.db.query('VACUUM (ANALYZE) retail.stores, retail.products, retail.product_embeddings');
  return elapsedMs(started);
}

/**
 * Drops the model's HNSW index and builds it again through ensure_embedding_index
 * with `maintenanceWorkMem`; returns the build time. For comparison only.
 */
export async function rebuildIndex(dataset: LoadedDataset, maintenanceWorkMem: string): Promise<number> {
  await dataset.db.query(`DROP INDEX retail.${JSON.stringify(dataset.indexName)}`);
  const started = performance.now();
  await dataset.db.transaction({ role: 'owner' }, async (tx) => {
    await tx.query("SELECT set_config('maintenance_work_mem', $1, true)", [maintenanceWorkMem]);
    await tx.query('SELECT retail_private.ensure_embedding_index($1, $2, $3)', [dataset.model, dataset.config.dimensions, dataset.indexName]);
  });
  return elapsedMs(started);
}

/** The session's maintenance_work_mem in bytes. */
export async function maintenanceWorkMemBytes(db: DatabasePort): Promise<number> {
  const row = (await db.query<{ bytes: number }>("SELECT setting::float8 * 1024 AS bytes FROM pg_settings WHERE name = 'maintenance_work_mem'")).rows[0];
  return row?.bytes ?? 64 * 2 ** 20;
}

export function syntheticModelName(dimensions: number): string {
  return `zava-bench/synthetic-clustered-${dimensions}`;
}

/** A fresh PGlite, on disk or in memory, thrown away on dispose. */
async function freshPglite(storage: LoadOptions['storage']): Promise<FreshDatabase> {
  const dataDir = storage === 'memory' ? 'memory://' : mkdtempSync(path.join(os.tmpdir(), 'zava-bench-search-'));
  const cleanup = () => {
    if (storage === 'disk') rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const db = await openPglite({ dataDir });
    return {
      db,
      cliArgs: ['--data-dir', dataDir],
      dispose: async () => {
        try {
          await db.close();
        } finally {
          cleanup();
        }
      },
    };
  } catch (error) {
    cleanup();
    throw error;
  }
}

/**
 * A fresh database with every migration applied, the configuration's stores, and
 * its products and vectors bulk-loaded; the model's partial HNSW index is created
 * after the load (as a bulk load would), by the app's own ensure_embedding_index.
 */
export async function loadDataset(config: BenchConfig, options: LoadOptions): Promise<LoadedDataset> {
  let started = performance.now();
  const fresh = await (options.open ?? (() => freshPglite(options.storage)))();
  const { db } = fresh;
  try {
    const openMs = elapsedMs(started);
    started = performance.now();
    await db.transaction({ role: 'owner' }, (tx) => migrate(tx));
    const migrateMs = elapsedMs(started);

    const storeIds = config.stores === BUILT_IN_STORES.length ? [...BUILT_IN_STORES] : syntheticStoreIds(config.stores);
    if (config.stores !== BUILT_IN_STORES.length) {
      await db.query(
        `INSERT INTO retail.stores (store_id, store_name, store_location, store_type, region)
         SELECT id, 'Zava Bench ' || id, 'Synthetic', 'standard', 'bench' FROM unnest($1::text[]) AS id`,
        [storeIds],
      );
    }

    const model = syntheticModelName(config.dimensions);
    const indexName = embeddingIndexName(model);
    await db.query(
      'INSERT INTO retail.embedding_models (embedding_model, provider, dimensions, default_similarity_threshold, index_name) VALUES ($1, $2, $3, $4, $5)',
      [model, 'synthetic', config.dimensions, 0.25, indexName],
    );

    // Separate streams: the vectors are the same whatever the number of stores.
    const rng = new Rng(options.seed);
    const storeRng = new Rng(options.seed + 1);
    const space = clusterSpace(rng, config.dimensions, CLUSTERS, NOISE);
    const perStore = new Map<string, number>(storeIds.map((id) => [id, 0]));

    options.log(`  loading ${config.products} products, then their ${config.dimensions}-d vectors`);
    started = performance.now();
    // A bulk load: the audit trigger writes one audit row per product otherwise.
    await db.query('ALTER TABLE retail.products DISABLE TRIGGER products_audit_trigger');
    const productStores: string[] = [];
    const productBatch = 5000;
    for (let start = 0; start < config.products; start += productBatch) {
      const ids: string[] = [];
      const stores: string[] = [];
      for (let i = start; i < Math.min(config.products, start + productBatch); i++) {
        const store = storeRng.pick(storeIds);
        perStore.set(store, (perStore.get(store) ?? 0) + 1);
        productStores.push(store);
        stores.push(store);
        ids.push(productId(i));
      }
      await db.query(PRODUCTS_SQL, [stores, ids, ids.map((_, k) => `BENCH-${String(start + k).padStart(6, '0')}`), ids.map((_, k) => `Synthetic product ${start + k}`)]);
    }
    await db.query('ALTER TABLE retail.products ENABLE TRIGGER products_audit_trigger');
    // As `zava-mcp init` does after loading. Without it the foreign-key checks of the
    // embeddings below keep a plan made while products looked empty (PGlite has one
    // backend for its whole life) and scan products for every row: quadratic.
    await db.query('ANALYZE retail.products');
    const batch = rowsPerStatement(config.dimensions);
    for (let start = 0; start < config.products; start += batch) {
      const count = Math.min(batch, config.products - start);
      const ids: string[] = [];
      const vectors: string[] = [];
      for (let i = start; i < start + count; i++) {
        ids.push(productId(i));
        vectors.push(storedVectorText(sampleVector(rng, space)));
      }
      await db.query(EMBEDDINGS_SQL, [productStores.slice(start, start + count), ids, model, vectors]);
      const done = start + count;
      if (done < config.products && Math.floor((done * 4) / config.products) > Math.floor((start * 4) / config.products)) {
        options.log(`  ${done}/${config.products} vectors loaded`);
      }
    }
    const loadMs = elapsedMs(started);

    options.log(`  building the HNSW index ${indexName}`);
    started = performance.now();
    await db.transaction({ role: 'owner' }, async (tx) => {
      if (options.buildMemory) await tx.query("SELECT set_config('maintenance_work_mem', $1, true)", [options.buildMemory]);
      await tx.query('SELECT retail_private.ensure_embedding_index($1, $2, $3)', [model, config.dimensions, indexName]);
    });
    const indexBuildMs = elapsedMs(started);

    const sizes = (
      await db.query<{ table_bytes: number; toast_bytes: number; index_bytes: number }>(
        `SELECT pg_relation_size('retail.product_embeddings')::float8 AS table_bytes,
                COALESCE(pg_total_relation_size(NULLIF(c.reltoastrelid, 0)), 0)::float8 AS toast_bytes,
                pg_relation_size(format('retail.%I', $1::text)::regclass)::float8 AS index_bytes
           FROM pg_class c WHERE c.oid = 'retail.product_embeddings'::regclass`,
        [indexName],
      )
    ).rows[0]!;

    const counts = [...perStore.values()];
    return {
      db,
      config,
      model,
      indexName,
      space,
      storeIds,
      storeSizes: { min: Math.min(...counts), max: Math.max(...counts) },
      timings: { openMs, migrateMs, loadMs, indexBuildMs },
      sizes: { tableBytes: sizes.table_bytes, toastBytes: sizes.toast_bytes, indexBytes: sizes.index_bytes },
      async close() {
        try {
          await fresh.dispose();
        } catch (error) {
          // A PGlite worker is terminated even when close() throws; the numbers are already taken.
          options.log(`  closing the database failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      },
    };
  } catch (error) {
    await fresh.dispose().catch(() => undefined);
    throw error;
  }
}
