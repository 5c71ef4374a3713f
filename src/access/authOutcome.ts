import type { Principal } from './principal.js';

/**
 * What checking a request's credentials decided. 401: no identity (no token, a
 * malformed, unknown, revoked or expired one). 403: a known identity that may not
 * have what it asks (stores unknown or inactive, another token's session).
 */
export type Authentication = { ok: true; principal: Principal } | AuthFailure;

export interface AuthFailure {
  ok: false;
  status: 401 | 403;
  /** One line for the client; never a token or a hash. */
  reason: string;
}

export function unauthenticated(reason: string): AuthFailure {
  return { ok: false, status: 401, reason };
}

export function forbidden(reason: string): AuthFailure {
  return { ok: false, status: 403, reason };
}
