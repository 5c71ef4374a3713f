import { isZavaError } from '../errors.js';
import type { CallOutcome } from '../access/callAudit.js';

/** Codes of a call refused before it ran: bad arguments, a refused query, something that does not exist here. */
const REFUSAL_CODES = new Set(['sql_rejected', 'invalid_argument', 'not_found', 'feature_unavailable', 'unknown_store', 'inactive_store', 'no_store_context']);

export function outcomeOf(error: unknown): { outcome: CallOutcome; errorCode: string } {
  const errorCode = isZavaError(error) ? error.code : 'internal';
  return { outcome: REFUSAL_CODES.has(errorCode) ? 'refused' : 'error', errorCode };
}

/** Rows a tool returned and whether it cut them, read off its structured result. */
export function resultFacts(structured: Record<string, unknown>): { rowsReturned?: number; truncated?: boolean } {
  const truncated = typeof structured.truncated === 'boolean' ? structured.truncated : undefined;
  if (typeof structured.row_count === 'number') return { rowsReturned: structured.row_count, ...(truncated === undefined ? {} : { truncated }) };
  const list = ['rows', 'results', 'stores', 'tables'].map((key) => structured[key]).find(Array.isArray);
  return { ...(list ? { rowsReturned: list.length } : {}), ...(truncated === undefined ? {} : { truncated }) };
}
