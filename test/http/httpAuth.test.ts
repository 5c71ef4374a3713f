import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, revokeApiToken } from '../../src/access/apiTokens.js';
import { parseStoreBinding } from '../../src/tenant/storeBinding.js';
import { ALL_STORES, addRowsToEveryTenantTable, itIsolatesTheBoundStores, readOwnerTruth, type OwnerTruth } from '../mcp/isolationChecks.js';
import { connectHttp, postInitialize, startTestHttpServer, type HttpConnection, type TestHttpServer } from '../support/mcpHttp.js';
import { EACH_ENGINE, useSeededDatabase } from '../support/seededDatabase.js';
import { structuredOf } from '../support/toolResults.js';

const JWT_SECRET = 'a-development-secret-of-at-least-32-characters';

/** A development JWT; `expiresIn` null leaves exp out. */
async function hs256(claims: Record<string, unknown>, expiresIn: string | number | null = '5m'): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(String(claims.sub ?? 'analyst@zava.example')).setIssuedAt();
  if (expiresIn !== null) jwt.setExpirationTime(expiresIn);
  return jwt.sign(new TextEncoder().encode(JWT_SECRET));
}

/** What the server answered a request it refused: status, the challenge, and the one-line reason. */
async function refusal(response: Response): Promise<{ status: number; challenge: string | null; reason: string }> {
  const body = (await response.json()) as { error?: { message?: string } };
  return { status: response.status, challenge: response.headers.get('www-authenticate'), reason: body.error?.message ?? '' };
}

describe.each(EACH_ENGINE)('who may use the HTTP server on %s', (kind) => {
  const database = useSeededDatabase(kind);
  let http: TestHttpServer;
  let truth: OwnerTruth;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    await addRowsToEveryTenantTable(database.db);
    truth = await readOwnerTruth(database.db);
    for (const [name, stores] of [['seattle-manager', 'seattle'], ['regional', 'redmond,seattle'], ['head-office', '*'], ['to-revoke', 'seattle'], ['bellevue-manager', 'bellevue']] as const) {
      tokens[name] = (await createApiToken(database.db, { name, binding: parseStoreBinding(stores) })).token;
    }
    http = await startTestHttpServer(database.db, { settings: { jwtSecret: JWT_SECRET } });
  });
  afterAll(async () => http?.close());

  it('refuses a request without a token with 401 and a Bearer challenge, and never falls back to a store', async () => {
    expect(await refusal(await postInitialize(http.url))).toEqual({ status: 401, challenge: 'Bearer realm="zava-retail-mcp"', reason: 'no bearer token: send Authorization: Bearer <token>' });
    await expect(connectHttp(http.url, undefined)).rejects.toMatchObject({ code: 401 });
  });

  it('refuses malformed, unknown and non-bearer credentials with 401 naming the problem', async () => {
    const unknown = `zava_000000000000_${'A'.repeat(43)}`;
    const cases: [headers: Record<string, string>, reason: string][] = [
      [{ authorization: 'Basic dXNlcjpwYXNz' }, 'the Authorization header must be "Bearer <token>"'],
      [{ authorization: 'Bearer zava_short' }, 'the token is malformed'],
      [{ authorization: `Bearer ${unknown}` }, 'the token is not known'],
      [{ authorization: `Bearer ${tokens['seattle-manager']!.slice(0, -1)}x` }, 'the token is not known'],
      [{ authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig' }, 'the token signature does not verify'],
    ];
    for (const [headers, reason] of cases) {
      const answer = await refusal(await postInitialize(http.url, headers));
      expect(answer.status, reason).toBe(401);
      expect(answer.reason).toBe(reason);
      expect(answer.challenge).toMatch(/^Bearer realm="zava-retail-mcp"/);
    }
  });

  describe('with a seattle token', () => {
    let seattle: HttpConnection;
    beforeAll(async () => {
      seattle = await connectHttp(http.url, tokens['seattle-manager']);
    });
    afterAll(async () => seattle?.close());
    itIsolatesTheBoundStores('seattle', ['seattle'], () => seattle, () => truth);
  });

  describe('with a token for redmond and seattle', () => {
    let regional: HttpConnection;
    beforeAll(async () => {
      regional = await connectHttp(http.url, tokens.regional);
    });
    afterAll(async () => regional?.close());
    itIsolatesTheBoundStores('redmond,seattle', ['redmond', 'seattle'], () => regional, () => truth);
  });

  it("sees every store with a '*' token", async () => {
    const headOffice = await connectHttp(http.url, tokens['head-office']);
    const { stores } = structuredOf<{ stores: { store_id: string }[] }>(await headOffice.call('list_stores'));
    expect(stores.map((store) => store.store_id)).toEqual(ALL_STORES);
    await headOffice.close();
  });

  it('refuses a revoked token at once, on an open session and for a new one', async () => {
    const doomed = await connectHttp(http.url, tokens['to-revoke']);
    expect(structuredOf<{ stores: unknown[] }>(await doomed.call('list_stores')).stores).toHaveLength(1);
    await revokeApiToken(database.db, 'to-revoke');
    await expect(doomed.call('list_stores')).rejects.toMatchObject({ code: 401 });
    expect(await refusal(await postInitialize(http.url, { authorization: `Bearer ${tokens['to-revoke']}` }))).toMatchObject({ status: 401, reason: 'the token was revoked' });
  });

  it('refuses an expired token', async () => {
    const { token } = await createApiToken(database.db, { name: 'short-lived', binding: parseStoreBinding('seattle'), expiresAt: new Date(Date.now() + 60_000) });
    await database.db.query("UPDATE zava_access.api_tokens SET expires_at = now() - interval '1 second' WHERE name = 'short-lived'");
    expect(await refusal(await postInitialize(http.url, { authorization: `Bearer ${token}` }))).toMatchObject({ status: 401, reason: 'the token has expired' });
  });

  it('answers 403 when the stores of a valid token are inactive, and opens nothing', async () => {
    await database.db.query("UPDATE retail.stores SET is_active = false WHERE store_id = 'bellevue'");
    try {
      const answer = await refusal(await postInitialize(http.url, { authorization: `Bearer ${tokens['bellevue-manager']}` }));
      expect(answer).toMatchObject({ status: 403, reason: expect.stringContaining('bellevue') });
      expect(answer.challenge).toMatch(/error="insufficient_scope"/);
    } finally {
      await database.db.query("UPDATE retail.stores SET is_active = true WHERE store_id = 'bellevue'");
    }
  });

  it('refuses a request that presents another token on a session', async () => {
    const mine = await connectHttp(http.url, tokens['seattle-manager']);
    const response = await fetch(http.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-session-id': mine.sessionId()!,
        'mcp-protocol-version': '2025-06-18',
        authorization: `Bearer ${tokens['head-office']}`,
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name: 'list_stores', arguments: {} } }),
    });
    expect(await refusal(response)).toMatchObject({ status: 403, reason: 'this session belongs to another token' });
    // The session itself goes on for its own token.
    expect(structuredOf<{ stores: { store_id: string }[] }>(await mine.call('list_stores')).stores.map((store) => store.store_id)).toEqual(['seattle']);
    await mine.close();
  });

  describe('with JWTs signed with ZAVA_JWT_SECRET (HS256)', () => {
    it('binds the stores of the zava_stores claim', async () => {
      const analyst = await connectHttp(http.url, await hs256({ zava_stores: ['redmond'] }));
      const { stores } = structuredOf<{ stores: { store_id: string }[] }>(await analyst.call('list_stores'));
      expect(stores.map((store) => store.store_id)).toEqual(['redmond']);
      await analyst.close();
    });

    it('refuses a JWT without exp, expired past the allowed skew, without the stores claim, or signed with another key', async () => {
      const wrongKey = await new SignJWT({ zava_stores: ['seattle'] }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m').sign(new TextEncoder().encode('x'.repeat(40)));
      const cases: [token: string, reason: string][] = [
        [await hs256({ zava_stores: ['seattle'] }, null), 'the token\'s exp claim is not accepted'],
        [await hs256({ zava_stores: ['seattle'] }, Math.floor(Date.now() / 1000) - 120), 'the token has expired'],
        [await hs256({ sub: 'nobody' }), 'the token has no zava_stores claim (an array of store ids, or ["*"])'],
        [await hs256({ zava_stores: 'seattle' }), 'the token has no zava_stores claim (an array of store ids, or ["*"])'],
        [wrongKey, 'the token signature does not verify'],
      ];
      for (const [token, reason] of cases) {
        expect(await refusal(await postInitialize(http.url, { authorization: `Bearer ${token}` })), reason).toMatchObject({ status: 401, reason });
      }
    });

    it('accepts a JWT that expired within the clock skew it allows', async () => {
      const late = await hs256({ zava_stores: ['seattle'] }, Math.floor(Date.now() / 1000) - 20);
      expect((await postInitialize(http.url, { authorization: `Bearer ${late}` })).status).toBe(200);
    });

    it('answers 403 for a JWT naming a store that does not exist', async () => {
      expect(await refusal(await postInitialize(http.url, { authorization: `Bearer ${await hs256({ zava_stores: ['atlantis'] })}` }))).toMatchObject({
        status: 403,
        reason: expect.stringContaining('atlantis'),
      });
    });
  });
});

describe('JWTs from an identity provider (RS256 with a JWKS, as Entra ID issues them)', () => {
  const database = useSeededDatabase('pglite');
  let jwks: Server;
  let http: TestHttpServer;
  let sign: (claims: Record<string, unknown>, issuer?: string, audience?: string) => Promise<string>;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/keys`;
    sign = (claims, issuer = 'https://login.example/tenant/v2.0', audience = 'api://zava-retail') =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'test-key' }).setIssuer(issuer).setAudience(audience).setSubject('manager@zava.example').setExpirationTime('5m').sign(privateKey);
    http = await startTestHttpServer(database.db, { settings: { jwksUrl, jwtIssuer: 'https://login.example/tenant/v2.0', jwtAudience: 'api://zava-retail' } });
  });
  afterAll(async () => {
    await http?.close();
    jwks?.close();
  });

  it('binds the stores of a token signed by a key of the JWKS', async () => {
    const manager = await connectHttp(http.url, await sign({ zava_stores: ['online'] }));
    const { stores } = structuredOf<{ stores: { store_id: string }[] }>(await manager.call('list_stores'));
    expect(stores.map((store) => store.store_id)).toEqual(['online']);
    await manager.close();
  });

  it('refuses a token for another audience or from another issuer', async () => {
    for (const token of [await sign({ zava_stores: ['online'] }, undefined, 'api://other'), await sign({ zava_stores: ['online'] }, 'https://evil.example')]) {
      expect(await refusal(await postInitialize(http.url, { authorization: `Bearer ${token}` }))).toMatchObject({ status: 401, reason: expect.stringMatching(/^the token's (aud|iss) claim is not accepted$/) });
    }
  });
});
