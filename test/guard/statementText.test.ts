import { describe, expect, it } from 'vitest';
import { expectAllowed, expectRefused } from './guardAssertions.js';

describe('the guard cuts the statement text by token positions', () => {
  it('drops a trailing semicolon', () => {
    expect(expectAllowed('SELECT 1;').statementText).toBe('SELECT 1');
  });

  it('drops trailing line comments and whitespace', () => {
    expect(expectAllowed('SELECT 1 -- the answer\n').statementText).toBe('SELECT 1');
  });

  it('drops comments on either side of the semicolon', () => {
    expect(expectAllowed('SELECT 1 /* one */ ; -- done\n/* really */').statementText).toBe('SELECT 1');
  });

  it('drops leading comments and whitespace', () => {
    expect(expectAllowed('\n  -- count\n/* all */ SELECT count(*) FROM customers').statementText).toBe('SELECT count(*) FROM customers');
  });

  it('keeps comments inside the statement as written', () => {
    const sql = 'SELECT 1 -- first\n, 2 /* second */ , 3';
    expect(expectAllowed(sql).statementText).toBe(sql);
  });

  it('keeps semicolons and comment markers that are inside strings, dollar quotes and identifiers', () => {
    const sql = `SELECT ';' AS "a;--b", $tag$ -- ; /* $tag$ AS c, E'\\';' AS d`;
    expect(expectAllowed(`${sql}; -- end`).statementText).toBe(sql);
  });

  it('cuts multi-byte text without breaking characters', () => {
    const sql = "SELECT 'café 😀 ñ' AS name";
    expect(expectAllowed(`${sql};  -- fin`).statementText).toBe(sql);
  });

  it('returns a substring of the input, so callers can find it again', () => {
    const sql = "/* x */ SELECT 'é' -- y";
    const verdict = expectAllowed(sql);
    expect(sql.indexOf(verdict.statementText)).toBe(8);
  });

  it('allows a comment that contains a semicolon, since PostgreSQL ignores it', () => {
    expect(expectAllowed('SELECT 1 /* ; DROP TABLE x */').statementText).toBe('SELECT 1');
  });

  it('refuses a nested block comment even when it hides nothing', () => {
    expectRefused('SELECT 1 /* a /* b */ c */', ['nested block comment']);
  });

  it('refuses two semicolons after a statement', () => {
    expectRefused('SELECT 1; ;', ['semicolon']);
  });

  it("allows backslashes in '...' strings that are not before a quote, and in E'' and dollar quotes", () => {
    expectAllowed("SELECT regexp_replace(phone, '\\D', '', 'g'), E'it\\'s', $$a\\'b$$ FROM customers");
  });

  it("refuses a '...' string ending in a backslash (a LIKE ESCAPE '\\' must be written E'\\\\')", () => {
    expectRefused("SELECT 1 FROM customers WHERE email LIKE 'a\\_b' ESCAPE '\\'", ["E'...'"]);
    expectAllowed("SELECT 1 FROM customers WHERE email LIKE 'a\\_b' ESCAPE E'\\\\'");
  });

  it("refuses a national N'...' string with a backslash before a quote", () => {
    expectRefused("SELECT N'\\', 1", ["E'...'"]);
  });
});
