import { ZavaError } from '../errors.js';
import { parseSql } from './parser.js';
import { ROW_LIMIT_STATEMENT_OFFSET, rowLimitedStatement, rowLimitedText } from './rowLimit.js';
import { treeShape } from './treeShape.js';
import type { AllowedVerdict } from './verdict.js';

/** The cursor every model SELECT is read through; FETCH and CLOSE name it. */
export const RESULT_CURSOR = 'zava_result_cursor';

const DECLARE_PREFIX = `DECLARE ${RESULT_CURSOR} NO SCROLL CURSOR FOR `;

export interface ResultCursorDeclaration {
  /** `DECLARE zava_result_cursor NO SCROLL CURSOR FOR SELECT * FROM (...) AS zava_result WHERE ... LIMIT $1` (rowLimitedText). */
  sql: string;
  /** Characters before the model's statement in `sql`, to map PostgreSQL's error positions back. */
  statementOffset: number;
}

/** The declaration's tree with the row-limited SELECT left out; parsed once. */
const TEMPLATE_DECLARATION = (() => {
  const parsed = parseSql(`${DECLARE_PREFIX}SELECT 1`);
  const statement = parsed.ok ? parsed.tree.stmts?.[0]?.stmt : undefined;
  if (!statement || !('DeclareCursorStmt' in statement)) throw new Error('the result cursor declaration does not parse');
  return statement.DeclareCursorStmt;
})();

function rejected(message: string): ZavaError {
  return new ZavaError('sql_rejected', message);
}

/**
 * A cursor over an allowed SELECT, row-limited as rowLimitedText wraps it, so that
 * the service can fetch rows in small batches and stop at the byte cap instead of
 * holding a result of any size in memory. The declaration is parsed and must be
 * exactly this cursor over exactly the row-limited statement.
 */
export function declareResultCursor(verdict: AllowedVerdict): ResultCursorDeclaration {
  if (verdict.kind !== 'select') throw rejected('only a SELECT is read through a cursor; EXPLAIN runs as written');
  const sql = `${DECLARE_PREFIX}${rowLimitedText(verdict.statementText)}`;
  const declared = parseSql(sql);
  const statement = declared.ok && declared.tree.stmts?.length === 1 ? declared.tree.stmts[0]?.stmt : undefined;
  if (!statement || !('DeclareCursorStmt' in statement)) throw rejected('the result cursor does not parse as exactly one declaration');
  const expected = { ...TEMPLATE_DECLARATION, query: rowLimitedStatement(verdict.statementText) };
  if (treeShape(expected) !== treeShape(statement.DeclareCursorStmt)) throw rejected('the result cursor is not over the checked statement; it was refused');
  return { sql, statementOffset: DECLARE_PREFIX.length + ROW_LIMIT_STATEMENT_OFFSET };
}
