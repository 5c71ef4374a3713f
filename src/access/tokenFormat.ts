import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * An API token: `zava_<id>_<secret>`. The id (12 hex characters) finds the token's
 * row; the secret (256 random bits, base64url) is kept only as a SHA-256 hash and
 * compared in constant time. A secret this random needs no slow hash.
 */
const TOKEN = /^zava_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface NewToken {
  token: string;
  tokenId: string;
  secretHash: Buffer;
}

export function generateToken(): NewToken {
  const tokenId = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { token: `zava_${tokenId}_${secret}`, tokenId, secretHash: hashSecret(secret) };
}

/** The id and secret of a well-formed token, or undefined. */
export function parseToken(token: string): { tokenId: string; secret: string } | undefined {
  const match = TOKEN.exec(token);
  return match ? { tokenId: match[1]!, secret: match[2]! } : undefined;
}

export function looksLikeApiToken(token: string): boolean {
  return token.startsWith('zava_');
}

export function secretMatches(secret: string, storedHash: Buffer): boolean {
  const hash = hashSecret(secret);
  return hash.length === storedHash.length && timingSafeEqual(hash, storedHash);
}

function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}
