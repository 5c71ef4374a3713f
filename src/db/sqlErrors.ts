import { capText } from '../errorText.js';
import { QueryTimeoutError, SqlExecutionError } from '../errors.js';

export interface RawSqlError {
  message: string;
  sqlState?: string | undefined;
  position?: number | undefined;
}

const QUERY_CANCELED = '57014';

/** Turns an engine's error into our typed error; only the server's message travels, capped. */
export function toSqlExecutionError(raw: RawSqlError, timeoutMs: number | undefined, cause?: unknown): Error {
  if (raw.sqlState === QUERY_CANCELED && timeoutMs !== undefined) return new QueryTimeoutError(timeoutMs);
  return new SqlExecutionError(capText(raw.message), raw.sqlState, raw.position, { cause });
}
