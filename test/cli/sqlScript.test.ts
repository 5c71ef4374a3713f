import { describe, expect, it } from 'vitest';
import { commandTag } from '../../src/cli/sql/commandTags.js';
import { renderCsv, renderJson, renderTable } from '../../src/cli/sql/sqlOutput.js';
import { lineAndColumn, splitScript, statementStart, transactionAfter } from '../../src/cli/sql/sqlScript.js';

describe('a SQL script cut into statements', () => {
  it('cuts at the semicolons PostgreSQL would, not inside strings, dollar-quoted bodies or comments, keeping each text exactly', () => {
    const script = "SELECT 'a;b';\n-- a comment; with a semicolon\nDO $$ BEGIN PERFORM 1; END $$;\nSELECT 'é' AS \"ü;\"";
    const statements = splitScript(script);
    expect(statements.map((statement) => statement.kind)).toEqual(['SelectStmt', 'DoStmt', 'SelectStmt']);
    expect(statements.map((statement) => statement.text.trim())).toEqual([
      "SELECT 'a;b'",
      'DO $$ BEGIN PERFORM 1; END $$',
      "SELECT 'é' AS \"ü;\"",
    ]);
    for (const statement of statements) expect(script.slice(statement.offset, statement.offset + statement.text.length)).toBe(statement.text);
    expect(lineAndColumn(script, statementStart(statements[1]!))).toEqual({ line: 3, column: 1 });
  });

  it('refuses a script with no statement, and points psql meta-commands at db serve', () => {
    expect(() => splitScript('  -- nothing\n')).toThrow('the script holds no SQL statement');
    expect(() => splitScript('SELECT 1;\n\\dt retail.*')).toThrow(/line 2, column 1.*psql meta-commands such as \\d are not SQL/);
  });

  it("follows the script's own transaction through BEGIN, COMMIT, ROLLBACK and COMMIT AND CHAIN", () => {
    const statements = splitScript('BEGIN; SELECT 1; COMMIT AND CHAIN; ROLLBACK; START TRANSACTION; SAVEPOINT a; COMMIT');
    const open: boolean[] = [];
    statements.reduce((before, statement) => {
      const after = transactionAfter(statement, before);
      open.push(after);
      return after;
    }, false);
    expect(open).toEqual([true, true, true, false, true, true, false]);
  });

  it.each([
    ['SELECT 1', 3, 'SELECT 3'],
    ['INSERT INTO t VALUES (1)', 2, 'INSERT 0 2'],
    ['UPDATE t SET a = 1', 5, 'UPDATE 5'],
    ['DELETE FROM t', 0, 'DELETE 0'],
    ['DROP TABLE t', 0, 'DROP TABLE'],
    ['DROP MATERIALIZED VIEW v', 0, 'DROP MATERIALIZED VIEW'],
    ['CREATE TABLE t (a int)', 0, 'CREATE TABLE'],
    ['CREATE INDEX ON t (a)', 0, 'CREATE INDEX'],
    ['ALTER TABLE t ADD COLUMN b int', 0, 'ALTER TABLE'],
    ['CREATE POLICY p ON t USING (true)', 0, 'CREATE POLICY'],
    ['CREATE TABLE u AS SELECT 1', 1, 'SELECT 1'],
    ['BEGIN', 0, 'BEGIN'],
    ['ROLLBACK', 0, 'ROLLBACK'],
    ['SET search_path = retail', 0, 'SET'],
    ['RESET ROLE', 0, 'RESET'],
    ['GRANT SELECT ON t TO mcp_user', 0, 'GRANT'],
    ['REVOKE SELECT ON t FROM mcp_user', 0, 'REVOKE'],
    ['VACUUM t', 0, 'VACUUM'],
    ['ANALYZE t', 0, 'ANALYZE'],
    ['TRUNCATE t', 0, 'TRUNCATE TABLE'],
    ['COMMENT ON TABLE t IS $$x$$', 0, 'COMMENT'],
    ['CREATE FUNCTION f() RETURNS int LANGUAGE sql RETURN 1', 0, 'CREATE FUNCTION'],
    ['ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO mcp_user', 0, 'ALTER DEFAULT PRIVILEGES'],
  ])('tags %s as PostgreSQL does', (sql, rows, tag) => {
    expect(commandTag(splitScript(sql)[0]!, rows)).toBe(tag);
  });
});

describe('the outcome of a statement, printed', () => {
  const rows = { tag: 'SELECT 2', columns: ['store_id', 'note', 'store_id'], rows: [['seattle', null, 'x'], ['online', 'a,"b"', 'y']] };

  it('as psql aligns it, with the row count, and the tag alone for a statement without rows', () => {
    expect(renderTable(rows)).toBe(
      [' store_id | note  | store_id', '----------+-------+----------', ' seattle  |       | x', ' online   | a,"b" | y', '(2 rows)', '', ''].join('\n'),
    );
    expect(renderTable({ tag: 'DROP TABLE' })).toBe('DROP TABLE\n');
  });

  it('as CSV with quoting, NULL as an empty field', () => {
    expect(renderCsv(rows)).toBe('store_id,note,store_id\r\nseattle,,x\r\nonline,"a,""b""",y\r\n');
  });

  it('as JSON: the rows for one statement (repeated names kept apart), an entry per statement for a script', () => {
    expect(JSON.parse(renderJson([rows], 1))).toEqual([
      { store_id: 'seattle', note: null, store_id_2: 'x' },
      { store_id: 'online', note: 'a,"b"', store_id_2: 'y' },
    ]);
    expect(JSON.parse(renderJson([{ tag: 'BEGIN' }, { tag: 'SELECT 0', columns: ['a'], rows: [] }], 2))).toEqual([
      { statement: 1, command: 'BEGIN' },
      { statement: 2, command: 'SELECT 0', rows: [] },
    ]);
  });
});
