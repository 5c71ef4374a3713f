import { ZavaError } from '../errors.js';

/**
 * PostgreSQL positions count characters (code points) of the executed text; report
 * them in the text the user or model wrote, counted as JavaScript counts (as the
 * guard's are). `prefixLength` characters of a wrapper come before the statement,
 * which starts `statementOffset` characters into the written text; a position
 * outside the statement (in the wrapper) is dropped, not shown.
 */
export function withPositionInText(error: unknown, prefixLength: number, statementText: string, statementOffset: number): unknown {
  if (!(error instanceof ZavaError) || typeof error.details.position !== 'number') return error;
  const characters = [...statementText];
  const inStatement = error.details.position - prefixLength;
  const { position: _dropped, ...details } = error.details;
  if (inStatement < 1 || inStatement > characters.length) return new ZavaError(error.code, error.message, details, { cause: error });
  const position = statementOffset + characters.slice(0, inStatement - 1).join('').length + 1;
  return new ZavaError(error.code, `${error.message} (at character ${position} of the query)`, { ...details, position }, { cause: error });
}
