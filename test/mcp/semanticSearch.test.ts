import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeSearch } from '../../src/app/searchStatus.js';
import { TINY_MODEL_NAME, tinyModelDir } from '../embeddings/helpers/tinyModel.js';
import { connectInProcess, type InProcessServer } from '../support/mcpInProcess.js';
import { describeEngines, ENGINE_KINDS, ENGINE_TRAITS, PGVECTOR_ENGINES, useSeededDatabase } from '../support/seededDatabase.js';
import { expectToolError, structuredOf, textOf } from '../support/toolResults.js';

interface Match {
  store_id: string;
  product_id: string;
  product_name: string;
  matched_by: string[];
  scores: Record<string, number>;
}

interface SearchResult {
  methods: string[];
  semantic: { used: boolean; model?: string; similarity_threshold?: number };
  results: Match[];
  note?: string;
}

/*
 * The semantic path end to end: a server with the local provider on the tiny test
 * model embeds the products at start-up, then searches by meaning through a client.
 */
describeEngines(PGVECTOR_ENGINES, 'semantic search through the MCP server on %s with the local model', (kind) => {
  const database = useSeededDatabase(kind);
  let server: InProcessServer;
  let otherStoreProduct: string;
  let seattleProducts: number;

  beforeAll(async () => {
    otherStoreProduct = (await database.db.query<{ product_id: string }>("SELECT product_id FROM retail.products WHERE store_id = 'online' LIMIT 1")).rows[0]!.product_id;
    seattleProducts = (await database.db.query<{ count: number }>("SELECT count(*) FROM retail.products WHERE store_id = 'seattle' AND is_active")).rows[0]!.count;
    const modelDir = await tinyModelDir();
    server = await connectInProcess(database.db, {
      store: 'seattle',
      settings: { embeddings: 'local', localModel: TINY_MODEL_NAME, modelDir },
      embedPending: true,
    });
  });
  afterAll(async () => server?.close());

  it('embeds the products at start-up and says search is hybrid in the banner', async () => {
    const { capabilities, embeddings, embeddedAtStart } = server.app;
    const line = describeSearch(capabilities, embeddings, embeddedAtStart);
    expect(line).toMatch(/^hybrid: local zava-tiny-bert \(32 dimensions\)/);
    expect(line).toMatch(/embedded \d+ products/);
  });

  it('finds products by meaning, fused with full text, within the bound store', async () => {
    const result = structuredOf<SearchResult>(
      await server.call('semantic_search_products', { query_description: 'something to keep drinks cold on a camping trip', max_rows: 8 }),
    );
    expect(result.semantic).toMatchObject({ used: true, model: TINY_MODEL_NAME });
    expect(result.methods).toEqual(['semantic', 'full_text', 'trigram']);
    expect(result.results).toHaveLength(8);
    expect(result.results.some((match) => match.matched_by.includes('semantic'))).toBe(true);
    expect(result.results.slice(0, 3).map((match) => match.product_name).join(' ')).toMatch(/cooler|bottle|flask|tumbler/i);
    expect(new Set(result.results.map((match) => match.store_id))).toEqual(new Set(['seattle']));
    expect(result.note).toBeUndefined();
  });

  it('returns max_rows semantic matches when the store has that many products above the threshold', async () => {
    const wanted = Math.min(25, seattleProducts);
    const result = structuredOf<SearchResult>(
      await server.call('semantic_search_products', { query_description: 'gift', max_rows: wanted, similarity_threshold: -1, mode: 'semantic' }),
    );
    expect(result.results).toHaveLength(wanted);
    for (const match of result.results) expect(match.matched_by).toEqual(['semantic']);
  });

  it('finds similar products by embedding, and treats another store\'s product as not found', async () => {
    const first = structuredOf<SearchResult>(await server.call('semantic_search_products', { query_description: 'tent', max_rows: 1 }));
    const similar = structuredOf<{ method: string; results: Match[] }>(await server.call('find_similar_products', { product_id: first.results[0]!.product_id, max_rows: 5 }));
    expect(similar.method).toBe('semantic');
    expect(similar.results).toHaveLength(5);
    expect(similar.results.map((match) => match.product_id)).not.toContain(first.results[0]!.product_id);
    const hidden = await server.call('find_similar_products', { product_id: otherStoreProduct, max_rows: 5 });
    expect(hidden.isError).toBe(true);
  });
});

/*
 * Without the model, semantic mode fails and hybrid search says why; the reason
 * the server knows names a directory in its home, which a client never sees.
 */
describeEngines(ENGINE_KINDS, 'semantic search without the local model on %s', (kind) => {
  const database = useSeededDatabase(kind);
  let server: InProcessServer;
  const missing = path.join(os.homedir(), '.cache', 'zava-test-no-such-models');

  beforeAll(async () => {
    server = await connectInProcess(database.db, { store: 'seattle', settings: { embeddings: 'local', modelCacheDir: missing } });
  });
  afterAll(async () => server?.close());

  it('fails semantic mode with the reason but without a path, and says so in a hybrid result too', async () => {
    // The operator's reason names the directory (the banner shows it).
    expect(server.app.embeddings.status === 'unavailable' && server.app.embeddings.reason).toContain(missing);
    const text = expectToolError(await server.call('semantic_search_products', { query_description: 'tent', mode: 'semantic' }), 'semantic search is unavailable', 'feature_unavailable');
    const hybrid = await server.call('semantic_search_products', { query_description: 'tent' });
    for (const shown of [text, textOf(hybrid), JSON.stringify(hybrid.structuredContent)]) {
      // Without pgvector that reason comes first, and names no path anyway.
      expect(shown).toContain(ENGINE_TRAITS[kind].pgvector ? 'is not in <path>' : 'pgvector is not installed');
      expect(shown).not.toContain(os.homedir());
      expect(shown).not.toMatch(/\/[\w.-]+\/[\w.-]+/);
    }
  });
});
