import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/access/apiTokens.js';
import { parseStoreBinding } from '../../src/tenant/storeBinding.js';
import { connectHttp, startTestHttpServer, type HttpConnection, type TestHttpServer } from '../support/mcpHttp.js';
import { EACH_ENGINE, useSeededDatabase } from '../support/seededDatabase.js';
import { structuredOf } from '../support/toolResults.js';

const STORES = ['bellevue', 'online', 'redmond', 'seattle'];
const SESSIONS_PER_STORE = 10;

/** One customer and one product per store whose text names the store: a row of another store would show its name. */
async function plantCanaries(db: Parameters<typeof startTestHttpServer>[0]): Promise<void> {
  await db.query(
    `INSERT INTO retail.customers (customer_id, store_id, first_name, last_name, email, loyalty_tier)
     SELECT gen_random_uuid(), s, 'Canary', s, 'canary+' || s || '@zava.test', 'bronze' FROM unnest($1::text[]) AS s`,
    [STORES],
  );
  await db.query(
    `INSERT INTO retail.products (product_id, store_id, sku, product_name, product_description, category_id, price, cost, current_stock)
     SELECT gen_random_uuid(), s, 'CANARY-' || upper(s), 'Canary Lantern ' || s, 'A lantern that only ' || s || ' stocks', 1, 10, 5, 3
       FROM unnest($1::text[]) AS s`,
    [STORES],
  );
}

/** Every call a session makes, and the store ids and canary texts its answers mention. */
async function exercise(session: HttpConnection): Promise<{ stores: Set<string>; canaries: string[] }> {
  const seen = { stores: new Set<string>(), canaries: [] as string[] };
  const rows = <T>(result: Awaited<ReturnType<HttpConnection['call']>>) => structuredOf<{ rows: T[] }>(result).rows;
  for (const row of rows<{ store_id: string; email: string }>(await session.call('execute_sales_query', { postgresql_query: "SELECT store_id, email FROM customers WHERE email LIKE 'canary+%'" }))) {
    seen.stores.add(row.store_id);
    seen.canaries.push(row.email);
  }
  for (const row of rows<{ store_id: string }>(await session.call('execute_sales_query', { postgresql_query: 'SELECT DISTINCT store_id FROM sales_transaction_items' }))) seen.stores.add(row.store_id);
  const search = structuredOf<{ results: { store_id: string; product_name: string }[] }>(await session.call('semantic_search_products', { query_description: 'canary lantern', max_rows: 10 }));
  for (const match of search.results) {
    seen.stores.add(match.store_id);
    if (match.product_name.startsWith('Canary')) seen.canaries.push(match.product_name);
  }
  for (const row of rows<{ store_id: string }>(await session.call('sales_report', { report: 'payment_mix', by_store: true, start_date: '2024-07-01', end_date: '2025-06-30' }))) seen.stores.add(row.store_id);
  for (const store of structuredOf<{ stores: { store_id: string }[] }>(await session.call('list_stores')).stores) seen.stores.add(store.store_id);
  return seen;
}

describe.each(EACH_ENGINE)('forty concurrent HTTP sessions across four stores on %s', (kind) => {
  const database = useSeededDatabase(kind);
  let http: TestHttpServer;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    await plantCanaries(database.db);
    for (const store of STORES) tokens.set(store, (await createApiToken(database.db, { name: `${store}-manager`, binding: parseStoreBinding(store) })).token);
    http = await startTestHttpServer(database.db);
  });
  afterAll(async () => http?.close());

  it('gives every session only its own store\'s rows and canaries: zero foreign rows', async () => {
    const plan = STORES.flatMap((store) => Array.from({ length: SESSIONS_PER_STORE }, () => store));
    const outcomes = await Promise.all(
      plan.map(async (store) => {
        const session = await connectHttp(http.url, tokens.get(store));
        try {
          return { store, ...(await exercise(session)), protocolErrors: session.protocolErrors.length };
        } finally {
          await session.close();
        }
      }),
    );
    expect(outcomes).toHaveLength(STORES.length * SESSIONS_PER_STORE);
    const foreign = outcomes.flatMap(({ store, stores, canaries }) => [
      ...[...stores].filter((seen) => seen !== store).map((seen) => `${store} saw a row of ${seen}`),
      ...canaries.filter((canary) => !canary.includes(store)).map((canary) => `${store} saw ${canary}`),
    ]);
    expect(foreign).toEqual([]);
    for (const outcome of outcomes) {
      expect(outcome.canaries, outcome.store).toEqual(expect.arrayContaining([`canary+${outcome.store}@zava.test`, `Canary Lantern ${outcome.store}`]));
      expect(outcome.protocolErrors).toBe(0);
    }
  });
});
