import { describe, expect, it } from 'vitest';
import { CteScope } from '../../src/guard/cteScope.js';
import { expectAllowed, expectRefused } from './guardAssertions.js';

describe('CteScope', () => {
  it('sees the names of the scopes it is nested in', () => {
    const outer = CteScope.EMPTY.with(['a']);
    const inner = outer.with(['b']);
    expect([inner.has('a'), inner.has('b'), outer.has('b'), CteScope.EMPTY.has('a')]).toEqual([true, true, false, false]);
  });

  it('cannot be fooled by names of Object.prototype', () => {
    expect(CteScope.EMPTY.with(['a']).has('constructor')).toBe(false);
  });
});

describe('the guard scopes WITH query names as PostgreSQL does', () => {
  it('refuses a catalog table named like a CTE that is defined only inside another subquery', () => {
    expectRefused('SELECT * FROM (WITH pg_authid AS (SELECT 1) SELECT 1) x, pg_authid', ['pg_authid']);
  });

  it('refuses a CTE name used outside the subquery that defines it, whatever the name', () => {
    expectRefused('SELECT * FROM (WITH secrets AS (SELECT 1) SELECT * FROM secrets) x, secrets', ['relation secrets']);
  });

  it('refuses a reference to a later sibling in a plain WITH (it would be a real table there)', () => {
    expectRefused('WITH a AS (SELECT * FROM pg_authid), pg_authid AS (SELECT 1) SELECT * FROM a', ['pg_authid']);
    expectRefused('WITH a AS (SELECT * FROM secrets), secrets AS (SELECT 1) SELECT * FROM a', ['relation secrets']);
  });

  it('allows a reference to an earlier sibling in a plain WITH', () => {
    expect(expectAllowed('WITH a AS (SELECT 1 AS x), b AS (SELECT * FROM a) SELECT * FROM b').relations).toEqual([]);
  });

  it('allows a later sibling under WITH RECURSIVE, where all siblings are visible', () => {
    expectAllowed('WITH RECURSIVE a AS (SELECT * FROM b), b AS (SELECT 1 AS x) SELECT * FROM a');
  });

  it('allows a recursive CTE to reference itself', () => {
    expectAllowed('WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT * FROM r');
  });

  it('treats a self-reference in a plain WITH as the real table of that name', () => {
    expect(expectAllowed('WITH customers AS (SELECT * FROM customers WHERE loyalty_tier = $$gold$$) SELECT count(*) FROM customers').relations).toEqual([
      'retail.customers',
    ]);
    expectRefused('WITH secrets AS (SELECT * FROM secrets) SELECT * FROM secrets', ['relation secrets']);
  });

  it('lets nested subqueries, sublinks and LATERAL see an outer CTE', () => {
    expectAllowed(`WITH c AS (SELECT 1 AS x)
SELECT (SELECT max(x) FROM c), EXISTS (SELECT 1 FROM c)
FROM (SELECT * FROM c) s, LATERAL (SELECT * FROM c WHERE c.x = s.x) l`);
  });

  it('lets both sides of a UNION see the WITH of the whole statement', () => {
    expectAllowed('WITH x AS (SELECT 1) SELECT * FROM x UNION SELECT * FROM (SELECT * FROM x) s');
  });

  it('does not let the second side of a UNION see a WITH that belongs to the parenthesised first side', () => {
    expectRefused('(WITH x AS (SELECT 1) SELECT * FROM x) UNION SELECT * FROM x', ['relation x']);
  });

  it('lets a CTE body see the CTEs of the statement around its own statement', () => {
    expectAllowed('WITH outer_cte AS (SELECT 1 AS x) SELECT * FROM (WITH inner_cte AS (SELECT * FROM outer_cte) SELECT * FROM inner_cte) s');
  });

  it('does not let a CTE shadow a schema-qualified name', () => {
    expectRefused('WITH tables AS (SELECT 1) SELECT * FROM information_schema.tables', ['schema information_schema']);
  });

  it('refuses WITH query names that start with pg_', () => {
    expectRefused('WITH pg_stats AS (SELECT 1) SELECT * FROM pg_stats', ['pg_stats']);
  });

  it('keeps CTE names case-sensitive as the parser folded them', () => {
    expectRefused('WITH "Secrets" AS (SELECT 1) SELECT * FROM secrets', ['relation secrets']);
    expectAllowed('WITH "Secrets" AS (SELECT 1) SELECT * FROM "Secrets"');
  });
});
