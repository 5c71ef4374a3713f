import { describe, expect, it } from 'vitest';
import { ZavaError } from '../../src/errors.js';
import { checkModelSql, declareResultCursor, RESULT_CURSOR, type AllowedVerdict } from '../../src/guard/index.js';

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

function allowed(sql: string): AllowedVerdict {
  const verdict = checkModelSql(sql);
  if (!verdict.allowed) throw new Error(verdict.reason);
  return verdict;
}

/** The cursor over a verdict whose statement text was swapped for `text`, as a bug between guard and runner would. */
function cursorOverText(text: string) {
  return () => declareResultCursor({ ...allowed('SELECT 1'), statementText: text });
}

describe('the result cursor a model SELECT is read through', () => {
  it('declares one no-scroll cursor over exactly the row-limited statement, rows capped by $1 and the size of each row by $2', () => {
    const cursor = declareResultCursor(allowed('SELECT store_id FROM stores -- trailing comment'));
    expect(cursor.sql).toBe(
      `DECLARE ${RESULT_CURSOR} NO SCROLL CURSOR FOR SELECT * FROM (\nSELECT store_id FROM stores\n) AS zava_result WHERE retail.result_row_fits(octet_length(zava_result::text), $2) LIMIT $1`,
    );
    expect(cursor.sql.slice(cursor.statementOffset)).toMatch(/^SELECT store_id FROM stores\n/);
  });

  it('keeps a line comment inside the statement from swallowing the closing parenthesis', () => {
    expect(declareResultCursor(allowed('SELECT 1 -- one\n, 2')).sql).toContain('SELECT 1 -- one\n, 2\n) AS zava_result');
  });

  it('reads WITH, UNION, VALUES and TABLE statements', () => {
    for (const sql of ['WITH a AS (SELECT 1) SELECT * FROM a', 'SELECT 1 UNION SELECT 2 ORDER BY 1 LIMIT 1', 'VALUES (1), (2)', 'TABLE stores']) {
      expect(declareResultCursor(allowed(sql)).sql).toContain(sql);
    }
  });

  it('refuses an EXPLAIN verdict, which cannot stand in a cursor', () => {
    expect(rejection(() => declareResultCursor(allowed('EXPLAIN SELECT 1'))).message).toMatch(/only a SELECT/);
  });

  it('refuses a statement text that would close the subquery early and add a relation', () => {
    rejection(cursorOverText('SELECT 1\n) AS zava_result, pg_authid LIMIT $1 --'));
  });

  it('refuses a statement text that stacks statements after the declaration', () => {
    rejection(cursorOverText('SELECT 1\n) AS zava_result LIMIT $1; SELECT 2; --'));
  });

  it('refuses a statement text that changes the limit, the alias or the row-size check', () => {
    rejection(cursorOverText('SELECT 1\n) AS zava_result LIMIT 1000000 --'));
    rejection(cursorOverText('SELECT 1\n) AS other LIMIT $1 --'));
    rejection(cursorOverText('SELECT 1\n) AS zava_result WHERE true OR retail.result_row_fits(0, $2) LIMIT $1 --'));
  });

  it('refuses a statement text that is not a SELECT', () => {
    rejection(cursorOverText('DELETE FROM retail.customers'));
  });
});
