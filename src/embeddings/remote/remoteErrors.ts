import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { ZavaError } from '../../errors.js';
import { errorSummary, redact } from '../errorText.js';
import { parseRetryAfter, RetriesExhausted, type RetryDecision } from './retry.js';

/** How to name an endpoint and its settings in one-line errors. */
export interface EndpointHints {
  /** e.g. 'the OpenAI API', 'Azure OpenAI'. */
  label: string;
  /** What to check after a 401/403, e.g. 'OPENAI_API_KEY'. */
  credentials: string;
  /** What to check after a 404. */
  notFound: string;
  /** Values that must never appear in a message. */
  secrets: readonly (string | undefined)[];
}

/**
 * Retry what may pass: rate limits (except an exhausted quota), server errors,
 * timeouts and dropped connections. A request the server judged bad stays bad.
 */
export function classifyRemoteError(error: unknown): RetryDecision {
  if (error instanceof APIError && error.status !== undefined) {
    const hint = error.headers?.get('x-should-retry');
    if (hint === 'false') return { retry: false };
    if (error.status === 429 && error.code === 'insufficient_quota') return { retry: false };
    if (hint === 'true' || error.status === 408 || error.status === 409 || error.status === 429 || error.status >= 500) {
      const retryAfterMs = parseRetryAfter(error.headers);
      return retryAfterMs === undefined ? { retry: true } : { retry: true, retryAfterMs };
    }
    return { retry: false };
  }
  // Covers timeouts too (a subclass), but not the caller's own abort (APIUserAbortError is no connection error).
  return { retry: error instanceof APIConnectionError };
}

/** One line for a request that failed for good; never a key or token. */
export function remoteFailure(error: unknown, hints: EndpointHints): ZavaError {
  const attempts = error instanceof RetriesExhausted ? error.attempts : 1;
  const cause = error instanceof RetriesExhausted ? error.lastError : error;
  if (cause instanceof ZavaError) return cause;
  const message = describe(cause, hints, attempts > 1 ? ` after ${attempts} attempts` : '');
  return new ZavaError('embedding_failed', redact(message, hints.secrets), { attempts }, { cause });
}

function describe(error: unknown, { label, credentials, notFound }: EndpointHints, after: string): string {
  if (error instanceof APIConnectionTimeoutError) return `${label} did not answer in time${after}; try again later`;
  if (error instanceof APIConnectionError) return `could not reach ${label}${after}: ${errorSummary(error.cause ?? error)}`;
  if (!(error instanceof APIError) || error.status === undefined) return `${label} returned a response that could not be read: ${errorSummary(error)}`;
  const status = error.status;
  if (status === 401) return `${label} rejected the credentials (401); check ${credentials}`;
  if (status === 403) return `${label} refused access (403); check ${credentials} and its permissions`;
  if (status === 404) return `${label} has no such model or deployment (404); ${notFound}`;
  if (status === 429 && error.code === 'insufficient_quota') return `${label} reports the account's quota is used up (429); check its plan and billing`;
  if (status === 429) return `${label} kept rate limiting the requests (429)${after}; try again later`;
  if (status >= 500) return `${label} failed with status ${status}${after}; try again later`;
  return `${label} rejected the request (${status}): ${serverMessage(error)}`;
}

function serverMessage(error: APIError): string {
  const body = error.error as { message?: unknown } | undefined;
  return typeof body?.message === 'string' && body.message !== '' ? body.message : 'no details given';
}
