import { describe, expect, it } from 'vitest';
import { ZavaError } from '../../src/errors.js';
import { checkModelSql, declareResultCursor, RESULT_CURSOR, verifyWrappedStatement, wrapAllowedSelect, wrapWithRowLimit } from '../../src/guard/index.js';
import { expectAllowed } from './guardAssertions.js';

function rejection(run: () => unknown): ZavaError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ZavaError);
    expect((error as ZavaError).code).toBe('sql_rejected');
    return error as ZavaError;
  }
  return expect.fail('expected a sql_rejected ZavaError');
}

describe('wrapWithRowLimit', () => {
  it('wraps the statement in a subquery with the limit as parameter $1', () => {
    expect(wrapWithRowLimit('SELECT email FROM customers')).toBe('SELECT * FROM (\nSELECT email FROM customers\n) AS zava_result LIMIT $1');
  });

  it('keeps a line comment inside the statement from swallowing the closing parenthesis', () => {
    const statement = expectAllowed('SELECT 1 -- one\n, 2').statementText;
    expect(() => verifyWrappedStatement(wrapWithRowLimit(statement), statement)).not.toThrow();
  });

  it('wraps WITH, UNION, VALUES and TABLE statements', () => {
    for (const sql of ['WITH a AS (SELECT 1) SELECT * FROM a', 'SELECT 1 UNION SELECT 2 ORDER BY 1 LIMIT 1', 'VALUES (1), (2)', 'TABLE stores']) {
      expect(wrapWithRowLimit(sql)).toContain(sql);
    }
  });

  it('refuses to wrap text the guard refuses', () => {
    expect(rejection(() => wrapWithRowLimit('SELECT pg_sleep(1)')).message).toContain('pg_sleep');
  });

  it('refuses to wrap an EXPLAIN, which cannot be a subquery', () => {
    expect(rejection(() => wrapWithRowLimit('EXPLAIN SELECT 1')).message).toContain('EXPLAIN');
  });

  it('refuses text that is not exactly a verdict statementText, such as one with a trailing comment', () => {
    rejection(() => wrapWithRowLimit('SELECT 1 -- comment'));
    rejection(() => wrapWithRowLimit('SELECT 1;'));
  });

  it('checks the statement with the policy it is given', () => {
    const policy = { relations: ['stores'] };
    rejection(() => wrapWithRowLimit('SELECT * FROM customers', policy));
    expect(wrapWithRowLimit('SELECT * FROM stores', policy)).toContain('stores');
  });
});

describe('verifyWrappedStatement', () => {
  it('accepts the wrapper around exactly the checked statement, whatever the whitespace', () => {
    expect(() => verifyWrappedStatement('SELECT   *  FROM (SELECT 1) AS zava_result   LIMIT $1', 'SELECT 1')).not.toThrow();
  });

  it('rejects a wrapper that closes the subquery early and adds a clause', () => {
    rejection(() => verifyWrappedStatement('SELECT * FROM (\nSELECT 1\n) AS zava_result, pg_authid LIMIT $1', 'SELECT 1'));
  });

  it('rejects a wrapper around another statement', () => {
    rejection(() => verifyWrappedStatement('SELECT * FROM (\nSELECT 2\n) AS zava_result LIMIT $1', 'SELECT 1'));
  });

  it('rejects a wrapper with a different limit or alias', () => {
    rejection(() => verifyWrappedStatement('SELECT * FROM (\nSELECT 1\n) AS zava_result LIMIT 1000000', 'SELECT 1'));
    rejection(() => verifyWrappedStatement('SELECT * FROM (\nSELECT 1\n) AS other LIMIT $1', 'SELECT 1'));
  });

  it('rejects stacked statements in the wrapped text', () => {
    rejection(() => verifyWrappedStatement('SELECT * FROM (\nSELECT 1\n) AS zava_result LIMIT $1; SELECT 2', 'SELECT 1'));
  });

  it('rejects a statement text that is not a SELECT', () => {
    rejection(() => verifyWrappedStatement('SELECT * FROM (\nSELECT 1\n) AS zava_result LIMIT $1', 'DELETE FROM retail.customers'));
  });
});

describe('wrapping a fresh verdict', () => {
  it('wraps the statement of an allowed SELECT verdict without checking it twice', () => {
    const verdict = checkModelSql('SELECT store_id FROM stores -- trailing comment');
    if (!verdict.allowed) throw new Error(verdict.reason);
    expect(wrapAllowedSelect(verdict)).toBe('SELECT * FROM (\nSELECT store_id FROM stores\n) AS zava_result LIMIT $1');
  });

  it('refuses to wrap an EXPLAIN verdict', () => {
    const verdict = checkModelSql('EXPLAIN SELECT 1');
    if (!verdict.allowed) throw new Error(verdict.reason);
    expect(() => wrapAllowedSelect(verdict)).toThrow(/only a SELECT/);
  });
});

describe('the result cursor over a fresh verdict', () => {
  it('declares one no-scroll cursor over exactly the row-limited statement', () => {
    const verdict = checkModelSql('SELECT store_id FROM stores -- trailing comment');
    if (!verdict.allowed) throw new Error(verdict.reason);
    const cursor = declareResultCursor(verdict);
    expect(cursor.sql).toBe(`DECLARE ${RESULT_CURSOR} NO SCROLL CURSOR FOR SELECT * FROM (\nSELECT store_id FROM stores\n) AS zava_result LIMIT $1`);
    expect(cursor.sql.slice(cursor.statementOffset)).toMatch(/^SELECT store_id FROM stores\n/);
  });

  it('refuses a verdict whose text would close the subquery early', () => {
    const verdict = checkModelSql('SELECT 1');
    if (!verdict.allowed) throw new Error(verdict.reason);
    rejection(() => declareResultCursor({ ...verdict, statementText: 'SELECT 1\n) AS zava_result, pg_authid LIMIT $1 --' }));
  });
});
