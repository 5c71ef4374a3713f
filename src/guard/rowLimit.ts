import { ZavaError } from '../errors.js';
import { parseSql } from './parser.js';
import { checkModelSql } from './checkModelSql.js';
import { treeShape } from './treeShape.js';
import type { Node } from 'libpg-query';
import type { AllowedVerdict, GuardPolicy } from './verdict.js';

const WRAPPER_ALIAS = 'zava_result';
const WRAPPER_PREFIX = 'SELECT * FROM (\n';

/** Characters before the statement in the wrapped text, to map error positions back. */
export const ROW_LIMIT_STATEMENT_OFFSET = WRAPPER_PREFIX.length;

/** The wrapper's text; only ever used together with a check of its tree. */
export function rowLimitedText(statementText: string): string {
  return `${WRAPPER_PREFIX}${statementText}\n) AS ${WRAPPER_ALIAS} LIMIT $1`;
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
 * Wraps an allowed SELECT so that the server returns at most $1 rows:
 * `SELECT * FROM (\n<statementText>\n) AS zava_result LIMIT $1`. The newlines keep
 * a `--` comment inside the statement from swallowing the closing parenthesis.
 *
 * `statementText` must be the statementText of an allowed 'select' verdict. The
 * text is checked again (with `policy`, or the default policy) and the wrapped
 * text is re-parsed and compared with it, so no text trick can make the wrapper
 * run anything else. Throws ZavaError('sql_rejected') otherwise.
 */
export function wrapWithRowLimit(statementText: string, policy?: GuardPolicy): string {
  const verdict = checkModelSql(statementText, policy);
  if (!verdict.allowed) throw rejected(verdict.reason);
  if (verdict.kind !== 'select') throw rejected('only a SELECT can be wrapped with a row limit; EXPLAIN runs as written');
  if (verdict.statementText !== statementText) {
    throw rejected('wrapWithRowLimit needs the statementText of an allowed verdict (no semicolon or surrounding comments)');
  }
  const wrapped = rowLimitedText(statementText);
  verifyWrappedStatement(wrapped, statementText);
  return wrapped;
}

/**
 * The same wrapper for a verdict checkModelSql has just returned: the statement is
 * not checked a second time, but the wrapped text is still re-parsed and compared.
 */
export function wrapAllowedSelect(verdict: AllowedVerdict): string {
  if (verdict.kind !== 'select') throw rejected('only a SELECT can be wrapped with a row limit; EXPLAIN runs as written');
  const wrapped = rowLimitedText(verdict.statementText);
  verifyWrappedStatement(wrapped, verdict.statementText);
  return wrapped;
}

/**
 * Proves that `wrapped` is the row-limit wrapper around exactly `statementText`:
 * the parse tree of `wrapped` must equal the wrapper's tree with the statement's
 * own tree as its subquery (positions aside). Throws ZavaError('sql_rejected').
 */
export function verifyWrappedStatement(wrapped: string, statementText: string): void {
  const outer = parseSql(wrapped);
  if (!outer.ok || outer.tree.stmts?.length !== 1) throw rejected('the row-limited query does not parse as exactly one statement');
  if (treeShape(rowLimitedStatement(statementText)) !== treeShape(outer.tree.stmts[0]?.stmt)) {
    throw rejected('the row-limited query is not the checked statement; it was refused');
  }
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
