import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { openZava, type ZavaApp } from '../../src/app/openZava.js';
import { loadSettings, type Settings } from '../../src/config/settings.js';
import type { DatabasePort } from '../../src/db/port.js';
import { startHttpServer, type HttpServerOptions, type RunningHttpServer } from '../../src/http/httpServer.js';
import { createLogger } from '../../src/logging/logger.js';
import { httpServerOptions } from '../../src/cli/serveHttp.js';
import { callTool, REQUEST_TIMEOUT_MS, type McpConnection } from './mcpConnection.js';

export interface TestHttpServer {
  app: ZavaApp;
  server: RunningHttpServer;
  url: string;
  close(): Promise<void>;
}

export interface TestHttpOptions {
  settings?: Partial<Settings>;
  /** Overrides of what the settings give the HTTP server (small caps, anonymous callers for benchmarks). */
  http?: Partial<HttpServerOptions>;
  auditCalls?: boolean;
}

/**
 * The HTTP server exactly as `serve --http` builds it, in process on a free port of
 * 127.0.0.1, over a test database that stays the caller's. The rate limit is lifted
 * unless the caller sets one.
 */
export async function startTestHttpServer(database: DatabasePort, options: TestHttpOptions = {}): Promise<TestHttpServer> {
  // Suites make hundreds of calls with one token within a minute; the rate limit is a
  // behaviour of its own (httpLimits.test.ts sets it), not something every suite should race.
  const settings = loadSettings({ env: {}, overrides: { embeddings: 'none', logLevel: 'error', httpPort: 0, httpRateLimitPerMinute: 1_000_000, ...options.settings } });
  const app = await openZava({ settings, database, auditCalls: options.auditCalls ?? true, logger: createLogger('error', () => undefined) });
  const server = await startHttpServer(app, { ...httpServerOptions(settings), ...options.http });
  return {
    app,
    server,
    url: server.url,
    close: async () => {
      await server.close();
      await app.close();
    },
  };
}

export interface HttpConnection extends McpConnection {
  sessionId(): string | undefined;
  transport: StreamableHTTPClientTransport;
}

/** An SDK client over Streamable HTTP that sends `Authorization: Bearer <token>` with every request. */
export async function connectHttp(url: string, token: string | undefined): Promise<HttpConnection> {
  const headers: Record<string, string> = token === undefined ? {} : { Authorization: `Bearer ${token}` };
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
  const client = new Client({ name: 'zava-mcp-http-test', version: '1.0.0' });
  const protocolErrors: Error[] = [];
  client.onerror = (error) => protocolErrors.push(error);
  await client.connect(transport, { timeout: REQUEST_TIMEOUT_MS });
  // Listing once makes the client validate every structuredContent against the tool's outputSchema.
  await client.listTools(undefined, { timeout: REQUEST_TIMEOUT_MS });
  return {
    client,
    transport,
    protocolErrors,
    sessionId: () => transport.sessionId,
    call: (name, args) => callTool(client, name, args),
    close: async () => {
      await transport.terminateSession().catch(() => undefined);
      await client.close();
    },
  };
}

const INITIALIZE = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } };

/** A raw initialize POST, for what a client library would not send (bad tokens, origins, sizes). */
export function postInitialize(url: string, headers: Record<string, string> = {}, body: unknown = INITIALIZE): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
