import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Principal } from '../access/principal.js';
import { samePrincipal } from '../access/principal.js';
import type { ZavaApp } from '../app/openZava.js';
import { describeError, isZavaError } from '../errors.js';
import { SessionEventStore } from './eventStore.js';
import { bearerChallenge, refuse, sendJson } from './httpResponses.js';
import { HttpSessions, principalKey } from './httpSessions.js';
import { originProblem } from './originCheck.js';
import { RateLimiter } from './rateLimiter.js';
import { readJsonBody } from './requestBody.js';

export interface HttpServerOptions {
  host: string;
  /** 0 picks a free port (tests); the running server says which. */
  port: number;
  allowedOrigins: readonly string[];
  maxBodyBytes: number;
  rateLimitPerMinute: number;
  maxSessions: number;
  maxSessionsPerPrincipal: number;
  sessionIdleMs: number;
  /** How long a shutdown waits for calls in flight. */
  drainMs?: number;
  /** Who calls when no authentication is wanted (benchmarks of its cost only). */
  anonymous?: Principal;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  sessions(): number;
  /** Stops taking requests (503), lets calls in flight finish, then ends every session. */
  close(): Promise<void>;
}

const MCP_PATH = '/mcp';
const STORE_REFUSALS = new Set(['unknown_store', 'inactive_store']);

/**
 * The MCP server over Streamable HTTP at /mcp, one MCP session per client session,
 * each bound for its life to the stores its bearer token names; GET /healthz for
 * process managers.
 */
export async function startHttpServer(app: ZavaApp, options: HttpServerOptions): Promise<RunningHttpServer> {
  const sessions = new HttpSessions({ maxSessions: options.maxSessions, maxSessionsPerPrincipal: options.maxSessionsPerPrincipal, idleMs: options.sessionIdleMs });
  const limiter = new RateLimiter(options.rateLimitPerMinute);
  const allowedOrigins = new Set(options.allowedOrigins);
  let port = options.port;
  let draining = false;
  let inFlight = 0;
  const settled: (() => void)[] = [];

  const handleMcp = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const problem = originProblem(req, options.host, port, allowedOrigins);
    if (problem) return refuse(res, 403, problem);
    const authorization = req.headers.authorization;
    const authentication = options.anonymous ? { ok: true as const, principal: options.anonymous } : await app.authenticator.authenticate(authorization);
    if (!authentication.ok) {
      return refuse(res, authentication.status, authentication.reason, bearerChallenge(authentication.status, authentication.reason, authorization !== undefined));
    }
    const { principal } = authentication;
    const rate = limiter.take(principalKey(principal));
    if (!rate.allowed) return refuse(res, 429, `${principal.name} is over its rate of ${options.rateLimitPerMinute} requests a minute`, { 'retry-after': String(rate.retryAfterSeconds) });
    let body: unknown;
    if (req.method === 'POST') {
      const read = await readJsonBody(req, options.maxBodyBytes);
      if (!read.ok) return refuse(res, read.status, read.reason);
      body = read.body;
    }
    const sessionId = req.headers['mcp-session-id'];
    if (typeof sessionId === 'string') {
      const session = sessions.get(sessionId);
      if (!session) return refuse(res, 404, 'no such session (it ended or expired); initialize a new one');
      if (!samePrincipal(session.principal, principal)) return refuse(res, 403, 'this session belongs to another token', bearerChallenge(403, 'another token', true));
      session.lastSeen = performance.now();
      return session.transport.handleRequest(req, res, body);
    }
    if (req.method !== 'POST' || !isInitializeRequest(body)) return refuse(res, 400, 'no session: send an initialize request first, then its Mcp-Session-Id header');
    const cap = sessions.capProblem(principal);
    if (cap) return refuse(res, cap.status, cap.reason, cap.status === 503 ? { 'retry-after': '30' } : { 'retry-after': '60' });
    await openSession(principal, req, res, body);
  };

  const openSession = async (principal: Principal, req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void> => {
    let storeSession;
    try {
      storeSession = await app.openSession(principal.binding, principalKey(principal));
    } catch (error) {
      if (isZavaError(error) && STORE_REFUSALS.has(error.code)) return refuse(res, 403, describeError(error), bearerChallenge(403, describeError(error), true));
      throw error;
    }
    const id = randomUUID();
    const server = app.createServer(storeSession, { principal, sessionId: id });
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => id,
      eventStore: new SessionEventStore(),
      onsessioninitialized: () => sessions.add({ id, principal, transport, server, lastSeen: performance.now() }),
      onsessionclosed: () => sessions.remove(id),
    });
    transport.onclose = () => void sessions.remove(id);
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
    // An initialize the transport refused leaves no session behind.
    if (!sessions.get(id)) await server.close().catch(() => undefined);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://server').pathname;
    if (path === '/healthz' && req.method === 'GET') return health(res);
    if (path !== MCP_PATH) return refuse(res, 404, `nothing here; the MCP endpoint is ${MCP_PATH}`);
    if (draining) return refuse(res, 503, 'the server is shutting down', { connection: 'close' });
    // SSE streams (GET) stay open until the session ends; a shutdown waits for calls only.
    const counted = req.method !== 'GET';
    if (counted) {
      inFlight += 1;
      res.once('close', () => {
        inFlight -= 1;
        if (inFlight === 0) for (const done of settled.splice(0)) done();
      });
    }
    try {
      await handleMcp(req, res);
    } catch (error) {
      app.logger.error(`HTTP ${req.method} ${path} failed: ${error instanceof Error ? error.message : String(error)}`);
      refuse(res, 500, isZavaError(error) ? describeError(error) : 'internal error');
    }
  };

  const health = async (res: ServerResponse): Promise<void> => {
    if (draining) return sendJson(res, 503, { status: 'stopping' });
    try {
      await app.ping();
      sendJson(res, 200, { status: 'ok', sessions: sessions.size });
    } catch {
      sendJson(res, 503, { status: 'database unavailable' });
    }
  };

  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const sweep = setInterval(() => void sessions.expireIdle(performance.now()), Math.min(60_000, Math.max(1_000, options.sessionIdleMs / 4)));
  sweep.unref();

  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}${MCP_PATH}`,
    port,
    sessions: () => sessions.size,
    close: async () => {
      draining = true;
      clearInterval(sweep);
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      if (inFlight > 0) {
        await Promise.race([new Promise<void>((resolve) => settled.push(resolve)), new Promise((resolve) => setTimeout(resolve, options.drainMs ?? 10_000))]);
      }
      await sessions.closeAll();
      server.closeAllConnections();
      await stopped;
    },
  };
}
