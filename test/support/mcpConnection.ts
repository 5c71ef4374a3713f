import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** A connected MCP client, in process or to a server process; tests talk to either the same way. */
export interface McpConnection {
  client: Client;
  /** Errors the client transport saw; a stray non-protocol message would land here. */
  protocolErrors: Error[];
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

/** Generous: on a loaded two-core machine a call can wait behind a PGlite worker restart. */
export const REQUEST_TIMEOUT_MS = 120_000;

export function callTool(client: Client, name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
  return client.callTool({ name, arguments: args }, undefined, { timeout: REQUEST_TIMEOUT_MS }) as Promise<CallToolResult>;
}
