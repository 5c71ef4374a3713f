import { ZavaError } from '../../errors.js';
import { parseSql } from '../../guard/parser.js';
import { SourceText } from '../../guard/sourceText.js';

/** One statement of a script, as PostgreSQL's parser cut it. */
export interface ScriptStatement {
  /** 1-based. */
  index: number;
  /** The statement's own text, exactly as written (comments before it included). */
  text: string;
  /** Where the text starts in the script, in JavaScript characters. */
  offset: number;
  /** The parse tree node's type: SelectStmt, TransactionStmt, DropStmt... */
  kind: string;
  node: Record<string, unknown>;
}

/**
 * Cuts a script into statements with the real parser (libpg-query, PostgreSQL 18),
 * never with a regular expression: a `;` inside a string, a dollar-quoted body or
 * a comment stays where it is. Each statement is then run on its own.
 */
export function splitScript(script: string): ScriptStatement[] {
  const parsed = parseSql(script);
  if (!parsed.ok) {
    const source = new SourceText(script);
    const at = parsed.failure.codePointIndex === undefined ? undefined : lineAndColumn(script, source.positionOfCodePoint(parsed.failure.codePointIndex) - 1);
    const meta = /^\s*\\/m.test(script) ? '; psql meta-commands such as \\d are not SQL: run them in psql against `zava-mcp db serve`' : '';
    throw new ZavaError('sql_error', `${parsed.failure.message}${at ? ` (line ${at.line}, column ${at.column})` : ''}${meta}`);
  }
  const source = new SourceText(script);
  const statements = (parsed.tree.stmts ?? []).map((entry, position) => {
    const start = entry.stmt_location ?? 0;
    const end = entry.stmt_len ? start + entry.stmt_len : source.bytes.length;
    const node = (entry.stmt ?? {}) as Record<string, unknown>;
    return { index: position + 1, text: source.sliceBytes(start, end), offset: source.positionOfByte(start) - 1, kind: Object.keys(node)[0] ?? 'unknown', node };
  });
  if (statements.length === 0) throw new ZavaError('usage', 'the script holds no SQL statement');
  return statements;
}

/** Line and column (1-based) of a character offset in the script. */
export function lineAndColumn(script: string, offset: number): { line: number; column: number } {
  const before = script.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/** Where a statement's own text begins: after the blank lines and comments before it. */
export function statementStart(statement: ScriptStatement): number {
  const lead = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/.exec(statement.text)?.[0].length ?? 0;
  return statement.offset + lead;
}

/** Whether, after this statement, the script's own transaction is open (BEGIN ... COMMIT). */
export function transactionAfter(statement: ScriptStatement, openBefore: boolean): boolean {
  if (statement.kind !== 'TransactionStmt') return openBefore;
  const { kind, chain } = statement.node.TransactionStmt as { kind?: string; chain?: boolean };
  if (kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START') return true;
  if (kind === 'TRANS_STMT_COMMIT' || kind === 'TRANS_STMT_ROLLBACK') return chain === true;
  if (kind === 'TRANS_STMT_PREPARE') return false;
  return openBefore;
}
