import type { DatabasePort } from '../db/port.js';
import { ApiTokenVerifier } from './apiTokens.js';
import { unauthenticated, type Authentication } from './authOutcome.js';
import { JwtVerifier, type JwtSettings } from './jwtVerifier.js';
import { looksLikeApiToken } from './tokenFormat.js';

export interface Authenticator {
  /** Whether JWTs are accepted besides API tokens. */
  readonly acceptsJwt: boolean;
  /** Checks an Authorization header: `Bearer <API token or JWT>`. */
  authenticate(authorization: string | undefined): Promise<Authentication>;
}

/** API tokens always (managed with `zava-mcp tokens`); JWTs when configured. */
export function createAuthenticator(db: DatabasePort, settings: JwtSettings): Authenticator {
  const tokens = new ApiTokenVerifier(db);
  const jwt = JwtVerifier.fromSettings(settings);
  return {
    acceptsJwt: jwt !== undefined,
    async authenticate(authorization) {
      if (authorization === undefined || authorization.trim() === '') return unauthenticated('no bearer token: send Authorization: Bearer <token>');
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match) return unauthenticated('the Authorization header must be "Bearer <token>"');
      const token = match[1]!;
      if (looksLikeApiToken(token)) return tokens.verify(token);
      if (jwt) return jwt.verify(token);
      return unauthenticated('the token is not an API token of this server (JWTs are not configured)');
    },
  };
}
