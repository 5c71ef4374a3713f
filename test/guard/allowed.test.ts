import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wrapWithRowLimit } from '../../src/guard/index.js';
import { freshMigratedPglite, type TestDatabase } from '../support/freshPglite.js';
import { ANALYTIC_QUERIES } from './analyticQueries.js';
import { expectAllowed } from './guardAssertions.js';

describe('the SQL guard allows analytic SELECTs', () => {
  it.each(ANALYTIC_QUERIES)('allows $behaviour', ({ sql }) => {
    const verdict = expectAllowed(sql);
    expect(verdict.kind).toBe(sql.startsWith('EXPLAIN') ? 'explain' : 'select');
    expect(sql).toContain(verdict.statementText);
  });

  it('reports the retail relations read, qualified, and not the CTE names', () => {
    const verdict = expectAllowed(ANALYTIC_QUERIES[0]?.sql ?? '');
    expect(verdict.relations).toEqual(['retail.sales_transactions']);
    expect(verdict.functions).toEqual(['date_trunc', 'sum', 'now', 'lag']);
  });

  it('reports unqualified names of retail tables as retail relations', () => {
    expect(expectAllowed('SELECT * FROM customers JOIN retail.stores USING (store_id)').relations).toEqual([
      'retail.customers',
      'retail.stores',
    ]);
  });
});

describe('allowed SELECTs run on PGlite as a store, wrapped with the row limit', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await freshMigratedPglite();
  });

  afterAll(async () => {
    await database?.close();
  });

  it.each(ANALYTIC_QUERIES)('runs $behaviour', async ({ sql }) => {
    const verdict = expectAllowed(sql);
    const executable = verdict.kind === 'select' ? wrapWithRowLimit(verdict.statementText) : verdict.statementText;
    const params = verdict.kind === 'select' ? [501] : [];
    const result = await database.db.transaction({ role: 'store', readOnly: true }, async (tx) => {
      await tx.query("SELECT retail.set_store_context('seattle')");
      await tx.query("SELECT set_config('search_path', 'retail, public', true)");
      return tx.query(executable, params);
    });
    expect(result.rows.length).toBeLessThanOrEqual(501);
  });

  it('returns no more rows than the limit parameter asks for', async () => {
    const verdict = expectAllowed('SELECT g FROM generate_series(1, 50) AS g');
    const result = await database.db.transaction({ role: 'store', readOnly: true }, (tx) =>
      tx.query(wrapWithRowLimit(verdict.statementText), [7]),
    );
    expect(result.rows).toHaveLength(7);
  });

  it('sees only the store of the context in the seeded stores table', async () => {
    const verdict = expectAllowed('SELECT store_id FROM stores ORDER BY store_id');
    const result = await database.db.transaction({ role: 'store', readOnly: true }, async (tx) => {
      await tx.query("SELECT retail.set_store_context('seattle')");
      await tx.query("SELECT set_config('search_path', 'retail, public', true)");
      return tx.query<{ store_id: string }>(wrapWithRowLimit(verdict.statementText), [501]);
    });
    expect(result.rows.map((row) => row.store_id)).toEqual(['seattle']);
  });
});
