import { ZavaError } from '../../errors.js';
import { toSqlExecutionError } from '../sqlErrors.js';

/** node-postgres errors as ours: SQL errors keep their SQLSTATE and position, the rest say the server is unreachable. */
export function asEngineError(error: unknown, timeoutMs: number | undefined, location: string): Error {
  if (error instanceof ZavaError) return error;
  const e = error as { code?: string; message?: string; position?: string };
  if (isSqlState(e.code)) {
    return toSqlExecutionError(
      { message: e.message ?? 'database error', sqlState: e.code, position: e.position === undefined ? undefined : Number(e.position) },
      timeoutMs,
      error,
    );
  }
  return connectionError(error, location);
}

export function connectionError(error: unknown, location: string): ZavaError {
  if (error instanceof ZavaError) return error;
  const e = error as { code?: string; message?: string };
  if (isSqlState(e.code)) {
    // Authentication and "database does not exist" arrive as SQL errors at connect time.
    return new ZavaError('database_unavailable', `could not connect to PostgreSQL at ${location}: ${e.message ?? e.code}`, {}, { cause: error });
  }
  const reason = e.code === 'ECONNREFUSED' ? 'connection refused' : e.code === 'ENOTFOUND' ? 'host not found' : (e.code ?? 'connection failed');
  return new ZavaError('database_unavailable', `could not connect to PostgreSQL at ${location}: ${reason}`, {}, { cause: error });
}

function isSqlState(code: string | undefined): code is string {
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}
