import { ZavaError } from '../errors.js';
import { parseSql } from './parser.js';
import type { Node } from 'libpg-query';

const WRAPPER_ALIAS = 'zava_result';
const WRAPPER_PREFIX = 'SELECT * FROM (\n';

/** Characters before the statement in the wrapped text, to map error positions back. */
export const ROW_LIMIT_STATEMENT_OFFSET = WRAPPER_PREFIX.length;

/**
 * The row-limit wrapper: `SELECT * FROM (\n<statement>\n) AS zava_result WHERE
 * retail.result_row_fits(octet_length(zava_result::text), $2) LIMIT $1`. $1 caps the
 * rows, and a single row larger than $2 bytes fails in the database instead of
 * travelling to the server (schema/013_result_row_size.sql). The newlines keep a
 * `--` comment inside the statement from swallowing the closing parenthesis. Only
 * ever used together with a check of its tree (declareResultCursor).
 */
export function rowLimitedText(statementText: string): string {
  return `${WRAPPER_PREFIX}${statementText}\n) AS ${WRAPPER_ALIAS} WHERE retail.result_row_fits(octet_length(${WRAPPER_ALIAS}::text), $2) LIMIT $1`;
}

/** The wrapper's own tree with a placeholder subquery; parsed once. */
const TEMPLATE_TREE = (() => {
  const parsed = parseSql(rowLimitedText('SELECT 1'));
  if (!parsed.ok) throw new Error('the row-limit wrapper does not parse');
  return parsed.tree;
})();

function rejected(message: string): ZavaError {
  return new ZavaError('sql_rejected', message);
}

/**
 * The tree the row-limit wrapper around `statementText` must have: the wrapper's
 * own tree with the statement's tree as its subquery. Throws ZavaError('sql_rejected')
 * when the statement is not exactly one SELECT.
 */
export function rowLimitedStatement(statementText: string): Node {
  const inner = parseSql(statementText);
  const innerStatement = inner.ok && inner.tree.stmts?.length === 1 ? inner.tree.stmts[0]?.stmt : undefined;
  if (innerStatement === undefined) throw rejected('the row-limited query does not parse as exactly one statement');
  if (!('SelectStmt' in innerStatement)) throw rejected('only a SELECT can be wrapped with a row limit');
  const expected = structuredClone(TEMPLATE_TREE.stmts?.[0]?.stmt);
  const from = expected && 'SelectStmt' in expected ? expected.SelectStmt.fromClause?.[0] : undefined;
  if (expected === undefined || from === undefined || !('RangeSubselect' in from)) throw new ZavaError('internal', 'the row-limit wrapper has an unexpected shape');
  from.RangeSubselect.subquery = innerStatement;
  return expected;
}
