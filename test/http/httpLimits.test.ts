import { request as httpRequest } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/access/apiTokens.js';
import { openZava } from '../../src/app/openZava.js';
import { serveHttp } from '../../src/cli/serveHttp.js';
import { loadSettings } from '../../src/config/settings.js';
import { createLogger } from '../../src/logging/logger.js';
import { parseStoreBinding } from '../../src/tenant/storeBinding.js';
import { connectHttp, postInitialize, startTestHttpServer, type HttpConnection, type TestHttpServer } from '../support/mcpHttp.js';
import { EACH_ENGINE, useSeededDatabase } from '../support/seededDatabase.js';
import { structuredOf } from '../support/toolResults.js';

/** The status of a POST whose Host header names `host` (fetch will not send another Host than the URL's). */
function statusWithHost(url: string, host: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', headers: { ...headers, host, 'content-type': 'application/json' } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end('{}');
  });
}

/** A query that runs a second or two on either engine: something to be in flight. */
const SLOW_QUERY = 'SELECT count(*) AS n FROM generate_series(1, 3000000) g WHERE g % 7 = 0';

describe.each(EACH_ENGINE)('the limits of the HTTP server on %s', (kind) => {
  const database = useSeededDatabase(kind);
  let token: string;
  let other: string;
  const servers: TestHttpServer[] = [];
  const connections: HttpConnection[] = [];

  beforeAll(async () => {
    token = (await createApiToken(database.db, { name: 'limits', binding: parseStoreBinding('seattle') })).token;
    other = (await createApiToken(database.db, { name: 'other', binding: parseStoreBinding('redmond') })).token;
  });
  afterEach(async () => {
    for (const connection of connections.splice(0)) await connection.close().catch(() => undefined);
  });
  afterAll(async () => {
    for (const server of servers.splice(0)) await server.close().catch(() => undefined);
  });

  async function server(http: Parameters<typeof startTestHttpServer>[1] = {}): Promise<TestHttpServer> {
    const started = await startTestHttpServer(database.db, http);
    servers.push(started);
    return started;
  }

  async function connect(url: string, bearer = token): Promise<HttpConnection> {
    const connection = await connectHttp(url, bearer);
    connections.push(connection);
    return connection;
  }

  it('refuses to listen beyond loopback until authentication is configured', async () => {
    const settings = loadSettings({ env: {}, overrides: { embeddings: 'none', httpHost: '0.0.0.0', httpPort: 0 } });
    const app = await openZava({ settings, database: database.db, logger: createLogger('error', () => undefined) });
    try {
      await database.db.query('UPDATE zava_access.api_tokens SET revoked_at = now() WHERE revoked_at IS NULL');
      await expect(serveHttp(app, settings, { pgHost: '127.0.0.1' })).rejects.toMatchObject({ code: 'usage', message: expect.stringMatching(/^listening on 0\.0\.0\.0 needs authentication configured first/) });
    } finally {
      await database.db.query("UPDATE zava_access.api_tokens SET revoked_at = NULL WHERE name IN ('limits', 'other')");
      await app.close();
    }
  });

  it('answers /healthz for process managers', async () => {
    const { url } = await server();
    const response = await fetch(url.replace(/\/mcp$/, '/healthz'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', sessions: 0 });
  });

  it('refuses a browser origin that is not allowed, and accepts the local one and an allowed one (DNS rebinding)', async () => {
    const { url, server: running } = await server({ http: { allowedOrigins: ['https://workshop.example'] } });
    const auth = { authorization: `Bearer ${token}` };
    const evil = await postInitialize(url, { ...auth, origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    expect(((await evil.json()) as { error: { message: string } }).error.message).toBe('origin http://evil.example is not allowed (ZAVA_HTTP_ALLOWED_ORIGINS)');
    expect((await postInitialize(url, { ...auth, origin: `http://localhost:${running.port}` })).status).toBe(200);
    expect((await postInitialize(url, { ...auth, origin: 'https://workshop.example' })).status).toBe(200);
    expect(await statusWithHost(url, 'attacker.example', auth)).toBe(403);
    expect(await statusWithHost(url, `localhost:${running.port}`, auth)).toBe(400);
  });

  it('refuses a body over the cap with 413, before reading it', async () => {
    const { url } = await server({ http: { maxBodyBytes: 2_000 } });
    const response = await postInitialize(url, { authorization: `Bearer ${token}` }, JSON.stringify({ padding: 'x'.repeat(5_000) }));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe('the request body is larger than 2000 bytes (ZAVA_HTTP_MAX_BODY_BYTES)');
  });

  it('answers 429 with Retry-After once a token passes its rate, and other tokens go on', async () => {
    const { url } = await server({ http: { rateLimitPerMinute: 60 } });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let request = 0; request < 14; request++) {
      const response = await postInitialize(url, { authorization: `Bearer ${token}` });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    // A burst of ten, then the bucket is empty.
    expect(statuses.slice(0, 10).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(10)).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect((await postInitialize(url, { authorization: `Bearer ${other}` })).status).toBe(200);
  });

  it('caps the open sessions of one token (429) and of the server (503)', async () => {
    const perToken = await server({ http: { maxSessionsPerPrincipal: 2 } });
    await connect(perToken.url);
    await connect(perToken.url);
    const third = await postInitialize(perToken.url, { authorization: `Bearer ${token}` });
    expect(third.status).toBe(429);
    expect(((await third.json()) as { error: { message: string } }).error.message).toMatch(/^limits has 2 open sessions, the most one caller may hold/);
    await connect(perToken.url, other);
    const overall = await server({ http: { maxSessions: 1 } });
    await connect(overall.url);
    const refused = await postInitialize(overall.url, { authorization: `Bearer ${other}` });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('30');
  });

  it('ends a session left idle, and then answers 404 for it', async () => {
    const { url, server: running } = await server({ http: { sessionIdleMs: 1_000 } });
    const idle = await connect(url);
    expect(running.sessions()).toBe(1);
    for (let waited = 0; running.sessions() > 0 && waited < 30_000; waited += 250) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(running.sessions()).toBe(0);
    await expect(idle.call('list_stores')).rejects.toMatchObject({ code: 404 });
  });

  it('lets a call in flight finish on shutdown, answers new requests 503, and ends every session', async () => {
    const started = await server();
    const caller = await connect(started.url);
    const inFlight = caller.call('execute_sales_query', { postgresql_query: SLOW_QUERY });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closing = started.server.close();
    const late = await postInitialize(started.url, { authorization: `Bearer ${token}` }).then(
      (response) => response.status,
      () => 'refused connection',
    );
    expect([503, 'refused connection']).toContain(late);
    expect(structuredOf<{ rows: { n: number }[] }>(await inFlight).rows).toEqual([{ n: 428_571 }]);
    await closing;
    expect(started.server.sessions()).toBe(0);
  });
});
