import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runModelSql } from '../../src/services/modelSql.js';
import { freshMigratedPglite, type TestDatabase } from '../support/freshPglite.js';
import { storeSessionFor } from '../support/storeSessions.js';
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

describe('allowed SELECTs run on PGlite as a store, read through the row-limited result cursor', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await freshMigratedPglite();
  });

  afterAll(async () => {
    await database?.close();
  });

  const LIMITS = { rowLimit: 500, byteLimit: 16 * 1024 * 1024 };

  it.each(ANALYTIC_QUERIES)('runs $behaviour', async ({ sql }) => {
    const result = await runModelSql(await storeSessionFor(database.db, ['seattle']), sql, LIMITS);
    expect(result.rows.length).toBeLessThanOrEqual(LIMITS.rowLimit);
  });

  it('returns no more rows than the row limit asks for', async () => {
    const result = await runModelSql(await storeSessionFor(database.db, ['seattle']), 'SELECT g FROM generate_series(1, 50) AS g', { ...LIMITS, rowLimit: 7 });
    expect(result.rows).toHaveLength(7);
    expect(result.truncated).toBe(true);
  });

  it('sees only the store of the context in the seeded stores table', async () => {
    const result = await runModelSql(await storeSessionFor(database.db, ['seattle']), 'SELECT store_id FROM stores ORDER BY store_id', LIMITS);
    expect(result.rows.map((row) => row.store_id)).toEqual(['seattle']);
  });
});
