import { randomUUID } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { openZava, type ZavaApp } from '../../src/app/openZava.js';
import { loadSettings, type Settings } from '../../src/config/settings.js';
import type { DatabasePort } from '../../src/db/port.js';
import { createLogger } from '../../src/logging/logger.js';
import { parseStoreBinding } from '../../src/tenant/storeBinding.js';
import { callTool, REQUEST_TIMEOUT_MS, type McpConnection } from './mcpConnection.js';

export interface InProcessServer extends McpConnection {
  app: ZavaApp;
}

export interface InProcessOptions {
  /** The binding, as --store takes it: `seattle`, `redmond,bellevue` or `*`. */
  store: string;
  /** Settings on top of the defaults; embeddings are off unless a test turns them on. */
  settings?: Partial<Settings>;
  /** Embed products that have no current embedding before serving, as `serve` does. */
  embedPending?: boolean;
}

/**
 * The MCP server exactly as `serve` builds it (openZava, a store session for the
 * binding, createServer), connected to an SDK client through the SDK's in-memory
 * transport pair. Messages to the client go through JSON, as they would on stdio.
 * The database stays the caller's.
 */
export async function connectInProcess(database: DatabasePort, options: InProcessOptions): Promise<InProcessServer> {
  const settings = loadSettings({ env: {}, overrides: { embeddings: 'none', logLevel: 'error', ...options.settings } });
  const app = await openZava({ settings, database, embedPending: options.embedPending ?? false, logger: createLogger('error', () => undefined) });
  const binding = parseStoreBinding(options.store);
  const session = await app.openSession(binding);
  const server = app.createServer(session, { principal: { kind: 'in-process', name: 'test', binding }, sessionId: randomUUID() });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const send = serverTransport.send.bind(serverTransport);
  serverTransport.send = (message, sendOptions) => send(JSON.parse(JSON.stringify(message)) as typeof message, sendOptions);
  await server.connect(serverTransport);
  const client = new Client({ name: 'zava-mcp-test', version: '1.0.0' });
  const protocolErrors: Error[] = [];
  client.onerror = (error) => protocolErrors.push(error);
  await client.connect(clientTransport);
  // Listing once makes the client validate every structuredContent against the tool's outputSchema.
  await client.listTools(undefined, { timeout: REQUEST_TIMEOUT_MS });
  return {
    app,
    client,
    protocolErrors,
    call: (name, args) => callTool(client, name, args),
    close: async () => {
      await client.close();
      await server.close();
      await app.close();
    },
  };
}
