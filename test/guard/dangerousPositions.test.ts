import { describe, expect, it } from 'vitest';
import { checkModelSql } from '../../src/guard/index.js';

/**
 * Property: a forbidden function is refused wherever it stands. Each template
 * holds {call} (or {name} for attribute notation); with an allowed function in
 * its place the same template passes, so a refusal is due to the function and
 * never to the position being unparseable.
 */
const DANGEROUS_FUNCTIONS = [
  'pg_sleep', 'pg_sleep_for', 'set_config', 'current_setting', 'pg_read_file', 'pg_read_binary_file', 'pg_ls_dir',
  'pg_stat_file', 'lo_import', 'lo_get', 'lo_export', 'dblink', 'pg_terminate_backend', 'pg_cancel_backend',
  'pg_reload_conf', 'query_to_xml', 'cursor_to_xml', 'xpath', 'nextval', 'setval', 'currval', 'txid_current',
  'pg_advisory_lock', 'pg_advisory_xact_lock', 'pg_notify', 'pg_logical_emit_message',
  'pg_create_logical_replication_slot', 'pg_switch_wal', 'pg_backend_pid', 'set_store_context', 'ts_stat', 'ts_rewrite',
  'repeat', 'setseed', 'set_limit', 'pg_input_is_valid', 'to_regclass', 'version',
];

const CALL_POSITIONS: Record<string, string> = {
  'the select list': 'SELECT {call}',
  'FROM as a table function': 'SELECT * FROM {call} AS f',
  'ROWS FROM': 'SELECT * FROM ROWS FROM ({call}) AS f',
  'WHERE': 'SELECT 1 FROM customers WHERE {call} IS NOT NULL',
  'JOIN ... ON': 'SELECT 1 FROM customers a JOIN stores b ON {call} IS NULL',
  'GROUP BY': 'SELECT count(*) FROM customers GROUP BY {call}',
  'GROUPING SETS': 'SELECT count(*) FROM customers GROUP BY GROUPING SETS (({call}), ())',
  'HAVING': 'SELECT count(*) FROM customers GROUP BY email HAVING {call} IS NULL',
  'ORDER BY': 'SELECT email FROM customers ORDER BY {call}',
  'DISTINCT ON': 'SELECT DISTINCT ON ({call}) email FROM customers',
  'LIMIT': 'SELECT 1 LIMIT {call}',
  'OFFSET': 'SELECT 1 OFFSET {call}',
  'FETCH FIRST': 'SELECT 1 FETCH FIRST ({call}) ROWS ONLY',
  'a CTE body': 'WITH c AS (SELECT {call} AS v) SELECT * FROM c',
  'the recursive part of a CTE': 'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE {call} IS NULL) SELECT * FROM r',
  'a MATERIALIZED CTE': 'WITH c AS MATERIALIZED (SELECT 1 FROM customers WHERE email = {call}) SELECT * FROM c',
  'a subquery in FROM': 'SELECT * FROM (SELECT {call}) AS s',
  'a scalar subquery': 'SELECT (SELECT {call})',
  'EXISTS': 'SELECT 1 WHERE EXISTS (SELECT {call})',
  'IN (subquery)': 'SELECT 1 WHERE 1 IN (SELECT {call})',
  'IN (list)': 'SELECT 1 WHERE 1 IN (2, {call})',
  '= ANY (array)': 'SELECT 1 WHERE 1 = ANY ({call})',
  'a LATERAL subquery': 'SELECT * FROM customers c, LATERAL (SELECT {call}) AS l',
  'a LATERAL function': 'SELECT * FROM customers c CROSS JOIN LATERAL {call} AS f',
  'VALUES': 'VALUES (1, {call})',
  'VALUES in FROM': 'SELECT * FROM (VALUES ({call})) AS v(x)',
  'a UNION branch': 'SELECT 1 UNION ALL SELECT {call}',
  'an INTERSECT branch in parentheses': 'SELECT 1 INTERSECT (SELECT {call} ORDER BY 1)',
  'a CASE result': "SELECT CASE WHEN email = 'x' THEN {call} ELSE 'y' END FROM customers",
  'a CASE condition': 'SELECT CASE WHEN {call} IS NULL THEN 1 END',
  'a simple CASE operand': 'SELECT CASE {call} WHEN 1 THEN 2 END',
  'a cast argument': 'SELECT {call}::text',
  'a CAST argument': 'SELECT CAST({call} AS text)',
  'a window ORDER BY': 'SELECT row_number() OVER (ORDER BY {call}) FROM customers',
  'a window PARTITION BY': 'SELECT count(*) OVER (PARTITION BY {call}) FROM customers',
  'a named WINDOW clause': 'SELECT rank() OVER w FROM customers WINDOW w AS (ORDER BY {call})',
  'a window frame offset': 'SELECT sum(1) OVER (ORDER BY 1 ROWS BETWEEN {call} PRECEDING AND CURRENT ROW)',
  'an aggregate FILTER': 'SELECT count(*) FILTER (WHERE {call} IS NULL) FROM customers',
  'an aggregate ORDER BY': "SELECT string_agg(email, ',' ORDER BY {call}) FROM customers",
  'WITHIN GROUP': 'SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY {call}) FROM customers',
  'an argument of an allowed function': 'SELECT upper({call})',
  'a deeply nested argument': "SELECT coalesce(nullif(upper(lower(trim({call}))), ''), 'x')",
  'a named argument': 'SELECT make_interval(days => {call})',
  'an array subscript': 'SELECT (ARRAY[1, 2])[{call}]',
  'an array slice': 'SELECT (ARRAY[1, 2])[1:{call}]',
  'an ARRAY constructor': 'SELECT ARRAY[{call}]',
  'a ROW constructor': 'SELECT ROW(1, {call})',
  'a field selection argument': 'SELECT ({call}).x',
  'GREATEST': 'SELECT GREATEST(1, {call})',
  'a string concatenation': "SELECT 'a' || {call}",
  'BETWEEN': 'SELECT 1 WHERE 2 BETWEEN 1 AND {call}',
  'LIKE ... ESCAPE': "SELECT 'a' LIKE 'b' ESCAPE {call}",
  'IS DISTINCT FROM': 'SELECT 1 IS DISTINCT FROM {call}',
  'COLLATE': 'SELECT {call} COLLATE "C"',
  'AT TIME ZONE': 'SELECT now() AT TIME ZONE {call}',
  'EXTRACT': 'SELECT EXTRACT(year FROM {call})',
  'TABLESAMPLE arguments': 'SELECT 1 FROM customers TABLESAMPLE bernoulli ({call})',
  'TABLESAMPLE REPEATABLE': 'SELECT 1 FROM customers TABLESAMPLE system (10) REPEATABLE ({call})',
  'JSON_TABLE input': "SELECT * FROM JSON_TABLE({call}, '$' COLUMNS (a int PATH '$')) AS jt",
  'JSON_VALUE DEFAULT': "SELECT JSON_VALUE('{}'::jsonb, '$.a' DEFAULT {call} ON EMPTY)",
  'JSON_OBJECT values': "SELECT JSON_OBJECT('k': {call})",
  'JSON_ARRAYAGG input': 'SELECT JSON_ARRAYAGG({call})',
  'EXPLAIN': 'EXPLAIN SELECT {call}',
  'EXPLAIN ANALYZE in a subquery': 'EXPLAIN ANALYZE SELECT * FROM (SELECT {call}) AS s',
};

/**
 * Attribute notation: `x.f` and `(x).f` call f(x) when x has no column f. Only a
 * function callable with one argument can be reached this way, so repeat(text, int)
 * and version() are not; `c.repeat` and `c.version` are plain (missing) columns.
 */
const ATTRIBUTE_CALLABLE = DANGEROUS_FUNCTIONS.filter((name) => name !== 'repeat' && name !== 'version');

const ATTRIBUTE_POSITIONS: Record<string, string> = {
  'a qualified column in the select list': 'SELECT c.{name} FROM customers c',
  'a qualified column in WHERE': 'SELECT 1 FROM customers c WHERE c.{name} IS NULL',
  'a qualified column in ORDER BY': 'SELECT 1 FROM customers c ORDER BY c.{name}',
  'a schema-table-column reference': 'SELECT retail.customers.{name} FROM retail.customers',
  'a field selection on a row': 'SELECT (c).{name} FROM customers c',
  'a field selection on a literal': "SELECT ('x'::text).{name}",
  'a field selection after a subscript': 'SELECT (c.tags)[1].{name} FROM products c',
  'a field selection on a whole-row star': 'SELECT (c.*).{name} FROM customers c',
  'a qualified column in a CTE': 'WITH w AS (SELECT c.{name} FROM customers c) SELECT * FROM w',
  'a qualified column in a LATERAL subquery': 'SELECT * FROM customers c, LATERAL (SELECT c.{name}) AS l',
};

function verdictFor(template: string, placeholder: string, value: string) {
  return checkModelSql(template.replace(placeholder, value));
}

describe('a forbidden function is refused in every syntactic position', () => {
  it.each(Object.entries(CALL_POSITIONS))('refuses forbidden calls in %s, and allows an allowed call there', (_, template) => {
    expect(verdictFor(template, '{call}', "lower('x')")).toMatchObject({ allowed: true });
    for (const name of DANGEROUS_FUNCTIONS) {
      for (const call of [`${name}('x')`, `pg_catalog.${name}('x')`, `"${name}"('x')`]) {
        const verdict = verdictFor(template, '{call}', call);
        expect(verdict.allowed, `${template} with ${call}`).toBe(false);
        if (!verdict.allowed) expect(verdict.reason, `${template} with ${call}`).toContain(name);
      }
    }
  });

  it.each(Object.entries(ATTRIBUTE_POSITIONS))('refuses forbidden attribute notation in %s, and allows a column there', (_, template) => {
    expect(verdictFor(template, '{name}', 'email')).toMatchObject({ allowed: true });
    for (const name of ATTRIBUTE_CALLABLE) {
      const verdict = verdictFor(template, '{name}', name);
      expect(verdict.allowed, `${template} with ${name}`).toBe(false);
      if (!verdict.allowed) expect(verdict.reason, `${template} with ${name}`).toContain(name);
    }
  });
});
