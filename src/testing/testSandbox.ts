import { randomUUID } from 'node:crypto';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { openZava } from '../app/openZava.js';
import { loadSettings, type Settings } from '../config/settings.js';
import { Database } from '../db/database.js';
import { PgliteDriver } from '../db/pglite/driver.js';
import { createLogger } from '../logging/logger.js';
import { runModelSql } from '../services/modelSql.js';
import { parseStoreBinding } from '../tenant/storeBinding.js';
import type { StoreSession } from '../tenant/storeSession.js';
import { connectInProcessClient } from './inProcessClient.js';
import { resetToPristine } from './resetScript.js';
import { seededSnapshot } from './seededSnapshot.js';

export interface TestSandboxOptions {
  /** The stores `client` is bound to: an id, a list, or '*' (default 'seattle'). */
  stores?: string | readonly string[];
  /** The dataset (default seed 42, scale 0.2, sales up to 2025-06-30: the same rows on every run). */
  seed?: number;
  scale?: number;
  asOf?: string;
  /** Embedding settings for search (default: none, full-text search only). */
  embeddings?: Partial<Pick<Settings, 'embeddings' | 'localModel' | 'modelDir' | 'modelCacheDir' | 'openaiApiKey' | 'openaiBaseUrl' | 'openaiModel'>>;
  /** Where seeded snapshots are cached (default: the per-user cache directory). */
  snapshotDir?: string;
}

export type SqlRole = { store: string | readonly string[] } | { admin: true };

/** An in-memory Zava database with an MCP client, for fast tests of agents, prompts and tools. */
export interface TestSandbox {
  /** An MCP SDK client connected in process to a server bound to `stores`. */
  client: Client;
  /** One statement: as stores, through the same guard and limits as execute_sales_query; or as the owner. */
  sql<R = Record<string, unknown>>(text: string, as: SqlRole): Promise<R[]>;
  /** A store session for a binding, as the server's tools hold one. */
  session(stores: string | readonly string[]): Promise<StoreSession>;
  /** Every table back to the seeded rows (tokens and the audit of calls emptied). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_DATASET = { seed: 42, scale: 0.2, asOf: '2025-06-30' };

/**
 * A seeded sandbox in memory. The seeded state is built once per dataset and
 * cached as a snapshot; PGlite's WebAssembly is compiled once per process; so
 * later sandboxes start in a fraction of an empty PGlite's start-up.
 */
export async function createTestSandbox(options: TestSandboxOptions = {}): Promise<TestSandbox> {
  const dataset = { seed: options.seed ?? DEFAULT_DATASET.seed, scale: options.scale ?? DEFAULT_DATASET.scale, asOf: options.asOf ?? DEFAULT_DATASET.asOf };
  const snapshot = await seededSnapshot(dataset, options.snapshotDir);
  const db = new Database(await PgliteDriver.open({ dataDir: 'memory://', snapshot }));
  const settings = loadSettings({ env: {}, overrides: { embeddings: 'none', dataDir: 'memory://', ...options.embeddings } });
  const app = await openZava({ settings, database: db, embedPending: settings.embeddings !== 'none', logger: createLogger('error', () => undefined) });
  try {
    const openSession = (stores: string | readonly string[]) => app.openSession(parseStoreBinding(typeof stores === 'string' ? stores : stores.join(',')));
    const bound = await openSession(options.stores ?? 'seattle');
    const server = app.createServer(bound, { principal: { kind: 'in-process', name: 'sandbox', binding: parseStoreBinding(bound.storeIds.join(',')) }, sessionId: randomUUID() });
    const client = await connectInProcessClient(server, 'zava-test-sandbox');
    return {
      client,
      session: openSession,
      sql: async <R,>(text: string, as: SqlRole) => {
        if ('admin' in as) return (await db.query<R>(text)).rows;
        const result = await runModelSql(await openSession(as.store), text, { rowLimit: settings.rowLimit, byteLimit: settings.byteLimit });
        return result.rows as R[];
      },
      reset: () => db.transaction({ role: 'owner' }, resetToPristine),
      close: async () => {
        await client.close();
        await server.close();
        await app.close();
        await db.close();
      },
    };
  } catch (error) {
    await app.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw error;
  }
}
