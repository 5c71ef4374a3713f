import { z } from 'zod';
import type { DatabasePort } from '../db/port.js';
import { ZavaError } from '../errors.js';
import { parseStoreBinding, type StoreBinding } from '../tenant/storeBinding.js';
import { resolveStoreBinding } from '../tenant/storeDirectory.js';
import { unauthenticated, type Authentication } from './authOutcome.js';
import { generateToken, parseToken, secretMatches } from './tokenFormat.js';

const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** A token as `tokens list` shows it: never the token, never its hash. */
export const apiTokenRecordSchema = z.object({
  name: z.string(),
  stores: z.array(z.string()),
  created_at: z.date(),
  expires_at: z.date().nullable(),
  last_used_at: z.date().nullable(),
  revoked_at: z.date().nullable(),
});
export type ApiTokenRecord = z.infer<typeof apiTokenRecordSchema>;

export interface NewApiToken {
  name: string;
  binding: StoreBinding;
  expiresAt?: Date | undefined;
}

/** Creates a token for a binding of existing, active stores; returns the token, which is stored nowhere. */
export async function createApiToken(db: DatabasePort, request: NewApiToken): Promise<{ token: string; record: ApiTokenRecord }> {
  if (!TOKEN_NAME.test(request.name)) {
    throw new ZavaError('invalid_argument', `"${request.name}" is not a token name: letters, digits, '.', '_' and '-', at most 64, starting with a letter or digit`);
  }
  if (request.expiresAt && request.expiresAt.getTime() <= Date.now()) throw new ZavaError('invalid_argument', 'the token would expire in the past');
  const stores = request.binding.kind === 'all' ? ['*'] : await resolveStoreBinding(db, request.binding);
  const { token, tokenId, secretHash } = generateToken();
  const inserted = await db.query<ApiTokenRecord>(
    `INSERT INTO zava_access.api_tokens (name, token_id, secret_hash, stores, expires_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (name) DO NOTHING
     RETURNING name, stores, created_at, expires_at, last_used_at, revoked_at`,
    [request.name, tokenId, secretHash, stores, request.expiresAt ?? null],
  );
  const record = inserted.rows[0];
  if (!record) throw new ZavaError('invalid_argument', `a token named "${request.name}" exists; revoke it or choose another name`);
  return { token, record };
}

export async function listApiTokens(db: DatabasePort): Promise<ApiTokenRecord[]> {
  const result = await db.query<ApiTokenRecord>(
    'SELECT name, stores, created_at, expires_at, last_used_at, revoked_at FROM zava_access.api_tokens ORDER BY created_at, name',
  );
  return result.rows;
}

export async function revokeApiToken(db: DatabasePort, name: string): Promise<void> {
  const result = await db.query('UPDATE zava_access.api_tokens SET revoked_at = now() WHERE name = $1 AND revoked_at IS NULL', [name]);
  if (result.rowCount === 0) {
    const known = (await listApiTokens(db)).filter((token) => token.revoked_at === null).map((token) => token.name);
    throw new ZavaError('not_found', `no active token named "${name}"; active tokens: ${known.length > 0 ? known.join(', ') : 'none'}`);
  }
}

interface StoredToken {
  name: string;
  secret_hash: Buffer | Uint8Array;
  stores: string[];
  expired: boolean;
  revoked: boolean;
}

/** Record a token's use at most this often: a write per request would serialise PGlite behind the audit. */
const LAST_USED_EVERY_MS = 60_000;

/** Checks API tokens against their hashes, and notes when each was last used. */
export class ApiTokenVerifier {
  private readonly lastNoted = new Map<string, number>();

  constructor(private readonly db: DatabasePort) {}

  async verify(token: string): Promise<Authentication> {
    const parsed = parseToken(token);
    if (!parsed) return unauthenticated('the token is malformed');
    const stored = (
      await this.db.query<StoredToken>(
        `SELECT name, secret_hash, stores, expires_at IS NOT NULL AND expires_at <= now() AS expired, revoked_at IS NOT NULL AS revoked
           FROM zava_access.api_tokens WHERE token_id = $1`,
        [parsed.tokenId],
      )
    ).rows[0];
    if (!stored || !secretMatches(parsed.secret, Buffer.from(stored.secret_hash))) return unauthenticated('the token is not known');
    if (stored.revoked) return unauthenticated('the token was revoked');
    if (stored.expired) return unauthenticated('the token has expired');
    await this.noteUse(stored.name);
    return { ok: true, principal: { kind: 'token', name: stored.name, binding: parseStoreBinding(stored.stores.join(',')) } };
  }

  private async noteUse(name: string): Promise<void> {
    const now = Date.now();
    if (now - (this.lastNoted.get(name) ?? 0) < LAST_USED_EVERY_MS) return;
    this.lastNoted.set(name, now);
    await this.db.query('UPDATE zava_access.api_tokens SET last_used_at = now() WHERE name = $1', [name]);
  }
}
