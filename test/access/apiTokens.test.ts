import { describe, expect, it } from 'vitest';
import { ApiTokenVerifier, createApiToken, listApiTokens, revokeApiToken } from '../../src/access/apiTokens.js';
import { createCallAudit, readCallAudit } from '../../src/access/callAudit.js';
import { parseExpiry } from '../../src/cli/optionParsers.js';
import { parseStoreBinding } from '../../src/tenant/storeBinding.js';
import { EACH_ENGINE, useSeededDatabase } from '../support/seededDatabase.js';

describe.each(EACH_ENGINE)('API tokens and the call audit on %s', (kind) => {
  const database = useSeededDatabase(kind);
  const seattle = parseStoreBinding('seattle');

  it('refuses a token for an unknown or inactive store, listing the stores there are', async () => {
    await expect(createApiToken(database.db, { name: 'nowhere', binding: parseStoreBinding('atlantis') })).rejects.toMatchObject({ code: 'unknown_store', message: expect.stringMatching(/^unknown store "atlantis"; stores: bellevue/) });
    await database.db.query("UPDATE retail.stores SET is_active = false WHERE store_id = 'online'");
    try {
      await expect(createApiToken(database.db, { name: 'closed', binding: parseStoreBinding('online') })).rejects.toMatchObject({ code: 'inactive_store' });
    } finally {
      await database.db.query("UPDATE retail.stores SET is_active = true WHERE store_id = 'online'");
    }
    expect(await listApiTokens(database.db)).toEqual([]);
  });

  it('refuses a name that could not be typed safely, and an expiry in the past', async () => {
    await expect(createApiToken(database.db, { name: 'two words', binding: seattle })).rejects.toMatchObject({ code: 'invalid_argument', message: expect.stringContaining('"two words" is not a token name') });
    await expect(createApiToken(database.db, { name: 'late', binding: seattle, expiresAt: new Date(Date.now() - 1000) })).rejects.toMatchObject({ message: 'the token would expire in the past' });
  });

  it('verifies a token, and refuses it once revoked or expired, or when any character differs', async () => {
    const verifier = new ApiTokenVerifier(database.db);
    const { token } = await createApiToken(database.db, { name: 'checked', binding: parseStoreBinding('redmond,seattle') });
    expect(await verifier.verify(token)).toEqual({ ok: true, principal: { kind: 'token', name: 'checked', binding: { kind: 'stores', storeIds: ['redmond', 'seattle'] } } });
    const flipped = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(await verifier.verify(flipped)).toMatchObject({ ok: false, status: 401, reason: 'the token is not known' });
    await database.db.query("UPDATE zava_access.api_tokens SET expires_at = now() - interval '1 minute' WHERE name = 'checked'");
    expect(await verifier.verify(token)).toMatchObject({ ok: false, reason: 'the token has expired' });
    await revokeApiToken(database.db, 'checked');
    expect(await verifier.verify(token)).toMatchObject({ ok: false, reason: 'the token was revoked' });
    await expect(revokeApiToken(database.db, 'checked')).rejects.toMatchObject({ code: 'not_found' });
    const used = await database.db.query<{ last_used_at: Date | null }>("SELECT last_used_at FROM zava_access.api_tokens WHERE name = 'checked'");
    expect(used.rows[0]!.last_used_at).toBeInstanceOf(Date);
  });

  it('reads the audit filtered by caller and by day', async () => {
    const principal = { kind: 'token' as const, name: 'filtered', binding: seattle };
    await createCallAudit(database.db, { principal, sessionId: 's', storeIds: ['seattle'] }).record({ tool: 'list_stores', arguments: {}, outcome: 'ok', rowsReturned: 1, durationMs: 2 });
    expect(await readCallAudit(database.db, { principal: 'filtered', limit: 10 })).toHaveLength(1);
    expect(await readCallAudit(database.db, { principal: 'nobody', limit: 10 })).toEqual([]);
    expect(await readCallAudit(database.db, { principal: 'filtered', since: '2999-01-01', limit: 10 })).toEqual([]);
  });
});

describe('token expiry as the command line takes it', () => {
  const now = () => new Date('2026-01-01T00:00:00Z');

  it('reads 30d, 12h and 45m from now, and a date', () => {
    expect(parseExpiry('30d', now).toISOString()).toBe('2026-01-31T00:00:00.000Z');
    expect(parseExpiry('12h', now).toISOString()).toBe('2026-01-01T12:00:00.000Z');
    expect(parseExpiry('45m', now).toISOString()).toBe('2026-01-01T00:45:00.000Z');
    expect(parseExpiry('2026-03-01', now).toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });

  it('refuses anything else with the forms it takes', () => {
    for (const value of ['soon', '0d', '30', '2026-02-30', '-1d']) expect(() => parseExpiry(value, now), value).toThrow(/expected a duration such as 30d, 12h or 45m, or a date YYYY-MM-DD|expected a positive duration/);
  });
});
