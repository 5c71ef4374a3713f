import { randomUUID } from 'node:crypto';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { loadSettings, type Settings } from '../config/settings.js';
import { DEFAULT_SEED } from '../seed/options.js';
import type { StoreSession } from '../tenant/storeSession.js';
import { parseStoreBinding } from '../tenant/storeBinding.js';
import { openZava, type ZavaApp } from './openZava.js';

export interface ZavaServerOptions {
  /** The binding: a store id, a comma-separated list, or '*'. */
  store: string;
  /** Settings on top of the environment's (ZAVA_*, DATABASE_URL): dataDir or databaseUrl, limits, embeddings. */
  settings?: Partial<Settings>;
  /** Read ZAVA_* and DATABASE_URL from this environment (default process.env; {} for none). */
  env?: NodeJS.ProcessEnv;
}

export interface ZavaServer {
  /** Connect it to any transport: `await server.connect(transport)`. */
  server: McpServer;
  session: StoreSession;
  app: ZavaApp;
  close(): Promise<void>;
}

/**
 * The MCP server `zava-mcp serve --store <binding>` runs, without its transport: an
 * embedded database is created and seeded on first use, a real server must have
 * been initialised. Calls are audited as an in-process caller.
 */
export async function openZavaServer(options: ZavaServerOptions): Promise<ZavaServer> {
  const settings = loadSettings({ env: options.env ?? process.env, overrides: options.settings ?? {} });
  const app = await openZava({ settings, firstRun: { seed: DEFAULT_SEED, scale: 1, asOf: new Date().toISOString().slice(0, 10) } });
  try {
    const binding = parseStoreBinding(options.store);
    const session = await app.openSession(binding);
    const server = app.createServer(session, { principal: { kind: 'in-process', name: 'embedded', binding }, sessionId: randomUUID() });
    return {
      server,
      session,
      app,
      close: async () => {
        await server.close();
        await app.close();
      },
    };
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
}
