import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Principal } from '../access/principal.js';

/** One MCP session over HTTP: bound for its whole life to the principal that opened it. */
export interface HttpSession {
  id: string;
  principal: Principal;
  transport: StreamableHTTPServerTransport;
  server: McpServer;
  lastSeen: number;
}

export interface SessionLimits {
  maxSessions: number;
  maxSessionsPerPrincipal: number;
  idleMs: number;
}

export function principalKey(principal: Principal): string {
  return `${principal.kind}:${principal.name}`;
}

/** The open sessions, their caps, and their end (by DELETE, idleness or shutdown). */
export class HttpSessions {
  private readonly sessions = new Map<string, HttpSession>();

  constructor(private readonly limits: SessionLimits) {}

  get size(): number {
    return this.sessions.size;
  }

  get(id: string): HttpSession | undefined {
    return this.sessions.get(id);
  }

  /** Why one more session for `principal` may not open now, if it may not. */
  capProblem(principal: Principal): { status: 429 | 503; reason: string } | undefined {
    if (this.sessions.size >= this.limits.maxSessions) {
      return { status: 503, reason: `the server holds its maximum of ${this.limits.maxSessions} sessions; try again later` };
    }
    const key = principalKey(principal);
    const mine = [...this.sessions.values()].filter((session) => principalKey(session.principal) === key).length;
    if (mine >= this.limits.maxSessionsPerPrincipal) {
      return {
        status: 429,
        reason: `${principal.name} has ${mine} open sessions, the most one caller may hold; end one (DELETE /mcp) or wait ${Math.round(this.limits.idleMs / 1000)} s for idle ones to expire`,
      };
    }
    return undefined;
  }

  add(session: HttpSession): void {
    this.sessions.set(session.id, session);
  }

  /** Forgets a session whose transport closed (DELETE or shutdown) and closes its server. */
  async remove(id: string): Promise<void> {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    await session.server.close().catch(() => undefined);
  }

  async expireIdle(now: number): Promise<number> {
    const idle = [...this.sessions.values()].filter((session) => now - session.lastSeen > this.limits.idleMs);
    for (const session of idle) await this.end(session);
    return idle.length;
  }

  async closeAll(): Promise<void> {
    for (const session of [...this.sessions.values()]) await this.end(session);
  }

  private async end(session: HttpSession): Promise<void> {
    this.sessions.delete(session.id);
    await session.transport.close().catch(() => undefined);
    await session.server.close().catch(() => undefined);
  }
}
