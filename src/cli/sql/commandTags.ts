import type { ScriptStatement } from './sqlScript.js';

/**
 * The command tag PostgreSQL would send for a statement (`UPDATE 3`, `DROP TABLE`,
 * `CREATE INDEX`), from its parse tree: neither engine's client API hands over the
 * tag itself, only its first word.
 */
export function commandTag(statement: ScriptStatement, rowCount: number): string {
  const node = (statement.node[statement.kind] ?? {}) as Record<string, unknown>;
  const counted = COUNTED[statement.kind];
  if (counted) return `${counted} ${rowCount}`;
  const fixed = FIXED[statement.kind];
  if (fixed) return fixed;
  switch (statement.kind) {
    case 'TransactionStmt':
      return TRANSACTION[String(node.kind)] ?? 'TRANSACTION';
    case 'DropStmt':
      return `DROP ${objectName(node.removeType)}`;
    case 'AlterTableStmt':
      return `ALTER ${objectName(node.objtype)}`;
    case 'RenameStmt':
      return `ALTER ${objectName(node.renameType)}`;
    case 'CommentStmt':
      return 'COMMENT';
    case 'VariableSetStmt':
      return String(node.kind).startsWith('VAR_RESET') ? 'RESET' : 'SET';
    case 'GrantStmt':
      return node.is_grant ? 'GRANT' : 'REVOKE';
    case 'GrantRoleStmt':
      return node.is_grant ? 'GRANT ROLE' : 'REVOKE ROLE';
    case 'VacuumStmt':
      return node.is_vacuumcmd ? 'VACUUM' : 'ANALYZE';
    case 'CreateFunctionStmt':
      return node.is_procedure ? 'CREATE PROCEDURE' : 'CREATE FUNCTION';
    case 'CreateTableAsStmt':
      return `SELECT ${rowCount}`;
    case 'FetchStmt':
      return `${node.ismove ? 'MOVE' : 'FETCH'} ${rowCount}`;
    case 'DefineStmt':
      return `CREATE ${objectName(node.kind)}`;
    default:
      // CreatePolicyStmt -> CREATE POLICY: the node's name says it for most of the rest.
      return statement.kind.replace(/Stmt$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
  }
}

const COUNTED: Readonly<Record<string, string>> = {
  SelectStmt: 'SELECT',
  InsertStmt: 'INSERT 0',
  UpdateStmt: 'UPDATE',
  DeleteStmt: 'DELETE',
  MergeStmt: 'MERGE',
  CopyStmt: 'COPY',
};

const FIXED: Readonly<Record<string, string>> = {
  CreateStmt: 'CREATE TABLE',
  IndexStmt: 'CREATE INDEX',
  ViewStmt: 'CREATE VIEW',
  CreateSchemaStmt: 'CREATE SCHEMA',
  CreateSeqStmt: 'CREATE SEQUENCE',
  CreateRoleStmt: 'CREATE ROLE',
  AlterRoleStmt: 'ALTER ROLE',
  CreateExtensionStmt: 'CREATE EXTENSION',
  CreatePolicyStmt: 'CREATE POLICY',
  CreateTrigStmt: 'CREATE TRIGGER',
  CreatedbStmt: 'CREATE DATABASE',
  TruncateStmt: 'TRUNCATE TABLE',
  ExplainStmt: 'EXPLAIN',
  DoStmt: 'DO',
  CallStmt: 'CALL',
  LockStmt: 'LOCK TABLE',
  ReindexStmt: 'REINDEX',
  ClusterStmt: 'CLUSTER',
  VariableShowStmt: 'SHOW',
  DeclareCursorStmt: 'DECLARE CURSOR',
  ClosePortalStmt: 'CLOSE CURSOR',
  PrepareStmt: 'PREPARE',
  DeallocateStmt: 'DEALLOCATE',
  RefreshMatViewStmt: 'REFRESH MATERIALIZED VIEW',
  CheckPointStmt: 'CHECKPOINT',
  ListenStmt: 'LISTEN',
  NotifyStmt: 'NOTIFY',
  DiscardStmt: 'DISCARD',
};

const TRANSACTION: Readonly<Record<string, string>> = {
  TRANS_STMT_BEGIN: 'BEGIN',
  TRANS_STMT_START: 'START TRANSACTION',
  TRANS_STMT_COMMIT: 'COMMIT',
  TRANS_STMT_ROLLBACK: 'ROLLBACK',
  TRANS_STMT_SAVEPOINT: 'SAVEPOINT',
  TRANS_STMT_RELEASE: 'RELEASE',
  TRANS_STMT_ROLLBACK_TO: 'ROLLBACK',
  TRANS_STMT_PREPARE: 'PREPARE TRANSACTION',
  TRANS_STMT_COMMIT_PREPARED: 'COMMIT PREPARED',
  TRANS_STMT_ROLLBACK_PREPARED: 'ROLLBACK PREPARED',
};

/** OBJECT_MATVIEW -> MATERIALIZED VIEW, OBJECT_FOREIGN_TABLE -> FOREIGN TABLE. */
function objectName(value: unknown): string {
  const name = String(value ?? 'OBJECT').replace(/^OBJECT_/, '');
  return name === 'MATVIEW' ? 'MATERIALIZED VIEW' : name.replaceAll('_', ' ');
}
