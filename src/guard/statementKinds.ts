/**
 * Names, in SQL words, for what the guard refuses, so that a refusal tells the
 * model exactly which part of its SQL to drop.
 */

const WRITES: ReadonlyMap<string, string> = new Map([
  ['InsertStmt', 'INSERT'],
  ['UpdateStmt', 'UPDATE'],
  ['DeleteStmt', 'DELETE'],
  ['MergeStmt', 'MERGE'],
  ['TruncateStmt', 'TRUNCATE'],
]);

const TRANSACTION_VERBS: ReadonlyMap<unknown, string> = new Map([
  ['TRANS_STMT_BEGIN', 'BEGIN'],
  ['TRANS_STMT_START', 'START TRANSACTION'],
  ['TRANS_STMT_COMMIT', 'COMMIT'],
  ['TRANS_STMT_ROLLBACK', 'ROLLBACK'],
  ['TRANS_STMT_SAVEPOINT', 'SAVEPOINT'],
  ['TRANS_STMT_RELEASE', 'RELEASE SAVEPOINT'],
  ['TRANS_STMT_ROLLBACK_TO', 'ROLLBACK TO SAVEPOINT'],
  ['TRANS_STMT_PREPARE', 'PREPARE TRANSACTION'],
  ['TRANS_STMT_COMMIT_PREPARED', 'COMMIT PREPARED'],
  ['TRANS_STMT_ROLLBACK_PREPARED', 'ROLLBACK PREPARED'],
]);

const COMMANDS: ReadonlyMap<string, string> = new Map([
  ['CreateStmt', 'CREATE TABLE'],
  ['DoStmt', 'DO'],
  ['CallStmt', 'CALL'],
  ['CopyStmt', 'COPY'],
  ['LockStmt', 'LOCK'],
  ['PrepareStmt', 'PREPARE'],
  ['ExecuteStmt', 'EXECUTE'],
  ['DeallocateStmt', 'DEALLOCATE'],
  ['ListenStmt', 'LISTEN'],
  ['UnlistenStmt', 'UNLISTEN'],
  ['NotifyStmt', 'NOTIFY'],
  ['DeclareCursorStmt', 'DECLARE CURSOR'],
  ['FetchStmt', 'FETCH'],
  ['ClosePortalStmt', 'CLOSE'],
  ['CheckPointStmt', 'CHECKPOINT'],
  ['LoadStmt', 'LOAD'],
  ['DiscardStmt', 'DISCARD'],
  ['VariableShowStmt', 'SHOW'],
  ['ConstraintsSetStmt', 'SET CONSTRAINTS'],
  ['CreateTableAsStmt', 'CREATE TABLE AS'],
  ['ViewStmt', 'CREATE VIEW'],
  ['DefineStmt', 'CREATE'],
  ['IndexStmt', 'CREATE INDEX'],
  ['RuleStmt', 'CREATE RULE'],
  ['RefreshMatViewStmt', 'REFRESH MATERIALIZED VIEW'],
  ['AlterSystemStmt', 'ALTER SYSTEM'],
  ['RenameStmt', 'ALTER ... RENAME'],
  ['CommentStmt', 'COMMENT'],
  ['SecLabelStmt', 'SECURITY LABEL'],
  ['ReindexStmt', 'REINDEX'],
  ['ClusterStmt', 'CLUSTER'],
  ['CreatedbStmt', 'CREATE DATABASE'],
  ['DropdbStmt', 'DROP DATABASE'],
  ['ImportForeignSchemaStmt', 'IMPORT FOREIGN SCHEMA'],
]);

type Body = Record<string, unknown>;

/** The SQL command a refused top-level statement node stands for, e.g. `SET ROLE`. */
export function commandName(type: string, body: Body): string {
  const write = WRITES.get(type);
  if (write) return write;
  switch (type) {
    case 'VariableSetStmt':
      return variableSetName(body);
    case 'TransactionStmt':
      return TRANSACTION_VERBS.get(body.kind) ?? 'transaction control';
    case 'VacuumStmt':
      return body.is_vacuumcmd ? 'VACUUM' : 'ANALYZE';
    case 'GrantStmt':
    case 'GrantRoleStmt':
      return body.is_grant ? 'GRANT' : 'REVOKE';
    case 'FetchStmt':
      return body.ismove ? 'MOVE' : 'FETCH';
    case 'DropStmt':
      return typeof body.removeType === 'string' ? `DROP ${body.removeType.replace(/^OBJECT_/, '').replace(/_/g, ' ')}` : 'DROP';
  }
  return COMMANDS.get(type) ?? wordsOf(type);
}

function variableSetName(body: Body): string {
  const name = typeof body.name === 'string' ? body.name : '';
  const reset = body.kind === 'VAR_RESET' || body.kind === 'VAR_RESET_ALL';
  const verb = reset ? 'RESET' : body.is_local ? 'SET LOCAL' : 'SET';
  if (body.kind === 'VAR_RESET_ALL') return 'RESET ALL';
  if (name === 'role') return `${verb} ROLE`;
  if (name === 'session_authorization') return `${verb} SESSION AUTHORIZATION`;
  if (name.startsWith('TRANSACTION') || name === 'transaction_isolation') return 'SET TRANSACTION';
  return name ? `${verb} ${name}` : verb;
}

/** `CreateFunctionStmt` → `CREATE FUNCTION`; the fallback for DDL nobody listed. */
function wordsOf(type: string): string {
  return type
    .replace(/Stmt$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toUpperCase();
}

/** Why a statement that is not a SELECT is refused. */
export function describeRefusedStatement(type: string, body: Body): string {
  const command = commandName(type, body);
  if (WRITES.has(type)) return `${command} is not allowed: this tool only reads`;
  if (type === 'VariableSetStmt') return `${command} is not allowed: the session's role and settings are fixed`;
  if (type === 'TransactionStmt') return `${command} is not allowed: every query runs in a read-only transaction of its own`;
  return `${command} is not allowed: only one SELECT (optionally under EXPLAIN) may run`;
}

const LOCK_STRENGTHS: ReadonlyMap<unknown, string> = new Map([
  ['LCS_FORKEYSHARE', 'FOR KEY SHARE'],
  ['LCS_FORSHARE', 'FOR SHARE'],
  ['LCS_FORNOKEYUPDATE', 'FOR NO KEY UPDATE'],
  ['LCS_FORUPDATE', 'FOR UPDATE'],
]);

/**
 * Why a node inside a SELECT is refused. `parent`/`field` say where it was found,
 * so that DELETE inside WITH reads as a data-modifying WITH.
 */
export function describeRefusedNode(type: string, body: Body, parent: string, field: string): string {
  if (parent === 'CommonTableExpr' && field === 'ctequery') {
    return `data-modifying WITH (${commandName(type, body)}) is not allowed: this tool only reads`;
  }
  switch (type) {
    case 'IntoClause':
      return 'SELECT INTO is not allowed: it creates a table';
    case 'LockingClause':
      return `${LOCK_STRENGTHS.get(body.strength) ?? 'FOR UPDATE/SHARE'} is not allowed: FOR UPDATE/SHARE locks rows`;
    case 'ParamRef':
      return `parameter $${String(body.number ?? '')} is not allowed: write values into the SQL`;
    case 'RangeTableFunc':
    case 'RangeTableFuncCol':
      return 'XMLTABLE is not allowed';
    case 'XmlExpr':
    case 'XmlSerialize':
      return 'XML functions are not allowed';
    case 'WithClause':
      return 'WITH is not allowed in this position';
  }
  if (type.endsWith('Stmt')) return describeRefusedStatement(type, body);
  return `${wordsOf(type)} (${type}) is not allowed in a query`;
}
