import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectCapabilities, type DatabaseCapabilities } from '../../src/db/capabilities.js';
import { createEmbeddingProvider } from '../../src/embeddings/factory.js';
import type { EmbeddingProvider, ProviderOutcome } from '../../src/embeddings/provider.js';
import { searchProducts, type SearchContext } from '../../src/search/productSearch.js';
import { NEAREST_EXACT_SQL, nearestByIndexSql } from '../../src/search/searchQueries.js';
import { findSimilarProducts } from '../../src/search/similarProducts.js';
import { toVectorLiteral } from '../../src/search/vectorLiteral.js';
import { embedProducts } from '../../src/services/embedProducts.js';
import { StoreSessions } from '../../src/tenant/storeSessions.js';
import { withStoreContext } from '../../src/tenant/withStoreContext.js';
import { storeSessionFor } from '../support/storeSessions.js';
import { tinyModelSettings } from '../embeddings/helpers/tinyModel.js';
import { describeEngines, PGVECTOR_ENGINES, useSeededDatabase } from '../support/seededDatabase.js';

const STORES = ['bellevue', 'online', 'redmond', 'seattle'];const TIMEOUT_MS = 10_000;

describeEngines(PGVECTOR_ENGINES, 'semantic product search on %s with the tiny test model', (kind) => {
  const database = useSeededDatabase(kind);
  let provider: EmbeddingProvider;
  let ready: ProviderOutcome;
  let capabilities: DatabaseCapabilities;
  const productsPerStore = new Map<string, number>();

  let sessions: StoreSessions;
  const context = (storeIds: string[], embeddings: ProviderOutcome = ready): SearchContext => ({
    session: sessions.forStores([...storeIds].sort()),
    embeddings,
    capabilities,
  });

  beforeAll(async () => {
    ready = await createEmbeddingProvider(await tinyModelSettings());
    if (ready.status !== 'ready') throw new Error(`tiny model unavailable: ${JSON.stringify(ready)}`);
    provider = ready.provider;
    capabilities = await detectCapabilities(database.db);
    sessions = await StoreSessions.open(database.db, { statementTimeoutMs: TIMEOUT_MS, tempFileLimitMb: 256 });
    const { rows } = await database.db.query<{ store_id: string; count: number }>('SELECT store_id, count(*) FROM retail.products WHERE is_active GROUP BY 1');
    for (const row of rows) productsPerStore.set(row.store_id, row.count);
  });
  afterAll(async () => {
    await provider?.close?.();
  });

  it('embeds every product once, then only products whose text changed', async () => {
    const products = (await database.db.query<{ count: number }>('SELECT count(*) FROM retail.products')).rows[0]!.count;
    const first = await embedProducts(database.db, provider);
    expect(first).toMatchObject({ model: 'zava-tiny-bert', dimensions: 32, embedded: products, unchanged: 0 });
    expect((await embedProducts(database.db, provider)).embedded).toBe(0);
    await database.db.query(
      "UPDATE retail.products SET product_description = product_description || ' Now with a lifetime warranty.' WHERE product_id = (SELECT min(product_id::text)::uuid FROM retail.products)",
    );
    expect(await embedProducts(database.db, provider)).toMatchObject({ embedded: 1, unchanged: products - 1 });
  });

  it('can answer the store-filtered search itself from the HNSW index of the model', async () => {
    const vector = toVectorLiteral((await provider.embed(['insulated cooler']))[0]!);
    const plan = await withStoreContext(database.db, ['seattle'], async (tx) => {
      // After ANALYZE a 30-row store is cheaper to sort than to walk a graph, so the
      // planner must be kept from sorting to show that the index matches the query shape.
      await tx.query("SELECT set_config('enable_seqscan', 'off', true), set_config('enable_sort', 'off', true)");
      const { rows } = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${nearestByIndexSql(32)}`, [vector, 'zava-tiny-bert', 40]);
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/Index Scan using idx_product_embeddings_vector_\w+ on product_embeddings/);
  });

  it('registers the model and builds an HNSW index whose shape matches the ordering by that model', async () => {
    const model = (await database.db.query<{ dimensions: number; index_name: string }>("SELECT dimensions, index_name FROM retail.embedding_models WHERE embedding_model = 'zava-tiny-bert'")).rows[0];
    expect(model?.dimensions).toBe(32);
    const vector = toVectorLiteral((await provider.embed(['insulated cooler']))[0]!);
    const plan = await withStoreContext(database.db, ['seattle'], async (tx) => {
      // After ANALYZE a 30-row store is cheaper to sort than to walk a graph, so the
      // planner must be kept from sorting to show that the index matches the query shape.
      await tx.query("SELECT set_config('enable_seqscan', 'off', true), set_config('enable_sort', 'off', true)");
      const { rows } = await tx.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT product_id FROM product_embeddings pe WHERE pe.embedding_model = 'zava-tiny-bert'
          ORDER BY pe.embedding::vector(32) <=> $1::vector(32) LIMIT 10`,
        [vector],
      );
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain(`Index Scan using ${model!.index_name}`);
  });

  it('finds products by meaning and says which method found each one', async () => {
    const result = await searchProducts(context(['seattle']), { query: 'something to keep drinks cold on a camping trip', maxRows: 5, mode: 'hybrid' });
    expect(result.semantic).toMatchObject({ used: true, model: 'zava-tiny-bert' });
    expect(result.methods).toEqual(['semantic', 'full_text', 'trigram']);
    expect(result.results).toHaveLength(5);
    expect(result.results.slice(0, 3).map((match) => match.product_name).join(' ')).toMatch(/cooler|bottle|flask|tumbler/i);
    for (const match of result.results) {
      expect(match.matched_by.length).toBeGreaterThan(0);
      for (const method of match.matched_by) expect(match.scores[method]).toEqual(expect.any(Number));
    }
    expect(result.note).toBeUndefined();
  });

  it('returns max_rows rows for every store, the same ones an exact search returns', async () => {
    const queryVector = toVectorLiteral((await provider.embed(['wireless headphones for travel']))[0]!);
    for (const store of STORES) {
      const wanted = Math.min(10, productsPerStore.get(store)!);
      const result = await searchProducts(context([store]), { query: 'wireless headphones for travel', maxRows: wanted, similarityThreshold: -1, mode: 'semantic' });
      expect(result.results, store).toHaveLength(wanted);
      expect(new Set(result.results.map((match) => match.store_id))).toEqual(new Set([store]));
      const exact = await withStoreContext(database.db, [store], (tx) => tx.query<{ product_id: string }>(NEAREST_EXACT_SQL, [queryVector, 'zava-tiny-bert', wanted]));
      const approximate = new Set(result.results.map((match) => match.product_id));
      const overlap = exact.rows.filter((row) => approximate.has(row.product_id)).length / wanted;
      expect(overlap, store).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('never returns a product of a store outside the binding', async () => {
    for (const binding of [['seattle'], ['bellevue', 'redmond'], STORES]) {
      const result = await searchProducts(context(binding), { query: 'camping tent', maxRows: 50, similarityThreshold: -1, mode: 'hybrid' });
      expect(result.results.length).toBeGreaterThan(0);
      for (const match of result.results) expect(binding).toContain(match.store_id);
    }
  });

  it('applies the similarity threshold to semantic matches', async () => {
    const everything = await searchProducts(context(['seattle']), { query: 'insulated cooler', maxRows: 20, similarityThreshold: -1, mode: 'semantic' });
    const scores = everything.results.map((match) => match.scores.semantic!);
    const cut = scores[Math.floor(scores.length / 2)]!;
    // A threshold in the middle of the unfiltered scores must keep some rows and drop some.
    expect(scores[0]).toBeGreaterThan(cut);
    expect(scores.at(-1)).toBeLessThan(cut);
    const result = await searchProducts(context(['seattle']), { query: 'insulated cooler', maxRows: 20, similarityThreshold: cut, mode: 'semantic' });
    expect(result.results.map((match) => match.product_id)).toEqual(everything.results.filter((match) => match.scores.semantic! >= cut).map((match) => match.product_id));
  });

  it('finds a misspelt product name through trigram matching', async () => {
    const result = await searchProducts(context(['seattle']), { query: 'headphnes', maxRows: 5, mode: 'full_text' });
    expect(result.results[0]?.product_name).toMatch(/Headphones/);
    expect(result.results[0]?.matched_by).toContain('trigram');
    // Full text was asked for, with a working provider: nothing is missing, so nothing is said.
    expect(result.semantic).toEqual({ used: false });
    expect(result.note).toBeUndefined();
  });

  it('finds similar products of the same store, never the product itself', async () => {
    const product = (await database.db.query<{ product_id: string }>("SELECT product_id FROM retail.products WHERE store_id = 'redmond' AND product_name ILIKE '%cooler%' LIMIT 1")).rows[0]
      ?? (await database.db.query<{ product_id: string }>("SELECT product_id FROM retail.products WHERE store_id = 'redmond' LIMIT 1")).rows[0]!;
    const result = await findSimilarProducts(context(['redmond']), product.product_id, 5);
    expect(result.method).toBe('semantic');
    expect(result.results).toHaveLength(5);
    expect(result.results.map((match) => match.product_id)).not.toContain(product.product_id);
    expect(new Set(result.results.map((match) => match.store_id))).toEqual(new Set(['redmond']));
    await expect(findSimilarProducts(context(['seattle']), product.product_id, 5)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('falls back to full text, and says so, when embeddings are off or the model is missing', async () => {
    const off = await searchProducts(context(['seattle'], { status: 'disabled' }), { query: 'camping tent', maxRows: 5, mode: 'hybrid' });
    expect(off.methods).toEqual(['full_text', 'trigram']);
    expect(off.note).toMatch(/semantic search unavailable \(embeddings are turned off/);
    expect(off.results.length).toBeGreaterThan(0);
    const missing = await searchProducts(context(['seattle'], { status: 'unavailable', provider: 'local', reason: 'the local model is missing' }), { query: 'camping tent', maxRows: 5, mode: 'hybrid' });
    expect(missing.note).toMatch(/the local model is missing/);
    await expect(searchProducts(context(['seattle'], { status: 'disabled' }), { query: 'tent', maxRows: 5, mode: 'semantic' })).rejects.toMatchObject({ code: 'feature_unavailable' });
  });

  it('keeps Lab 04 search_products_by_similarity working from SQL, for the context store only', async () => {
    const vector = toVectorLiteral((await provider.embed(['insulated cooler for camping']))[0]!);
    const rows = await withStoreContext(database.db, ['online'], async (tx) =>
      (await tx.query<{ product_id: string; similarity_score: number }>('SELECT * FROM retail.search_products_by_similarity($1::vector, -1, 7)', [vector])).rows,
    );
    expect(rows).toHaveLength(7);
    const stores = await database.db.query<{ store_id: string }>('SELECT DISTINCT store_id FROM retail.products WHERE product_id = ANY ($1::uuid[])', [rows.map((row) => row.product_id)]);
    expect(stores.rows).toEqual([{ store_id: 'online' }]);
    const withoutContext = await database.db.transaction({ role: 'store' }, async (tx) => (await tx.query('SELECT * FROM retail.search_products_by_similarity($1::vector, -1, 7)', [vector])).rows);
    expect(withoutContext).toEqual([]);
    await expect(
      withStoreContext(database.db, ['online'], async (tx) => {
        await tx.query("SELECT set_config('app.current_store_id', 'seattle', true)");
        return tx.query('SELECT * FROM retail.search_products_by_similarity($1::vector, -1, 7)', [vector]);
      }),
    ).rejects.toThrow(/not set by retail.set_store_context/);
  });

  it('answers search_products_by_similarity for up to 1000 results (hnsw.ef_search stops at 1000)', async () => {
    const vector = toVectorLiteral((await provider.embed(['insulated cooler for camping']))[0]!);
    const search = (maxResults: number) =>
      withStoreContext(database.db, ['online'], async (tx) =>
        (await tx.query('SELECT * FROM retail.search_products_by_similarity($1::vector, -1, $2)', [vector, maxResults])).rows,
      );
    for (const maxResults of [501, 1000]) expect(await search(maxResults)).toHaveLength(productsPerStore.get('online')!);
    await expect(search(1001)).rejects.toThrow(/max_results must be between 1 and 1000/);
  });
});

describe('product search on a native PostgreSQL without pgvector', () => {
  const database = useSeededDatabase('postgres');

  it('reports semantic search unavailable and answers from full text', async () => {
    const capabilities = await detectCapabilities(database.db);
    expect(capabilities.pgvector.installed).toBe(false);
    const ready = await createEmbeddingProvider(await tinyModelSettings());
    try {
      const result = await searchProducts(
        { session: await storeSessionFor(database.db, ['seattle']), embeddings: ready, capabilities },
        { query: 'camping tent', maxRows: 5, mode: 'hybrid' },
      );
      expect(result.semantic).toEqual({ used: false, unavailable_reason: 'pgvector is not installed on this database' });
      expect(result.note).toMatch(/pgvector is not installed/);
      expect(result.results.length).toBeGreaterThan(0);
      expect(new Set(result.results.map((match) => match.store_id))).toEqual(new Set(['seattle']));
      expect(ready.status).toBe('ready');
      if (ready.status !== 'ready') return;
      await expect(embedProducts(database.db, ready.provider)).rejects.toMatchObject({ code: 'feature_unavailable' });
    } finally {
      if (ready.status === 'ready') await ready.provider.close?.();
    }
  });
});
