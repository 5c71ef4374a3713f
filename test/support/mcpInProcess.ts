import { randomUUID } from 'node:crypto';
import { openZava, type ZavaApp } from '../../src/app/openZava.js';
import { loadSettings, type Settings } from '../../src/config/settings.js';
import type { DatabasePort } from '../../src/db/port.js';
import { createLogger } from '../../src/logging/logger.js';
import { parseStoreBinding } from '../../src/tenant/storeBinding.js';
import { connectInProcessClient } from '../../src/testing/inProcessClient.js';
import { callTool, type McpConnection } from './mcpConnection.js';

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
 * transport pair (connectInProcessClient, as the test sandbox does). The database
 * stays the caller's.
 */
export async function connectInProcess(database: DatabasePort, options: InProcessOptions): Promise<InProcessServer> {
  const settings = loadSettings({ env: {}, overrides: { embeddings: 'none', logLevel: 'error', ...options.settings } });
  const app = await openZava({ settings, database, embedPending: options.embedPending ?? false, logger: createLogger('error', () => undefined) });
  const binding = parseStoreBinding(options.store);
  const session = await app.openSession(binding);
  const server = app.createServer(session, { principal: { kind: 'in-process', name: 'test', binding }, sessionId: randomUUID() });
  const protocolErrors: Error[] = [];
  const client = await connectInProcessClient(server, { name: 'zava-mcp-test', onError: (error) => protocolErrors.push(error) });
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
