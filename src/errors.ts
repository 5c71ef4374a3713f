import { capText, MAX_ERROR_TEXT } from './errorText.js';

/**
 * Typed errors with stable codes. Everything the program raises on purpose is a
 * ZavaError; the edges (CLI, MCP) render `message` and never a stack, a
 * connection string or an internal path.
 */
export type ErrorCode =
  | 'config_invalid'
  | 'usage'
  | 'unknown_store'
  | 'inactive_store'
  | 'no_store_context'
  | 'database_exists'
  | 'database_not_initialised'
  | 'database_unavailable'
  | 'migration_failed'
  | 'sql_rejected'
  | 'sql_error'
  | 'query_timeout'
  | 'result_too_large'
  | 'context_tampered'
  | 'not_found'
  | 'invalid_argument'
  | 'feature_unavailable'
  | 'embedding_failed'
  | 'internal';

export class ZavaError extends Error {
  readonly code: ErrorCode;
  /** Extra machine-readable facts safe to show a client (never secrets or paths). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ZavaError';
    this.code = code;
    this.details = details;
  }
}

/** A PostgreSQL error, reduced to what is safe and useful to show. */
export class SqlExecutionError extends ZavaError {
  readonly sqlState: string | undefined;
  readonly position: number | undefined;

  constructor(message: string, sqlState: string | undefined, position: number | undefined, options?: { cause?: unknown }) {
    super('sql_error', message, { sqlState, position }, options);
    this.name = 'SqlExecutionError';
    this.sqlState = sqlState;
    this.position = position;
  }
}

export class QueryTimeoutError extends ZavaError {
  constructor(timeoutMs: number) {
    super('query_timeout', `the query ran longer than the ${timeoutMs} ms statement timeout and was cancelled`, { timeoutMs });
    this.name = 'QueryTimeoutError';
  }
}

export function isZavaError(error: unknown): error is ZavaError {
  return error instanceof ZavaError;
}

/**
 * One line that is safe to print to a user: the message of a ZavaError, a generic
 * line otherwise; long messages are cut (our own list every valid choice, hence
 * twice the cap engines' text gets).
 */
export function describeError(error: unknown): string {
  if (isZavaError(error)) return capText(firstLine(error.message), 2 * MAX_ERROR_TEXT);
  return 'internal error (run with ZAVA_LOG_LEVEL=debug for details)';
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.trim();
}
