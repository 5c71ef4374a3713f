import { describe, expect, it } from 'vitest';
import { expectRefused } from './guardAssertions.js';

interface Refusal {
  behaviour: string;
  sql: string;
  /** Words the reason must contain, so the model learns what to change. */
  mentions: string[];
}

const STATEMENTS: Refusal[] = [
  { behaviour: 'stacked statements such as SELECT 1; COMMIT; DROP TABLE ...', sql: 'SELECT 1; COMMIT; DROP TABLE retail.customers', mentions: ['only one statement', 'found 3'] },
  { behaviour: 'SET ROLE postgres', sql: 'SET ROLE postgres', mentions: ['SET ROLE'] },
  { behaviour: 'RESET ROLE', sql: 'RESET ROLE', mentions: ['RESET ROLE'] },
  { behaviour: 'SET of the store context setting', sql: "SET app.current_store_id = 'redmond'", mentions: ['SET app.current_store_id'] },
  { behaviour: 'SET LOCAL of a setting', sql: "SET LOCAL search_path = 'public'", mentions: ['SET LOCAL search_path'] },
  { behaviour: 'SET SESSION AUTHORIZATION', sql: 'SET SESSION AUTHORIZATION postgres', mentions: ['SET SESSION AUTHORIZATION'] },
  { behaviour: 'RESET ALL', sql: 'RESET ALL', mentions: ['RESET ALL'] },
  { behaviour: 'SHOW of a setting', sql: 'SHOW search_path', mentions: ['SHOW'] },
  { behaviour: 'BEGIN', sql: 'BEGIN', mentions: ['BEGIN'] },
  { behaviour: 'COMMIT', sql: 'COMMIT', mentions: ['COMMIT'] },
  { behaviour: 'ROLLBACK', sql: 'ROLLBACK', mentions: ['ROLLBACK'] },
  { behaviour: 'SAVEPOINT', sql: 'SAVEPOINT x', mentions: ['SAVEPOINT'] },
  { behaviour: 'SET TRANSACTION READ WRITE', sql: 'SET TRANSACTION READ WRITE', mentions: ['SET TRANSACTION'] },
  { behaviour: 'a data-modifying WITH that deletes', sql: 'WITH d AS (DELETE FROM retail.customers RETURNING *) SELECT * FROM d', mentions: ['data-modifying WITH (DELETE)'] },
  { behaviour: 'a data-modifying WITH that updates', sql: "WITH u AS (UPDATE retail.products SET price = 0 RETURNING 1) SELECT 1", mentions: ['data-modifying WITH (UPDATE)'] },
  { behaviour: 'a data-modifying WITH that inserts', sql: 'WITH i AS (INSERT INTO retail.stores (store_id) VALUES (1) RETURNING 1) SELECT 1', mentions: ['data-modifying WITH (INSERT)'] },
  { behaviour: 'COPY of a table to STDOUT', sql: 'COPY retail.customers TO STDOUT', mentions: ['COPY'] },
  { behaviour: 'COPY TO PROGRAM', sql: "COPY (SELECT 1) TO PROGRAM 'x'", mentions: ['COPY'] },
  { behaviour: 'a DO block', sql: 'DO $$ BEGIN PERFORM 1; END $$', mentions: ['DO'] },
  { behaviour: 'CALL of a procedure', sql: 'CALL x()', mentions: ['CALL'] },
  { behaviour: 'LOCK of a table', sql: 'LOCK retail.customers', mentions: ['LOCK'] },
  { behaviour: 'PREPARE', sql: 'PREPARE p AS SELECT 1', mentions: ['PREPARE'] },
  { behaviour: 'EXECUTE', sql: 'EXECUTE p', mentions: ['EXECUTE'] },
  { behaviour: 'DEALLOCATE', sql: 'DEALLOCATE ALL', mentions: ['DEALLOCATE'] },
  { behaviour: 'LISTEN', sql: 'LISTEN x', mentions: ['LISTEN'] },
  { behaviour: 'NOTIFY', sql: 'NOTIFY x', mentions: ['NOTIFY'] },
  { behaviour: 'DECLARE CURSOR', sql: 'DECLARE c CURSOR FOR SELECT 1', mentions: ['DECLARE CURSOR'] },
  { behaviour: 'FETCH from a cursor', sql: 'FETCH ALL FROM c', mentions: ['FETCH'] },
  { behaviour: 'VACUUM', sql: 'VACUUM', mentions: ['VACUUM'] },
  { behaviour: 'ANALYZE', sql: 'ANALYZE retail.customers', mentions: ['ANALYZE'] },
  { behaviour: 'CHECKPOINT', sql: 'CHECKPOINT', mentions: ['CHECKPOINT'] },
  { behaviour: 'LOAD of a library', sql: "LOAD 'plpgsql'", mentions: ['LOAD'] },
  { behaviour: 'DISCARD', sql: 'DISCARD ALL', mentions: ['DISCARD'] },
  { behaviour: 'CREATE TABLE', sql: 'CREATE TABLE t (a int)', mentions: ['CREATE'] },
  { behaviour: 'CREATE FUNCTION', sql: 'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$', mentions: ['CREATE FUNCTION'] },
  { behaviour: 'CREATE TABLE AS', sql: 'CREATE TABLE t AS SELECT 1', mentions: ['CREATE TABLE AS'] },
  { behaviour: 'ALTER TABLE', sql: 'ALTER TABLE retail.customers DISABLE ROW LEVEL SECURITY', mentions: ['ALTER TABLE'] },
  { behaviour: 'ALTER SYSTEM', sql: "ALTER SYSTEM SET work_mem = '1GB'", mentions: ['ALTER SYSTEM'] },
  { behaviour: 'DROP TABLE', sql: 'DROP TABLE retail.customers', mentions: ['DROP'] },
  { behaviour: 'GRANT', sql: 'GRANT ALL ON retail.customers TO mcp_user', mentions: ['GRANT'] },
  { behaviour: 'REVOKE', sql: 'REVOKE ALL ON retail.customers FROM mcp_user', mentions: ['REVOKE'] },
  { behaviour: 'GRANT of a role', sql: 'GRANT postgres TO mcp_user', mentions: ['GRANT'] },
  { behaviour: 'TRUNCATE', sql: 'TRUNCATE retail.customers', mentions: ['TRUNCATE'] },
  { behaviour: 'MERGE', sql: 'MERGE INTO retail.customers c USING retail.stores s ON c.store_id = s.store_id WHEN MATCHED THEN DELETE', mentions: ['MERGE'] },
  { behaviour: 'INSERT', sql: "INSERT INTO retail.stores (store_id, store_name) VALUES ('x', 'y')", mentions: ['INSERT', 'only reads'] },
  { behaviour: 'UPDATE', sql: 'UPDATE retail.products SET price = 0', mentions: ['UPDATE', 'only reads'] },
  { behaviour: 'DELETE', sql: 'DELETE FROM retail.customers', mentions: ['DELETE', 'only reads'] },
  { behaviour: 'EXPLAIN ANALYZE of a DELETE', sql: 'EXPLAIN ANALYZE DELETE FROM retail.customers', mentions: ['EXPLAIN of DELETE'] },
  { behaviour: 'EXPLAIN of CREATE TABLE AS', sql: 'EXPLAIN ANALYZE CREATE TABLE t AS SELECT 1', mentions: ['EXPLAIN of CREATE TABLE AS'] },
  { behaviour: 'EXPLAIN of EXECUTE', sql: 'EXPLAIN EXECUTE p', mentions: ['EXPLAIN of EXECUTE'] },
  { behaviour: 'EXPLAIN (SETTINGS), which prints the server configuration', sql: 'EXPLAIN (SETTINGS) SELECT 1', mentions: ['SETTINGS'] },
  { behaviour: 'EXPLAIN (BUFFERS), which counts pages of every store', sql: 'EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM customers', mentions: ['BUFFERS'] },
  { behaviour: 'EXPLAIN in a format the runner cannot redact', sql: 'EXPLAIN (FORMAT JSON) SELECT * FROM customers', mentions: ['FORMAT other than TEXT'] },
  { behaviour: 'REFRESH MATERIALIZED VIEW', sql: 'REFRESH MATERIALIZED VIEW v', mentions: ['REFRESH MATERIALIZED VIEW'] },
  { behaviour: 'COMMENT ON', sql: "COMMENT ON TABLE retail.stores IS 'x'", mentions: ['COMMENT'] },
];

const INSIDE_SELECT: Refusal[] = [
  { behaviour: "set_config('role', ...)", sql: "SELECT set_config('role','postgres',false)", mentions: ['set_config'] },
  { behaviour: 'set_config of the store context', sql: "SELECT set_config('app.current_store_id','redmond',true)", mentions: ['set_config'] },
  { behaviour: 'pg_sleep', sql: 'SELECT pg_sleep(10)', mentions: ['pg_sleep'] },
  { behaviour: 'pg_sleep_for', sql: "SELECT pg_sleep_for('10 s')", mentions: ['pg_sleep_for'] },
  { behaviour: 'pg_read_file in FROM', sql: "SELECT * FROM pg_read_file('/etc/passwd')", mentions: ['pg_read_file'] },
  { behaviour: 'pg_read_file in the select list', sql: "SELECT pg_read_file('/etc/passwd')", mentions: ['pg_read_file'] },
  { behaviour: 'pg_read_file in parentheses', sql: "SELECT (pg_read_file('/etc/passwd'))", mentions: ['pg_read_file'] },
  { behaviour: 'pg_read_file through attribute notation t.f', sql: "SELECT t.pg_read_file FROM (SELECT '/etc/passwd'::text) t", mentions: ['pg_read_file', 'attribute notation'] },
  { behaviour: 'pg_ls_dir through attribute notation (t).f', sql: "SELECT (t).pg_ls_dir FROM (SELECT '/'::text AS a) t", mentions: ['pg_ls_dir', 'attribute notation'] },
  { behaviour: 'pg_ls_dir through attribute notation on a literal', sql: "SELECT ('/'::text).pg_ls_dir", mentions: ['pg_ls_dir'] },
  { behaviour: 'set_config named as a bare column', sql: "SELECT set_config FROM (SELECT 'role') AS set_config", mentions: ['set_config'] },
  { behaviour: 'set_config through attribute notation', sql: 'SELECT s.set_config FROM retail.stores s', mentions: ['set_config'] },
  { behaviour: 'the store context function through attribute notation', sql: "SELECT ('redmond'::text).set_store_context", mentions: ['set_store_context'] },
  { behaviour: 'lo_import', sql: "SELECT lo_import('/etc/passwd')", mentions: ['lo_import'] },
  { behaviour: 'lo_get in FROM', sql: 'SELECT * FROM lo_get(1)', mentions: ['lo_get'] },
  { behaviour: 'dblink', sql: "SELECT dblink('host=evil', 'select 1')", mentions: ['dblink'] },
  { behaviour: 'pg_terminate_backend', sql: 'SELECT pg_terminate_backend(1)', mentions: ['pg_terminate_backend'] },
  { behaviour: 'pg_cancel_backend', sql: 'SELECT pg_cancel_backend(1)', mentions: ['pg_cancel_backend'] },
  { behaviour: 'pg_reload_conf', sql: 'SELECT pg_reload_conf()', mentions: ['pg_reload_conf'] },
  { behaviour: 'query_to_xml, which runs SQL text', sql: "SELECT query_to_xml('select 1', true, true, '')", mentions: ['query_to_xml'] },
  { behaviour: 'table_to_xml', sql: "SELECT table_to_xml('retail.customers', true, true, '')", mentions: ['table_to_xml'] },
  { behaviour: 'ts_stat, which runs SQL text', sql: "SELECT * FROM ts_stat('SELECT to_tsvector(rolpassword) FROM pg_authid')", mentions: ['ts_stat'] },
  { behaviour: 'xpath', sql: "SELECT xpath('/a', '<a/>')", mentions: ['xpath'] },
  { behaviour: 'nextval', sql: "SELECT nextval('x')", mentions: ['nextval'] },
  { behaviour: 'setval', sql: "SELECT setval('x', 1)", mentions: ['setval'] },
  { behaviour: 'txid_current', sql: 'SELECT txid_current()', mentions: ['txid_current'] },
  { behaviour: 'pg_advisory_lock', sql: 'SELECT pg_advisory_lock(1)', mentions: ['pg_advisory_lock'] },
  { behaviour: 'pg_notify', sql: "SELECT pg_notify('x', 'y')", mentions: ['pg_notify'] },
  { behaviour: 'pg_logical_emit_message', sql: "SELECT pg_logical_emit_message(true, 'x', 'y')", mentions: ['pg_logical_emit_message'] },
  { behaviour: 'pg_create_restore_point', sql: "SELECT pg_create_restore_point('x')", mentions: ['pg_create_restore_point'] },
  { behaviour: 'pg_switch_wal', sql: 'SELECT pg_switch_wal()', mentions: ['pg_switch_wal'] },
  { behaviour: 'pg_backend_pid', sql: 'SELECT pg_backend_pid()', mentions: ['pg_backend_pid'] },
  { behaviour: 'retail.set_store_context', sql: "SELECT retail.set_store_context('redmond')", mentions: ['retail.set_store_context'] },
  { behaviour: 'the owner-only retail.perform_maintenance', sql: 'SELECT retail.perform_maintenance()', mentions: ['perform_maintenance'] },
  { behaviour: 'pg_trgm set_limit', sql: 'SELECT set_limit(0.1)', mentions: ['set_limit'] },
  { behaviour: 'setseed', sql: 'SELECT setseed(0.5)', mentions: ['setseed'] },
  { behaviour: 'repeat, which allocates up to 1 GB in one call', sql: "SELECT repeat('x', 1000000000)", mentions: ['repeat'] },
  { behaviour: 'array_fill, which allocates without bound', sql: 'SELECT array_fill(0, ARRAY[100000000])', mentions: ['array_fill'] },
  { behaviour: 'version()', sql: 'SELECT version()', mentions: ['version'] },
  { behaviour: 'to_regclass', sql: "SELECT to_regclass('pg_authid')", mentions: ['to_regclass'] },
  { behaviour: 'uuid_generate_v1, which reveals the MAC address', sql: 'SELECT uuid_generate_v1()', mentions: ['uuid_generate_v1'] },
  { behaviour: 'pg_authid unqualified', sql: 'SELECT * FROM pg_authid', mentions: ['pg_authid'] },
  { behaviour: 'pg_catalog.pg_shadow', sql: 'SELECT * FROM pg_catalog.pg_shadow', mentions: ['schema pg_catalog', 'pg_shadow'] },
  { behaviour: 'pg_user_mapping', sql: 'SELECT * FROM pg_user_mapping', mentions: ['pg_user_mapping'] },
  { behaviour: 'pg_class even for a harmless look', sql: 'SELECT relname FROM pg_class', mentions: ['pg_class'] },
  { behaviour: 'information_schema.tables', sql: 'SELECT * FROM information_schema.tables', mentions: ['schema information_schema'] },
  { behaviour: 'retail_private.context_key', sql: 'SELECT * FROM retail_private.context_key', mentions: ['schema retail_private'] },
  { behaviour: 'zava_meta.schema_migrations', sql: 'SELECT * FROM zava_meta.schema_migrations', mentions: ['schema zava_meta'] },
  { behaviour: 'public tables', sql: 'SELECT * FROM public.anything', mentions: ['schema public'] },
  { behaviour: 'pg_temp tables', sql: 'SELECT * FROM pg_temp.t', mentions: ['schema pg_temp'] },
  { behaviour: 'retail views kept for the owner', sql: 'SELECT * FROM retail.table_stats', mentions: ['retail.table_stats'] },
  { behaviour: 'the retail slow_queries view', sql: 'SELECT * FROM slow_queries', mentions: ['slow_queries'] },
  { behaviour: 'unknown relations', sql: 'SELECT * FROM secrets', mentions: ['relation secrets'] },
  { behaviour: 'cross-database references', sql: 'SELECT * FROM otherdb.retail.customers', mentions: ['cross-database'] },
  { behaviour: 'TABLE pg_authid', sql: 'TABLE pg_authid', mentions: ['pg_authid'] },
  { behaviour: 'VALUES with a subquery on pg_authid', sql: 'VALUES ((SELECT rolpassword FROM pg_authid LIMIT 1))', mentions: ['pg_authid'] },
  { behaviour: "current_setting('is_superuser')", sql: "SELECT current_setting('is_superuser')", mentions: ['current_setting', 'is_superuser'] },
  { behaviour: 'current_setting of the context token', sql: "SELECT current_setting('app.store_context_token', true)", mentions: ['current_setting'] },
  { behaviour: 'current_setting with a computed name', sql: "SELECT current_setting('app.' || 'current_store_id')", mentions: ['current_setting', 'computed'] },
  { behaviour: 'current_setting with a cast name', sql: "SELECT current_setting('app.current_store_id'::text)", mentions: ['current_setting'] },
  { behaviour: 'current_setting with a computed missing_ok flag', sql: "SELECT current_setting('app.current_store_id', 1 = 1)", mentions: ['current_setting'] },
  { behaviour: 'current_setting with a named argument', sql: "SELECT current_setting(setting_name => 'app.current_store_id')", mentions: ['current_setting'] },
  { behaviour: 'a regclass cast', sql: "SELECT 'x'::regclass", mentions: ['regclass'] },
  { behaviour: 'a regproc cast written with CAST', sql: "SELECT CAST('now' AS regproc)", mentions: ['regproc'] },
  { behaviour: 'a regrole cast', sql: "SELECT 'postgres'::pg_catalog.regrole", mentions: ['regrole'] },
  { behaviour: 'TREAT AS regclass, which calls the type as a function', sql: "SELECT TREAT('x' AS regclass)", mentions: ['regclass'] },
  { behaviour: 'an xml cast', sql: "SELECT '<a/>'::xml", mentions: ['xml'] },
  { behaviour: 'a cast to a table row type', sql: 'SELECT NULL::retail.customers', mentions: ['retail.customers'] },
  { behaviour: 'a cast to pg_catalog.name', sql: "SELECT 'x'::name", mentions: ['name'] },
  { behaviour: 'XML functions', sql: 'SELECT xmlelement(name a)', mentions: ['XML'] },
  { behaviour: 'XMLTABLE', sql: "SELECT * FROM XMLTABLE('/a' PASSING '<a/>' COLUMNS x int PATH 'x')", mentions: ['XMLTABLE'] },
  { behaviour: 'FOR UPDATE', sql: 'SELECT * FROM retail.customers FOR UPDATE', mentions: ['FOR UPDATE'] },
  { behaviour: 'FOR SHARE in a subquery', sql: 'SELECT * FROM (SELECT * FROM retail.customers FOR SHARE) s', mentions: ['FOR SHARE'] },
  { behaviour: 'FOR NO KEY UPDATE SKIP LOCKED', sql: 'SELECT * FROM retail.customers FOR NO KEY UPDATE SKIP LOCKED', mentions: ['FOR NO KEY UPDATE'] },
  { behaviour: 'SELECT INTO', sql: 'SELECT * INTO t FROM retail.customers', mentions: ['SELECT INTO'] },
  { behaviour: 'parameters such as $1', sql: 'SELECT * FROM customers LIMIT $1', mentions: ['parameter $1'] },
  { behaviour: 'OPERATOR() from another schema', sql: 'SELECT 1 OPERATOR(retail.+) 1', mentions: ['OPERATOR(retail.+)'] },
  { behaviour: 'ORDER BY USING an operator from another schema', sql: 'SELECT 1 FROM customers ORDER BY 1 USING OPERATOR(evil.<)', mentions: ['OPERATOR(evil.<)'] },
  { behaviour: 'ANY with an operator from another schema', sql: 'SELECT 1 WHERE 1 OPERATOR(evil.=) ANY (SELECT 1)', mentions: ['OPERATOR(evil.=)'] },
  { behaviour: 'TABLESAMPLE with a method other than BERNOULLI or SYSTEM', sql: 'SELECT * FROM customers TABLESAMPLE system_rows(10)', mentions: ['TABLESAMPLE'] },
  { behaviour: 'a collation from another schema', sql: 'SELECT email COLLATE evil."C" FROM customers', mentions: ['collation'] },
  { behaviour: 'a WITH query named like a system catalog', sql: 'WITH pg_authid AS (SELECT 1) SELECT * FROM pg_authid', mentions: ['pg_authid'] },
  { behaviour: 'a function qualified with a schema it does not live in', sql: "SELECT retail.upper('x')", mentions: ['retail.upper'] },
  { behaviour: 'an extension function qualified with pg_catalog', sql: "SELECT pg_catalog.similarity('a', 'b')", mentions: ['pg_catalog.similarity'] },
  { behaviour: 'a function name with a catalog part', sql: "SELECT db.pg_catalog.upper('x')", mentions: ['db.pg_catalog.upper'] },
  { behaviour: 'lpad with a computed length', sql: "SELECT lpad('x', (SELECT 5))", mentions: ['lpad', 'literal length'] },
  { behaviour: 'rpad with a huge length', sql: "SELECT rpad('x', 1000000000, 'y')", mentions: ['rpad'] },
  { behaviour: 'format with a computed width', sql: "SELECT format('%*s', 900000000, 'x')", mentions: ['format'] },
  { behaviour: 'format with a huge literal width', sql: "SELECT format('%900000000s', 'x')", mentions: ['format'] },
  { behaviour: 'format with a computed format string', sql: "SELECT format('%' || 's', 'x')", mentions: ['format'] },
  { behaviour: 'a column definition list with a forbidden type', sql: "SELECT * FROM json_to_record('{}') AS t(a regclass)", mentions: ['regclass'] },
  { behaviour: 'a ROWS FROM column definition list with a forbidden type', sql: "SELECT * FROM ROWS FROM (json_to_record('{}') AS (a regtype))", mentions: ['regtype'] },
  { behaviour: 'JSON_VALUE returning a forbidden type', sql: "SELECT JSON_VALUE('\"x\"'::jsonb, '$' RETURNING regclass)", mentions: ['regclass'] },
  { behaviour: 'JSON_TABLE columns of a forbidden type', sql: "SELECT * FROM JSON_TABLE('[1]'::jsonb, '$[*]' COLUMNS (x regclass PATH '$')) jt", mentions: ['regclass'] },
];

const TRICKS: Refusal[] = [
  { behaviour: 'a nested block comment hiding a second statement', sql: 'SELECT 1 /* nested /* comment */ ; DROP TABLE x */', mentions: ['nested block comment'] },
  { behaviour: 'a dollar-quoted semicolon followed by a second statement', sql: 'SELECT $$;$$; DROP TABLE x', mentions: ['only one statement', 'found 2'] },
  { behaviour: 'a unicode-escaped identifier spelling pg_sleep', sql: 'SELECT U&"\\0070g_sleep"(1)', mentions: ['pg_sleep'] },
  { behaviour: 'a quoted upper-case "PG_SLEEP", which names no allowed function', sql: 'SELECT "PG_SLEEP"(1)', mentions: ['"PG_SLEEP"'] },
  { behaviour: 'an unquoted PG_SLEEP, which folds to pg_sleep', sql: 'SELECT PG_SLEEP(1)', mentions: ['pg_sleep'] },
  { behaviour: 'pg_catalog.pg_sleep', sql: 'SELECT pg_catalog.pg_sleep(1)', mentions: ['pg_catalog.pg_sleep'] },
  { behaviour: 'a quoted "pg_catalog"."set_config"', sql: `SELECT "pg_catalog"."set_config"('role','x',false)`, mentions: ['pg_catalog.set_config'] },
  { behaviour: 'ROWS FROM (pg_ls_dir(...))', sql: "SELECT * FROM ROWS FROM (pg_ls_dir('/'))", mentions: ['pg_ls_dir'] },
  { behaviour: 'an identifier with a zero-width space that looks like an allowed name', sql: 'SELECT up\u200Bper(email) FROM customers', mentions: ['up\u200Bper'] },
  { behaviour: 'a NUL character, which would end the text early for C code', sql: 'SELECT 1 \u0000; DROP TABLE x', mentions: ['NUL'] },
  { behaviour: 'an unpaired surrogate', sql: "SELECT '\uD800'", mentions: ['surrogate'] },
  { behaviour: "a backslash-quote in a '...' string, read differently without standard_conforming_strings", sql: "SELECT '\\' AS a, 'b , pg_sleep(10)--'", mentions: ["E'...'"] },
  { behaviour: 'an empty string', sql: '', mentions: ['empty'] },
  { behaviour: 'only whitespace', sql: ' \n\t ', mentions: ['empty'] },
  { behaviour: 'only a comment', sql: '-- nothing here', mentions: ['no statement'] },
  { behaviour: 'only a semicolon', sql: ';', mentions: ['no statement'] },
  { behaviour: 'SELECT 1;; with an empty statement', sql: 'SELECT 1;;', mentions: ['semicolon'] },
  { behaviour: 'a leading semicolon', sql: ';SELECT 1', mentions: ['semicolon'] },
  { behaviour: 'SQL that does not parse, with the parser message', sql: 'SELEC 1', mentions: ['does not parse', 'syntax error at or near "SELEC"'] },
  { behaviour: 'an unterminated string', sql: "SELECT 'abc", mentions: ['does not parse', 'unterminated quoted string'] },
  { behaviour: 'a psql meta-command', sql: 'SELECT 1 \\gexec', mentions: ['does not parse'] },
];

describe('the SQL guard refuses statements other than SELECT', () => {
  it.each(STATEMENTS)('refuses $behaviour', ({ sql, mentions }) => {
    expectRefused(sql, mentions);
  });
});

describe('the SQL guard refuses dangerous content inside a SELECT', () => {
  it.each(INSIDE_SELECT)('refuses $behaviour', ({ sql, mentions }) => {
    expectRefused(sql, mentions);
  });
});

describe('the SQL guard sees through comment, quoting and spelling tricks', () => {
  it.each(TRICKS)('refuses $behaviour', ({ sql, mentions }) => {
    expectRefused(sql, mentions);
  });

  it('points at the offending function with a 1-based character position', () => {
    const sql = 'SELECT email, pg_sleep(1) FROM customers';
    expect(expectRefused(sql).position).toBe(sql.indexOf('pg_sleep') + 1);
  });

  it('counts positions in characters, not UTF-8 bytes', () => {
    const sql = "SELECT 'ééé😀', pg_sleep(1)";
    expect(expectRefused(sql).position).toBe(sql.indexOf('pg_sleep') + 1);
  });

  it('reports the parser position of a syntax error in characters', () => {
    const sql = "SELECT '😀é' FROM WHERE x";
    const verdict = expectRefused(sql, ['syntax error']);
    expect(verdict.position).toBe(sql.indexOf('WHERE') + 1);
    expect(verdict.reason).toContain(`at character ${sql.indexOf('WHERE') + 1}`);
  });

  it('points at the second statement when there are several', () => {
    const sql = 'SELECT 1; DROP TABLE x';
    expect(expectRefused(sql).position).toBe(sql.indexOf('DROP') + 1);
  });

  it('refuses SQL longer than the policy allows', () => {
    expectRefused(`SELECT ${'1 + '.repeat(50)}1`, ['at most 100'], { maxSqlLength: 100 });
  });

  it('refuses a parse tree nested deeper than the walker goes, instead of overflowing the stack', () => {
    const sql = `SELECT ${Array.from({ length: 1200 }, (_, i) => `c${i}`).join(' || ')} FROM customers`;
    expectRefused(sql, ['nested too deeply']);
  });

  it('refuses subqueries nested deeper than the parser can convert, without throwing', () => {
    expectRefused(`SELECT ${'(SELECT '.repeat(3000)}1${')'.repeat(3000)}`, ['nested too deeply']);
    expectRefused(`SELECT ${'abs('.repeat(1500)}1${')'.repeat(1500)}`, ['nested too deeply']);
  });

  it('refuses input the parser cannot handle at all, without throwing', () => {
    expectRefused(`SELECT ${'('.repeat(20000)}1${')'.repeat(20000)}`, ['does not parse']);
  });

  it('refuses a non-string input without throwing', () => {
    expectRefused(42 as unknown as string, ['string']);
  });
});
