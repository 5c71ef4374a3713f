import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { parseStoreBinding } from '../tenant/storeBinding.js';
import { unauthenticated, type Authentication } from './authOutcome.js';

export interface JwtSettings {
  jwtSecret?: string | undefined;
  jwksUrl?: string | undefined;
  jwtIssuer?: string | undefined;
  jwtAudience?: string | undefined;
}

/** Clocks of issuer and server may disagree this much; no more. */
const CLOCK_TOLERANCE_SECONDS = 60;
/** The claim that carries the stores: an array of store ids, or ["*"]. */
export const STORES_CLAIM = 'zava_stores';

/**
 * Verifies JWTs: HS256 with a shared secret for development, or RS256/ES256 against
 * a JWKS (Entra ID and other identity providers). `exp` is required; the stores come
 * from the zava_stores claim, never from anywhere else.
 */
export class JwtVerifier {
  private constructor(
    private readonly key: Parameters<typeof jwtVerify>[1],
    private readonly algorithms: string[],
    private readonly settings: JwtSettings,
  ) {}

  /** A verifier for the configured method, or undefined when JWTs are not configured. */
  static fromSettings(settings: JwtSettings): JwtVerifier | undefined {
    if (settings.jwtSecret) return new JwtVerifier(new TextEncoder().encode(settings.jwtSecret), ['HS256'], settings);
    if (settings.jwksUrl) return new JwtVerifier(createRemoteJWKSet(new URL(settings.jwksUrl)), ['RS256', 'ES256'], settings);
    return undefined;
  }

  async verify(token: string): Promise<Authentication> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key as Parameters<typeof jwtVerify>[1] & Uint8Array, {
        algorithms: this.algorithms,
        requiredClaims: ['exp'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        ...(this.settings.jwtIssuer ? { issuer: this.settings.jwtIssuer } : {}),
        ...(this.settings.jwtAudience ? { audience: this.settings.jwtAudience } : {}),
      }));
    } catch (error) {
      return unauthenticated(describeJwtError(error));
    }
    const stores = payload[STORES_CLAIM];
    if (!Array.isArray(stores) || stores.length === 0 || !stores.every((store) => typeof store === 'string')) {
      return unauthenticated(`the token has no ${STORES_CLAIM} claim (an array of store ids, or ["*"])`);
    }
    let binding;
    try {
      binding = parseStoreBinding(stores.join(','));
    } catch {
      return unauthenticated(`the ${STORES_CLAIM} claim names something that is not a store id`);
    }
    return { ok: true, principal: { kind: 'jwt', name: payload.sub ?? 'jwt', binding } };
  }
}

function describeJwtError(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `the token's ${error.claim} claim is not accepted`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature does not verify';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is signed with an algorithm this server does not accept';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no key of the issuer matches the token';
  if (error instanceof errors.JWTInvalid || error instanceof errors.JWSInvalid) return 'the token is malformed';
  return 'the token could not be verified';
}
